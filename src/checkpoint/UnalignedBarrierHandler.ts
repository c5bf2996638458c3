import type { Channel } from '../runtime/execution/Channel.ts';
import type { BarrierElement, StreamRecord } from '../runtime/StreamElement.ts';
import { BarrierHandler } from './BarrierHandler.ts';
import type { PendingSnapshot } from './SubtaskCheckpointCoordinator.ts';
import type { ChannelState } from './types.ts';

/**
 * Unaligned exactly-once (Flink's SingleCheckpointBarrierHandler, unaligned):
 * the task snapshots at the FIRST barrier n, forwarding it ahead of its
 * queued output (the overtaken records become output channel state); then,
 * until barrier n arrives on each other channel, every record it processes
 * from that channel is recorded as input channel state. The checkpoint is
 * acknowledged once barrier n arrived everywhere. Nothing blocks.
 */
export class UnalignedBarrierHandler extends BarrierHandler {
  private currentId = 0;
  private pending: PendingSnapshot | undefined;
  private readonly arrived = new Set<number>();
  private readonly inFlight = new Map<number, StreamRecord[]>();

  onBarrier(channel: Channel, barrier: BarrierElement): void {
    const id = barrier.checkpointId;
    if (this.wasAborted(id)) {
      this.subsumeOlderThan(id);
      return;
    }
    if (id < this.currentId) return;
    if (id > this.currentId) {
      this.subsumeOlderThan(id);
      this.pending = this.checkpointer.takeSnapshot(barrier);
    } else if (this.pending === undefined) {
      return;
    }
    this.arrived.add(channel.gateIndex);
    this.maybeComplete();
  }

  override onRecord(channel: Channel, record: StreamRecord): void {
    if (this.pending === undefined || this.arrived.has(channel.gateIndex)) return;
    let list = this.inFlight.get(channel.gateIndex);
    if (list === undefined) {
      list = [];
      this.inFlight.set(channel.gateIndex, list);
    }
    list.push(record);
  }

  override onEndOfPartition(channel: Channel): void {
    super.onEndOfPartition(channel);
    this.arrived.delete(channel.gateIndex);
    if (this.pending !== undefined) this.maybeComplete();
  }

  override onCheckpointAborted(checkpointId: number): void {
    super.onCheckpointAborted(checkpointId);
    if (this.pending !== undefined && checkpointId === this.currentId) this.reset();
  }

  subsumeOlderThan(checkpointId: number): void {
    if (this.pending !== undefined && this.currentId < checkpointId) {
      this.checkpointer.decline(
        this.currentId,
        `subsumed by checkpoint ${checkpointId} before all barriers arrived`,
      );
      this.reset();
    }
    if (checkpointId > this.currentId) this.currentId = checkpointId;
  }

  private maybeComplete(): void {
    if (this.pending === undefined || this.arrived.size < this.openChannels) return;
    const state: ChannelState[] = [];
    for (const channel of this.task.inputs) {
      const records = this.inFlight.get(channel.gateIndex);
      if (records === undefined || records.length === 0) continue;
      state.push({
        input: channel.input,
        receiverVertex: this.task.vertex.id,
        senderVertex: channel.senderVertex,
        senderSubtask: channel.senderSubtask,
        receiverSubtask: this.task.subtaskIndex,
        records,
      });
    }
    const pending = this.pending;
    this.reset();
    this.checkpointer.acknowledge(pending, state);
  }

  private reset(): void {
    this.pending = undefined;
    this.arrived.clear();
    this.inFlight.clear();
  }
}
