import {
  buildCanonicalJob,
  type CanonicalJob,
  type CanonicalRun,
  type CanonicalRunSummary,
  type CanonicalSink,
  runCanonicalJob,
  summariseCanonicalRun,
} from './CanonicalListAppendJob.ts';
import { measureRepeats, type RepeatOptions } from './RepeatedMeasurement.ts';
import type { Spread } from './types.ts';

export interface JobSizeResult {
  readonly job: CanonicalJob;
  readonly records: number;
  readonly wallMs: Spread;
  readonly cpuMs: Spread;
  readonly run: CanonicalRunSummary;
}

/**
 * Wall time of one run of the canonical job at `records` records. The input
 * is generated once, outside the timed runs; every repeat must finish with
 * every record committed and the same trace hash, or the figure is meaningless.
 */
export function benchJobSize(records: number, sink: CanonicalSink, options: RepeatOptions): JobSizeResult {
  const job = buildCanonicalJob(records, sink);
  let last: CanonicalRunSummary | undefined;
  let current: CanonicalRun | undefined;
  const { wallMs, cpuMs } = measureRepeats(
    `canonical job, ${records} records`,
    () => {
      current = runCanonicalJob(job);
    },
    options,
    () => {
      const run = summariseCanonicalRun(job, current as CanonicalRun);
      current = undefined;
      if (run.status !== 'finished' || run.committed !== records || run.restartCauses.length > 0) {
        throw new Error(
          `canonical job (${records} records) ended ${run.status} with ${run.committed} ids committed`,
        );
      }
      if (last !== undefined && last.traceHash !== run.traceHash) {
        throw new Error(`canonical job is not deterministic: trace ${last.traceHash} then ${run.traceHash}`);
      }
      last = run;
    },
  );
  return { job, records, wallMs, cpuMs, run: last as CanonicalRunSummary };
}
