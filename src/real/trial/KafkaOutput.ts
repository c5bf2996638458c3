import { type Kafka, Partitioners } from 'kafkajs';
import { waitFor } from '../Deadline.ts';
import { CommittedLogReader } from '../kafka/CommittedLogReader.ts';
import type { Contents, OutputSystem } from './OutputSystem.ts';

const END = '__end__';

/**
 * The output topic, read with read_committed visibility for the whole trial
 * (CommittedLogReader: records of open or aborted transactions are never
 * seen). After the job, a plain end marker is produced to every partition;
 * once the reader has seen all markers it has read everything committed
 * before them. An open transaction holds the markers back, like the last
 * stable offset does, which then fails the trial with that message.
 */
export class KafkaOutput implements OutputSystem {
  readonly name: string;
  readonly isolation = 'read_committed' as const;
  private reader: CommittedLogReader | undefined;
  private readonly contents: Contents = {};
  private readonly ended = new Set<number>();

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
    private readonly partitions: number,
  ) {
    this.name = `kafka topic ${topic}`;
  }

  async setup(): Promise<void> {
    this.reader = await CommittedLogReader.open(this.kafka, this.topic, this.partitions);
  }

  private async poll(): Promise<void> {
    if (this.reader === undefined) throw new Error('KafkaOutput used before setup');
    for (const r of await this.reader.poll()) {
      if (r.key === END) {
        this.ended.add(r.partition);
        continue;
      }
      const { id } = JSON.parse(r.value) as { id: string };
      const ids = this.contents[r.key] ?? [];
      ids.push(id);
      this.contents[r.key] = ids;
    }
  }

  async sample(): Promise<Contents> {
    await this.poll();
    return Object.fromEntries(Object.entries(this.contents).map(([k, v]) => [k, [...v]]));
  }

  async final(): Promise<Contents> {
    const producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    try {
      await producer.send({
        topic: this.topic,
        acks: -1,
        messages: Array.from({ length: this.partitions }, (_, partition) => ({
          key: END,
          value: '',
          partition,
        })),
      });
    } finally {
      await producer.disconnect();
    }
    await waitFor(
      async () => {
        await this.poll();
        return this.ended.size === this.partitions ? true : undefined;
      },
      30_000,
      `the read_committed reader of ${this.topic} reaching the end markers (an open transaction holds them back)`,
      20,
    );
    return this.sample();
  }

  async cleanup(): Promise<void> {
    await this.reader?.close().catch(() => undefined);
    this.reader = undefined;
  }

  async leftovers(): Promise<string[]> {
    return [];
  }
}
