import { type ConsistentCutVerdict, checkConsistentCuts } from '../check/ConsistentCutChecker.ts';
import { checkGuarantee, type GuaranteeVerdict } from '../check/GuaranteeChecker.ts';
import { checkTwoPhaseCommit, type TwoPhaseVerdict } from '../check/TwoPhaseCommitChecker.ts';
import { CheckpointHistoryRecorder } from '../checkpoint/CheckpointHistoryRecorder.ts';
import { type JobOptions, type JobResult, JobRunner } from '../checkpoint/JobRunner.ts';
import { inputRecords } from '../checkpoint/ListAppendScenario.ts';
import { APPEND_ONLY_STORE, AppendOnlySink } from '../connectors/sinks/AnySink.ts';
import { KEY_VALUE_STORE, KeyValueSink } from '../connectors/sinks/IdempotentSink.ts';
import { TRANSACTIONAL_STORE, TransactionalStoreSink } from '../connectors/sinks/TransactionalStoreSink.ts';
import { WAL_STORE, WalSink } from '../connectors/sinks/WalSink.ts';
import { NonResettableSource } from '../connectors/sources/NonResettableSource.ts';
import { ResettableSource } from '../connectors/sources/ResettableSource.ts';
import type { ExternalSystem } from '../connectors/systems/ExternalSystem.ts';
import { FaultInjector } from '../faults/FaultInjector.ts';
import type { FaultPlan } from '../faults/types.ts';
import { HISTORY_SEQUENCE, HistorySequence } from '../history/HistorySequence.ts';
import { HISTORY_VERSION, type History, type ReadRecord, type RestartRecord } from '../history/types.ts';
import { CheckpointingMode, StreamExecutionEnvironment } from '../runtime/api/StreamExecutionEnvironment.ts';
import type { DefectName } from '../runtime/execution/Defects.ts';
import { RunServices } from '../runtime/execution/RunServices.ts';
import type { Sink } from '../runtime/sink/Sink.ts';
import { WatermarkStrategy } from '../runtime/time/WatermarkStrategy.ts';
import {
  EVENT_TIME_BUFFER_UID,
  EVENT_TIME_WATERMARK_INTERVAL,
  EventTimeBufferFunction,
  eventTimeBufferWatermarks,
} from '../runtime/workload/EventTimeBuffer.ts';
import {
  generateListAppendInput,
  LIST_APPEND_UID,
  ListAppendFunction,
  type ListAppendOutput,
  type ListAppendRecord,
  listAppendKey,
} from '../runtime/workload/ListAppend.ts';
import { Rng } from '../sim/Rng.ts';
import type { TraceEvent } from '../sim/types.ts';
import type { MatrixCell, SinkKind } from './types.ts';

/** One generated case of a matrix entry: workload, topology, schedule and fault plan, as plain data. */
export interface MatrixCase {
  readonly cell: MatrixCell;
  /** The run's master seed (workload and, past the choices, the scheduler). */
  readonly seed: number;
  readonly records: number;
  readonly keys: number;
  readonly partitions: number;
  readonly placement: 'by-key' | 'spread';
  readonly sourceParallelism: number;
  readonly appendParallelism: number;
  readonly checkpointInterval: number;
  readonly bufferCapacity: number;
  /** Flink's operator chaining of the append operator and the sink (default on, as in Flink). */
  readonly operatorChaining?: boolean;
  readonly plan: FaultPlan;
  readonly choices: readonly number[];
  /** The 2PC store's prepared-transaction timeout (ms). */
  readonly transactionTimeout?: number;
  /**
   * The keyed function: list-append (the default), or the event-time buffer
   * (records held until an event-time timer releases them; for timer and
   * watermark bugs).
   */
  readonly workload?: 'list-append' | 'event-time-buffer';
  /** Seeded bugs switched on for this case (DESIGN §7); none unless given. */
  readonly defects?: readonly DefectName[];
}

export interface MatrixRun {
  readonly history: History;
  readonly guarantee: GuaranteeVerdict;
  readonly twoPhase?: TwoPhaseVerdict;
  readonly cuts: ConsistentCutVerdict;
  readonly results: readonly JobResult[];
  readonly traceHash: string;
  readonly events: readonly TraceEvent[];
  /** Vertex id -> operator name, for timelines. */
  readonly vertexNames: Readonly<Record<number, string>>;
}

