import { type JobResult, JobRunner } from '../checkpoint/JobRunner.ts';
import { TRANSACTIONAL_STORE, TransactionalStoreSink } from '../connectors/sinks/TransactionalStoreSink.ts';
import { ResettableSource } from '../connectors/sources/ResettableSource.ts';
import type { TransactionalStore } from '../connectors/systems/TransactionalStore.ts';
import { CheckpointingMode, StreamExecutionEnvironment } from '../runtime/api/StreamExecutionEnvironment.ts';
import { CollectSink, collectedOutputs } from '../runtime/sink/CollectSink.ts';
import type { Sink } from '../runtime/sink/Sink.ts';
import { WatermarkStrategy } from '../runtime/time/WatermarkStrategy.ts';
import {
  generateListAppendInput,
  LIST_APPEND_UID,
  ListAppendFunction,
  type ListAppendInputShape,
  type ListAppendRecord,
  listAppendKey,
} from '../runtime/workload/ListAppend.ts';
import { Rng } from '../sim/Rng.ts';

/** The seed of every benchmark run of the canonical job: same seed, same trace, so repeats are comparable. */
export const BENCH_SEED = 1;

/** The shape of the canonical job besides its size. */
export const CANONICAL = {
  keys: 1000,
  partitions: 4,
  parallelism: 2,
  checkpointInterval: 100,
  /** Records a channel holds before backpressure (the scenario runner's default). */
  bufferCapacity: 4,
} as const;

/** The canonical sink is the 2PC one; the collect sink stands in when a 2PC run cannot commit everything (see twoPhaseCommitShortfall). */
export type CanonicalSink = '2pc' | 'collect';

export const SINK_NAMES: Record<CanonicalSink, string> = {
  '2pc': 'TransactionalStoreSink (2PC, src/connectors)',
  collect: 'CollectSink (records every output, no transactions)',
};

export interface CanonicalJob {
  readonly records: number;
  readonly sink: CanonicalSink;
  readonly env: StreamExecutionEnvironment;
  /** The input, per source partition (generated once, outside the timed runs). */
  readonly partitions: ListAppendRecord[][];
}

/**
 * The canonical list-append job of issue [S8]: a resettable (Kafka-like)
 * source at parallelism 2, keyBy, the list-append operator at parallelism 2,
 * and the 2PC sink (a transaction per checkpoint, committed on notification);
 * aligned exactly-once checkpoints every 100 simulated ms; no faults.
 */
export function buildCanonicalJob(records: number, sink: CanonicalSink): CanonicalJob {
  const shape: ListAppendInputShape = {
    records,
    keys: CANONICAL.keys,
    partitions: CANONICAL.partitions,
    placement: 'by-key',
  };
  const partitions = generateListAppendInput(new Rng(BENCH_SEED).fork('workload'), shape);
  const env = StreamExecutionEnvironment.create({
    parallelism: CANONICAL.parallelism,
    bufferCapacity: CANONICAL.bufferCapacity,
  });
  env.enableCheckpointing(CANONICAL.checkpointInterval, CheckpointingMode.EXACTLY_ONCE);
  env
    .fromSource(new ResettableSource<ListAppendRecord>(partitions), WatermarkStrategy.noWatermarks(), 'src')
    .keyBy(listAppendKey)
    .process(new ListAppendFunction())
    .uid(LIST_APPEND_UID)
    .name('Append')
    .sinkTo(sink === '2pc' ? new TransactionalStoreSink() : (new CollectSink() as Sink<unknown>), 'sink');
  return { records, sink, env, partitions };
}

/** What one run did: enough to check that every repeat ran the same, complete job. */
export interface CanonicalRunSummary {
  readonly status: string;
  readonly steps: number;
  readonly checkpointsCompleted: number;
  readonly traceHash: string;
  /** Ids written for good: committed by the 2PC store, or collected. */
  readonly committed: number;
  /** Why the job restarted, if it did (it has no faults, so a restart is a failure of the job itself). */
  readonly restartCauses: readonly string[];
}

/** Runs the job once under the checkpointing runner (no observers, no faults); this is what is timed. */
export function runCanonicalJob(job: CanonicalJob): CanonicalRun {
  const runner = new JobRunner(job.env, { seed: BENCH_SEED });
  return { runner, result: runner.run() };
}

export interface CanonicalRun {
  readonly runner: JobRunner;
  readonly result: JobResult;
}

/** What a finished run did, read back from its result and its sink's system (not timed). */
export function summariseCanonicalRun(
  job: CanonicalJob,
  { runner, result }: CanonicalRun,
): CanonicalRunSummary {
  let committed = 0;
  if (job.sink === '2pc') {
    const store = runner.services.get<TransactionalStore | undefined>(TRANSACTIONAL_STORE, () => undefined);
    for (const ids of Object.values(store?.finalContents() ?? {})) committed += ids.length;
  } else {
    committed = collectedOutputs(runner.services).get('sink')?.length ?? 0;
  }
  return {
    status: result.status,
    steps: result.steps,
    checkpointsCompleted: result.checkpoints.length,
    traceHash: result.trace.hash,
    committed,
    restartCauses: result.restarts.map((r) => r.cause),
  };
}

/**
 * Why `job` (built with the 2PC sink) cannot be the benchmark's job: one run
 * of it does not commit every record; undefined when it does. The benchmark
 * then measures the collect sink instead.
 */
export function twoPhaseCommitShortfall(job: CanonicalJob): string | undefined {
  const run = summariseCanonicalRun(job, runCanonicalJob(job));
  if (run.status === 'finished' && run.committed === job.records) return undefined;
  const cause = run.restartCauses[0] ?? `ended ${run.status}`;
  return (
    `with the 2PC sink the ${job.records}-record job committed ${run.committed} of ${job.records} ids ` +
    `(${run.restartCauses.length} restart(s), first cause: ${cause})`
  );
}
