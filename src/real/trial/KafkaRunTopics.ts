import { type Admin, Partitioners } from 'kafkajs';
import type { InputRecord } from '../../history/types.ts';
import type { ListAppendRecord } from '../../runtime/workload/ListAppend.ts';
import { sleep } from '../Deadline.ts';
import { createKafka } from '../kafka/KafkaClient.ts';

/**
 * The Kafka topics and consumer groups of one run, all named with the run's
 * prefix: created before, deleted after, and listed to prove nothing is left.
 */
export class KafkaRunTopics {
  constructor(
    private readonly admin: Admin,
    private readonly brokers: readonly string[],
    private readonly prefix: string,
  ) {}

  async create(topics: readonly { topic: string; partitions: number }[]): Promise<void> {
    const ok = await this.admin.createTopics({
      waitForLeaders: true,
      topics: topics.map((t) => ({ topic: t.topic, numPartitions: t.partitions, replicationFactor: 1 })),
    });
    if (!ok) throw new Error(`topics ${topics.map((t) => t.topic).join(', ')} already exist`);
  }

  /** Produces the input, partition by partition, and returns each record's position. */
  async produce(topic: string, partitions: readonly ListAppendRecord[][]): Promise<InputRecord[]> {
    const producer = createKafka(this.brokers, `${this.prefix}-input`).producer({
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    const inputs: InputRecord[] = [];
    try {
      for (const [partition, records] of partitions.entries()) {
        if (records.length === 0) continue;
        const [meta] = await producer.send({
          topic,
          acks: -1,
          messages: records.map((r) => ({ key: r.key, value: JSON.stringify(r), partition })),
        });
        const base = Number(meta?.baseOffset ?? 0);
        records.forEach((r, i) => {
          inputs.push({ id: r.id, key: r.key, partition, offset: base + i });
        });
      }
    } finally {
      await producer.disconnect();
    }
    return inputs;
  }

  async endOffsets(topic: string, partitions: number): Promise<number[]> {
    const offsets = await this.admin.fetchTopicOffsets(topic);
    return Array.from({ length: partitions }, (_, p) =>
      Number(offsets.find((o) => o.partition === p)?.high ?? 0),
    );
  }

  /**
   * Deletes the run's groups and topics. A group whose killed member has not
   * timed out yet cannot be deleted, so that is retried for a bounded time.
   */
  async cleanup(maxWait = 20_000): Promise<void> {
    const end = Date.now() + maxWait;
    for (;;) {
      const groups = (await this.admin.listGroups()).groups
        .map((g) => g.groupId)
        .filter((g) => g.startsWith(this.prefix));
      if (groups.length === 0) break;
      try {
        await this.admin.deleteGroups(groups);
        break;
      } catch (e) {
        if (Date.now() > end) throw e;
        await sleep(250);
      }
    }
    const topics = (await this.admin.listTopics()).filter((t) => t.startsWith(this.prefix));
    if (topics.length > 0) await this.admin.deleteTopics({ topics, timeout: 10_000 });
  }

  async leftovers(): Promise<string[]> {
    const topics = (await this.admin.listTopics()).filter((t) => t.startsWith(this.prefix));
    const groups = (await this.admin.listGroups()).groups
      .map((g) => g.groupId)
      .filter((g) => g.startsWith(this.prefix));
    return [...topics.map((t) => `kafka topic ${t}`), ...groups.map((g) => `kafka group ${g}`)];
  }
}
