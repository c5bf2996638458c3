import {
  buildListAppendJob,
  type ListAppendRun,
  runListAppendScenario,
} from '../checkpoint/ListAppendScenario.ts';
import { buildTimeline } from '../report/TimelineBuilder.ts';
import type { Timeline } from '../report/types.ts';
import { judgeListAppendRun, type ListAppendJudgement } from './ListAppendJudgement.ts';
import type { ListAppendJobScenario } from './scenario/types.ts';

export interface ListAppendCaseResult {
  readonly run: ListAppendRun;
  readonly judgement: ListAppendJudgement;
  readonly timeline?: Timeline;
}

/** A list-append scenario's case path: its scheduler choices, fast-check style ("0:2:1"). */
export function choicesToPath(choices: readonly number[]): string {
  return choices.join(':');
}

/** One line describing a list-append job, for run and replay headers. */
export function describeListAppendJob(s: ListAppendJobScenario): string {
  const j = s.job;
  const crashes = j.crashes?.length ?? 0;
  const savepoints = j.savepoints?.length ?? 0;
  return (
    `list-append job, ${j.records} records, ${j.keys} keys, ${j.partitions} partitions, ` +
    `${j.sourceParallelism} source -> ${j.appendParallelism} append subtasks, ${j.mode} checkpoints every ${j.checkpointInterval} ms, ` +
    `${crashes} crash${crashes === 1 ? '' : 'es'}${savepoints === 0 ? '' : `, ${savepoints} savepoint(s)`}`
  );
}

/**
 * Runs one list-append case (scenario, seed, choices) and judges it; with `timeline`, keeps the trace
 * for one; with `digests`, records checkpoint digests (a history to be written out).
 */
export function runListAppendCase(
  scenario: ListAppendJobScenario,
  seed: number,
  choices: readonly number[],
  options: { timeline?: boolean; digests?: boolean } = {},
): ListAppendCaseResult {
  const run = runListAppendScenario(scenario.job, {
    seed,
    choices,
    ...(options.timeline ? { keepTrace: true } : {}),
    ...(options.digests ? { digests: true } : {}),
  });
  const judgement = judgeListAppendRun(run, scenario);
  if (!options.timeline) return { run, judgement };
  const vertexNames: Record<number, string> = {};
  for (const t of buildListAppendJob(scenario.job, seed).env.transformations) vertexNames[t.id] = t.name;
  const history = { ...run.history, final: run.finalState };
  return { run, judgement, timeline: buildTimeline(history, run.result.trace.events ?? [], { vertexNames }) };
}
