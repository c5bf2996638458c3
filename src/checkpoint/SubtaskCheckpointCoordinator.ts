import { hasDefect } from '../runtime/execution/Defects.ts';
import type { OperatorTask } from '../runtime/execution/OperatorTask.ts';
import { reachProtocolPoint } from '../runtime/execution/ProtocolPoints.ts';
import type { SourceTask } from '../runtime/execution/SourceTask.ts';
import type { Task } from '../runtime/execution/Task.ts';
import type { BarrierElement, StreamElement, StreamRecord } from '../runtime/StreamElement.ts';
import type { CheckpointAcknowledger } from './CheckpointAcknowledger.ts';
import type { ChannelState, TaskSnapshot } from './types.ts';

/** A snapshot taken but not yet acknowledged (unaligned: waiting for the in-flight input). */
export interface PendingSnapshot {
  readonly barrier: BarrierElement;
  readonly snapshot: TaskSnapshot;
}

function overtakenState(task: Task, overtaken: StreamElement[][][]): ChannelState[] {
  const out: ChannelState[] = [];
  task.writers.forEach((writer, w) => {
    writer.channels.forEach((channel, c) => {
      const records = (overtaken[w]?.[c] ?? []) as StreamRecord[];
      if (records.length === 0) return;
      out.push({
        input: channel.input,
        receiverVertex: channel.receiverVertex,
        senderVertex: task.vertex.id,
        senderSubtask: task.subtaskIndex,
        receiverSubtask: channel.receiverSubtask,
        records,
      });
    });
  });
  return out;
}

/**
 * The checkpointing side of one subtask, after Flink's
 * SubtaskCheckpointCoordinatorImpl: prepareSnapshotPreBarrier, forward the
 * barrier (as a priority event that overtakes output data when unaligned),
 * snapshot the state, acknowledge. It also tracks notifications so that a
 * finished task terminates only once its final checkpoint completed.
 */
export class SubtaskCheckpointCoordinator {
  /** Latest checkpoint id this task snapshotted. */
  lastSnapshotId = 0;
  /** Highest checkpoint id notified complete. */
  notifiedUpTo = 0;
  /** The last snapshot acknowledged, carried forward into later checkpoints once the task finished. */
  lastSnapshot: TaskSnapshot | undefined;
  private finalWait: { waitFor: number | undefined; done: () => void } | undefined;
  /** Told of aborted checkpoints (the barrier handlers drop their alignment). */
  onAborted: (checkpointId: number) => void = () => {};
  /** The checkpoint whose barrier the seeded bug 'barrier-forwarded-before-snapshot' forwarded early. */
  private forwardedEarly = 0;
  /**
   * Seeded bug 'unaligned-drop-inflight': unaligned snapshots leave out the channel state (the
   * overtaken output and the recorded input), so in-flight records are in no checkpoint. Mirrors
   * FLINK-20645 (unaligned checkpoints missing buffers) and FLINK-18139 (in-flight data of the
   * wrong channels persisted).
   */
  private readonly dropsChannelState: boolean;

  constructor(
    readonly task: Task,
    private readonly acknowledger: CheckpointAcknowledger,
  ) {
    this.dropsChannelState = hasDefect(task.servicesOf(), 'unaligned-drop-inflight');
  }

  /** Seeded bug 'barrier-forwarded-before-snapshot' only: forwards the barrier before the snapshot. */
  forwardBarrierEarly(barrier: BarrierElement): void {
    for (const w of this.task.writers) w.broadcastEvent(barrier);
    this.forwardedEarly = barrier.checkpointId;
  }

  /** Operator tasks: barrier forwarded and state snapshotted; returned for the handler to acknowledge. */
  takeSnapshot(barrier: BarrierElement): PendingSnapshot {
    const task = this.task as OperatorTask;
    const id = barrier.checkpointId;
    task.operator.prepareSnapshotPreBarrier(id);
    let outputChannels: ChannelState[] | undefined;
    if (barrier.unaligned) {
      outputChannels = overtakenState(
        task,
        task.writers.map((w) => w.broadcastPriorityEvent(barrier)),
      );
    } else if (this.forwardedEarly !== id) {
      for (const w of task.writers) w.broadcastEvent(barrier);
    }
    const snapshot: TaskSnapshot = {
      vertexId: task.vertex.id,
      subtask: task.subtaskIndex,
      operator: task.operator.snapshotState(id),
      ...(outputChannels === undefined || this.dropsChannelState ? {} : { outputChannels }),
    };
    this.lastSnapshotId = Math.max(this.lastSnapshotId, id);
    return { barrier, snapshot };
  }

