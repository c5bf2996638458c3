import type { Channel } from '../runtime/execution/Channel.ts';
import type { BarrierElement } from '../runtime/StreamElement.ts';
import { BarrierHandler } from './BarrierHandler.ts';

interface Pending {
  readonly id: number;
  /** Channels that delivered this checkpoint's barrier (a set: an ended channel's barrier still counts once). */
  readonly channels: Set<number>;
  readonly barrier: BarrierElement;
}

/**
 * At-least-once barrier handling (Flink's CheckpointBarrierTracker): nothing
 * blocks; the task counts barriers per checkpoint and snapshots when the last
 * one arrived, by which time it may already have processed records that came
 * after the barrier on faster channels. Completing checkpoint n drops older
 * pending ones.
 */
export class BarrierTracker extends BarrierHandler {
  private readonly pending: Pending[] = [];
  private latestCompleted = 0;

  onBarrier(channel: Channel, barrier: BarrierElement): void {
    const id = barrier.checkpointId;
    if (id <= this.latestCompleted || this.wasAborted(id)) return;
    let entry = this.pending.find((p) => p.id === id);
    if (entry === undefined) {
      entry = { id, channels: new Set(), barrier };
      this.pending.push(entry);
      this.pending.sort((a, b) => a.id - b.id);
    }
    entry.channels.add(channel.gateIndex);
    this.maybeComplete();
  }

  override onEndOfPartition(channel: Channel): void {
    super.onEndOfPartition(channel);
    this.maybeComplete();
  }

  /** Nothing blocks here, and pending checkpoints are dropped as later ones complete. */
  subsumeOlderThan(_checkpointId: number): void {}

  override onCheckpointAborted(checkpointId: number): void {
    super.onCheckpointAborted(checkpointId);
    const i = this.pending.findIndex((p) => p.id === checkpointId);
    if (i >= 0) this.pending.splice(i, 1);
  }

  private maybeComplete(): void {
    for (let i = this.pending.length - 1; i >= 0; i--) {
      const p = this.pending[i] as Pending;
      if (!this.task.inputs.every((c) => p.channels.has(c.gateIndex) || this.ended.has(c.gateIndex)))
        continue;
      // Older pending checkpoints can no longer complete on this task.
      for (const older of this.pending.splice(0, i + 1)) {
        if (older.id !== p.id) this.checkpointer.decline(older.id, `subsumed by checkpoint ${p.id}`);
      }
      this.latestCompleted = p.id;
      this.checkpointer.acknowledge(this.checkpointer.takeSnapshot(p.barrier));
      return;
    }
  }
}
