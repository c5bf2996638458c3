import type { Kafka } from 'kafkajs';
import { createCluster, type KafkajsCluster } from './KafkajsInternals.ts';
import { type LogRecord, TransactionMarkerResolver } from './TransactionMarkerResolver.ts';

/** A committed record of the topic, with where it is. */
export interface CommittedRecord {
  readonly partition: number;
  readonly offset: number;
  readonly key: string;
  readonly value: string;
}

interface FetchedPartition {
  readonly partition: number;
  readonly errorCode: number;
  readonly messages: readonly (LogRecord & {
    offset: string | number;
    batchContext?: { producerId: string; inTransaction: boolean };
  })[];
}

interface FetchBroker {
  fetch(request: {
    isolationLevel: number;
    maxWaitTime: number;
    minBytes: number;
    maxBytes: number;
    topics: readonly {
      topic: string;
      partitions: readonly { partition: number; fetchOffset: string; maxBytes: number }[];
    }[];
  }): Promise<{ responses: readonly { topicName: string; partitions: readonly FetchedPartition[] }[] }>;
}

const READ_UNCOMMITTED = 0;

/**
 * Reads what a correct read_committed consumer sees of a topic: it fetches
 * every record and marker (read_uncommitted, through kafkajs' Fetch request)
 * and decides visibility per partition with TransactionMarkerResolver.
 * Polled, not pushed, so a reader sample is simply "everything visible now".
 */
export class CommittedLogReader {
  private readonly resolvers: TransactionMarkerResolver[];

  private constructor(
    private readonly cluster: KafkajsCluster & {
      addTargetTopic(topic: string): Promise<void>;
      findLeaderForPartitions(topic: string, partitions: number[]): Record<string, number[]>;
      findBroker(request: { nodeId: string }): Promise<FetchBroker>;
    },
    private readonly topic: string,
    partitions: number,
  ) {
    this.resolvers = Array.from({ length: partitions }, () => new TransactionMarkerResolver());
  }

  static async open(kafka: Kafka, topic: string, partitions: number): Promise<CommittedLogReader> {
    const cluster = createCluster(kafka) as CommittedLogReader['cluster'];
    await cluster.connect();
    await cluster.addTargetTopic(topic);
    return new CommittedLogReader(cluster, topic, partitions);
  }

  /** Fetches once from every partition and returns the records that became visible, in log order per partition. */
  async poll(): Promise<CommittedRecord[]> {
    const partitions = this.resolvers.map((_, p) => p);
    const byLeader = this.cluster.findLeaderForPartitions(this.topic, partitions);
    const out: CommittedRecord[] = [];
    for (const [nodeId, owned] of Object.entries(byLeader)) {
      const broker = await this.cluster.findBroker({ nodeId });
      const response = await broker.fetch({
        isolationLevel: READ_UNCOMMITTED,
        maxWaitTime: 50,
        minBytes: 1,
        maxBytes: 1 << 20,
        topics: [
          {
            topic: this.topic,
            partitions: owned.map((partition) => ({
              partition,
              fetchOffset: String(this.resolvers[partition]?.position ?? 0),
              maxBytes: 1 << 20,
            })),
          },
        ],
      });
      for (const t of response.responses) {
        for (const p of t.partitions) {
          const resolver = this.resolvers[p.partition];
          if (resolver === undefined || p.errorCode !== 0) continue;
          const records: LogRecord[] = p.messages.map((m) => ({
            offset: Number(m.offset),
            producerId: String(m.batchContext?.producerId ?? '-1'),
            inTransaction: m.batchContext?.inTransaction ?? false,
            isControlRecord: m.isControlRecord ?? false,
            key: m.key ?? null,
            value: m.value ?? null,
          }));
          for (const r of resolver.feed(records)) {
            out.push({
              partition: p.partition,
              offset: r.offset,
              key: r.key?.toString() ?? '',
              value: r.value?.toString() ?? '',
            });
          }
        }
      }
    }
    return out;
  }

  async close(): Promise<void> {
    await this.cluster.disconnect();
  }
}
