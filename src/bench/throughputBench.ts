import { computeDefaultMaxParallelism } from '../runtime/execution/EnvironmentConfig.ts';
import { runBaselineLoop } from './BaselineLoop.ts';
import { CANONICAL } from './CanonicalListAppendJob.ts';
import type { JobSizeResult } from './jobSizeBench.ts';
import { measureRepeats, type RepeatOptions, ratePerSecond } from './RepeatedMeasurement.ts';
import type { Spread } from './types.ts';

export interface ThroughputResult {
  readonly recordsPerSecond: Spread;
  /** Records per second of this process's CPU time. */
  readonly recordsPerCpuSecond: Spread;
  readonly baselineRecordsPerSecond: Spread;
  readonly baselineMs: Spread;
  /** Runtime time / loop time: the median ratio, bounded by the extreme pairings of repeats. */
  readonly ratioToBaseline: Spread;
}

/**
 * recordsPerSecond of the canonical job (from its measured runs) side by side
 * with the bare loop over the same input, and their ratio.
 */
export function benchThroughput(job: JobSizeResult, options: RepeatOptions): ThroughputResult {
  const { partitions } = job.job;
  const parallelism = CANONICAL.parallelism;
  const maxParallelism = computeDefaultMaxParallelism(parallelism);
  const { wallMs: baselineMs } = measureRepeats(
    `bare loop, ${job.records} records`,
    () => {
      const outputs = runBaselineLoop(partitions, maxParallelism, parallelism);
      if (outputs.length !== job.records) throw new Error('bare loop lost records');
    },
    options,
  );
  const runtimeMs = job.wallMs;
  return {
    recordsPerSecond: ratePerSecond(job.records, runtimeMs),
    recordsPerCpuSecond: ratePerSecond(job.records, job.cpuMs),
    baselineRecordsPerSecond: ratePerSecond(job.records, baselineMs),
    baselineMs,
    ratioToBaseline: {
      min: runtimeMs.min / baselineMs.max,
      median: runtimeMs.median / baselineMs.median,
      max: runtimeMs.max / baselineMs.min,
    },
  };
}
