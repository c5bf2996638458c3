import type { MapStateDescriptor } from '../state/StateDescriptor.ts';
import type { DataStream } from './DataStream.ts';

/** Flink's BroadcastStream: a stream sent to every subtask, with the broadcast state it may write. */
export class BroadcastStream<T> {
  constructor(
    readonly stream: DataStream<T>,
    readonly descriptors: readonly MapStateDescriptor<unknown, unknown>[],
  ) {}
}
