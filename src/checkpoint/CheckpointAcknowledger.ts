import type { Task } from '../runtime/execution/Task.ts';
import type { TaskSnapshot } from './types.ts';

/** The coordinator as tasks see it: where acks and declines go (Flink's CheckpointResponder). */
export interface CheckpointAcknowledger {
  acknowledge(task: Task, checkpointId: number, snapshot: TaskSnapshot): void;
  decline(task: Task, checkpointId: number, reason: string): void;
}
