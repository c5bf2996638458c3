import { computeDefaultMaxParallelism } from '../runtime/execution/EnvironmentConfig.ts';
import { runBaselineLoop } from './BaselineLoop.ts';
import { CANONICAL, type CanonicalJob } from './CanonicalListAppendJob.ts';
import type { InterleavedTask } from './InterleavedMeasurement.ts';
import type { JobSizeFigures } from './jobSizeBench.ts';
import { type Measured, ratePerSecond } from './RepeatedMeasurement.ts';
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
 * The bare loop over the job's input, as a task measured beside the job's
 * runs (interleaved with them, so both see the host alike). It fails when the
 * loop does not emit one output per input record.
 */
export function baselineLoopTask(job: CanonicalJob): InterleavedTask {
  const parallelism = CANONICAL.parallelism;
  const maxParallelism = computeDefaultMaxParallelism(parallelism);
  return {
    name: `bare loop, ${job.records} records`,
    callsPerRound: 1,
    fn: () => {
      const outputs = runBaselineLoop(job.partitions, maxParallelism, parallelism);
      if (outputs.length !== job.records) throw new Error('bare loop lost records');
    },
  };
}

/** recordsPerSecond of the canonical job (from its measured runs) beside the bare loop's, and their ratio. */
export function throughputOf(job: JobSizeFigures, baseline: Measured): ThroughputResult {
  const runtimeMs = job.wallMs;
  const baselineMs = baseline.wallMs;
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
