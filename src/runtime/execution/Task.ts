import type { Scheduler } from '../../sim/Scheduler.ts';
import type { TimedEvent } from '../../sim/TimerQueue.ts';
import type { Trace } from '../../sim/Trace.ts';
import type { Transformation } from '../graph/Transformation.ts';
import type { ProcessingTimeHandle, ProcessingTimeService } from '../time/ProcessingTimeService.ts';
import type { ChannelSender } from './Channel.ts';
import type { RecordWriter } from './RecordWriter.ts';
import type { RunServices } from './RunServices.ts';
import type { TaskCheckpointHooks } from './TaskCheckpointHooks.ts';
import { TaskOutput } from './TaskOutput.ts';
import { T_IDLE, T_TIMER, T_WATERMARK } from './TraceKinds.ts';

/** What every task needs from the run it belongs to. */
export interface TaskEnvironment {
  readonly scheduler: Scheduler;
  readonly trace: Trace;
  readonly services: RunServices;
  readonly attemptNumber: number;
  readonly maxParallelism: number;
  /** Called once when the task has finished (all input ended, everything flushed). */
  onTaskFinished(task: Task): void;
}

/**
 * One subtask of a vertex: its outputs, its processing-time service on the
 * scheduler, and backpressure (it stops taking input while an output channel
 * is full). Subclasses: SourceTask and OperatorTask.
 */
export abstract class Task implements ChannelSender, ProcessingTimeService {
  readonly output: TaskOutput;
  protected fullOutputs = 0;
  private readonly timers = new Set<TimedEvent>();
  /** Terminated: finished normally or cancelled by a failover; ignores further events. */
  finished = false;
  /** Installed by src/checkpoint when checkpointing is enabled. */
  checkpointHooks: TaskCheckpointHooks | undefined;

  constructor(
    readonly vertex: Transformation,
    readonly subtaskIndex: number,
    readonly writers: readonly RecordWriter[],
    protected readonly env: TaskEnvironment,
  ) {
    this.output = new TaskOutput(
      writers,
      (ts) => env.trace.add(T_WATERMARK, vertex.id, subtaskIndex, ts),
      (idle) => env.trace.add(T_IDLE, vertex.id, subtaskIndex, idle ? 1 : 0),
    );
  }

  get name(): string {
    return `${this.vertex.name} (${this.subtaskIndex + 1}/${this.vertex.parallelism})`;
  }

  /** The run's registry of external systems and hooks. */
  servicesOf(): RunServices {
    return this.env.services;
  }

  get isBackpressured(): boolean {
    return this.fullOutputs > 0;
  }

  outputFull(): void {
    if (this.fullOutputs++ === 0) this.onBackpressure(true);
  }

  outputAvailable(): void {
    if (--this.fullOutputs === 0) this.onBackpressure(false);
  }

  /** Backpressure started (true) or ended (false): stop or resume taking input. */
  protected abstract onBackpressure(blocked: boolean): void;

  abstract start(): void;

  /** A checkpoint this task took part in completed (Flink's notifyCheckpointComplete). */
  abstract notifyCheckpointComplete(checkpointId: number): void;

  abstract notifyCheckpointAborted(checkpointId: number): void;

  /** Stops the task at once (failover): no more events, timers cancelled, nothing flushed. */
  cancel(): void {
    this.finished = true;
    this.cancelTimers();
  }

  // ---- ProcessingTimeService on the scheduler ----------------------------

  now(): number {
    return this.env.scheduler.clock.now();
  }

  registerTimer(timestamp: number, callback: () => void): ProcessingTimeHandle {
    const scheduler = this.env.scheduler;
    const event = scheduler.scheduleAt(Math.max(timestamp, scheduler.clock.now()), {
      run: () => {
        this.timers.delete(event);
        if (this.finished) return;
        this.env.trace.add(T_TIMER, this.vertex.id, this.subtaskIndex, timestamp);
        callback();
      },
    });
    this.timers.add(event);
    return {
      cancel: () => {
        scheduler.cancelTimer(event);
        this.timers.delete(event);
      },
    };
  }

  /** Cancels every processing-time callback of this task. */
  protected cancelTimers(): void {
    for (const t of this.timers) this.env.scheduler.cancelTimer(t);
    this.timers.clear();
  }
}
