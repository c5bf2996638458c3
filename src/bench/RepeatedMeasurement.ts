import { Bench } from 'tinybench';
import type { Spread } from './types.ts';

export interface RepeatOptions {
  /** Measured repeats; every figure is reported as min / median / max over them. */
  readonly repeats: number;
  /** Unmeasured runs first, so the JIT has compiled the hot path. */
  readonly warmups: number;
}

/** Wall time and this process's CPU time (user + system) of the repeats, in ms. */
export interface Measured {
  readonly wallMs: Spread;
  /** Less affected than wall time by other work on a shared machine (it still counts GC threads). */
  readonly cpuMs: Spread;
}

/**
 * Times `fn` over repeats, after warm-up runs, with tinybench (synchronously:
 * the simulation core never awaits). One repeat is one call of `fn`;
 * benchmarks batch several runs into one call when a single run is too short
 * to time.
 */
export function measureRepeats(
  name: string,
  fn: () => void,
  options: RepeatOptions,
  /** Runs after each repeat, outside the timed window: checks of what the repeat did. */
  afterEach?: () => void,
): Measured {
  const cpu: number[] = [];
  let measuring = false;
  const bench = new Bench({
    iterations: options.repeats,
    time: 0,
    warmup: options.warmups > 0,
    warmupIterations: options.warmups,
    warmupTime: 0,
    throws: true,
    retainSamples: true,
  });
  bench.add(
    name,
    () => {
      const before = process.cpuUsage();
      fn();
      const used = process.cpuUsage(before);
      if (measuring) cpu.push((used.user + used.system) / 1000);
    },
    {
      // Said, not detected: tinybench detects it by calling the function once more, untimed (a
      // whole extra run of a one-second job per figure).
      async: false,
      beforeAll: (mode) => {
        measuring = mode === 'run';
      },
      ...(afterEach === undefined ? {} : { afterEach }),
    },
  );
  const [task] = bench.runSync();
  const result = task?.result;
  if (result === undefined || !('latency' in result)) {
    throw new Error(`benchmark ${name} did not complete (${result?.state ?? 'no result'})`);
  }
  const samples = result.latency.samples ?? [result.latency.min];
  return { wallMs: spreadOf(samples), cpuMs: spreadOf(cpu) };
}

/** Min, median and max of some numbers. */
export function spreadOf(values: readonly number[]): Spread {
  if (values.length === 0) throw new RangeError('spreadOf: no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median =
    sorted.length % 2 === 1
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { min: sorted[0] as number, median, max: sorted[sorted.length - 1] as number };
}

/** A rate (things per second) from a duration in ms: the fastest repeat gives the highest rate. */
export function ratePerSecond(count: number, ms: Spread): Spread {
  return { min: (count * 1000) / ms.max, median: (count * 1000) / ms.median, max: (count * 1000) / ms.min };
}
