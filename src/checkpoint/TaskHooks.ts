import type { Channel } from '../runtime/execution/Channel.ts';
import type { OperatorTask } from '../runtime/execution/OperatorTask.ts';
import type { Task } from '../runtime/execution/Task.ts';
import type { TaskCheckpointHooks } from '../runtime/execution/TaskCheckpointHooks.ts';
import type { BarrierElement, StreamRecord } from '../runtime/StreamElement.ts';
import { AlignedBarrierHandler } from './AlignedBarrierHandler.ts';
import type { BarrierHandler } from './BarrierHandler.ts';
import { BarrierTracker } from './BarrierTracker.ts';
import type { CheckpointCoordinator } from './CheckpointCoordinator.ts';
import type { SubtaskCheckpointCoordinator } from './SubtaskCheckpointCoordinator.ts';
import type { CheckpointConfig } from './types.ts';
import { UnalignedBarrierHandler } from './UnalignedBarrierHandler.ts';

/*
 * The hooks are classes, not object literals of arrow functions: onRecord runs for every record, and
 * a method is the same function in every run (so the optimizing compiler can inline it), where an
 * arrow made per task and deployment is a new one each time.
 */

/** A source task's hooks: it sees no barriers or records, and only waits for its final checkpoint. */
export class SourceTaskHooks implements TaskCheckpointHooks {
  constructor(
    private readonly task: Task,
    private readonly checkpointer: SubtaskCheckpointCoordinator,
    private readonly coordinator: CheckpointCoordinator,
  ) {}

  onBarrier(): void {}

  onRecord(): void {}

  onEndOfPartition(): void {}

  awaitFinalCheckpoint(done: () => void): void {
    this.checkpointer.awaitFinalCheckpoint(() => {
      done();
      this.coordinator.onTaskFinished(this.task);
    });
  }
}

/**
 * An operator task's hooks: barriers go to the handler of the checkpoint mode
 * (aligned, tracker or unaligned), savepoint barriers to an aligned handler
 * even when checkpoints are unaligned.
 */
export class OperatorTaskHooks implements TaskCheckpointHooks {
  private readonly aligned: AlignedBarrierHandler;
  private readonly handler: BarrierHandler;
  private readonly handlers: readonly BarrierHandler[];

  constructor(
    private readonly task: OperatorTask,
    private readonly checkpointer: SubtaskCheckpointCoordinator,
    private readonly coordinator: CheckpointCoordinator,
    private readonly mode: CheckpointConfig['mode'],
  ) {
    this.aligned = new AlignedBarrierHandler(task, checkpointer);
    this.handler =
      mode === 'at-least-once'
        ? new BarrierTracker(task, checkpointer)
        : mode === 'unaligned'
          ? new UnalignedBarrierHandler(task, checkpointer)
          : this.aligned;
    this.handlers = this.handler === this.aligned ? [this.aligned] : [this.handler, this.aligned];
    // A local first, not a function literal assigned to the property: V8 allocates such a literal in
    // the old generation, where it kept finished runs reachable until the next full collection.
    const onAborted = (id: number) => {
      for (const h of this.handlers) h.onCheckpointAborted(id);
    };
    checkpointer.onAborted = onAborted;
  }

  onBarrier(channel: Channel, barrier: BarrierElement): void {
    // A barrier older than a snapshot this task already took (e.g. an unaligned checkpoint's after
    // an aligned savepoint's) is obsolete: snapshots of one task never go back in checkpoint id.
    if (barrier.checkpointId < this.checkpointer.lastSnapshotId) return;
    const target = this.mode === 'unaligned' && !barrier.unaligned ? this.aligned : this.handler;
    for (const h of this.handlers) if (h !== target) h.subsumeOlderThan(barrier.checkpointId);
    target.onBarrier(channel, barrier);
  }

  onRecord(channel: Channel, record: StreamRecord): void {
    this.handler.onRecord(channel, record);
  }

  onEndOfPartition(channel: Channel): void {
    for (const h of this.handlers) h.onEndOfPartition(channel);
  }

  awaitFinalCheckpoint(done: () => void): void {
    // Told twice: when its input ends (it snapshots its final state for pending checkpoints), and
    // when it terminates after its final checkpoint, so that a checkpoint triggered in between
    // counts it as finished instead of waiting for an ack it will never send.
    this.checkpointer.awaitFinalCheckpoint(() => {
      done();
      this.coordinator.onTaskFinished(this.task);
    });
    this.coordinator.onTaskFinished(this.task);
  }
}
