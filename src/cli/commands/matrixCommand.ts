import type { Command } from 'commander';
import type { CheckpointMode } from '../../checkpoint/types.ts';
import { entryAgrees } from '../../matrix/EntryAgreement.ts';
import { MODES, SINKS, SOURCES } from '../../matrix/ExpectedTable.ts';
import { collectCaseTimelines } from '../../report/CaseTimelines.ts';
import { reportAgrees } from '../../report/ReportMerger.ts';
import type { CliIo } from '../CliIo.ts';
import { disagreementLines } from '../EntryLines.ts';
import { DEFAULT_MATRIX_MODULE, loadMatrixApi } from '../MatrixApi.ts';
import { startMatrixPool } from '../MatrixPool.ts';
import { MatrixProgress, progressStyle } from '../MatrixProgress.ts';
import { DEFAULT_RUNS, DEFAULT_SEED, runMatrixReport } from '../MatrixRun.ts';
import { makeOutputDirectory } from '../OutputDirectory.ts';
import { parseModes } from '../parseModes.ts';
import { parsePositiveInt, parseSeed } from '../parseSeed.ts';
import { parseShard, type Shard, shardOf } from '../parseShard.ts';
import { runRealRows } from '../RealRows.ts';
import { writeReportFiles } from '../ReportFiles.ts';
import { UsageError } from '../UsageError.ts';
import { VerdictExit } from '../VerdictExit.ts';

interface MatrixFlags {
  modes?: CheckpointMode[];
  runs: number;
  seed: number;
  out: string;
  workers: number;
  shard?: Shard;
  json?: boolean;
  real?: boolean;
}

/**
 * `streamproof matrix`: every source x sink x mode entry against the table,
 * written as consistency.json, .md and .html; exit code 1 when any entry
 * disagrees (does not hold, or is not tight).
 */
export function registerMatrixCommand(program: Command, io: CliIo, module: string): void {
  program
    .command('matrix')
    .description('check every cell of the consistency table in every checkpoint mode and write the reports')
    .option(
      '--modes <list>',
      'checkpoint modes, comma-separated: aligned,unaligned,at-least-once',
      parseModes,
    )
    .option('--runs <n>', 'runs of the holds property per entry', parsePositiveInt, DEFAULT_RUNS)
    .option('--seed <n>', 'master seed, an integer from 0 to 4294967295', parseSeed, DEFAULT_SEED)
    .option('--out <dir>', 'where to write consistency.json, .md and .html', 'reports')
    .option('--workers <n>', 'worker threads (results do not depend on it)', parsePositiveInt, 1)
    .option('--shard <i/n>', 'run only shard i of n (merge with streamproof report --merge)', parseShard)
    .option('--json', 'print the report as JSON on stdout, no progress')
    .option(
      '--real',
      'also run the real-system rows: Kafka, PostgreSQL and Redis on 127.0.0.1 (about 2 minutes)',
    )
    .action(async (flags: MatrixFlags) => {
      // Before the run, not after it: an --out that cannot be made fails at once.
      const cannot = makeOutputDirectory(flags.out);
      if (cannot !== undefined) {
        throw new UsageError(
          `--out ${flags.out}: ${cannot}; give a directory you can write, e.g. --out reports`,
        );
      }
      // The worker threads start loading their code while this thread loads the simulation.
      const pool =
        flags.workers > 1 && module === DEFAULT_MATRIX_MODULE
          ? startMatrixPool(Math.min(flags.workers, shippedCells(flags)))
          : undefined;
      try {
        await runMatrixCommand(flags, io, module, pool);
      } finally {
        await (await pool)?.close();
      }
    });
}

/** How many entries of the shipped matrix the flags select (its cells are source x sink x mode). */
function shippedCells(flags: MatrixFlags): number {
  const cells = SOURCES.length * SINKS.length * (flags.modes?.length ?? MODES.length);
  return flags.shard === undefined ? cells : Math.ceil(cells / flags.shard.count);
}

async function runMatrixCommand(
  flags: MatrixFlags,
  io: CliIo,
  module: string,
  pool: ReturnType<typeof startMatrixPool> | undefined,
): Promise<void> {
  const api = await loadMatrixApi(module);
  const cells = api.matrixCells(flags.modes);
  const total = shardOf(cells, flags.shard).length;
  const progress = new MatrixProgress(progressStyle(flags.json === true, io), total, io);
  let report: Awaited<ReturnType<typeof runMatrixReport>>;
  try {
    report = await runMatrixReport(
      api,
      {
        cells,
        runs: flags.runs,
        seed: flags.seed,
        ...(flags.shard === undefined ? {} : { shard: flags.shard }),
        workers: flags.workers,
        module,
        ...(pool === undefined ? {} : { pool }),
      },
      (entry) => progress.entryDone(entry),
    );
  } finally {
    progress.stop();
  }
  if (flags.real) {
    const real = await runRealRows(flags.seed, flags.out, (line) => {
      if (!flags.json) io.out(line);
    });
    report = { ...report, real, agrees: reportAgrees(report.entries, real) };
  }
  const timelines = collectCaseTimelines(report, (scenario) => api.replayCase(scenario, { keepTrace: true }));
  const files = writeReportFiles(report, flags.out, timelines);
  const failures = report.entries.flatMap((e) =>
    disagreementLines(e, { seed: report.seed, runs: report.runs }),
  );
  if (flags.json) {
    io.out(JSON.stringify(report));
    for (const line of failures) io.err(line);
  } else {
    const disagree = report.entries.filter((e) => !entryAgrees(e)).length;
    const known = report.entries.filter((e) => entryAgrees(e) && !e.holds).length;
    io.out(
      `${report.entries.length} entries, seed ${report.seed}, ${report.runs} runs each, ${(report.millis / 1000).toFixed(1)} s: ` +
        (report.agrees
          ? known === 0
            ? 'every entry agrees with the table'
            : `${report.entries.length - known} agree with the table, ${known} are documented findings (the table is optimistic there)`
          : `${disagree} disagree with the table${known === 0 ? '' : `; ${known} documented finding(s)`}`),
    );
    for (const line of failures) io.out(line);
    io.out(`wrote ${files.json}, ${files.md}, ${files.html}`);
  }
  if (!report.agrees) throw new VerdictExit(1);
}
