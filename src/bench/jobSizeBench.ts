import {
  buildCanonicalJob,
  type CanonicalJob,
  type CanonicalRun,
  type CanonicalRunSummary,
  type CanonicalSink,
  runCanonicalJob,
  summariseCanonicalRun,
} from './CanonicalListAppendJob.ts';
import { type InterleavedTask, measureInterleaved } from './InterleavedMeasurement.ts';
import type { Measured } from './RepeatedMeasurement.ts';
import type { Spread } from './types.ts';

/** The figures of the canonical job at one size (plain data, as a child process reports them). */
export interface JobSizeFigures {
  readonly records: number;
  readonly wallMs: Spread;
  readonly cpuMs: Spread;
  /** Timed runs behind the figures. */
  readonly runs: number;
  readonly run: CanonicalRunSummary;
}

export interface JobSizeResult extends JobSizeFigures {
  readonly job: CanonicalJob;
}

export interface JobSizeOptions {
  /** Measured rounds; each runs every size in turn (see measureInterleaved). */
  readonly rounds: number;
  readonly warmupRounds: number;
  /** Runs of a size per round: more for the small sizes, whose runs take milliseconds. */
  readonly runsPerRound: (records: number) => number;
  /** Runs, untimed, at the start of every round (see measureInterleaved). */
  readonly beforeRound?: () => void;
}

/** The canonical job at each size, its input generated once (outside every timed run). */
export function buildCanonicalJobs(sizes: readonly number[], sink: CanonicalSink): CanonicalJob[] {
  return sizes.map((records) => buildCanonicalJob(records, sink));
}

/**
 * Wall time of one run of the canonical job at each size, the sizes
 * interleaved round by round so that the cost-growth comparison sees the host
 * alike at every size; `alongside` tasks (the bare loop) are measured in the
 * same rounds, after the sizes. Every run must finish with every record
 * committed and the same trace hash as the size's other runs, or the figure
 * is meaningless.
 */
export function benchJobSizes(
  jobs: readonly CanonicalJob[],
  options: JobSizeOptions,
  alongside: readonly InterleavedTask[] = [],
): { sizes: JobSizeResult[]; alongside: Measured[] } {
  const last: (CanonicalRunSummary | undefined)[] = jobs.map(() => undefined);
  let current: CanonicalRun | undefined;
  const jobTasks: InterleavedTask[] = jobs.map((job, i) => ({
    name: `canonical job, ${job.records} records`,
    callsPerRound: options.runsPerRound(job.records),
    // A size run several times a round is short: its turn starts with four untimed runs (see
    // settleCalls): the round's full collection deoptimizes the hot path and the first runs after it
    // run while V8 compiles it again (6,356, 3,615, 1,199 and 713 ns a 10k record, then about 500).
    settleCalls: options.runsPerRound(job.records) > 1 ? 4 : 0,
    fn: () => {
      current = runCanonicalJob(job);
    },
    afterEach: () => {
      const run = summariseCanonicalRun(job, current as CanonicalRun);
      current = undefined;
      checkRun(job, run, last[i]);
      last[i] = run;
    },
  }));
  const measured = measureInterleaved([...jobTasks, ...alongside], options);
  const sizes = jobs.map((job, i) => {
    const m = measured[i] as (typeof measured)[number];
    return {
      job,
      records: job.records,
      wallMs: m.wallMs,
      cpuMs: m.cpuMs,
      runs: options.rounds * options.runsPerRound(job.records),
      run: last[i] as CanonicalRunSummary,
    };
  });
  return { sizes, alongside: measured.slice(jobs.length) };
}

function checkRun(
  job: CanonicalJob,
  run: CanonicalRunSummary,
  previous: CanonicalRunSummary | undefined,
): void {
  const records = job.records;
  if (run.status !== 'finished' || run.committed !== records || run.restartCauses.length > 0) {
    throw new Error(
      `canonical job (${records} records) ended ${run.status} with ${run.committed} ids committed`,
    );
  }
  if (previous !== undefined && previous.traceHash !== run.traceHash) {
    throw new Error(`canonical job is not deterministic: trace ${previous.traceHash} then ${run.traceHash}`);
  }
}
