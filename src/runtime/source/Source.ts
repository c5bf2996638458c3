/**
 * A source, after Flink's FLIP-27 Source/SourceReader, reduced to what the
 * simulation needs: a fixed set of partitions (Kafka-like splits), partition p
 * read by subtask p % parallelism, each partition polled separately (every
 * poll is a scheduler choice), and reader state (positions) for checkpoints.
 */
export interface Source<T> {
  /** Number of partitions (splits). */
  readonly numPartitions: number;
  /** Whether the source ends (bounded) or may wait for more data. */
  readonly boundedness: 'bounded' | 'unbounded';
  createReader(context: SourceReaderContext): SourceReader<T>;
}

export interface SourceReaderContext {
  readonly subtaskIndex: number;
  readonly parallelism: number;
  readonly attemptNumber: number;
  /** The partitions assigned to this reader. */
  readonly partitions: readonly number[];
  /** The virtual processing-time clock. */
  now(): number;
  /** Per-run registry of simulated external systems (see RunServices). */
  readonly services: import('../execution/RunServices.ts').RunServices;
}

export interface SourceRecord<T> {
  readonly value: T;
  /** The record's own timestamp (e.g. Kafka's), passed to the timestamp assigner. */
  readonly timestamp?: number;
}

export interface SourceReader<T> {
  /** Whether `partition` has a record to emit now. */
  hasNext(partition: number): boolean;
  /** The next record of `partition`; only called when hasNext is true. */
  next(partition: number): SourceRecord<T>;
  /** Whether `partition` will never have another record (bounded end). */
  isFinished(partition: number): boolean;
  /** Reader state for a checkpoint (positions), plain JSON data. */
  snapshotState(checkpointId: number): unknown;
  /** Restores positions from a snapshot taken by snapshotState (possibly of other subtasks, after a rescale). */
  restoreState(states: readonly unknown[]): void;
  notifyCheckpointComplete?(checkpointId: number): void;
  close?(): void;
}
