import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeOutputDirectory } from '../cli/OutputDirectory.ts';
import { BENCH_USAGE, BenchUsageError, parseBenchArgs } from './BenchArgs.ts';
import { BaselineError, compareReports, parseBaseline } from './BenchComparison.ts';
import { formatComparisonMarkdown, formatComparisonTable } from './BenchComparisonFormatter.ts';
import { longMatrixEstimateSeconds, minutesSeconds, progressPrinter } from './BenchProgress.ts';
import { formatMarkdown, formatTable } from './BenchReportFormatter.ts';
import { CANONICAL, SINK_NAMES } from './CanonicalListAppendJob.ts';
import { growthOf } from './growthBench.ts';
import { hostHeadroom, hostHeadroomNote } from './HostHeadroom.ts';
import { benchJobSizesInChild, type JobSizeRequest } from './JobSizesProcess.ts';
import type { JobSizeFigures } from './jobSizeBench.ts';
import { benchMachineScaling } from './machineScalingBench.ts';
import { benchMatrixEntry, benchMatrixWorkers } from './matrixBench.ts';
import { benchPeakHeap } from './peakHeapBench.ts';
import type { RepeatOptions } from './RepeatedMeasurement.ts';
import { benchScenario, CRASH_SCENARIO } from './scenarioBench.ts';
import { throughputOf } from './throughputBench.ts';
import type { BenchReport, MatrixWallTime, TargetCheck } from './types.ts';
import { type WorkersBreakEven, workersBreakEven } from './WorkersBreakEven.ts';
import { type WorkersCpuBound, workersCpuBound } from './WorkersCpuBound.ts';
import { benchWarmPool } from './warmPoolBench.ts';

const LARGEST = 1_000_000;
const SIZES = [10_000, 100_000, LARGEST];
const SCENARIO_RUNS_PER_REPEAT = 200;
/**
 * Scenario runs the process makes before the repeats, timed as a figure of their own: a fresh
 * process ran 200-run repeats at about 400, 700, 880, 1,030 and 1,060 runs/s before settling
 * near 1,100-1,170 (V8 compiling the hot path), so one 200-run warm-up left the first measured
 * repeats inside that climb.
 */
const SCENARIO_FIRST_RUNS = 1000;
/** Runs of the holds property per matrix entry (the CLI's default). */
const MATRIX_RUNS = 100;
/**
 * Repeats of the matrix entry before its measured ones, timed as a figure of their own: in a
 * process that has run the scenario, 100-run repeats went from about 450 to 4,500 cases/s over
 * the first dozen or so and held there (AMD host, 2026-12-01).
 */
const MATRIX_ENTRY_FIRST_REPEATS = 20;
/**
 * Runs per entry for the --workers comparison: at the default 100 runs the whole matrix takes a few
 * seconds, most of it process start-up, report writing and counterexample timelines (serial work),
 * so the figure would say little about how the entries spread over workers.
 */
const WORKERS_MATRIX_RUNS = 1000;
/**
 * Runs per entry for a second, longer --workers comparison (one repeat each, about 90 s for both):
 * every new thread pays the same warm-up whatever the runs, so the longer the matrix, the nearer
 * the speed-up comes to what two warm threads give; this row shows a matrix long enough for that.
 */
const LONG_MATRIX_RUNS = 20_000;
/** The canonical job's records/s and the scenario's runs/s that issue [S8] asks for. */
const RECORDS_TARGET = 1_000_000;
const SCENARIO_TARGET = 1000;
/** The speed-up issue [S8] asks of --workers 2. */
const WORKERS_TARGET = 1.7;
/** Scenario runs per process in the machine-scaling calibration. */
const SCALING_RUNS = 300;

/** 10k, 100k, 1M: the labels of the repeat counts in the report. */
function sizeLabel(records: number): string {
  return records >= 1_000_000 ? `${records / 1_000_000}M` : `${records / 1000}k`;
}

