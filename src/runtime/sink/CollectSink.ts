import type { RunServices } from '../execution/RunServices.ts';
import type { Sink, SinkWriteContext, SinkWriter, SinkWriterContext } from './Sink.ts';

/** One value received by a collect sink, in the order the run wrote it. */
export interface CollectedRecord<T> {
  readonly subtask: number;
  readonly value: T;
  readonly timestamp: number | undefined;
  /** Virtual time of the write. */
  readonly time: number;
}

const KEY = 'collect-sink';

/** The collected outputs of one run, by sink name. */
export function collectedOutputs(services: RunServices): Map<string, CollectedRecord<unknown>[]> {
  return services.get(KEY, () => new Map<string, CollectedRecord<unknown>[]>());
}

/**
 * A test sink that records every value it receives (no checkpoint semantics:
 * on a restart it keeps what it had, like Flink's print sink). The run result
 * exposes the values under the sink's name.
 */
export class CollectSink<T> implements Sink<T> {
  createWriter(context: SinkWriterContext): SinkWriter<T> {
    const outputs = collectedOutputs(context.services);
    let list = outputs.get(context.sinkName);
    if (list === undefined) {
      list = [];
      outputs.set(context.sinkName, list);
    }
    return new CollectWriter(list as CollectedRecord<T>[], context);
  }
}

/** A class, not a closure per writer: its write is one function in every run, which can be inlined. */
class CollectWriter<T> implements SinkWriter<T> {
  constructor(
    private readonly target: CollectedRecord<T>[],
    private readonly context: SinkWriterContext,
  ) {}

  write(value: T, ctx: SinkWriteContext): void {
    this.target.push({
      subtask: this.context.subtaskIndex,
      value,
      timestamp: ctx.timestamp,
      time: this.context.now(),
    });
  }
}