  /** Acknowledges a snapshot, adding the in-flight input recorded since (unaligned). */
  acknowledge(pending: PendingSnapshot, inputChannels?: ChannelState[]): void {
    const snapshot: TaskSnapshot =
      inputChannels === undefined || inputChannels.length === 0 || this.dropsChannelState
        ? pending.snapshot
        : // Object.assign, not a spread and a property: V8's slow path for that costs about 1 µs.
          Object.assign({}, pending.snapshot, { inputChannels });
    this.lastSnapshot = snapshot;
    reachProtocolPoint(this.task.servicesOf(), 'after-snapshot-before-ack', this.task.name);
    this.acknowledger.acknowledge(this.task, pending.barrier.checkpointId, snapshot);
  }

  decline(checkpointId: number, reason: string): void {
    this.acknowledger.decline(this.task, checkpointId, reason);
  }

  /** Source tasks: the coordinator triggered a checkpoint. */
  triggerSource(barrier: BarrierElement): void {
    const task = this.task as SourceTask;
    const id = barrier.checkpointId;
    const reader = task.reader.snapshotState(id);
    let outputChannels: ChannelState[] | undefined;
    if (barrier.unaligned) {
      outputChannels = overtakenState(
        task,
        task.writers.map((w) => w.broadcastPriorityEvent(barrier)),
      );
    } else {
      for (const w of task.writers) w.broadcastEvent(barrier);
    }
    this.lastSnapshotId = Math.max(this.lastSnapshotId, id);
    const snapshot: TaskSnapshot = {
      vertexId: task.vertex.id,
      subtask: task.subtaskIndex,
      reader,
      ...(outputChannels === undefined || this.dropsChannelState ? {} : { outputChannels }),
    };
    this.lastSnapshot = snapshot;
    if (this.finalWait !== undefined && this.finalWait.waitFor === undefined) this.finalWait.waitFor = id;
    this.acknowledger.acknowledge(task, id, snapshot);
  }

  /**
   * The task finished its input (or, for a source, read everything): it may
   * terminate once a checkpoint covering that point completed. For an operator
   * task that is the last checkpoint it snapshotted; for a source, the first
   * one triggered from now on.
   */
  awaitFinalCheckpoint(done: () => void): void {
    this.finalWait = { waitFor: undefined, done };
  }

  /**
   * An operator task whose input has ended takes part in later checkpoints
   * without barriers (none can reach it): it snapshots its final state when
   * the coordinator triggers it, like Flink's finished tasks in FLIP-147. It
   * terminates once the first such checkpoint completed, so a sink commits
   * everything it received.
   */
  snapshotFinished(checkpointId: number): void {
    const task = this.task as OperatorTask;
    if (this.finalWait?.waitFor !== undefined && this.lastSnapshot !== undefined) {
      // Its final state is already snapshotted: later checkpoints reuse it (no new pre-commit).
      this.lastSnapshotId = Math.max(this.lastSnapshotId, checkpointId);
      this.acknowledger.acknowledge(task, checkpointId, this.lastSnapshot);
      return;
    }
    task.operator.prepareSnapshotPreBarrier(checkpointId);
    const snapshot: TaskSnapshot = {
      vertexId: task.vertex.id,
      subtask: task.subtaskIndex,
      operator: task.operator.snapshotState(checkpointId),
    };
    this.lastSnapshotId = Math.max(this.lastSnapshotId, checkpointId);
    this.lastSnapshot = snapshot;
    if (this.finalWait !== undefined && this.finalWait.waitFor === undefined)
      this.finalWait.waitFor = checkpointId;
    this.acknowledger.acknowledge(task, checkpointId, snapshot);
  }

  /** Whether the task is done with its data and only waits for the final checkpoint. */
  get awaitingFinal(): boolean {
    return this.finalWait !== undefined;
  }

  notifyComplete(checkpointId: number): void {
    if (this.task.finished) return;
    this.notifiedUpTo = Math.max(this.notifiedUpTo, checkpointId);
    this.task.notifyCheckpointComplete(checkpointId);
    const wait = this.finalWait;
    if (wait !== undefined && wait.waitFor !== undefined && this.notifiedUpTo >= wait.waitFor) {
      this.finalWait = undefined;
      wait.done();
    }
  }

  notifyAborted(checkpointId: number): void {
    if (this.task.finished) return;
    this.onAborted(checkpointId);
    this.task.notifyCheckpointAborted(checkpointId);
    // A task whose final checkpoint was aborted waits for the next one.
    const wait = this.finalWait;
    if (wait !== undefined && wait.waitFor === checkpointId) wait.waitFor = undefined;
  }
}