/** What the CPU times of the --workers comparison say, in one sentence. */
function cpuBoundNote(bound: WorkersCpuBound, runs: number, cores: number): string {
  return (
    `Matrix CPU time (--runs ${runs}; user + system of the process, all threads, from /proc): with --workers 1 ` +
    `the process keeps ${bound.coresBusy1.toFixed(2)} cores busy on average (the entries run on the main thread ` +
    'while V8 compiles on background threads and collects garbage on helper threads), so even with no extra ' +
    `work ${cores} cores could make it at most x${bound.speedupBound.toFixed(2)} faster (${cores} / ` +
    `${bound.coresBusy1.toFixed(2)}); with --workers 2 it keeps ${bound.coresBusy2.toFixed(2)} cores busy and ` +
    `uses ${bound.extraCpuSeconds.toFixed(1)} CPU seconds more (every thread compiles the code it runs).`
  );
}

/** The --workers fit in one sentence, labelled as the extrapolation it is. */
function workersFitNote(fit: WorkersBreakEven, shortRuns: number, longRuns: number): string {
  const s = (x: number) => x.toFixed(1);
  const target = fit.runsForTarget;
  return (
    `--workers fit (a straight line through the --runs ${shortRuns} and ${longRuns} medians of each worker ` +
    `count; an extrapolation): ${s(fit.fixedSeconds.workers1)} s whatever the runs with 1 worker and ` +
    `${s(fit.fixedSeconds.workers2)} s with 2 (start-up, and every new thread's compiling), plus ` +
    `${s(fit.secondsPer1000Runs.workers1)} s and ${s(fit.secondsPer1000Runs.workers2)} s per 1000 runs per entry; ` +
    `a much longer matrix would run x${fit.longRunSpeedup.toFixed(2)} faster with 2 workers, ` +
    (target === undefined
      ? `never ${WORKERS_TARGET}x.`
      : `${WORKERS_TARGET}x from about ${(Math.round(target / 1000) * 1000).toLocaleString('en-US')} runs per entry.`)
  );
}

/** What the two --shard processes say about any split of the matrix over two V8 isolates, in one sentence. */
function shardPairNote(m: MatrixWallTime): string | undefined {
  const pair = m.shardPair;
  if (pair === undefined) return undefined;
  const cpu =
    pair.cpu === undefined || m.workers1Cpu === undefined
      ? ''
      : ` (${pair.cpu.median.toFixed(1)} CPU s together against ${m.workers1Cpu.median.toFixed(1)} for one process)`;
  return (
    `Two --shard processes (--runs ${m.runs}): \`streamproof matrix --shard 1/2\` and \`--shard 2/2\` (one ` +
    'thread each, each with the entries of two of the four sinks, as each worker thread has) started together and timed until both exit: ' +
    'the matrix split in two with nothing shared, each process compiling the code it runs, as each worker thread ' +
    `does. They were x${pair.speedup.toFixed(2)} as fast as one process${cpu}, and --workers 2 ` +
    `x${m.speedup.toFixed(2)}: ` +
    (pair.speedup < WORKERS_TARGET
      ? `no split of this matrix over two V8 isolates, threads or processes, reaches ${WORKERS_TARGET}x on this ` +
        'host while each compiles the simulation anew.'
      : `a split over two V8 isolates can reach ${WORKERS_TARGET}x on this host.`)
  );
}

/** The --compare file as a report, or a one-line BenchUsageError that says what is wrong with it. */
function readBaseline(file: string): BenchReport {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BenchUsageError(
      `bench: --compare ${file}: cannot read it (${code ?? String(error)}); give a bench.json an earlier ` +
        'npm run bench wrote, e.g. --compare reports/bench.json',
    );
  }
  try {
    return parseBaseline(text);
  } catch (error) {
    if (!(error instanceof BaselineError)) throw error;
    throw new BenchUsageError(
      `bench: --compare ${file}: ${error.message}; give a bench.json an earlier npm run bench wrote`,
    );
  }
}

function load(): number {
  return loadavg()[0] as number;
}

/**
 * Runs every benchmark of issue [S8], prints the table and writes
 * reports/bench.json and reports/bench.md. `generatedAt` is the report's date,
 * read by the caller (nothing here reads the wall clock but to time).
 */
