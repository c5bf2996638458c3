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

  /** The coordinator aborted a checkpoint (timeout, decline): drop any alignment for it. */
  onCheckpointAborted(_checkpointId: number): void {}

  /** Input channels that can still deliver a barrier. */
  protected get openChannels(): number {
    return this.task.inputs.length - this.ended.size;
  }
}
