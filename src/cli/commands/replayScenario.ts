import { existsSync } from 'node:fs';
import type { GuaranteeLevel } from '../../check/GuaranteeChecker.ts';
import { withDefect } from '../../matrix/BugCatalogue.ts';
import type { MatrixCase } from '../../matrix/MatrixScenario.ts';
import type { BugReport, Counterexample, MatrixEntryResult } from '../../matrix/types.ts';
import { DEFAULT_REPORT_FILE } from '../../report/ReplayCommand.ts';
import { buildTimeline } from '../../report/TimelineBuilder.ts';
import { formatTimeline } from '../../report/TimelineText.ts';
import type { DefectName } from '../../runtime/execution/Defects.ts';
import { runProducerConsumerDemo } from '../../sim/ProducerConsumerDemo.ts';
import type { CliIo } from '../CliIo.ts';
import { judgeHistory, judgementLines } from '../HistoryJudgement.ts';
import { readJsonFile } from '../JsonFile.ts';
import { describeListAppendJob, runListAppendCase } from '../ListAppendCase.ts';
import { loadMatrixApi, type MatrixApi } from '../MatrixApi.ts';
import { loadReport } from '../ReportLoader.ts';
import { ScenarioError } from '../scenario/ScenarioError.ts';
import { loadScenario } from '../scenario/ScenarioLoader.ts';
import type { CaseScenario, LoadedScenario, MatrixEntryScenario } from '../scenario/types.ts';
import { UsageError } from '../UsageError.ts';
import { VerdictExit } from '../VerdictExit.ts';

export interface ReplayFlags {
  seed: number;
  path: string;
  report: string;
  records: boolean;
  json?: boolean;
  defect?: DefectName;
  workload?: 'list-append' | 'event-time-buffer';
}

/** Where `streamproof bugs` writes its report unless told otherwise. */
const DEFAULT_BUG_REPORT_FILE = 'reports/bugs.json';

/** The recorded trace hash of a seeded bug's counterexample in a bugs.json, when it has this case. */
function recordedBugHash(file: string, defect: DefectName, flags: ReplayFlags): string | undefined {
  if (!existsSync(file)) return undefined;
  const report = readJsonFile(file, 'bug report', (m) => new UsageError(m)) as Partial<BugReport>;
  const c = report.bugs?.find((b) => b.defect === defect)?.counterexample;
  return c !== undefined && c.seed === flags.seed && c.path === flags.path ? c.traceHash : undefined;
}

/** A case path: colon-separated small integers, fast-check style ("0:2:1"); empty = none. */
export function parsePath(value: string): number[] {
  if (value.trim() === '') return [];
  if (!/^\d+(:\d+)*$/.test(value.trim())) {
    throw new UsageError(
      `--path '${value}' is not a case path; expected colon-separated integers, e.g. --path 0:2:1`,
    );
  }
  return value.trim().split(':').map(Number);
}

interface CaseData {
  readonly data: unknown;
  readonly expected?: GuaranteeLevel;
  readonly recordedHash?: string;
  readonly what: string;
}

/** The recorded case of a report, when the report has it: for its trace hash and summary. */
function recordedCase(
  file: string,
  id: string,
  flags: ReplayFlags,
): { entry: MatrixEntryResult; c: Counterexample; role: string } | undefined {
  if (!existsSync(file)) return undefined;
  const entry = loadReport(file).entries.find((e) => e.id === id);
  for (const role of ['violation', 'counterexample'] as const) {
    const c = entry?.[role];
    if (entry !== undefined && c !== undefined && c.seed === flags.seed && c.path === flags.path) {
      return { entry, c, role: role === 'violation' ? 'finding' : 'tightness counterexample' };
    }
  }
  return undefined;
}

