import type { RunServices } from '../execution/RunServices.ts';
import type { Sink, SinkWriter, SinkWriterContext } from './Sink.ts';

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
    const target = list as CollectedRecord<T>[];
    return {
      write: (value, ctx) => {
        target.push({ subtask: context.subtaskIndex, value, timestamp: ctx.timestamp, time: context.now() });
      },
    };
  }
}
