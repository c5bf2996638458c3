import type { Command } from 'commander';
import { DEFAULT_BUG_RUNS, DEFAULT_BUG_SEED } from '../../matrix/BugHuntDefaults.ts';
import type { DefectName } from '../../runtime/execution/Defects.ts';
import { bugLine, bugProblemLines, bugSummaryLine, controlLine } from '../BugLines.ts';
import { writeBugReportFiles } from '../BugReportFiles.ts';
import { writeBugScenarios } from '../BugScenarios.ts';
import type { CliIo } from '../CliIo.ts';
import { progressStyle } from '../MatrixProgress.ts';
import { parseDefects } from '../parseDefects.ts';
import { parsePositiveInt, parseSeed } from '../parseSeed.ts';
import { VerdictExit } from '../VerdictExit.ts';

interface BugsFlags {
  runs: number;
  seed: number;
  out: string;
  defects?: DefectName[];
  scenarios?: string;
  json?: boolean;
}

/**
 * `streamproof bugs`: hunts every seeded bug (DESIGN §7) with the suite that
 * must catch it, runs the same suites with no bug (controls), and writes
 * bugs.json and bugs.md; exit code 1 when a bug escapes or a control fails.
 */
export function registerBugsCommand(program: Command, io: CliIo): void {
  program
    .command('bugs')
    .description('hunt every seeded bug with the property suites and write bugs.json and bugs.md')
    .option(
      '--runs <n>',
      'run budget of each search and each control suite',
      parsePositiveInt,
      DEFAULT_BUG_RUNS,
    )
    .option('--seed <n>', 'master seed, an integer from 0 to 4294967295', parseSeed, DEFAULT_BUG_SEED)
    .option('--out <dir>', 'where to write bugs.json and bugs.md', 'reports')
    .option('--defects <list>', 'only these seeded bugs, comma-separated (default: all)', parseDefects)
    .option(
      '--scenarios <dir>',
      'also write each counterexample as a regression scenario seeded-bug-<defect>.json there',
    )
    .option('--json', 'print the report as JSON on stdout, no progress')
    .action(async (flags: BugsFlags) => {
      // Loaded when the command runs, not when the CLI starts (see main.ts).
      const { runBugCatalogue } = await import('../../matrix/BugRunner.ts');
      const quiet = progressStyle(flags.json === true, io) === 'quiet';
      const report = runBugCatalogue(
        {
          runs: flags.runs,
          seed: flags.seed,
          stopwatch: () => performance.now(),
          ...(flags.defects === undefined ? {} : { defects: flags.defects }),
        },
        (done) => {
          if (!quiet) io.out('defect' in done ? bugLine(done) : controlLine(done));
        },
      );
      const files = writeBugReportFiles(report, flags.out);
      const scenarios = flags.scenarios === undefined ? [] : writeBugScenarios(report.bugs, flags.scenarios);
      const problems = bugProblemLines(report);
      if (flags.json) {
        io.out(JSON.stringify(report));
        for (const line of problems) io.err(line);
      } else {
        io.out(bugSummaryLine(report));
        for (const line of problems) io.out(line);
        io.out(
          `wrote ${files.json}, ${files.md}${scenarios.length === 0 ? '' : ` and ${scenarios.length} scenarios in ${flags.scenarios}`}`,
        );
      }
      if (!report.ok) throw new VerdictExit(1);
    });
}