function caseOfEntry(api: MatrixApi, s: MatrixEntryScenario, flags: ReplayFlags): CaseData {
  const cell = { source: s.source, sink: s.sink, mode: s.mode };
  const id = `${s.source}/${s.sink}/${s.mode}`;
  let data: unknown;
  try {
    data = api.caseAt(cell, flags.seed, flags.path);
  } catch (error) {
    throw new ScenarioError(
      `entry ${id} has no case at seed ${flags.seed} path ${flags.path === '' ? "''" : flags.path}: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  if (flags.defect !== undefined || flags.workload !== undefined) {
    // A seeded bug's case (or a case of another workload): the same generated case, changed as the bug catalogue does.
    let changed =
      flags.defect === undefined ? (data as MatrixCase) : withDefect(data as MatrixCase, flags.defect);
    if (flags.workload !== undefined) {
      const { workload: _, ...rest } = changed;
      changed = flags.workload === 'list-append' ? rest : { ...rest, workload: flags.workload };
    }
    const workload = changed.workload ?? 'list-append';
    const bugFile = flags.report === DEFAULT_REPORT_FILE ? DEFAULT_BUG_REPORT_FILE : flags.report;
    const recordedHash =
      flags.defect === undefined ? undefined : recordedBugHash(bugFile, flags.defect, flags);
    return {
      data: changed,
      expected: api.expectedLevel(cell),
      ...(recordedHash === undefined ? {} : { recordedHash }),
      what: `${id} case${flags.defect === undefined ? '' : ` with the seeded bug ${flags.defect}`} (${workload})${recordedHash === undefined ? '' : ` (recorded in ${bugFile})`}`,
    };
  }
  const recorded = recordedCase(flags.report, id, flags);
  return {
    data,
    expected: api.expectedLevel(cell),
    ...(recorded === undefined ? {} : { recordedHash: recorded.c.traceHash }),
    what:
      recorded === undefined
        ? `${id} case`
        : `${id} ${recorded.role}: ${recorded.c.summary} (recorded in ${flags.report})`,
  };
}

function caseFromFile(loaded: LoadedScenario, s: CaseScenario, flags: ReplayFlags): CaseData {
  if (s.seed !== undefined && s.seed !== flags.seed) {
    throw new ScenarioError(`case ${loaded.file} was recorded with seed ${s.seed}, not ${flags.seed}`);
  }
  if (s.path !== undefined && s.path !== flags.path) {
    throw new ScenarioError(`case ${loaded.file} was recorded with path ${s.path}, not ${flags.path}`);
  }
  return {
    data: s.case,
    ...(s.expect === undefined ? {} : { expected: s.expect }),
    ...(s.traceHash === undefined ? {} : { recordedHash: s.traceHash }),
    what: `${s.entry ?? loaded.name} case${s.description ? `: ${s.description}` : ''}`,
  };
}

/** The --json output of a replay: which case (scenario, seed, path), then what it did. */
function replayJson(loaded: LoadedScenario, flags: ReplayFlags, replay: Record<string, unknown>): string {
  return JSON.stringify({ scenario: loaded.name, seed: flags.seed, path: flags.path, ...replay });
}

/**
 * What `streamproof replay` does once its flags are parsed (see
 * replayCommand.ts). In its own module, loaded when the command runs, so
 * that the CLI starts without the simulation (see main.ts).
 */
export async function replayScenarioCommand(
  ref: string,
  flags: ReplayFlags,
  io: CliIo,
  module: string,
): Promise<void> {
  const loaded = loadScenario(ref);
  const s = loaded.scenario;
  if ((flags.defect !== undefined || flags.workload !== undefined) && s.kind !== 'matrix-entry') {
    throw new UsageError(
      `--defect and --workload apply to matrix entries (e.g. resettable/2pc/aligned), not to the ${s.kind} scenario ${loaded.name}`,
    );
  }
  if (s.kind === 'demo') {
    const r = runProducerConsumerDemo({
      seed: flags.seed,
      choices: parsePath(flags.path),
      records: s.records ?? 20,
      producers: s.producers ?? 2,
      keepTrace: true,
    });
    for (const e of r.trace.events ?? [])
      io.out(`t=${String(e.time).padStart(6)}  ${e.kind} ${e.a} ${e.b} ${e.c}`);
    io.out(`trace hash ${r.trace.hash}`);
    return;
  }
  if (s.kind === 'list-append') {
    const { run, judgement, timeline } = runListAppendCase(s, flags.seed, parsePath(flags.path), {
      timeline: true,
    });
    if (timeline === undefined) throw new Error('replay: list-append timeline missing');
    if (flags.json) {
      io.out(replayJson(loaded, flags, { timeline, judgement, traceHash: run.history.traceHash }));
    } else {
      io.out(
        `replay ${loaded.name}: ${describeListAppendJob(s)}; seed ${flags.seed}, path ${flags.path === '' ? "''" : flags.path}`,
      );
      for (const line of formatTimeline(timeline, { records: flags.records })) io.out(line);
      io.out(`state (expected ${judgement.expected}): ${judgement.state.explanation}`);
      io.out(`consistent cuts: ${judgement.cuts.explanation}`);
      io.out(`verdict: ${judgement.ok ? 'ok' : 'FAILED'}`);
      io.out(`trace hash ${run.history.traceHash}`);
    }
    if (!judgement.ok) throw new VerdictExit(1);
    return;
  }
  const api = await loadMatrixApi(module);
  const found = s.kind === 'case' ? caseFromFile(loaded, s, flags) : caseOfEntry(api, s, flags);
  const replayed = api.replayCase(found.data, { keepTrace: true });
  const timeline = buildTimeline(
    replayed.history,
    replayed.events,
    replayed.vertexNames === undefined ? {} : { vertexNames: replayed.vertexNames },
  );
  const expected = found.expected;
  const judgement = judgeHistory(replayed.history, expected);
  const diverged = found.recordedHash !== undefined && found.recordedHash !== replayed.traceHash;
  if (flags.json) {
    io.out(
      replayJson(loaded, flags, {
        timeline,
        judgement,
        traceHash: replayed.traceHash,
        recordedTraceHash: found.recordedHash,
      }),
    );
  } else {
    io.out(`replay ${found.what}`);
    io.out(`seed ${flags.seed}, path ${flags.path === '' ? "''" : flags.path}`);
    for (const line of formatTimeline(timeline, { records: flags.records })) io.out(line);
    for (const line of judgementLines(judgement)) io.out(line);
    io.out(
      `trace hash ${replayed.traceHash}${found.recordedHash === undefined ? '' : diverged ? ` DIFFERS from the recorded ${found.recordedHash}: the run is not reproducible` : ' (as recorded)'}`,
    );
  }
  if (diverged || judgement.problems.length > 0) throw new VerdictExit(1);
}
