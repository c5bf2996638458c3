import type { Measured } from './RepeatedMeasurement.ts';
import { spreadOf } from './RepeatedMeasurement.ts';

/** One workload of an interleaved measurement. */
export interface InterleavedTask {
  readonly name: string;
  /** Timed calls per round: more for a short workload, so that it gets enough samples. */
  readonly callsPerRound: number;
  /**
   * Untimed calls at the start of the task's turn in every round (default 0).
   * The first calls after another workload pay for what it left: its garbage
   * (after the 1M-record job and the bare loop, the next two 10k-record runs
   * took 1.2-1.7 us a record and the four after them 0.75-1.0), and, after a
   * full collection (beforeRound), V8 compiling again the code the collection
   * deoptimized. A task of many short calls would measure its predecessor.
   */
  readonly settleCalls?: number;
  readonly fn: () => void;
  /** Runs after each call, outside the timed window: checks of what the call did. */
  readonly afterEach?: () => void;
}

export interface InterleavedOptions {
  /** Measured rounds; every figure is min / median / max over the calls of all of them. */
  readonly rounds: number;
  /** Untimed rounds first, so the JIT has compiled every workload. */
  readonly warmupRounds: number;
  /** Runs, untimed, at the start of every round (e.g. a full garbage collection). */
  readonly beforeRound?: () => void;
}

/**
 * Times several workloads round by round: each round calls every task in
 * turn (its `callsPerRound` calls, then the next task's). Measured one after
 * the other instead, a workload whose calls all fit in a fraction of a second
 * (the 10k-record job: 50 calls in 0.3 s) could fall entirely in a fast or a
 * slow spell of a shared host while a longer one spans both, and a comparison
 * of the two (cost growth) measured the host. Interleaved, every spell falls
 * on all of them alike. Returns one figure per task, in the tasks' order.
 */
export function measureInterleaved(
  tasks: readonly InterleavedTask[],
  options: InterleavedOptions,
): Measured[] {
  if (options.rounds < 1) throw new RangeError('measureInterleaved: at least one measured round');
  const wall: number[][] = tasks.map(() => []);
  const cpu: number[][] = tasks.map(() => []);
  for (let round = 0; round < options.warmupRounds + options.rounds; round++) {
    const measured = round >= options.warmupRounds;
    options.beforeRound?.();
    tasks.forEach((task, i) => {
      for (let call = 0; call < (task.settleCalls ?? 0); call++) {
        task.fn();
        task.afterEach?.();
      }
      for (let call = 0; call < task.callsPerRound; call++) {
        const cpuBefore = process.cpuUsage();
        const started = process.hrtime.bigint();
        task.fn();
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        const used = process.cpuUsage(cpuBefore);
        if (measured) {
          wall[i]?.push(ms);
          cpu[i]?.push((used.user + used.system) / 1000);
        }
        task.afterEach?.();
      }
    });
  }
  return tasks.map((_, i) => ({ wallMs: spreadOf(wall[i] ?? []), cpuMs: spreadOf(cpu[i] ?? []) }));
}