export async function runBenchmarks(
  argv: readonly string[],
  generatedAt: string,
): Promise<BenchReport | undefined> {
  const args = parseBenchArgs(argv, fileURLToPath(new URL('../../reports/', import.meta.url)));
  if (args.help) {
    process.stdout.write(`${BENCH_USAGE}\n`);
    return undefined;
  }
  // Before measuring, not after: an --out that cannot be made fails at once.
  const cannot = makeOutputDirectory(args.out);
  if (cannot !== undefined) {
    throw new BenchUsageError(
      `bench: --out ${args.out}: ${cannot}; give a directory you can write, e.g. --out /tmp/bench`,
    );
  }
  // Read now: the run may write its own report over the same file.
  const baseline = args.compare === undefined ? undefined : readBaseline(args.compare);
  const quick = args.quick;
  // Steps: one per progress line below (scenario, entry, the sizes with the loop, heap, scaling, three matrix figures).
  const started = process.hrtime.bigint();
  const progress = progressPrinter(
    args.json || process.env.CI === 'true',
    8,
    () => Number(process.hrtime.bigint() - started) / 1e9,
  );
  const repeats = (measured: number, warmups: number): RepeatOptions =>
    quick ? { repeats: 3, warmups: 1 } : { repeats: measured, warmups };
  // Enough rounds that one slow spell of a shared host moves no median much (five 1M repeats once
  // spread from 784 to 1,145 ms); each round runs every size, the 10k one five times (6-20 ms a run).
  const sizeOptions: JobSizeRequest = {
    sizes: SIZES,
    runsPerRound: SIZES.map((records) => (records <= 10_000 ? 5 : 1)),
    rounds: quick ? 3 : 10,
    warmupRounds: 1,
  };
  const scenarioRepeats = repeats(7, 0);
  const entryRepeats = repeats(15, 0);
  const heapRepeats = quick ? 1 : 3;
  const matrixRepeats = quick ? 1 : 2;
  const scalingRepeats = quick ? 1 : 3;
  const warmBatches = quick ? 1 : 2;
  const loadBefore = load();

  const firstRuns = quick ? SCENARIO_RUNS_PER_REPEAT : SCENARIO_FIRST_RUNS;
  progress(
    `crash-and-restore scenario (${firstRuns} first runs, then ${SCENARIO_RUNS_PER_REPEAT} runs per repeat)`,
  );
  const scenario = benchScenario(SCENARIO_RUNS_PER_REPEAT, scenarioRepeats, firstRuns);
  const entryFirstRepeats = quick ? 2 : MATRIX_ENTRY_FIRST_REPEATS;
  progress(
    `matrix entry resettable/2pc/aligned (${MATRIX_RUNS} runs + search; ${entryFirstRepeats} first repeats, then ${entryRepeats.repeats})`,
  );
  const entry = benchMatrixEntry(MATRIX_RUNS, entryRepeats, entryFirstRepeats);

  progress(
    `canonical job at ${SIZES.join(', ')} records and the bare loop at ${LARGEST}, interleaved ` +
      `(${sizeOptions.rounds} rounds), in a process of their own`,
  );
  const { sink, sinkReason, sizes, loop } = benchJobSizesInChild(sizeOptions);
  const largest = sizes.find((s) => s.records === LARGEST) as JobSizeFigures;
  const throughput = throughputOf(largest, loop);
  const growth = growthOf(sizes);

  progress(`peak heap, ${LARGEST} records (${heapRepeats} fresh processes)`);
  const heap = benchPeakHeap(LARGEST, sink, heapRepeats);
  progress(`machine scaling: the scenario in one process, then in two side by side (${scalingRepeats} each)`);
  const scaling = await benchMachineScaling(SCALING_RUNS, scalingRepeats);
  progress(
    `matrix through the CLI, --runs ${WORKERS_MATRIX_RUNS}, --workers 1, --workers 2 and two --shard ` +
      `processes at once (${matrixRepeats} each)`,
  );
  const matrixWallTime = await benchMatrixWorkers(WORKERS_MATRIX_RUNS, matrixRepeats, { shardPair: true });
  progress(
    `matrix on one worker pool, --runs ${WORKERS_MATRIX_RUNS}, 1 and 2 threads (a first batch, then ${warmBatches} warm)`,
  );
  const warmPool = await benchWarmPool(WORKERS_MATRIX_RUNS, warmBatches);
  const longRuns = quick ? 2 * WORKERS_MATRIX_RUNS : LONG_MATRIX_RUNS;
  const longEstimate = longMatrixEstimateSeconds(matrixWallTime, warmPool, longRuns);
  progress(
    `matrix through the CLI, --runs ${longRuns}, --workers 1 and 2 (1 each; about ` +
      `${minutesSeconds(longEstimate)} from the rows before)`,
  );
  const longMatrixWallTime = await benchMatrixWorkers(longRuns, 1);

  // Not from --quick's two close run counts: there the warm-up is not over by the shorter one, and
  // the line through them says little about long matrices.
  const cpuBound = workersCpuBound(matrixWallTime, cpus().length);
  const workersFit = quick ? undefined : workersBreakEven(matrixWallTime, longMatrixWallTime, WORKERS_TARGET);
  const worstGrowth = Math.max(...growth.map((g) => Math.abs(g.relativeToSmallest - 1)));
  const headroom = hostHeadroom(throughput.baselineRecordsPerSecond, scenario.runsPerSecond, {
    records: RECORDS_TARGET,
    scenarioRuns: SCENARIO_TARGET,
  });
  const targets: TargetCheck[] = [
    {
      name: 'recordsPerSecond',
      target: '>= 1,000,000',
      value: throughput.recordsPerSecond.median,
      holds: throughput.recordsPerSecond.median >= RECORDS_TARGET,
    },
    {
      name: 'ratioToBaseline',
      target: '<= 10',
      value: throughput.ratioToBaseline.median,
      holds: throughput.ratioToBaseline.median <= 10,
    },
    {
      name: 'scenarioRunsPerSecond',
      target: '>= 1,000',
      value: scenario.runsPerSecond.median,
      holds: scenario.runsPerSecond.median >= SCENARIO_TARGET,
    },
    {
      name: 'linearCost',
      target: 'ns/record within +-25% of the 10k figure',
      value: worstGrowth,
      holds: worstGrowth <= 0.25,
    },
    {
      name: 'matrixSpeedup',
      target: '>= 1.7x faster with 2 workers',
      value: matrixWallTime.speedup,
      holds: matrixWallTime.speedup >= WORKERS_TARGET,
    },
  ];

  const run = largest.run;
  const measured: BenchReport = {
    version: 1,
    generatedAt,
    machine: {
      node: process.versions.node,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
      loadAverage: { before: loadBefore, after: load() },
    },
    repeats: {
      ...Object.fromEntries(sizes.map((s) => [`canonical job ${sizeLabel(s.records)}`, s.runs])),
      'bare loop': sizeOptions.rounds,
      [`scenario (${SCENARIO_RUNS_PER_REPEAT} runs each)`]: scenarioRepeats.repeats,
      'matrix entry': entryRepeats.repeats,
      'peak heap (fresh processes)': heapRepeats,
      'matrix CLI per worker count': matrixRepeats,
      [`matrix CLI at ${longRuns} runs per worker count`]: 1,
      'warm matrix batches per thread count': warmBatches,
    },
    job: {
      records: LARGEST,
      keys: CANONICAL.keys,
      partitions: CANONICAL.partitions,
      parallelism: CANONICAL.parallelism,
      checkpointInterval: CANONICAL.checkpointInterval,
      sink: SINK_NAMES[sink],
      checkpointsCompleted: run.checkpointsCompleted,
      steps: run.steps,
      traceHash: run.traceHash,
    },
    figures: {
      recordsPerSecond: throughput.recordsPerSecond,
      recordsPerCpuSecond: throughput.recordsPerCpuSecond,
      baselineRecordsPerSecond: throughput.baselineRecordsPerSecond,
      ratioToBaseline: throughput.ratioToBaseline,
      hostHeadroom: headroom,
      scenarioRunsPerSecond: scenario.runsPerSecond,
      scenarioRunsPerCpuSecond: scenario.runsPerCpuSecond,
      scenarioFirstRuns: { runs: scenario.firstRuns, runsPerSecond: scenario.firstRunsPerSecond },
      matrixEntryRunsPerSecond: entry.runsPerSecond,
      matrixEntryFirstRuns: {
        repeats: entry.firstRepeats,
        runs: entry.firstRepeats * entry.runsPerRepeat,
        runsPerSecond: entry.firstRunsPerSecond,
      },
      growth,
      peakHeapMB: heap.peakHeapMB,
      machineScaling: {
        aloneRunsPerSecond: scaling.aloneRunsPerSecond,
        pairRunsPerSecond: scaling.pairRunsPerSecond,
        scaling: scaling.scaling,
      },
      matrixWallTime,
      ...(cpuBound === undefined ? {} : { workersCpuBound: cpuBound }),
      longMatrixWallTime,
      ...(workersFit === undefined ? {} : { workersFit }),
      warmPool: {
        cold1: warmPool.cold1,
        cold2: warmPool.cold2,
        warm1: warmPool.warm1,
        warm2: warmPool.warm2,
        speedup: warmPool.speedup,
      },
    },
    targets,
    notes: [
      ...(sinkReason === undefined
        ? []
        : [
            `The canonical job should write to the 2PC sink, but ${sinkReason}; every canonical-job figure ` +
              'here is measured with the CollectSink instead, until the 2PC store handles it.',
          ]),
      'The machine has 2 cores and may be shared: the figures and targets are wall time, so other load (see ' +
        'the load average above) lowers them; the "per CPU second" rows divide by the measuring process\'s own CPU time ' +
        'instead, which other load skews less.',
      'The canonical job at every size and the bare loop run in a Node process of their own (as JMH forks a JVM ' +
        "per benchmark), after a run of the 1M-record job that checks the sink commits everything: the JIT's type " +
        "feedback and the heap are then this workload's alone (after the scenario and the matrix entry in one " +
        'process, the 10k-record job ran about 15% faster and the 1M-record one did not). ' +
        `They are measured interleaved: each of ${sizeOptions.rounds} rounds (after ${sizeOptions.warmupRounds} ` +
        `untimed) runs the ${sizeLabel(SIZES[0] as number)} job ${sizeOptions.runsPerRound[0]} times ` +
        "(after a full garbage collection, untimed as in JMH's -gc true, and four untimed runs, while V8 compiles again the code the collection deoptimized), then " +
        `each larger size and the bare loop once, so that a slow or fast spell of the host falls on every ` +
        `size and on the loop alike, and the growth figure and ratioToBaseline compare workloads, not moments.`,
      `Virtual time moves only when the scheduler picks a clock tick, and a tick may not leave a ready event ` +
        `waiting longer than maxDelay (50 simulated ms); a job that always has work therefore spends little ` +
        `virtual time, and one run of the canonical job completes ${run.checkpointsCompleted} checkpoints ` +
        `(each a full keyed-state snapshot${sink === '2pc' ? ', and a pre-commit and commit per 2PC sink subtask' : ''}).`,
      'The bare loop reads the same input, routes every key with the same hashing (Java hashCode, murmur, key ' +
        'groups), appends the id to the key list of its subtask and collects (key, id, position): the job ' +
        'without the runtime (scheduler, channels, backpressure, trace, checkpoints, 2PC store). ' +
        'ratioToBaseline is the ratio of medians; its min and max pair the extreme repeats.',
      hostHeadroomNote(
        headroom,
        throughput.ratioToBaseline.median,
        throughput.baselineRecordsPerSecond.median,
      ),
      `Crash-and-restore scenario: ${CRASH_SCENARIO.records} records, ${CRASH_SCENARIO.keys} keys, parallelism 2, ` +
        `aligned checkpoints every 100 ms, a crash before step ${CRASH_SCENARIO.crashes?.[0]?.atStep}, through the ` +
        `scenario runner (src/checkpoint/ListAppendScenario.ts, history recorded, CollectSink); ` +
        `${scenario.restoredFromCheckpoint} of ${scenario.runsPerRepeat} seeds restarted once from a completed checkpoint. ` +
        `The process runs it ${scenario.firstRuns} times first, timed once as a row of its own (V8 compiles the ` +
        `hot path during about the first thousand runs); the repeats come after.`,
      `Matrix entry: runMatrixEntry(resettable/2pc/aligned, ${MATRIX_RUNS} runs, seed 42) judges ` +
        `${entry.runsPerRepeat} generated cases (holds property + tightness search) with fault plans; ` +
        `holds: ${entry.holds}, tight: ${entry.tight}. It runs ${entry.firstRepeats} times first, timed once as a ` +
        'row of its own (after the scenario, which compiled the runtime they share, V8 still compiles the ' +
        "property, the checkers and the 2PC sink's connector over about the first dozen); the repeats come after.",
      `Matrix wall time: \`streamproof matrix --runs ${WORKERS_MATRIX_RUNS} --json\` (24 entries) as a child process, ` +
        'alternating --workers 1 and 2, after an untimed short run that fills the compile cache and makes the ' +
        "workers' build, as earlier runs of a user would; process start-up included. With --workers 1 the entries " +
        "run on the main thread; with 2, on two worker threads that load the worker module of the CLI's build " +
        '(src/cli/CliBuild.ts, esbuild). The CLI runs V8 with an inlining budget of 300 instead of 920 ' +
        '(bin/streamproof.js); every other figure runs in this process, with the default. ' +
        `The --runs ${longRuns} rows: one process each, the same way.`,
      ...(cpuBound === undefined ? [] : [cpuBoundNote(cpuBound, WORKERS_MATRIX_RUNS, cpus().length)]),
      ...(workersFit === undefined ? [] : [workersFitNote(workersFit, WORKERS_MATRIX_RUNS, longRuns)]),
      ...[shardPairNote(matrixWallTime)].filter((n) => n !== undefined),
      `Machine scaling: ${SCALING_RUNS} crash-and-restore scenario runs in one child process alone, then in two ` +
        'child processes at once; the ratio of total throughputs is what two cores give this workload here ' +
        '(two copies of a pure arithmetic loop scale 2x on the same machine).',
      `Warm pool: the whole matrix (--runs ${WORKERS_MATRIX_RUNS}) on one worker pool of 1 thread, then of 2, ` +
        `a first batch and then ${warmBatches} more on the same threads. Every new thread is a new V8 isolate ` +
        "that compiles the simulation again (for this matrix 700-800 optimizing compilations, on V8's " +
        'background threads, and the code runs unoptimized until they land); with --workers 1 that compiling runs ' +
        'on the otherwise idle second core, with 2 it competes with the workers. First batch: ' +
        `${warmPool.cold1.toFixed(1)} s with 1 thread, ${warmPool.cold2.toFixed(1)} s with 2; the warm batches ` +
        'are the rows above.',

      `Peak heap: heap in use sampled every 4096 scheduler steps in a fresh process; the generated input alone ` +
        `holds ${heap.beforeRunMB.median.toFixed(0)} MB before the run starts, and the sink keeps every output ` +
        '(the 2PC store also every operation of the history).',
      ...(quick ? ['Quick mode (--quick): fewer repeats; not for the issue note.'] : []),
    ],
  };

  const comparison =
    baseline === undefined || args.compare === undefined
      ? undefined
      : compareReports(baseline, args.compare, measured);
  const report: BenchReport = comparison === undefined ? measured : { ...measured, comparison };
  const outDir = args.out;
  writeFileSync(join(outDir, 'bench.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(
    join(outDir, 'bench.md'),
    formatMarkdown(report) + (comparison === undefined ? '' : `\n${formatComparisonMarkdown(comparison)}`),
  );
  process.stdout.write(
    args.json
      ? `${JSON.stringify(report, null, 2)}\n`
      : `${formatTable(report)}\n${comparison === undefined ? '' : `\n${formatComparisonTable(comparison)}\n`}`,
  );
  return report;
}
