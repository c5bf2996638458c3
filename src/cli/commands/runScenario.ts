import { writeFileSync } from 'node:fs';
import type { MatrixCell } from '../../matrix/types.ts';
import { collectCaseTimelines } from '../../report/CaseTimelines.ts';
import { replayCommand } from '../../report/ReplayCommand.ts';
import { runProducerConsumerDemo } from '../../sim/ProducerConsumerDemo.ts';
import { caseReplayCommand } from '../CaseReplayCommand.ts';
import type { CliIo } from '../CliIo.ts';
import { disagreementLines, entryLine } from '../EntryLines.ts';
import { judgeHistory, judgementLines } from '../HistoryJudgement.ts';
import { choicesToPath, describeListAppendJob, runListAppendCase } from '../ListAppendCase.ts';
import { loadMatrixApi } from '../MatrixApi.ts';
import { DEFAULT_RUNS, DEFAULT_SEED, runMatrixReport } from '../MatrixRun.ts';
import { writeReportFiles } from '../ReportFiles.ts';
import { loadScenario, namedScenarios } from '../scenario/ScenarioLoader.ts';
import type {
  CaseScenario,
  DemoScenario,
  ListAppendJobScenario,
  LoadedScenario,
  MatrixEntryScenario,
} from '../scenario/types.ts';

export interface RunFlags {
  seed: number;
  records: number;
  producers: number;
  choices: number[];
  json?: boolean;
  trace?: boolean;
  timeline?: boolean;
  history?: string;
  list?: boolean;
  runs?: number;
  out: string;
}

function runDemo(
  loaded: LoadedScenario,
  s: DemoScenario,
  flags: RunFlags,
  given: (f: string) => boolean,
  io: CliIo,
) {
  const records = given('records') ? flags.records : (s.records ?? flags.records);
  const producers = given('producers') ? flags.producers : (s.producers ?? flags.producers);
  const result = runProducerConsumerDemo({
    seed: given('seed') ? flags.seed : (s.seed ?? flags.seed),
    choices: given('choices') ? flags.choices : (s.choices ?? []),
    records,
    producers,
    keepTrace: flags.trace === true,
  });
  if (flags.json) {
    io.out(JSON.stringify(result));
    return 0;
  }
  if (flags.trace) {
    for (const e of result.trace.events ?? []) {
      io.out(
        `${String(e.index).padStart(5)}  t=${String(e.time).padStart(5)}  ${e.kind} ${e.a} ${e.b} ${e.c}`,
      );
    }
  }
  io.out(
    `scenario ${loaded.name}: seed ${result.seed}, ${producers} producers x ${records} records, ` +
      `${result.steps} steps, ${result.choicesTaken} choices, ended at t=${result.endTime}ms`,
  );
  io.out(`trace hash ${result.trace.hash}`);
  return 0;
}

function runListAppend(
  loaded: LoadedScenario,
  s: ListAppendJobScenario,
  flags: RunFlags,
  given: (f: string) => boolean,
  io: CliIo,
) {
  const seed = given('seed') ? flags.seed : (s.seed ?? flags.seed);
  const choices = given('choices') ? flags.choices : (s.choices ?? []);
  const {
    run,
    judgement: j,
    timeline,
  } = runListAppendCase(s, seed, choices, {
    timeline: flags.timeline === true,
    digests: flags.history !== undefined,
  });
  const path = choicesToPath(choices);
  const replay = caseReplayCommand(loaded, seed, path);
  if (flags.history !== undefined) {
    writeFileSync(flags.history, `${JSON.stringify({ ...run.history, final: run.finalState }, null, 2)}\n`);
  }
  if (flags.json) {
    io.out(
      JSON.stringify({
        scenario: loaded.name,
        kind: s.kind,
        seed,
        path,
        ok: j.ok,
        expected: j.expected,
        state: j.state,
        cuts: j.cuts,
        status: run.result.status,
        traceHash: run.history.traceHash,
        ...(j.ok ? {} : { replay }),
      }),
    );
    return j.ok ? 0 : 1;
  }
  const completed = run.history.checkpoints.filter((c) => c.status === 'completed').length;
  const aborted = run.history.checkpoints.length - completed;
  io.out(`scenario ${loaded.name}: ${describeListAppendJob(s)}; seed ${seed}`);
  if (timeline !== undefined) {
    const labels = new Map(timeline.lanes.map((l) => [l.id, l.label]));
    for (const m of timeline.marks)
      io.out(`  t=${String(m.time).padStart(5)} ${labels.get(m.lane)}: ${m.detail}`);
  }
  io.out(
    `job ${run.result.status} after ${run.history.restarts.length} restart(s); checkpoints: ${completed} completed, ${aborted} aborted`,
  );
  io.out(`state (expected ${j.expected}): ${j.state.explanation}`);
  io.out(
    `consistent cuts: ${j.cuts.explanation}${j.cutsRequired || j.cuts.ok ? '' : ' (not required without alignment)'}`,
  );
  io.out(`trace hash ${run.history.traceHash}`);
  if (!j.ok) {
    io.out(
      `FAILED: ${j.stateHolds ? 'a completed checkpoint is not a consistent cut' : `the state is ${j.state.level}, expected ${j.expected}`}`,
    );
    io.out(`  seed ${seed}, path ${path === '' ? "'' (no scheduler choices: the seed decides)" : path}`);
    io.out(`  replay: ${replay}`);
    return 1;
  }
  return 0;
}

