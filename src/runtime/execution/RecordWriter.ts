import type { OutputTag } from '../OutputTag.ts';
import type { StreamElement, StreamRecord } from '../StreamElement.ts';
import type { Channel } from './Channel.ts';
import { BROADCAST, type StreamPartitioner } from './StreamPartitioner.ts';

/**
 * The output of one sender subtask along one edge: picks the channel of each
 * record with the edge's partitioner; events (watermarks, barriers, end of
 * partition) go to every channel, as Flink's RecordWriter#broadcastEvent.
 */
export class RecordWriter {
  constructor(
    readonly channels: readonly Channel[],
    private readonly partitioner: StreamPartitioner,
    /** The side output this edge carries, undefined for the main output. */
    readonly sideOutput: OutputTag<unknown> | undefined,
  ) {}

  emit(record: StreamRecord): void {
    const target = this.partitioner.selectChannel(record.value);
    if (target === BROADCAST) {
      for (const c of this.channels) c.send(record);
    } else {
      (this.channels[target] as Channel).send(record);
    }
  }

  broadcastEvent(element: StreamElement): void {
    for (const c of this.channels) c.send(element);
  }

  /** Sends a priority event to every channel; returns the overtaken records per channel. */
  broadcastPriorityEvent(element: StreamElement): StreamElement[][] {
    return this.channels.map((c) => c.sendPriority(element));
  }
}