const SYSTEM_KEY: Record<SinkKind, string> = {
  any: APPEND_ONLY_STORE,
  idempotent: KEY_VALUE_STORE,
  wal: WAL_STORE,
  '2pc': TRANSACTIONAL_STORE,
};

const READ_ISOLATION: Record<SinkKind, ReadRecord['isolation']> = {
  any: 'read_uncommitted',
  idempotent: 'read_uncommitted',
  wal: 'read_uncommitted',
  '2pc': 'read_committed',
};

/** How often (virtual ms) a reader samples the sink's system during a run. */
const READ_INTERVAL = 5;

function sinkFor(c: MatrixCase): Sink<ListAppendOutput> {
  switch (c.cell.sink) {
    case 'any':
      return new AppendOnlySink();
    case 'idempotent':
      return new KeyValueSink();
    case 'wal':
      return new WalSink();
    case '2pc':
      return new TransactionalStoreSink({ preparedTimeout: c.transactionTimeout ?? 3_600_000 });
  }
}

function buildJob(
  c: MatrixCase,
  appendParallelism: number,
): {
  env: StreamExecutionEnvironment;
  partitions: ListAppendRecord[][];
} {
  const eventTime = c.workload === 'event-time-buffer';
  const env = StreamExecutionEnvironment.create({
    parallelism: appendParallelism,
    bufferCapacity: c.bufferCapacity,
    operatorChaining: c.operatorChaining ?? true,
    ...(eventTime ? { autoWatermarkInterval: EVENT_TIME_WATERMARK_INTERVAL } : {}),
  });
  env.enableCheckpointing(
    c.checkpointInterval,
    c.cell.mode === 'at-least-once' ? CheckpointingMode.AT_LEAST_ONCE : CheckpointingMode.EXACTLY_ONCE,
  );
  const settings = env.checkpointSettings;
  if (settings !== undefined) {
    settings.unaligned = c.cell.mode === 'unaligned';
    // Declined and expired checkpoints are tolerated a few times before the job fails over.
    settings.tolerableCheckpointFailureNumber = 2;
  }
  const partitions = generateListAppendInput(new Rng(c.seed).fork('workload'), {
    records: c.records,
    keys: c.keys,
    partitions: c.partitions,
    placement: c.placement,
  });
  const source =
    c.cell.source === 'resettable'
      ? new ResettableSource<ListAppendRecord>(partitions)
      : new NonResettableSource<ListAppendRecord>(partitions);
  env
    .fromSource(source, eventTime ? eventTimeBufferWatermarks() : WatermarkStrategy.noWatermarks(), 'src')
    .setParallelism(c.sourceParallelism)
    .keyBy(listAppendKey)
    .process(eventTime ? new EventTimeBufferFunction() : new ListAppendFunction())
    .uid(eventTime ? EVENT_TIME_BUFFER_UID : LIST_APPEND_UID)
    .name(eventTime ? 'Buffer' : 'Append')
    .sinkTo(sinkFor(c), 'sink');
  return { env, partitions };
}

/**
 * Runs one matrix case: the list-append job from the cell's source through the
 * cell's sink under the cell's checkpoint mode and the case's fault plan, with
 * a reader sampling the sink's system; returns the history and the checkers'
 * verdicts. A rescale fault stops the job with a savepoint and resumes it,
 * with the new parallelism, against the same external systems.
 */
