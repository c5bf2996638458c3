import type { Channel } from '../runtime/execution/Channel.ts';
import type { OperatorTask } from '../runtime/execution/OperatorTask.ts';
import type { BarrierElement, StreamRecord } from '../runtime/StreamElement.ts';
import type { SubtaskCheckpointCoordinator } from './SubtaskCheckpointCoordinator.ts';

/**
 * Decides, from the barriers arriving on a task's input channels, when the
 * task snapshots (Flink's CheckpointBarrierHandler). One subclass per mode:
 * AlignedBarrierHandler, BarrierTracker (at-least-once), UnalignedBarrierHandler.
 */
export abstract class BarrierHandler {
  /** Channels that ended; they will send no barrier and never hold up a checkpoint. */
  protected readonly ended = new Set<number>();

  constructor(
    protected readonly task: OperatorTask,
    protected readonly checkpointer: SubtaskCheckpointCoordinator,
  ) {}

  abstract onBarrier(channel: Channel, barrier: BarrierElement): void;

  onRecord(_channel: Channel, _record: StreamRecord): void {}

  onEndOfPartition(channel: Channel): void {
    this.ended.add(channel.gateIndex);
  }

  /**
   * Checkpoints the coordinator told this task it aborted. A barrier of an aborted checkpoint may
   * still arrive afterwards (the abort notification overtakes it); like Flink's barrier handlers
   * after a cancellation, the handler then ignores it instead of starting an alignment that no ack
   * can ever finish. Only those ids: aborting checkpoint n says nothing of a pending n - 1.
   */
  private readonly aborted = new Set<number>();

  protected wasAborted(checkpointId: number): boolean {
    return this.aborted.has(checkpointId);
  }

  /** The coordinator aborted a checkpoint (timeout, decline): drop any alignment for it. */
  onCheckpointAborted(checkpointId: number): void {
    this.aborted.add(checkpointId);
  }

  /**
   * A barrier of checkpoint `checkpointId` reached the task's other handler (savepoints are aligned
   * even when checkpoints are not): Flink has one handler per task, where a newer barrier subsumes
   * any older pending checkpoint, so drop (and decline) an older one pending here.
   */
  abstract subsumeOlderThan(checkpointId: number): void;

  /** Input channels that can still deliver a barrier. */
  protected get openChannels(): number {
    return this.task.inputs.length - this.ended.size;
  }
}
