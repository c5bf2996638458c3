import type { ListAppendOutput } from '../../runtime/workload/ListAppend.ts';

/**
 * A sink of the real job, in the shape of Flink's sink functions: open with
 * what the restored checkpoint kept (commit its pending work, clean up what
 * a dead attempt left), write each output on a subtask, snapshot on the
 * checkpoint (pre-commit), and commit when told the checkpoint completed.
 */
export interface RealSink {
  open(restored: unknown, restoredCheckpointId: number | undefined): Promise<void>;
  write(output: ListAppendOutput, subtask: number, checkpointId: number): Promise<void>;
  /** Pre-commits what belongs to `checkpointId` and returns the state to keep in it. */
  snapshot(checkpointId: number): Promise<unknown>;
  notifyCheckpointComplete(checkpointId: number): Promise<void>;
  close(): Promise<void>;
}