export function runMatrixCase(c: MatrixCase, options: { keepTrace?: boolean | number } = {}): MatrixRun {
  const services = new RunServices();
  const sequence = services.get(HISTORY_SEQUENCE, () => new HistorySequence());
  const injector = new FaultInjector(c.plan);
  injector.install(services);
  const systemKey = SYSTEM_KEY[c.cell.sink];
  const isolation = READ_ISOLATION[c.cell.sink];
  let nextRead = READ_INTERVAL;
  const rescale = c.plan.faults.find((f) => f.kind === 'rescale');
  const injected = injector.jobOptions();

  const runOnce = (appendParallelism: number, restoreFrom: JobResult['stoppedWith'], startTime: number) => {
    const { env, partitions } = buildJob(c, appendParallelism);
    const recorder = new CheckpointHistoryRecorder(env.transformations, { sequence, digests: false });
    const own: JobOptions = {
      seed: c.seed,
      choices: restoreFrom === undefined ? c.choices : [],
      services,
      observers: [recorder],
      restartStrategy: { kind: 'fixed-delay', attempts: 20, delay: 20 },
      maxSteps: 400_000,
      keepTrace: options.keepTrace ?? false,
      ...(c.defects === undefined ? {} : { defects: c.defects }),
      startTime,
      ...(restoreFrom === undefined ? {} : { restoreFrom, crashes: [] }),
      ...(rescale !== undefined && restoreFrom === undefined
        ? { savepoints: [{ at: rescale.at, stop: true }] }
        : {}),
      onStep: (step, runner) => {
        injected.onStep?.(step, runner);
        const now = runner.sim.clock.now();
        if (now >= nextRead && services.has(systemKey)) {
          services.get<ExternalSystem>(systemKey, () => undefined as never).sample(isolation);
          nextRead = now + READ_INTERVAL;
        }
      },
    };
    // The injector's options, then these over them. Object.assign, not `{ ...injected, seed, ... }`:
    // in Node 20's V8 a spread followed by more properties takes a slow path (about 1 µs).
    const jobOptions: JobOptions = Object.assign({}, injected, own);
    const result = new JobRunner(env, jobOptions).run();
    return { result, recorder, partitions };
  };

  const first = runOnce(c.appendParallelism, undefined, 0);
  const runs = [first];
  const resumes: RestartRecord[] = [];
  if (
    first.result.status === 'stopped' &&
    rescale?.kind === 'rescale' &&
    first.result.stoppedWith !== undefined
  ) {
    // The resumed job is a new incarnation: for the checkers it is a restart from the savepoint.
    resumes.push({
      at: first.result.endTime,
      seq: sequence.next(),
      attempt: first.result.restarts.length + 1,
      restoredFrom: first.result.stoppedWith.id,
      cause: `stop-with-savepoint ${first.result.stoppedWith.id}, resumed with parallelism ${rescale.parallelism}`,
    });
    runs.push(runOnce(rescale.parallelism, first.result.stoppedWith, first.result.endTime));
  }
  const last = runs.at(-1) as (typeof runs)[number];
  const system = services.has(systemKey)
    ? services.get<ExternalSystem>(systemKey, () => undefined as never)
    : undefined;
  const status = last.result.status;
  const history: History = {
    version: HISTORY_VERSION,
    scenario: `${c.workload ?? 'list-append'} ${c.cell.source}/${c.cell.sink}/${c.cell.mode}`,
    seed: c.seed,
    mode: c.cell.mode,
    inputs: { src: inputRecords(first.partitions) },
    checkpoints: runs.flatMap((r) => r.recorder.records),
    restarts: [...first.result.restarts, ...resumes, ...runs.slice(1).flatMap((r) => r.result.restarts)],
    faults: runs.flatMap((r) => r.result.faults),
    operations: system?.operations ?? [],
    reads: system?.reads ?? [],
    final: system?.finalContents() ?? {},
    outcome: status === 'finished' ? 'finished' : status === 'failed' ? 'failed' : 'incomplete',
    // Set for every sink (undefined but for 2PC): one object shape for the checkers whatever the sink.
    transactionTimeout: c.cell.sink === '2pc' ? (c.transactionTimeout ?? 3_600_000) : undefined,
    traceHash: runs.map((r) => r.result.trace.hash).join('+'),
  };
  return {
    history,
    guarantee: checkGuarantee(history),
    ...(c.cell.sink === '2pc' ? { twoPhase: checkTwoPhaseCommit(history) } : {}),
    cuts: checkConsistentCuts(history),
    results: runs.map((r) => r.result),
    traceHash: history.traceHash,
    events: runs.flatMap((r) => r.result.trace.events ?? []),
    vertexNames: Object.fromEntries(
      buildJob(c, c.appendParallelism).env.transformations.map((t) => [t.id, t.name]),
    ),
  };
}
