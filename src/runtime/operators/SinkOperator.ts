import type { StreamRecord } from '../StreamElement.ts';
import type { Sink, SinkWriteContext, SinkWriter } from '../sink/Sink.ts';
import { ListStateDescriptor } from '../state/StateDescriptor.ts';
import { AbstractStreamOperator } from './AbstractStreamOperator.ts';
import type { OperatorSnapshot } from './OperatorSnapshot.ts';

/** Where a writer's checkpointed state lives: split-distributed operator list state. */
const WRITER_STATE = new ListStateDescriptor<unknown>('sink-writer-state');

/** Runs a sink's writer in a subtask (Flink's SinkWriterOperator). */
export class SinkOperator<T> extends AbstractStreamOperator {
  readonly numInputs = 1;
  private writer!: SinkWriter<T>;
  private timestamp: number | undefined;
  private readonly writeContext: SinkWriteContext = new OperatorWriteContext(this);

  constructor(
    readonly sink: Sink<T>,
    readonly sinkName: string,
  ) {
    super();
  }

  /** The timestamp of the record being written (read by the write context). */
  get currentTimestamp(): number | undefined {
    return this.timestamp;
  }

  override open(): void {
    const s = this.setupInfo;
    this.writer = this.sink.createWriter({
      sinkName: this.sinkName,
      subtaskIndex: s.subtaskIndex,
      parallelism: s.parallelism,
      attemptNumber: s.attemptNumber,
      // A function of its own (connectors take it out of the context), reading the task's clock.
      now: () => s.processingTime.now(),
      services: s.services,
    });
    const restored = this.operatorState.getListState(WRITER_STATE).get();
    this.writer.initializeState?.(restored, { isRestored: this.operatorState.isRestored() });
  }

  override prepareSnapshotPreBarrier(checkpointId: number): void {
    this.writer.prepareSnapshotPreBarrier?.(checkpointId);
  }

  override snapshotState(checkpointId: number): OperatorSnapshot {
    const items = this.writer.snapshotState?.(checkpointId);
    if (items !== undefined) this.operatorState.getListState(WRITER_STATE).update(items);
    return super.snapshotState(checkpointId);
  }

  override notifyCheckpointComplete(checkpointId: number): void {
    this.writer.notifyCheckpointComplete?.(checkpointId);
  }

  override notifyCheckpointAborted(checkpointId: number): void {
    this.writer.notifyCheckpointAborted?.(checkpointId);
  }

  processElement(r: StreamRecord): void {
    this.timestamp = r.timestamp;
    this.writer.write(r.value as T, this.writeContext);
  }

  override finish(): void {
    super.finish();
    this.writer.finish?.();
  }

  override close(): void {
    this.writer.close?.();
  }

  /** The writer, for checkpoint hooks added by connector sinks. */
  getWriter(): SinkWriter<T> {
    return this.writer;
  }
}

/**
 * The context handed to every write: a class, with its getter on the
 * prototype, rather than an object literal with a getter. V8 keeps an object
 * literal's accessor in the object's hidden class, so each literal made a new
 * hidden class (old-generation memory) holding a closure over its operator;
 * until the next full collection that kept every finished run's objects alive
 * through young-generation collections, which then spent their time copying
 * them (a third of a short scenario run went to garbage collection).
 */
class OperatorWriteContext implements SinkWriteContext {
  constructor(private readonly operator: SinkOperator<unknown>) {}

  get timestamp(): number | undefined {
    return this.operator.currentTimestamp;
  }

  currentWatermark(): number {
    return this.operator.currentWatermark();
  }
}
