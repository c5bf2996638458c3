import type { OperatorTransformation } from '../graph/Transformation.ts';
import type { AbstractStreamOperator } from '../operators/AbstractStreamOperator.ts';
import {
  BARRIER,
  END,
  END_OF_PARTITION,
  RECORD,
  type StreamElement,
  WATERMARK,
  WATERMARK_STATUS,
} from '../StreamElement.ts';
import { StatusWatermarkValve } from '../time/StatusWatermarkValve.ts';
import { BLOCKED_BY_BACKPRESSURE, type Channel, type ChannelReceiver } from './Channel.ts';
import { hasDefect } from './Defects.ts';
import type { RecordWriter } from './RecordWriter.ts';
import { Task, type TaskEnvironment } from './Task.ts';
import { T_BARRIER, T_DELIVER, T_FINISH } from './TraceKinds.ts';

/**
 * A subtask running one operator: takes elements from its input channels
 * (each delivery a scheduler choice), routes records to the operator, and
 * combines watermarks and idleness per logical input with a
 * StatusWatermarkValve. When every input channel has ended it finishes the
 * operator and ends its outputs.
 */
export class OperatorTask extends Task implements ChannelReceiver {
  readonly valves: StatusWatermarkValve[];
  private endedChannels = 0;
  private inputDone = false;

  constructor(
    override readonly vertex: OperatorTransformation,
    subtaskIndex: number,
    writers: readonly RecordWriter[],
    env: TaskEnvironment,
    readonly operator: AbstractStreamOperator,
    readonly inputs: readonly Channel[],
  ) {
    super(vertex, subtaskIndex, writers, env);
    const perInput = [0, 0];
    for (const c of inputs) perInput[c.input] = (perInput[c.input] ?? 0) + 1;
    const maxOfChannels = hasDefect(env.services, 'watermark-max');
    this.valves = Array.from(
      { length: Math.max(1, operator.numInputs) },
      (_, input) =>
        new StatusWatermarkValve(
          perInput[input] ?? 0,
          {
            emitWatermark: (ts) => operator.processWatermark(ts, input),
            emitWatermarkStatus: (idle) => operator.processWatermarkStatus(idle, input),
          },
          maxOfChannels,
        ),
    );
    for (const c of inputs) c.receiver = this;
  }

  start(): void {
    if (this.inputs.length === 0) this.finish();
  }

  processInput(channel: Channel, element: StreamElement, handedOver: boolean): void {
    if (this.finished) return;
    switch (element.kind) {
      case RECORD:
        // A record handed over on a chained edge is part of the sender's step, whose own event (its
        // delivery or source emit) already fixes it: tracing it again would only cost hashing (a
        // third of all events of a keyed job with a chained sink).
        if (!handedOver) this.env.trace.add(T_DELIVER, this.vertex.id, this.subtaskIndex, channel.gateIndex);
        this.checkpointHooks?.onRecord(channel, element);
        this.operator.processElement(element, channel.input);
        break;
      case WATERMARK:
        (this.valves[channel.input] as StatusWatermarkValve).inputWatermark(
          element.timestamp,
          channel.indexInInput,
        );
        break;
      case WATERMARK_STATUS:
        (this.valves[channel.input] as StatusWatermarkValve).inputWatermarkStatus(
          element.idle,
          channel.indexInInput,
        );
        break;
      case END_OF_PARTITION:
        this.checkpointHooks?.onEndOfPartition(channel);
        this.endedChannels++;
        if (this.endedChannels === this.inputs.length) this.finish();
        break;
      case BARRIER:
        if (this.checkpointHooks === undefined) {
          throw new Error(`${this.name} received a checkpoint barrier but checkpointing is not set up`);
        }
        this.env.trace.add(T_BARRIER, this.vertex.id, this.subtaskIndex, element.checkpointId);
        this.checkpointHooks.onBarrier(channel, element);
        break;
    }
  }

  protected onBackpressure(blocked: boolean): void {
    for (const c of this.inputs) {
      if (blocked) c.fifo.block(BLOCKED_BY_BACKPRESSURE);
      else c.fifo.unblock(BLOCKED_BY_BACKPRESSURE);
    }
  }

  notifyCheckpointComplete(checkpointId: number): void {
    if (!this.finished) this.operator.notifyCheckpointComplete(checkpointId);
  }

  notifyCheckpointAborted(checkpointId: number): void {
    if (!this.finished) this.operator.notifyCheckpointAborted(checkpointId);
  }

  /** Whether every input channel has ended (the operator is finished, maybe awaiting its final checkpoint). */
  get isInputDone(): boolean {
    return this.inputDone;
  }

  private finish(): void {
    if (this.inputDone) return;
    this.inputDone = true;
    this.operator.finish();
    this.output.broadcastEvent(END);
    const hooks = this.checkpointHooks;
    if (hooks === undefined) this.terminate();
    else hooks.awaitFinalCheckpoint(() => this.terminate());
  }

  private terminate(): void {
    if (this.finished) return;
    this.finished = true;
    this.cancelTimers();
    this.operator.close();
    this.env.trace.add(T_FINISH, this.vertex.id, this.subtaskIndex);
    this.env.onTaskFinished(this);
  }
}
