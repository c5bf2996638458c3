import { partitionKey } from '../../history/PartitionKey.ts';
import { javaStringHashCode } from '../../runtime/JavaHashCode.ts';
import type { RealSink } from '../sinks/RealSink.ts';
import type { CheckpointDirectory } from './CheckpointDirectory.ts';
import type { Journal } from './Journal.ts';
import type { KafkaListAppendSource } from './KafkaListAppendSource.ts';
import type { KillSwitch } from './KillSwitch.ts';
import type { SourceAcknowledger } from './SourceAcknowledger.ts';
import { INPUT_SOURCE, type RealJobConfig } from './types.ts';

export interface ListAppendJobParts {
  readonly config: RealJobConfig;
  readonly source: KafkaListAppendSource;
  readonly acknowledger: SourceAcknowledger;
  readonly sink: RealSink;
  readonly journal: Journal;
  readonly checkpoints: CheckpointDirectory;
  readonly kill: KillSwitch;
}

function offsetsRecord(positions: readonly number[]): Record<string, number> {
  return Object.fromEntries(positions.map((o, p) => [partitionKey(INPUT_SOURCE, p), o]));
}

/**
 * The list-append pipeline (DESIGN §4) as a real job: Kafka source -> keyBy
 * -> append the id to the key's list state -> sink (key, id, position). One
 * process runs it sequentially, so a checkpoint between two records is an
 * aligned cut: source positions, list state and the sink's pre-committed
 * state, written durably; then the sink is told it completed. A restart
 * restores the latest completed checkpoint: the state always, the source
 * position only when the source is resettable.
 */
export async function runListAppendJob(parts: ListAppendJobParts): Promise<void> {
  const { config, source, acknowledger, sink, journal, checkpoints, kill } = parts;
  const debug = (what: string) => {
    if (process.env.STREAMPROOF_REAL_DEBUG) process.stderr.write(`  [job ${journal.now()} ms] ${what}\n`);
  };
  debug('started');
  const restored = checkpoints.latest();
  if (config.attempt > 0) {
    journal.append({
      kind: 'restart',
      at: journal.now(),
      attempt: config.attempt,
      ...(restored === undefined ? {} : { restoredFrom: restored.id }),
      cause: config.cause ?? 'restart',
    });
  }
  const state = new Map<string, string[]>(Object.entries(restored?.state ?? {}).map(([k, v]) => [k, [...v]]));
  const positions =
    config.source === 'resettable'
      ? Array.from(
          { length: config.partitions },
          (_, p) => restored?.sourceOffsets[partitionKey(INPUT_SOURCE, p)] ?? 0,
        )
      : await acknowledger.positions(config.partitions);
  await sink.open(restored?.sink, restored?.id);
  debug('sink open');

  let checkpointId = checkpoints.peekNextCheckpointId();
  let sinceCheckpoint = 0;
  let received = 0;
  const atEnd = () => positions.every((o, p) => o >= (config.endOffsets[p] ?? 0));

  const checkpoint = async () => {
    const index = kill.checkpointStarted();
    debug('checkpoint');
    const id = checkpoints.nextCheckpointId();
    const triggeredAt = journal.now();
    journal.append({ kind: 'triggered', at: triggeredAt, checkpointId: id });
    const sinkState = await sink.snapshot(id);
    await kill.reach('after-pre-commit', index, `after pre-commit of checkpoint ${id}`);
    const appendState = Object.fromEntries([...state.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
    const sourceOffsets = offsetsRecord(positions);
    checkpoints.store({ id, sourceOffsets, state: appendState, sink: sinkState });
    journal.append({
      kind: 'completed',
      at: journal.now(),
      checkpoint: {
        id,
        kind: 'checkpoint',
        triggeredAt,
        status: 'completed',
        endedAt: journal.now(),
        sourceOffsets,
        appendState,
      },
    });
    await kill.reach(
      'after-completion',
      index,
      `after checkpoint ${id} completed, before the sink committed`,
    );
    await sink.notifyCheckpointComplete(id);
    checkpointId = checkpoints.peekNextCheckpointId();
    sinceCheckpoint = 0;
  };

  if (!atEnd()) {
    await source.run(positions, async ({ partition, offset, record }) => {
      if (offset < (positions[partition] ?? 0)) return 'more';
      debug(`record ${record.id}`);
      if (config.source === 'not-resettable') await acknowledger.acknowledge(partition, offset + 1);
      received++;
      await kill.reach(
        'after-records',
        received,
        `after record ${record.id} was received (record ${received} of this attempt)`,
      );
      const ids = state.get(record.key) ?? [];
      ids.push(record.id);
      state.set(record.key, ids);
      const subtask = Math.abs(javaStringHashCode(record.key)) % config.subtasks;
      await sink.write({ key: record.key, id: record.id, position: ids.length - 1 }, subtask, checkpointId);
      positions[partition] = offset + 1;
      sinceCheckpoint++;
      if (sinceCheckpoint >= config.checkpointEvery) await checkpoint();
      return atEnd() ? 'done' : 'more';
    });
  }
  // Flink takes a final checkpoint at the end of bounded input (FLIP-147) so that the last transaction commits.
  if (sinceCheckpoint > 0 || restored === undefined) await checkpoint();
  await sink.close();
}
