import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TYPESCRIPT_EXEC_ARGV } from '../TypeScriptExecArgv.ts';
import type { CanonicalSink } from './CanonicalListAppendJob.ts';
import type { JobSizeFigures } from './jobSizeBench.ts';
import type { Measured } from './RepeatedMeasurement.ts';

/** What the job-size child process measures (plain JSON, passed as its one argument). */
export interface JobSizeRequest {
  /** Record counts of the canonical job, smallest first; the bare loop runs on the largest's input. */
  readonly sizes: readonly number[];
  /** Timed runs of each size per round, in the order of `sizes`. */
  readonly runsPerRound: readonly number[];
  readonly rounds: number;
  readonly warmupRounds: number;
}

/** What it prints back: the sink it could use, every size's figures, and the bare loop's. */
export interface JobSizeReport {
  readonly sink: CanonicalSink;
  /** Why the 2PC sink could not be used at the largest size, when it could not. */
  readonly sinkReason?: string;
  readonly sizes: readonly JobSizeFigures[];
  readonly loop: Measured;
}

/** The request in the child's argument, checked; throws a one-line error when it is not one. */
export function parseJobSizeRequest(text: string | undefined): JobSizeRequest {
  let value: unknown;
  try {
    value = JSON.parse(text ?? '');
  } catch {
    throw new Error(`job-size benchmark: the argument is not JSON: ${String(text).slice(0, 80)}`);
  }
  const r = value as Partial<JobSizeRequest> | null;
  const counts = (xs: unknown) =>
    Array.isArray(xs) && xs.length > 0 && xs.every((x) => Number.isInteger(x) && (x as number) > 0);
  if (
    r === null ||
    typeof r !== 'object' ||
    !counts(r.sizes) ||
    !counts(r.runsPerRound) ||
    r.runsPerRound?.length !== r.sizes?.length ||
    !Number.isInteger(r.rounds) ||
    (r.rounds as number) < 1 ||
    !Number.isInteger(r.warmupRounds) ||
    (r.warmupRounds as number) < 0
  ) {
    throw new Error(
      'job-size benchmark: the argument needs sizes and runsPerRound (positive integers, as many of each), ' +
        `rounds >= 1 and warmupRounds >= 0; got ${String(text).slice(0, 120)}`,
    );
  }
  return r as JobSizeRequest;
}

/**
 * The canonical job at every size and the bare loop, measured interleaved
 * (benchJobSizes) in a Node process of their own, as JMH forks a JVM per
 * benchmark: V8's type feedback and heap then come from this workload only.
 * Measured in the benchmark's process after the crash-and-restore scenario
 * and the matrix entry, the 10k-record job ran faster (611-714 ns a record
 * against 756-768 alone, 4 alternated pairs on a 2-core AMD EPYC host) while
 * the 1M-record one did not, so the growth figure compared two workloads
 * that earlier figures had trained the JIT for unequally (x1.21-1.36 against
 * x1.00-1.11 alone). Each size in a process of its own (turns taken in
 * rounds over IPC) was tried and dropped: the 1M-record job then ran 806-1,523
 * ns a record against 718-780 beside the smaller sizes (x1.28-x1.65 of the
 * 10k job, 3 runs), so the sizes share this one process.
 */
export function benchJobSizesInChild(request: JobSizeRequest): JobSizeReport {
  const entry = fileURLToPath(new URL('./jobSizesRun.ts', import.meta.url));
  const child = spawnSync(
    process.execPath,
    [...TYPESCRIPT_EXEC_ARGV, '--expose-gc', entry, JSON.stringify(request)],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 1 << 20,
    },
  );
  if (child.error !== undefined) {
    throw new Error(`job-size benchmark: cannot start its process: ${child.error.message}`);
  }
  if (child.status !== 0) {
    throw new Error(
      `job-size benchmark: its process ended with ${child.signal ?? `exit code ${child.status}`}: ` +
        // The child prints one line for an error it catches; a crash prints Node's stack.
        (child.stderr.trim() || 'it printed nothing'),
    );
  }
  const last = child.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(last) as JobSizeReport;
  } catch {
    throw new Error(`job-size benchmark: its process printed no report: ${last.slice(0, 120)}`);
  }
}
