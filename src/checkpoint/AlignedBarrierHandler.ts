import type { Channel } from '../runtime/execution/Channel.ts';
import { BLOCKED_BY_ALIGNMENT } from '../runtime/execution/Channel.ts';
import { hasDefect } from '../runtime/execution/Defects.ts';
import { reachProtocolPoint } from '../runtime/execution/ProtocolPoints.ts';
import type { BarrierElement } from '../runtime/StreamElement.ts';
import { BarrierHandler } from './BarrierHandler.ts';

/**
 * Exactly-once alignment (Flink's SingleCheckpointBarrierHandler, aligned):
 * after barrier n arrives on a channel, that channel is not read until
 * barrier n arrived on every open channel; then the task snapshots, forwards
 * the barrier and unblocks. A newer barrier cancels an older alignment (the
 * older checkpoint is declined as subsumed); older barriers are ignored.
 */
export class AlignedBarrierHandler extends BarrierHandler {
  private currentId = 0;
  private readonly arrived = new Set<number>();
  private aligning = false;
  // Seeded bugs (src/runtime/execution/Defects.ts); all false unless the run switched them on.
  private readonly blocks = !hasDefect(this.task.servicesOf(), 'no-alignment');
  private readonly snapshotsAtFirst = hasDefect(this.task.servicesOf(), 'snapshot-on-first-barrier');
  private readonly forwardsAtFirst = hasDefect(this.task.servicesOf(), 'barrier-forwarded-before-snapshot');

  onBarrier(channel: Channel, barrier: BarrierElement): void {
    const id = barrier.checkpointId;
    if (this.wasAborted(id)) {
      this.subsumeOlderThan(id);
      return;
    }
    if (id < this.currentId || (id === this.currentId && !this.aligning)) return;
    if (id > this.currentId) {
      if (this.aligning) {
        this.checkpointer.decline(this.currentId, `subsumed by checkpoint ${id} during alignment`);
        this.release();
      }
      this.currentId = id;
      this.aligning = true;
      if (this.snapshotsAtFirst) {
        // Seeded bug 'snapshot-on-first-barrier': snapshot (and forward) at the first barrier, as an
        // unaligned checkpoint does, but without its channel state: records still in front of barrier
        // n on the other channels are in neither the snapshot nor the replay. The ABS algorithm
        // (Carbone et al. 2015, Flink's CheckpointBarrierHandler) snapshots after the LAST barrier;
        // losing pre-barrier in-flight data this way is the failure of FLINK-18139.
        this.aligning = false;
        this.checkpointer.acknowledge(this.checkpointer.takeSnapshot(barrier));
        return;
      }
      // Seeded bug 'barrier-forwarded-before-snapshot': pass barrier n downstream at once and snapshot
      // only when aligned, so what the other channels still deliver before their barrier goes out
      // after it (into the sink's next transaction) while the snapshot counts it as done. Flink's
      // SubtaskCheckpointCoordinatorImpl.checkpointState forwards the barrier only once aligned.
      if (this.forwardsAtFirst) this.checkpointer.forwardBarrierEarly(barrier);
    }
    this.arrived.add(channel.gateIndex);
    // Seeded bug 'no-alignment': in exactly-once mode the channel is not blocked, so records behind
    // barrier n get into the snapshot of n and are replayed again after a restore: duplicates. Mirrors
    // FLINK-17568 (a task consumed input after the barrier before the checkpoint was performed).
    if (this.blocks) channel.fifo.block(BLOCKED_BY_ALIGNMENT);
    if (this.arrived.size < this.openChannels) {
      reachProtocolPoint(this.task.servicesOf(), 'during-alignment', this.task.name);
    }
    this.maybeComplete(barrier);
  }

  override onEndOfPartition(channel: Channel): void {
    super.onEndOfPartition(channel);
    this.arrived.delete(channel.gateIndex);
    if (this.aligning) this.maybeComplete(undefined);
  }

  override onCheckpointAborted(checkpointId: number): void {
    super.onCheckpointAborted(checkpointId);
    if (this.aligning && checkpointId === this.currentId) this.release();
  }

  subsumeOlderThan(checkpointId: number): void {
    if (this.aligning && this.currentId < checkpointId) {
      this.checkpointer.decline(this.currentId, `subsumed by checkpoint ${checkpointId} during alignment`);
      this.release();
    }
    if (checkpointId > this.currentId) this.currentId = checkpointId;
  }

  private pendingBarrier: BarrierElement | undefined;

  private maybeComplete(barrier: BarrierElement | undefined): void {
    if (barrier !== undefined) this.pendingBarrier = barrier;
    if (this.arrived.size < this.openChannels) return;
    const b = this.pendingBarrier as BarrierElement;
    this.release();
    this.checkpointer.acknowledge(this.checkpointer.takeSnapshot(b));
  }

  private release(): void {
    this.aligning = false;
    this.arrived.clear();
    this.pendingBarrier = undefined;
    for (const c of this.task.inputs) c.fifo.unblock(BLOCKED_BY_ALIGNMENT);
  }
}
