import type { Consumer, Kafka } from 'kafkajs';
import type { ListAppendRecord } from '../../runtime/workload/ListAppend.ts';
import type { GroupOffsets } from '../kafka/GroupOffsets.ts';

/** One input record as read: where it was and what it holds. */
export interface SourceRecord {
  readonly partition: number;
  readonly offset: number;
  readonly record: ListAppendRecord;
}

export interface KafkaListAppendSourceOptions {
  readonly topic: string;
  readonly partitions: number;
  /** The consumer group this attempt reads with (fresh per attempt, so a killed attempt's member holds nothing up). */
  readonly group: string;
  readonly sessionTimeout: number;
}

/**
 * Reads the list-append input from Kafka from given positions, one record at
 * a time, in partition order per partition. Where it starts is up to the
 * job: offsets from its checkpoint (resettable, as Flink's KafkaSource), or
 * the offsets acknowledged on receipt (not resettable).
 */
export class KafkaListAppendSource {
  private consumer: Consumer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly offsets: GroupOffsets,
    private readonly options: KafkaListAppendSourceOptions,
  ) {}

  /**
   * Calls `onRecord` for every record from `from` on, one at a time, until it
   * answers 'done'. The start offsets are committed to this attempt's own
   * group before its consumer joins, so it starts exactly there.
   */
  async run(from: readonly number[], onRecord: (r: SourceRecord) => Promise<'more' | 'done'>): Promise<void> {
    const { topic, group } = this.options;
    await this.offsets.commit(
      group,
      topic,
      from.map((offset, partition) => ({ partition, offset })),
    );
    const consumer = this.kafka.consumer({
      groupId: group,
      sessionTimeout: this.options.sessionTimeout,
      rebalanceTimeout: this.options.sessionTimeout * 2,
      heartbeatInterval: Math.max(100, Math.floor(this.options.sessionTimeout / 5)),
      maxWaitTimeInMs: 100,
      allowAutoTopicCreation: false,
      retry: { retries: 3 },
    });
    this.consumer = consumer;
    let finish: (error?: unknown) => void = () => undefined;
    const finished = new Promise<void>((resolve, reject) => {
      finish = (error?: unknown) => (error === undefined ? resolve() : reject(error));
    });
    consumer.on(consumer.events.CRASH, (event) => finish(event.payload.error));
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    let done = false;
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: 1,
      eachMessage: async ({ partition, message }) => {
        if (done) return;
        try {
          const record = JSON.parse(message.value?.toString() ?? '{}') as ListAppendRecord;
          if ((await onRecord({ partition, offset: Number(message.offset), record })) === 'done') {
            done = true;
            finish();
          }
        } catch (e) {
          done = true;
          finish(e);
        }
      },
    });
    try {
      await finished;
    } finally {
      await consumer.disconnect().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
  }
}
