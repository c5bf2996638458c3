import type { JobExecution } from '../runtime/execution/JobExecution.ts';
import { OperatorTask } from '../runtime/execution/OperatorTask.ts';
import { reachProtocolPoint } from '../runtime/execution/ProtocolPoints.ts';
import { SourceTask } from '../runtime/execution/SourceTask.ts';
import type { Task } from '../runtime/execution/Task.ts';
import { BARRIER, type BarrierElement } from '../runtime/StreamElement.ts';
import type { Simulation } from '../sim/Simulation.ts';
import type { TimedEvent } from '../sim/TimerQueue.ts';
import { TraceKind } from '../sim/TraceKind.ts';
import type { CheckpointAcknowledger } from './CheckpointAcknowledger.ts';
import type { CheckpointObserver } from './CheckpointObserver.ts';
import type { CheckpointStorage } from './CheckpointStorage.ts';
import { type NotificationPolicy, RELIABLE_NOTIFICATIONS } from './NotificationPolicy.ts';
import { vertexStateKey } from './StateKey.ts';
import type { SubtaskCheckpointCoordinator } from './SubtaskCheckpointCoordinator.ts';
import { TaskRpcQueue } from './TaskRpcQueue.ts';
import type { CheckpointConfig, CompletedCheckpoint, TaskSnapshot } from './types.ts';

export const T_TRIGGER = new TraceKind('checkpoint.trigger', ['id', 'savepoint']);
export const T_ACK = new TraceKind('checkpoint.ack', ['id', 'vertex', 'subtask']);
export const T_COMPLETE = new TraceKind('checkpoint.complete', ['id']);
export const T_ABORT = new TraceKind('checkpoint.abort', ['id']);
export const T_NOTIFY = new TraceKind('checkpoint.notify', ['id', 'vertex', 'subtask']);

interface PendingCheckpoint {
  readonly id: number;
  readonly kind: 'checkpoint' | 'savepoint';
  readonly stop: boolean;
  readonly triggeredAt: number;
  readonly notYetAcked: Set<Task>;
  readonly acks: Map<Task, TaskSnapshot>;
  readonly timeout: TimedEvent;
}

/** What the coordinator needs from the job around it. */
export interface CoordinatorContext {
  readonly job: JobExecution;
  checkpointerOf(task: Task): SubtaskCheckpointCoordinator;
  /** Too many checkpoint failures: fail the job over. */
  failJob(cause: string): void;
  /** A stop-with-savepoint completed and every task was told: end the job. */
  stopped(savepoint: CompletedCheckpoint): void;
}

/**
 * The JobManager's CheckpointCoordinator on the virtual clock: triggers
 * checkpoints periodically (interval, min pause, max concurrent), sends the
 * trigger to every source subtask, collects acks (through the storage, which
 * can be slow or fail), completes when every running task acked, then
 * notifies all tasks (notifications may be lost, late or duplicated by
 * policy; a later one subsumes an earlier one). Declines and timeouts abort a
 * checkpoint and count against the tolerable failure number.
 */
export class CheckpointCoordinator implements CheckpointAcknowledger {
  private readonly pending = new Map<number, PendingCheckpoint>();
  private nextId = 1;
  private periodic: TimedEvent | undefined;
  private lastCompletionAt = Number.NEGATIVE_INFINITY;
  private consecutiveFailures = 0;
  private running = false;
  /** The seeded delay before the first periodic checkpoint of each start (see start()). */
  private initialDelay: number | undefined;
  /** A stop-with-savepoint is in progress: no periodic checkpoints (Flink stops them too). */
  private stopping = false;
  notificationPolicy: NotificationPolicy = RELIABLE_NOTIFICATIONS;
  readonly completed: CompletedCheckpoint[] = [];
  private readonly rpcs: TaskRpcQueue;

  constructor(
    private readonly sim: Simulation,
    readonly config: CheckpointConfig,
    readonly storage: CheckpointStorage,
    private readonly context: CoordinatorContext,
    private readonly observers: readonly CheckpointObserver[],
  ) {
    this.rpcs = new TaskRpcQueue(sim.scheduler);
  }

  /** Checkpoint ids continue after the checkpoint a job was restored from, as in Flink. */
  continueAfter(checkpointId: number): void {
    this.nextId = Math.max(this.nextId, checkpointId + 1);
  }

