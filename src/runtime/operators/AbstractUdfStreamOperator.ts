import { AbstractStreamOperator, type CheckpointListenerLike } from './AbstractStreamOperator.ts';
import type { OperatorSnapshot } from './OperatorSnapshot.ts';

/** An operator around one user function (Flink's AbstractUdfStreamOperator): opens, closes and snapshots it. */
export abstract class AbstractUdfStreamOperator<F> extends AbstractStreamOperator {
  constructor(readonly userFunction: F) {
    super();
  }

  override open(): void {
    this.openFunction(this.userFunction);
  }

  override close(): void {
    this.closeFunction(this.userFunction);
  }

  override notifyCheckpointComplete(checkpointId: number): void {
    (this.userFunction as Partial<CheckpointListenerLike>).notifyCheckpointComplete?.(checkpointId);
  }

  override notifyCheckpointAborted(checkpointId: number): void {
    (this.userFunction as Partial<CheckpointListenerLike>).notifyCheckpointAborted?.(checkpointId);
  }

  override snapshotState(checkpointId: number): OperatorSnapshot {
    this.snapshotFunction(this.userFunction, checkpointId);
    return super.snapshotState(checkpointId);
  }
}
