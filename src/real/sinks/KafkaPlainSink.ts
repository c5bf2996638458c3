import { type Kafka, Partitioners, type Producer } from 'kafkajs';
import type { ListAppendOutput } from '../../runtime/workload/ListAppend.ts';
import type { Journal } from '../job/Journal.ts';
import type { RealSink } from './RealSink.ts';

/**
 * A plain Kafka producer: the "any" sink. Every output is sent (acks=all)
 * as it is produced and is visible at once; checkpoints do nothing for it,
 * so whatever a restored job replays is written again.
 */
export class KafkaPlainSink implements RealSink {
  private producer: Producer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
    private readonly journal: Journal,
  ) {}

  async open(): Promise<void> {
    this.producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await this.producer.connect();
  }

  async write(output: ListAppendOutput, subtask: number): Promise<void> {
    if (this.producer === undefined) throw new Error('KafkaPlainSink.write before open');
    await this.producer.send({
      topic: this.topic,
      acks: -1,
      messages: [{ key: output.key, value: JSON.stringify({ id: output.id, position: output.position }) }],
    });
    this.journal.op({ op: 'write', subtask, ids: [output.id] });
  }

  async snapshot(): Promise<undefined> {
    return undefined;
  }

  async notifyCheckpointComplete(): Promise<void> {}

  async close(): Promise<void> {
    await this.producer?.disconnect();
  }
}
