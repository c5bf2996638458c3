import { copyFunction } from '../../runtime/functions/AbstractRichFunction.ts';
import type { Sink, SinkWriteContext, SinkWriter, SinkWriterContext } from '../../runtime/sink/Sink.ts';

/**
 * Common ground of the connector sinks: the sink object a user passes to
 * sinkTo() is copied once per subtask (as Flink deserializes one function per
 * subtask), the copy gets its context, and the runtime drives it through the
 * SinkWriter hooks.
 */
export abstract class SinkBase<IN> implements Sink<IN> {
  /** The subtask's context; set on the per-subtask copy before open(). */
  protected context!: SinkWriterContext;

  /** Called once per subtask (and after every restart) before any record. */
  open(): void {}

  abstract invoke(value: IN, context: SinkWriteContext): void;

  createWriter(context: SinkWriterContext): SinkWriter<IN> {
    const sink = copyFunction(this);
    sink.context = context;
    sink.open();
    return sink.writer();
  }

  /** The writer of this per-subtask copy; subclasses add checkpoint hooks. */
  protected writer(): SinkWriter<IN> {
    return { write: (value, ctx) => this.invoke(value, ctx) };
  }
}
