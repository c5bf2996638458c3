import { HISTORY_VERSION, type History, type InputRecord } from '../history/types.ts';
import { CheckpointingMode, StreamExecutionEnvironment } from '../runtime/api/StreamExecutionEnvironment.ts';
import { CollectSink } from '../runtime/sink/CollectSink.ts';
import { CollectionSource } from '../runtime/source/CollectionSource.ts';
import { WatermarkStrategy } from '../runtime/time/WatermarkStrategy.ts';
import {
  generateListAppendInput,
  LIST_APPEND_UID,
  ListAppendFunction,
  type ListAppendRecord,
  listAppendKey,
} from '../runtime/workload/ListAppend.ts';
import { Rng } from '../sim/Rng.ts';
import { appendStateOf, CheckpointHistoryRecorder } from './CheckpointHistoryRecorder.ts';
import type { CrashSpec, JobResult, SavepointSpec } from './JobRunner.ts';
import { simulate } from './JobRunner.ts';
import type { CheckpointMode, Savepoint } from './types.ts';

/** A list-append job with checkpoints and crashes, as plain data (shrinkable by fast-check). */
export interface ListAppendScenario {
  readonly records: number;
  readonly keys: number;
  readonly partitions: number;
  readonly placement?: 'by-key' | 'spread';
  readonly sourceParallelism: number;
  readonly appendParallelism: number;
  readonly mode: CheckpointMode;
  readonly checkpointInterval: number;
  readonly bufferCapacity?: number;
  /** Flink's operator chaining (default on): the append operator and the sink share a task. */
  readonly operatorChaining?: boolean;
  readonly maxConcurrentCheckpoints?: number;
  readonly crashes?: readonly CrashSpec[];
  readonly savepoints?: readonly SavepointSpec[];
}

export interface ListAppendRun {
  readonly history: History;
  readonly result: JobResult;
  /** key -> ids in the list-append operator's state when the job finished (last attempt). */
  readonly finalState: Record<string, string[]>;
}

/** The job of a scenario: source -> keyBy -> list append (uid 'append') -> collect sink. */
export function buildListAppendJob(
  scenario: ListAppendScenario,
  seed: number,
): {
  env: StreamExecutionEnvironment;
  partitions: ListAppendRecord[][];
} {
  const env = StreamExecutionEnvironment.create({
    parallelism: scenario.appendParallelism,
    bufferCapacity: scenario.bufferCapacity ?? 4,
    operatorChaining: scenario.operatorChaining ?? true,
  });
  env.enableCheckpointing(
    scenario.checkpointInterval,
    scenario.mode === 'at-least-once' ? CheckpointingMode.AT_LEAST_ONCE : CheckpointingMode.EXACTLY_ONCE,
  );
  const settings = env.checkpointSettings;
  if (settings !== undefined) {
    settings.unaligned = scenario.mode === 'unaligned';
    settings.maxConcurrentCheckpoints =
      scenario.mode === 'unaligned' ? 1 : (scenario.maxConcurrentCheckpoints ?? 1);
  }
  // The input depends on the seed's workload stream only, so scheduling choices never change it.
  const partitions = generateListAppendInput(new Rng(seed).fork('workload'), {
    records: scenario.records,
    keys: scenario.keys,
    partitions: scenario.partitions,
    placement: scenario.placement ?? 'by-key',
  });
  env
    .fromSource(new CollectionSource<ListAppendRecord>(partitions), WatermarkStrategy.noWatermarks(), 'src')
    .setParallelism(scenario.sourceParallelism)
    .keyBy(listAppendKey)
    .process(new ListAppendFunction())
    .uid(LIST_APPEND_UID)
    .name('Append')
    .sinkTo(new CollectSink(), 'out');
  return { env, partitions };
}

/** The input records of a job's partitions, for the history. */
export function inputRecords(partitions: readonly (readonly ListAppendRecord[])[]): InputRecord[] {
  // Plain loops: this runs once per scenario run over every record, and flatMap's callbacks showed in profiles.
  const out: InputRecord[] = [];
  for (let partition = 0; partition < partitions.length; partition++) {
    const records = partitions[partition] as readonly ListAppendRecord[];
    for (let offset = 0; offset < records.length; offset++) {
      const r = records[offset] as ListAppendRecord;
      out.push({ id: r.id, key: r.key, partition, offset });
    }
  }
  return out;
}

/** Runs a list-append scenario once and returns its history (DESIGN §4) and final state. */
export function runListAppendScenario(
  scenario: ListAppendScenario,
  options: {
    seed: number;
    choices?: readonly number[];
    restoreFrom?: Savepoint;
    keepTrace?: boolean | number;
    /** Record each completed checkpoint's snapshot digest (for histories written out; default off). */
    digests?: boolean;
  },
): ListAppendRun {
  const { env, partitions } = buildListAppendJob(scenario, options.seed);
  const recorder = new CheckpointHistoryRecorder(env.transformations, { digests: options.digests ?? false });
  const result = simulate(env, {
    seed: options.seed,
    choices: options.choices ?? [],
    crashes: scenario.crashes ?? [],
    savepoints: scenario.savepoints ?? [],
    observers: [recorder],
    captureFinalState: true,
    maxSteps: 2_000_000,
    ...(options.restoreFrom === undefined ? {} : { restoreFrom: options.restoreFrom }),
    ...(options.keepTrace === undefined ? {} : { keepTrace: options.keepTrace }),
  });
  const history: History = {
    version: HISTORY_VERSION,
    scenario: 'list-append',
    seed: options.seed,
    mode: scenario.mode,
    inputs: { src: inputRecords(partitions) },
    checkpoints: recorder.records,
    restarts: result.restarts,
    faults: result.faults,
    operations: [],
    reads: [],
    outcome:
      result.status === 'finished' || result.status === 'stopped'
        ? 'finished'
        : result.status === 'failed'
          ? 'failed'
          : 'incomplete',
    traceHash: result.trace.hash,
  };
  return { history, result, finalState: appendStateOf(result.finalStates?.[LIST_APPEND_UID] ?? []) };
}
