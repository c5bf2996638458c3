import type { OperatorSnapshot } from '../runtime/operators/OperatorSnapshot.ts';
import type { StreamRecord } from '../runtime/StreamElement.ts';

/** The three ways barriers are handled (DESIGN §4 rows). */
export type CheckpointMode = 'aligned' | 'unaligned' | 'at-least-once';

/** Checkpoint settings, as Flink's CheckpointConfig (times in simulated ms). */
export interface CheckpointConfig {
  readonly interval: number;
  readonly mode: CheckpointMode;
  readonly minPauseBetweenCheckpoints: number;
  readonly maxConcurrentCheckpoints: number;
  readonly checkpointTimeout: number;
  /** Checkpoint failures tolerated before the job fails over (Flink's tolerable-failed-checkpoints). */
  readonly tolerableCheckpointFailureNumber: number;
}

/** Flink's fixed-delay restart strategy: `attempts` restarts, each after `delay` ms. */
export interface RestartStrategy {
  readonly kind: 'fixed-delay';
  readonly attempts: number;
  readonly delay: number;
}

/** Records in flight on one channel at a snapshot (unaligned checkpoints). */
export interface ChannelState {
  readonly input: number;
  readonly receiverVertex: number;
  readonly senderVertex: number;
  readonly senderSubtask: number;
  readonly receiverSubtask: number;
  readonly records: readonly StreamRecord[];
}

/** What one subtask contributed to a checkpoint. */
export interface TaskSnapshot {
  readonly vertexId: number;
  readonly subtask: number;
  /** Operator tasks: keyed, timers and operator state. */
  readonly operator?: OperatorSnapshot;
  /** Source tasks: the reader's positions. */
  readonly reader?: unknown;
  /** Unaligned: records this task had not yet processed from channels whose barrier had not arrived. */
  readonly inputChannels?: readonly ChannelState[];
  /** Unaligned: records in this task's output channels overtaken by its barrier. */
  readonly outputChannels?: readonly ChannelState[];
  /** The task had finished before this checkpoint (its last snapshot is carried forward). */
  readonly finished?: boolean;
}

/** A completed checkpoint or savepoint, as kept by the checkpoint storage. */
export interface CompletedCheckpoint {
  readonly id: number;
  readonly kind: 'checkpoint' | 'savepoint';
  readonly triggeredAt: number;
  readonly completedAt: number;
  /** vertex state key (uid, or auto id) -> parallelism and max parallelism when taken. */
  readonly vertices: Readonly<Record<string, { parallelism: number; maxParallelism: number; name: string }>>;
  /** vertex state key -> per-subtask snapshots. */
  readonly tasks: Readonly<Record<string, readonly TaskSnapshot[]>>;
}

/** A savepoint handle users keep to resume a job (plain data). */
export type Savepoint = CompletedCheckpoint;
