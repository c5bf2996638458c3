import type { BenchComparison } from './BenchComparison.ts';
import type { HostHeadroom } from './HostHeadroom.ts';
import type { WorkersBreakEven } from './WorkersBreakEven.ts';
import type { WorkersCpuBound } from './WorkersCpuBound.ts';

/** A measured figure over repeats: its minimum, median and maximum. */
export interface Spread {
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

/** Cost of the canonical job at one input size. */
export interface GrowthPoint {
  readonly records: number;
  readonly wallMs: Spread;
  readonly nsPerRecord: Spread;
  /** Median time per record relative to the smallest size's (1 = same cost per record). */
  readonly relativeToSmallest: number;
}

/** Wall time of `streamproof matrix --runs <runs>` with --workers 1 and 2; speedup = median 1 / median 2. */
export interface MatrixWallTime {
  readonly runs: number;
  readonly workers1: Spread;
  readonly workers2: Spread;
  readonly speedup: number;
  /** CPU seconds of the same processes, all threads; absent where the OS does not report children's CPU time. */
  readonly workers1Cpu?: Spread;
  readonly workers2Cpu?: Spread;
  /** The same matrix split over two processes run at once; absent where not measured. */
  readonly shardPair?: ShardPairTime;
}

/**
 * `streamproof matrix --shard 1/2` and `--shard 2/2` started together, timed until both exit:
 * two processes that share nothing, so each compiles what it runs, as each worker thread does.
 * The most any split of the matrix over two V8 isolates can give on the host.
 */
export interface ShardPairTime {
  readonly wall: Spread;
  /** CPU seconds of both processes together, all threads, where the OS reports it. */
  readonly cpu?: Spread;
  /** Median --workers 1 wall time / median wall time of the pair. */
  readonly speedup: number;
}

/** A target of issue [S8] and whether this run met it. */
export interface TargetCheck {
  readonly name: string;
  readonly target: string;
  /** The figure compared (the median unless said otherwise). */
  readonly value: number;
  readonly holds: boolean;
}

/** What `npm run bench` writes to reports/bench.json (plain JSON). */
export interface BenchReport {
  readonly version: 1;
  readonly generatedAt: string;
  readonly machine: {
    readonly node: string;
    readonly cpus: number;
    readonly cpuModel: string;
    /** 1-minute load average before and after the run: other work on the machine skews every figure. */
    readonly loadAverage: { readonly before: number; readonly after: number };
  };
  readonly repeats: Readonly<Record<string, number>>;
  /** The canonical job: shape and sink, and what one run of it does. */
  readonly job: {
    readonly records: number;
    readonly keys: number;
    readonly partitions: number;
    readonly parallelism: number;
    readonly checkpointInterval: number;
    readonly sink: string;
    readonly checkpointsCompleted: number;
    readonly steps: number;
    readonly traceHash: string;
  };
  readonly figures: {
    readonly recordsPerSecond: Spread;
    /** The same runs per second of this process's CPU time (less skewed by other load). */
    readonly recordsPerCpuSecond: Spread;
    readonly baselineRecordsPerSecond: Spread;
    readonly ratioToBaseline: Spread;
    /** What the records/s and scenario targets ask of the code on this host (from the bare loop and the scenario). */
    readonly hostHeadroom?: HostHeadroom;
    /** After the first runs below (the JIT has compiled the hot path). */
    readonly scenarioRunsPerSecond: Spread;
    readonly scenarioRunsPerCpuSecond: Spread;
    /** The first runs of the benchmark process, timed once: what a short property run in a fresh process gets. */
    readonly scenarioFirstRuns: { readonly runs: number; readonly runsPerSecond: number };
    /** After the first repeats below (the JIT has compiled the entry). */
    readonly matrixEntryRunsPerSecond: Spread;
    /** The entry's first repeats in the benchmark process, timed once: what a short entry run gets. */
    readonly matrixEntryFirstRuns: {
      readonly repeats: number;
      readonly runs: number;
      readonly runsPerSecond: number;
    };
    readonly growth: readonly GrowthPoint[];
    readonly peakHeapMB: Spread;
    /**
     * What two cores give the simulation on this machine: scenario runs/s of one process alone and
     * of two side by side (the bound on any --workers 2 speed-up).
     */
    readonly machineScaling: {
      readonly aloneRunsPerSecond: Spread;
      readonly pairRunsPerSecond: Spread;
      readonly scaling: number;
    };
    /** Seconds for the whole matrix through the CLI, at `runs` runs per entry (the target's figure). */
    readonly matrixWallTime: MatrixWallTime;
    /** What the CPU times of matrixWallTime say about the speed-up two cores can give (absent without them). */
    readonly workersCpuBound?: WorkersCpuBound;
    /** The same at more runs per entry (one repeat each): how the speed-up grows with the work. */
    readonly longMatrixWallTime: MatrixWallTime;
    /** A straight line through both, per worker count (an extrapolation; absent when the times do not fit one). */
    readonly workersFit?: WorkersBreakEven;
    /**
     * Seconds for the whole matrix on one worker pool: its first batch (new threads, which compile
     * the code) and the batches after it, with 1 and with 2 threads.
     */
    readonly warmPool: {
      readonly cold1: number;
      readonly cold2: number;
      readonly warm1: Spread;
      readonly warm2: Spread;
      readonly speedup: number;
    };
  };
  readonly targets: readonly TargetCheck[];
  readonly notes: readonly string[];
  /** This run against an earlier report (`--compare`), when one was given. */
  readonly comparison?: BenchComparison;
}
