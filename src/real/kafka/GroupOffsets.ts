import type { Kafka } from 'kafkajs';
import {
  clusterRetrier,
  createCluster,
  GROUP_COORDINATOR,
  type KafkajsCluster,
  type KafkajsRetrier,
} from './KafkajsInternals.ts';

/**
 * Commits offsets for a consumer group that has no members, with one
 * OffsetCommit request (generation -1, no member id), as Kafka's
 * kafka-consumer-groups --reset-offsets does. kafkajs' admin.setOffsets does
 * the same by running a consumer until its first fetch, which costs a fetch
 * wait (5 s) per call; the job commits on every record, so it uses this.
 *
 * A commit is retried, with the client's backoff, on the errors Kafka marks
 * retriable: right after a broker (re)starts, its group coordinator answers
 * COORDINATOR_LOAD_IN_PROGRESS until it has loaded the offsets topic, and a
 * moved coordinator answers NOT_COORDINATOR; every attempt looks the
 * coordinator up again. kafkajs' consumer does the same for its own commits.
 */
export class GroupOffsets {
  private constructor(
    private readonly cluster: KafkajsCluster,
    private readonly retry: KafkajsRetrier,
  ) {}

  static async connect(kafka: Kafka): Promise<GroupOffsets> {
    const cluster = createCluster(kafka);
    await cluster.connect();
    return GroupOffsets.over(cluster);
  }

  /** Over a connected cluster (and, for tests, another retrier). */
  static over(cluster: KafkajsCluster, retry: KafkajsRetrier = clusterRetrier(cluster)): GroupOffsets {
    return new GroupOffsets(cluster, retry);
  }

  async commit(
    groupId: string,
    topic: string,
    offsets: readonly { partition: number; offset: number }[],
  ): Promise<void> {
    const topics = [
      { topic, partitions: offsets.map((o) => ({ partition: o.partition, offset: String(o.offset) })) },
    ];
    await this.retry(async () => {
      const coordinator = await this.cluster.findGroupCoordinator({
        groupId,
        coordinatorType: GROUP_COORDINATOR,
      });
      await coordinator.offsetCommit({ groupId, groupGenerationId: -1, memberId: '', topics });
    });
  }

  async close(): Promise<void> {
    await this.cluster.disconnect();
  }
}
