import type { RunServices } from '../execution/RunServices.ts';

/**
 * A sink, after Flink's Sink/SinkWriter: one writer per subtask. Checkpoint
 * hooks (pre-commit, commit, restore) are added by the connectors' sinks.
 */
export interface Sink<T> {
  createWriter(context: SinkWriterContext): SinkWriter<T>;
}

export interface SinkWriterContext {
  readonly sinkName: string;
  readonly subtaskIndex: number;
  readonly parallelism: number;
  readonly attemptNumber: number;
  now(): number;
  readonly services: RunServices;
}

export interface SinkWriteContext {
  /** The record's timestamp, or undefined. */
  readonly timestamp: number | undefined;
  currentWatermark(): number;
}

/**
 * A sink writer. The optional hooks make it a participant in checkpoints,
 * with Flink's names: snapshotState (its state is kept in the checkpoint as
 * operator list state and handed back to initializeState on restore, dealt
 * out across subtasks after a rescale), prepareSnapshotPreBarrier (flush before
 * the barrier), notifyCheckpointComplete / notifyCheckpointAborted.
 */
export interface SinkWriter<T> {
  write(value: T, context: SinkWriteContext): void;
  /** End of input: flush. */
  finish?(): void;
  close?(): void;
  /** Restored writer state (items from snapshotState of this or, after a rescale, other subtasks). */
  initializeState?(items: readonly unknown[], context: { readonly isRestored: boolean }): void;
  prepareSnapshotPreBarrier?(checkpointId: number): void;
  snapshotState?(checkpointId: number): readonly unknown[];
  notifyCheckpointComplete?(checkpointId: number): void;
  notifyCheckpointAborted?(checkpointId: number): void;
}
