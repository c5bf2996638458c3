import { type ListAppendScenario, runListAppendScenario } from '../checkpoint/ListAppendScenario.ts';
import { measureRepeats, type RepeatOptions, ratePerSecond } from './RepeatedMeasurement.ts';
import type { Spread } from './types.ts';

/**
 * The 1000-record list-append scenario with one crash and one restore (the
 * job the issue compares with a Flink MiniCluster run: parallelism 2, keyed
 * list append, checkpoints every 100 ms, one failure, restore from the latest
 * checkpoint), run end to end through the scenario runner, history included.
 */
export const CRASH_SCENARIO: ListAppendScenario = {
  records: 1000,
  keys: 10,
  partitions: 4,
  sourceParallelism: 2,
  appendParallelism: 2,
  mode: 'aligned',
  checkpointInterval: 100,
  // About 2,050 steps process the 1000 records without a crash; at step 1500 checkpoints have completed,
  // and the restarted job replays what came after the latest (a run then takes about 3,500 steps).
  crashes: [{ atStep: 1500 }],
};

export interface ScenarioBenchResult {
  /** Runs per second once V8 has compiled the hot path (the repeats after the first runs). */
  readonly runsPerSecond: Spread;
  /** How many runs the process made first, timed as one figure of their own (and not in the repeats). */
  readonly firstRuns: number;
  /** Runs per second of those first runs: the JIT compiling while they run, as in a short fresh process. */
  readonly firstRunsPerSecond: number;
  /** Runs per second of this process's CPU time. */
  readonly runsPerCpuSecond: Spread;
  readonly runsPerRepeat: number;
  /** Runs (of one repeat's seeds) that restarted once and restored from a completed checkpoint. */
  readonly restoredFromCheckpoint: number;
}

/** Runs the scenario for `runs` seeds; returns how many of them restarted once from a completed checkpoint. */
function runSeeds(runs: number): number {
  let restoredFromCheckpoint = 0;
  for (let seed = 0; seed < runs; seed++) {
    const run = runListAppendScenario(CRASH_SCENARIO, { seed });
    if (run.history.outcome !== 'finished') {
      throw new Error(`crash scenario, seed ${seed}: ended ${run.history.outcome}`);
    }
    const restarts = run.result.restarts;
    if (restarts.length === 1 && restarts[0]?.restoredFrom !== undefined) restoredFromCheckpoint++;
  }
  return restoredFromCheckpoint;
}

/**
 * Scenario runs per second. The process first runs the scenario `firstRuns` times, timed as a
 * figure of its own: V8 compiles the hot path during roughly the first thousand runs (200-run
 * repeats rose from about 400 to 1,100 runs/s over the first five), so a median over repeats that
 * start earlier measures the compiler as much as the scenario. Then one repeat runs the scenario
 * once for each of `runsPerRepeat` seeds.
 */
export function benchScenario(
  runsPerRepeat: number,
  options: RepeatOptions,
  firstRuns: number,
): ScenarioBenchResult {
  const started = process.hrtime.bigint();
  runSeeds(firstRuns);
  const firstMs = Number(process.hrtime.bigint() - started) / 1e6;
  let restoredFromCheckpoint = 0;
  const { wallMs, cpuMs } = measureRepeats(
    'crash-and-restore scenario',
    () => {
      restoredFromCheckpoint = runSeeds(runsPerRepeat);
    },
    options,
  );
  return {
    firstRuns,
    firstRunsPerSecond: (firstRuns * 1000) / firstMs,
    runsPerSecond: ratePerSecond(runsPerRepeat, wallMs),
    runsPerCpuSecond: ratePerSecond(runsPerRepeat, cpuMs),
    runsPerRepeat,
    restoredFromCheckpoint,
  };
}
