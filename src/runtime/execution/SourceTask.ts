import type { SimAction } from '../../sim/ReadyQueue.ts';
import type { TimedEvent } from '../../sim/TimerQueue.ts';
import type { SourceTransformation } from '../graph/Transformation.ts';
import { END, MAX_WATERMARK, MIN_WATERMARK, record } from '../StreamElement.ts';
import type { SourceReader } from '../source/Source.ts';
import type { WatermarkGenerator, WatermarkOutput } from '../time/WatermarkGenerator.ts';
import type { RecordWriter } from './RecordWriter.ts';
import { Task, type TaskEnvironment } from './Task.ts';
import { T_FINISH, T_SOURCE_EMIT } from './TraceKinds.ts';

interface PartitionState {
  readonly partition: number;
  readonly generator: WatermarkGenerator<unknown>;
  readonly output: WatermarkOutput;
  readonly emit: SimAction;
  watermark: number;
  idle: boolean;
  finished: boolean;
  scheduled: boolean;
}

/**
 * The ready event "emit the next record of this partition". A class, not an
 * arrow made per partition and deployment, so that the scheduler's call of it
 * reaches one function in every run.
 */
class PartitionEmit implements SimAction {
  partition!: PartitionState;

  constructor(private readonly task: SourceTask) {}

  run(): void {
    this.task.emitNext(this.partition);
  }
}

/**
 * A source subtask: reads its partitions (each poll of each partition is a
 * scheduler choice), assigns timestamps, and generates watermarks per
 * partition on the virtual clock every `autoWatermarkInterval` ms, combining
 * them by minimum over non-idle partitions (Flink's per-split watermarks in
 * SourceOperator). When every partition is finished it emits MAX_WATERMARK and
 * end-of-partition, as a bounded Flink source does.
 */
export class SourceTask extends Task {
  readonly partitions: PartitionState[];
  private lastWatermark = MIN_WATERMARK;
  private exhausted = false;
  private suspended = false;
  private idle = false;
  private periodic: TimedEvent | undefined;

  constructor(
    override readonly vertex: SourceTransformation,
    subtaskIndex: number,
    writers: readonly RecordWriter[],
    env: TaskEnvironment,
    readonly reader: SourceReader<unknown>,
    ownedPartitions: readonly number[],
    private readonly autoWatermarkInterval: number,
  ) {
    super(vertex, subtaskIndex, writers, env);
    const strategy = vertex.watermarkStrategy;
    this.partitions = ownedPartitions.map((partition) => {
      const emit = new PartitionEmit(this);
      const state: PartitionState = {
        partition,
        generator: strategy.createWatermarkGenerator({ now: () => this.now() }),
        output: {
          emitWatermark: (ts) => {
            if (ts > state.watermark) state.watermark = ts;
          },
          markIdle: () => {
            state.idle = true;
          },
          markActive: () => {
            state.idle = false;
          },
        },
        emit,
        watermark: MIN_WATERMARK,
        idle: false,
        finished: false,
        scheduled: false,
      };
      emit.partition = state;
      return state;
    });
  }

  start(): void {
    for (const p of this.partitions) {
      // Nothing left to read (an empty partition, or one restored at its end): finished from the start.
      if (this.reader.isFinished(p.partition)) p.finished = true;
      else this.scheduleEmit(p);
    }
    this.checkFinished();
    if (!this.finished) this.schedulePeriodic();
  }

  /** Stops emitting (stop-with-savepoint: no data after the savepoint barrier). */
  suspend(): void {
    if (this.suspended) return;
    this.suspended = true;
    for (const p of this.partitions) {
      if (p.scheduled) this.env.scheduler.cancelReady(p.emit);
      p.scheduled = false;
    }
  }

  /** Resumes after a failed stop-with-savepoint, as Flink does. */
  resume(): void {
    if (!this.suspended) return;
    this.suspended = false;
    for (const p of this.partitions) this.scheduleEmit(p);
  }