  /** Starts periodic checkpoints; the first after a seeded delay in [minPause, interval] as Flink does. */
  start(): void {
    this.running = true;
    if (this.initialDelay === undefined) {
      // A fork depends on the seed and name only: every start would draw this same first value, so
      // it is drawn (and the generator seeded) once per run.
      const { interval, minPauseBetweenCheckpoints: minPause } = this.config;
      const rng = this.sim.rng.fork('checkpoint-initial-delay');
      const lo = Math.min(minPause, interval);
      this.initialDelay = lo + rng.int(interval - lo + 1);
    }
    this.schedulePeriodic(this.initialDelay);
  }

  /** Stops periodic triggering and aborts what is pending (failover: Flink discards pending checkpoints). */
  stop(reason: string): void {
    this.running = false;
    // A stop-with-savepoint interrupted by a failure fails; the restarted job runs on, as in Flink.
    this.stopping = false;
    if (this.periodic !== undefined) this.sim.scheduler.cancelTimer(this.periodic);
    this.periodic = undefined;
    for (const p of [...this.pending.values()]) this.abort(p, reason, false, false);
    this.rpcs.clear();
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  /**
   * For the seeded bug 'restore-latest-triggered' only (see JobRunner.failover):
   * the newest pending checkpoint as if it had completed, from the acks it
   * has, the other tasks filled in from the latest completed checkpoint.
   * Undefined when nothing is pending with an ack or a task has no snapshot.
   */
  latestTriggered(): CompletedCheckpoint | undefined {
    let newest: PendingCheckpoint | undefined;
    for (const p of this.pending.values()) {
      if (p.kind === 'checkpoint' && p.acks.size > 0 && (newest === undefined || p.id > newest.id))
        newest = p;
    }
    if (newest === undefined) return undefined;
    const base = this.storage.latest();
    const job = this.context.job;
    const vertices: Record<string, { parallelism: number; maxParallelism: number; name: string }> = {};
    const tasks: Record<string, TaskSnapshot[]> = {};
    for (const v of job.vertices) {
      const key = vertexStateKey(v);
      const maxParallelism = job.graph.maxParallelism.get(v.id) as number;
      vertices[key] = { parallelism: v.parallelism, maxParallelism, name: v.name };
      const snapshots: TaskSnapshot[] = [];
      for (const t of job.tasksOf(v.id)) {
        const snapshot = newest.acks.get(t) ?? base?.tasks[key]?.[t.subtaskIndex];
        if (snapshot === undefined) return undefined;
        snapshots.push(snapshot);
      }
      tasks[key] = snapshots;
    }
    const now = this.sim.clock.now();
    return {
      id: newest.id,
      kind: 'checkpoint',
      triggeredAt: newest.triggeredAt,
      completedAt: now,
      vertices,
      tasks,
    };
  }

  /** Triggers a savepoint now (aligned barriers, kept outside retention); `stop` = stop-with-savepoint. */
  triggerSavepoint(stop: boolean): number | undefined {
    const id = this.trigger('savepoint', stop);
    if (stop && id !== undefined) this.stopping = true;
    return id;
  }

  private schedulePeriodic(delay: number): void {
    if (!this.running) return;
    this.periodic = this.sim.scheduler.scheduleAfter(delay, {
      run: () => {
        this.periodic = undefined;
        if (!this.running) return;
        const now = this.sim.clock.now();
        const earliest = this.lastCompletionAt + this.config.minPauseBetweenCheckpoints;
        if (this.stopping) {
          this.schedulePeriodic(this.config.interval);
        } else if (this.pending.size >= this.config.maxConcurrentCheckpoints) {
          this.schedulePeriodic(this.config.interval);
        } else if (now < earliest) {
          this.schedulePeriodic(earliest - now);
        } else {
          this.trigger('checkpoint', false);
          this.schedulePeriodic(this.config.interval);
        }
        this.resendFinalNotifications();
      },
    });
  }

  private trigger(kind: 'checkpoint' | 'savepoint', stop: boolean): number | undefined {
    const tasks = this.context.job.tasks;
    const sources = tasks.filter((t): t is SourceTask => t instanceof SourceTask && !t.finished);
    // Operators whose input ended get no barrier; they are triggered directly (FLIP-147).
    const finishedOperators = tasks.filter((t) => t instanceof OperatorTask && !t.finished && t.isInputDone);
    if (sources.length === 0 && finishedOperators.length === 0) return undefined;
    const expected = tasks.filter((t) => !t.finished);
    const id = this.nextId++;
    const now = this.sim.clock.now();
    const barrier: BarrierElement = {
      kind: BARRIER,
      checkpointId: id,
      timestamp: now,
      // Savepoints are always aligned in Flink, even with unaligned checkpoints enabled.
      unaligned: this.config.mode === 'unaligned' && kind === 'checkpoint',
      savepoint: kind === 'savepoint',
    };
    const timeout = this.sim.scheduler.scheduleAfter(this.config.checkpointTimeout, {
      run: () => {
        const p = this.pending.get(id);
        if (p !== undefined) this.abort(p, 'expired before completing', true, true);
      },
    });
    this.pending.set(id, {
      id,
      kind,
      stop,
      triggeredAt: now,
      notYetAcked: new Set(expected),
      acks: new Map(),
      timeout,
    });
    this.sim.trace.add(T_TRIGGER, id, kind === 'savepoint' ? 1 : 0);
    for (const task of finishedOperators) {
      this.rpcs.send(task, () => {
        if (task.finished || !this.pending.has(id)) return;
        this.context.checkpointerOf(task).snapshotFinished(id);
      });
    }
    for (const source of sources) {
      // The trigger is an RPC to each source task: its arrival is a scheduler choice.
      this.rpcs.send(source, () => {
        if (source.finished || !this.pending.has(id)) return;
        this.context.checkpointerOf(source).triggerSource(barrier);
        if (stop) source.suspend();
      });
    }
    return id;
  }

  acknowledge(task: Task, checkpointId: number, snapshot: TaskSnapshot): void {
    const outcome = this.storage.upload(task.name, checkpointId);
    const deliver = {
      run: () => {
        if (outcome.fails) {
          this.decline(task, checkpointId, `uploading the snapshot of ${task.name} failed`);
        } else {
          this.receiveAck(task, checkpointId, snapshot);
        }
      },
    };
    if (outcome.delay > 0) this.sim.scheduler.scheduleAfter(outcome.delay, deliver);
    else this.sim.scheduler.makeReady(deliver);
  }

  decline(task: Task, checkpointId: number, reason: string): void {
    const p = this.pending.get(checkpointId);
    if (p === undefined) return;
    const subsumed = reason.startsWith('subsumed');
    this.abort(p, `declined by ${task.name}: ${reason}`, !subsumed, true);
  }

  private receiveAck(task: Task, checkpointId: number, snapshot: TaskSnapshot): void {
    const p = this.pending.get(checkpointId);
    if (p === undefined || !p.notYetAcked.has(task)) return;
    this.sim.trace.add(T_ACK, checkpointId, task.vertex.id, task.subtaskIndex);
    p.notYetAcked.delete(task);
    p.acks.set(task, snapshot);
    if (p.notYetAcked.size === 0) this.complete(p);
  }

  private complete(p: PendingCheckpoint): void {
    const now = this.sim.clock.now();
    this.pending.delete(p.id);
    this.sim.scheduler.cancelTimer(p.timeout);
    const job = this.context.job;
    const vertices: Record<string, { parallelism: number; maxParallelism: number; name: string }> = {};
    const tasks: Record<string, TaskSnapshot[]> = {};
    for (const v of job.vertices) {
      const key = vertexStateKey(v);
      vertices[key] = {
        parallelism: v.parallelism,
        maxParallelism: job.graph.maxParallelism.get(v.id) as number,
        name: v.name,
      };
      tasks[key] = job.tasksOf(v.id).map((t) => {
        const acked = p.acks.get(t);
        if (acked !== undefined) return acked;
        // A task that finished before this checkpoint keeps its last snapshot (Flink: finished operators).
        return this.finishedSnapshot(t);
      });
    }
    const completed: CompletedCheckpoint = {
      id: p.id,
      kind: p.kind,
      triggeredAt: p.triggeredAt,
      completedAt: now,
      vertices,
      tasks,
    };
    this.storage.store(completed);
    this.completed.push(completed);
    this.lastCompletionAt = now;
    this.consecutiveFailures = 0;
    this.sim.trace.add(T_COMPLETE, p.id);
    for (const o of this.observers) o.onCompleted(completed);
    // Older pending checkpoints are subsumed.
    for (const older of [...this.pending.values()]) {
      if (older.id < p.id) this.abort(older, `subsumed by checkpoint ${p.id}`, false, true);
    }
    reachProtocolPoint(job.services, 'after-completion-before-notify', `checkpoint ${p.id}`);
    const targets = job.tasks.filter((t) => !t.finished);
    let outstanding = targets.length;
    const onDelivered = () => {
      outstanding--;
      if (outstanding === 0 && p.stop) this.context.stopped(completed);
    };
    for (const t of targets) this.notify(t, p.id, 'complete', onDelivered);
    if (targets.length === 0 && p.stop) this.context.stopped(completed);
  }

  /**
   * A task finished (a source ended, or an operator's input ended) while
   * checkpoints expected its ack: it will send none, so it counts as finished
   * with its last state (Flink's FLIP-147 treats finished tasks the same way).
   */
  onTaskFinished(task: Task): void {
    for (const p of [...this.pending.values()]) {
      if (!p.notYetAcked.has(task)) continue;
      // It already snapshotted for this checkpoint: its ack is on the way.
      if (this.context.checkpointerOf(task).lastSnapshotId >= p.id) continue;
      if (task instanceof OperatorTask && !task.finished) {
        // Its input ended while the barrier was on its way: it snapshots its final state instead.
        this.context.checkpointerOf(task).snapshotFinished(p.id);
        continue;
      }
      p.notYetAcked.delete(task);
      p.acks.set(task, this.finishedSnapshot(task));
      if (p.notYetAcked.size === 0) this.complete(p);
    }
  }

  /** A finished task's last snapshot, without channel state: what it had in flight was delivered before it ended. */
  private finishedSnapshot(task: Task): TaskSnapshot {
    const last = this.context.checkpointerOf(task).lastSnapshot;
    const {
      inputChannels: _in,
      outputChannels: _out,
      ...state
    } = last ?? {
      vertexId: task.vertex.id,
      subtask: task.subtaskIndex,
    };
    // Set on the rest object, not `{ ...state, finished: true }`: a spread followed by more
    // properties takes V8's slow path (about 1 µs an object).
    return Object.assign(state, { finished: true });
  }

  private abort(p: PendingCheckpoint, reason: string, countsAsFailure: boolean, notify: boolean): void {
    this.pending.delete(p.id);
    this.sim.scheduler.cancelTimer(p.timeout);
    const now = this.sim.clock.now();
    this.sim.trace.add(T_ABORT, p.id);
    for (const o of this.observers) {
      o.onAborted({ id: p.id, kind: p.kind, triggeredAt: p.triggeredAt, abortedAt: now, reason });
    }
    if (p.stop) {
      this.stopping = false;
      for (const t of this.context.job.tasks) if (t instanceof SourceTask) t.resume();
    }
    if (notify) for (const t of this.context.job.tasks) if (!t.finished) this.notify(t, p.id, 'aborted');
    if (countsAsFailure && p.kind === 'checkpoint') {
      this.consecutiveFailures++;
      if (this.consecutiveFailures > this.config.tolerableCheckpointFailureNumber) {
        this.context.failJob(
          `checkpoint ${p.id} failed (${reason}): exceeded the tolerable checkpoint failure number ` +
            `${this.config.tolerableCheckpointFailureNumber}`,
        );
      }
    }
  }

  private notify(task: Task, id: number, kind: 'complete' | 'aborted', delivered?: () => void): void {
    const delivery = this.notificationPolicy(task, id, kind);
    if (delivery.copies === 0) delivered?.();
    for (let copy = 0; copy < delivery.copies; copy++) {
      const action = {
        run: () => {
          this.sim.trace.add(T_NOTIFY, kind === 'complete' ? id : -id, task.vertex.id, task.subtaskIndex);
          const checkpointer = this.context.checkpointerOf(task);
          if (kind === 'complete') checkpointer.notifyComplete(id);
          else checkpointer.notifyAborted(id);
          if (copy === 0) delivered?.();
        },
      };
      if (delivery.delay > 0) this.sim.scheduler.scheduleAfter(delivery.delay, action);
      else this.sim.scheduler.makeReady(action);
    }
  }

  /**
   * Tasks that finished their data wait for the notification of their final
   * checkpoint; if it was lost, the coordinator repeats the latest one to them
   * on its next tick (a simplification: Flink would trigger a further checkpoint).
   */
  private resendFinalNotifications(): void {
    const latest = this.completed.at(-1);
    if (latest === undefined) return;
    for (const t of this.context.job.tasks) {
      const c = this.context.checkpointerOf(t);
      if (!t.finished && c.awaitingFinal && c.notifiedUpTo < latest.id && c.lastSnapshotId <= latest.id) {
        this.notify(t, latest.id, 'complete');
      }
    }
  }
}