async function runMatrixEntryScenario(
  loaded: LoadedScenario,
  s: MatrixEntryScenario,
  flags: RunFlags,
  given: (f: string) => boolean,
  io: CliIo,
  module: string,
) {
  const api = await loadMatrixApi(module);
  const seed = given('seed') ? flags.seed : (s.seed ?? DEFAULT_SEED);
  const runs = flags.runs ?? s.runs ?? DEFAULT_RUNS;
  const only = (c: MatrixCell) => c.source === s.source && c.sink === s.sink && c.mode === s.mode;
  const report = await runMatrixReport(api, { only, runs, seed, workers: 1, module }, () => {});
  const timelines = collectCaseTimelines(report, (scenario) => api.replayCase(scenario, { keepTrace: true }));
  const files = writeReportFiles(report, flags.out, timelines, `${loaded.name}.consistency`);
  if (flags.json) io.out(JSON.stringify(report));
  else {
    for (const e of report.entries) {
      io.out(entryLine(e, 1, 1));
      if (e.counterexample !== undefined) {
        io.out(`  tight: ${e.counterexample.summary}`);
        io.out(`  seed ${e.counterexample.seed}, path ${e.counterexample.path}`);
        io.out(`  replay: ${replayCommand(e.id, e.counterexample)}`);
      }
      if (e.transient !== undefined) io.out(`  temporary inconsistency: ${e.transient}`);
    }
  }
  const print = flags.json ? io.err : io.out;
  for (const e of report.entries) for (const line of disagreementLines(e, { seed, runs })) print(line);
  if (!flags.json) io.out(`wrote ${files.json}, ${files.md}, ${files.html}`);
  return report.agrees ? 0 : 1;
}

async function runCaseScenario(
  loaded: LoadedScenario,
  s: CaseScenario,
  flags: RunFlags,
  io: CliIo,
  module: string,
) {
  const api = await loadMatrixApi(module);
  const replayed = api.replayCase(s.case, { keepTrace: false });
  const j = judgeHistory(replayed.history, s.expect);
  const diverged = s.traceHash !== undefined && s.traceHash !== replayed.traceHash;
  if (flags.json) {
    io.out(
      JSON.stringify({
        scenario: loaded.name,
        ...j,
        traceHash: replayed.traceHash,
        recordedTraceHash: s.traceHash,
      }),
    );
  } else {
    io.out(`scenario ${loaded.name}: ${s.entry ?? 'case'}${s.description ? `: ${s.description}` : ''}`);
    for (const line of judgementLines(j)) io.out(line);
    io.out(`trace hash ${replayed.traceHash}${diverged ? ` DIFFERS from the recorded ${s.traceHash}` : ''}`);
  }
  const failed = diverged || j.problems.length > 0;
  if (failed && s.seed !== undefined) {
    io.out(`  seed ${s.seed}, path ${s.path ?? "''"}`);
    io.out(`  replay: ${caseReplayCommand(loaded, s.seed, s.path ?? '')}`);
  }
  return failed ? 1 : 0;
}

/**
 * What `streamproof run` does once its flags are parsed: lists the named
 * scenarios, or runs one of any kind; returns the exit code. In its own
 * module, loaded when the command runs, so that the CLI starts without the
 * simulation (see main.ts).
 */
export async function runScenarioCommand(
  ref: string,
  flags: RunFlags,
  given: (flag: string) => boolean,
  io: CliIo,
  module: string,
): Promise<number> {
  if (flags.list) {
    for (const name of namedScenarios()) {
      const d = loadScenario(name).scenario.description ?? '';
      io.out(`${name.padEnd(40)} ${d}`);
    }
    return 0;
  }
  const loaded = loadScenario(ref);
  const s = loaded.scenario;
  let code: number;
  switch (s.kind) {
    case 'demo':
      code = runDemo(loaded, s, flags, given, io);
      break;
    case 'list-append':
      code = runListAppend(loaded, s, flags, given, io);
      break;
    case 'matrix-entry':
      code = await runMatrixEntryScenario(loaded, s, flags, given, io, module);
      break;
    case 'case':
      code = await runCaseScenario(loaded, s, flags, io, module);
      break;
  }
  return code;
}