  protected onBackpressure(blocked: boolean): void {
    for (const p of this.partitions) {
      if (blocked && p.scheduled) {
        this.env.scheduler.cancelReady(p.emit);
        p.scheduled = false;
      } else if (!blocked) {
        this.scheduleEmit(p);
      }
    }
  }

  private scheduleEmit(p: PartitionState): void {
    if (p.scheduled || p.finished || this.finished || this.suspended || this.isBackpressured) return;
    if (!this.reader.hasNext(p.partition)) return;
    p.scheduled = true;
    this.env.scheduler.makeReady(p.emit);
  }

  /** Emits the next record of a partition: its ready event (PartitionEmit) ran. */
  emitNext(p: PartitionState): void {
    p.scheduled = false;
    const r = this.reader.next(p.partition);
    const assigner = this.vertex.watermarkStrategy.timestampAssigner;
    const timestamp = assigner !== undefined ? assigner(r.value, r.timestamp) : r.timestamp;
    this.env.trace.add(T_SOURCE_EMIT, this.vertex.id, this.subtaskIndex, p.partition);
    if (timestamp !== undefined) p.generator.onEvent(r.value, timestamp, p.output);
    this.output.collect(record(r.value, timestamp));
    if (this.reader.isFinished(p.partition)) {
      p.finished = true;
      this.checkFinished();
    } else {
      this.scheduleEmit(p);
    }
  }

  private schedulePeriodic(): void {
    this.periodic = this.env.scheduler.scheduleAfter(this.autoWatermarkInterval, {
      run: () => {
        this.periodic = undefined;
        if (this.finished) return;
        this.onPeriodicEmit();
        if (!this.finished) this.schedulePeriodic();
      },
    });
  }

  /** Asks every partition's generator for a watermark and emits the combined one. */
  private onPeriodicEmit(): void {
    let min = Number.POSITIVE_INFINITY;
    let active = 0;
    for (const p of this.partitions) {
      if (p.finished) continue;
      p.generator.onPeriodicEmit(p.output);
      if (!p.idle) {
        active++;
        if (p.watermark < min) min = p.watermark;
      }
      // Unbounded readers may have new data since the last poll.
      this.scheduleEmit(p);
    }
    const idle = active === 0 && this.partitions.some((p) => !p.finished);
    if (!idle && min !== Number.POSITIVE_INFINITY && min > this.lastWatermark) {
      this.lastWatermark = min;
      if (this.idle) {
        this.idle = false;
        this.output.emitWatermarkStatus(false);
      }
      this.output.emitWatermark(min);
    } else if (idle !== this.idle) {
      this.idle = idle;
      this.output.emitWatermarkStatus(idle);
    }
  }

  /** Whether every partition is exhausted (the source may be awaiting its final checkpoint). */
  get isExhausted(): boolean {
    return this.exhausted;
  }

  notifyCheckpointComplete(checkpointId: number): void {
    if (!this.finished) this.reader.notifyCheckpointComplete?.(checkpointId);
  }

  notifyCheckpointAborted(): void {}

  private checkFinished(): void {
    if (this.exhausted || this.finished || !this.partitions.every((p) => p.finished)) return;
    if (this.vertex.source.boundedness === 'unbounded' && this.partitions.length === 0) return;
    this.exhausted = true;
    if (this.idle) this.output.emitWatermarkStatus(false);
    if (this.lastWatermark < MAX_WATERMARK) {
      this.lastWatermark = MAX_WATERMARK;
      this.output.emitWatermark(MAX_WATERMARK);
    }
    if (this.periodic !== undefined) this.env.scheduler.cancelTimer(this.periodic);
    this.periodic = undefined;
    const hooks = this.checkpointHooks;
    if (hooks === undefined) this.end();
    else hooks.awaitFinalCheckpoint(() => this.end());
  }

  private end(): void {
    if (this.finished) return;
    this.output.broadcastEvent(END);
    this.finished = true;
    if (this.periodic !== undefined) this.env.scheduler.cancelTimer(this.periodic);
    this.cancelTimers();
    this.reader.close?.();
    this.env.trace.add(T_FINISH, this.vertex.id, this.subtaskIndex);
    this.env.onTaskFinished(this);
  }
}
