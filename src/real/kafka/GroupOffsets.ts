import type { Kafka } from 'kafkajs';
import { createCluster, GROUP_COORDINATOR, type KafkajsCluster } from './KafkajsInternals.ts';

/**
 * Commits offsets for a consumer group that has no members, with one
 * OffsetCommit request (generation -1, no member id), as Kafka's
 * kafka-consumer-groups --reset-offsets does. kafkajs' admin.setOffsets does
 * the same by running a consumer until its first fetch, which costs a fetch
 * wait (5 s) per call; the job commits on every record, so it uses this.
 */
export class GroupOffsets {
  private constructor(private readonly cluster: KafkajsCluster) {}

  static async connect(kafka: Kafka): Promise<GroupOffsets> {
    const cluster = createCluster(kafka);
    await cluster.connect();
    return new GroupOffsets(cluster);
  }

  async commit(
    groupId: string,
    topic: string,
    offsets: readonly { partition: number; offset: number }[],
  ): Promise<void> {
    const coordinator = await this.cluster.findGroupCoordinator({
      groupId,
      coordinatorType: GROUP_COORDINATOR,
    });
    await coordinator.offsetCommit({
      groupId,
      groupGenerationId: -1,
      memberId: '',
      topics: [
        { topic, partitions: offsets.map((o) => ({ partition: o.partition, offset: String(o.offset) })) },
      ],
    });
  }

  async close(): Promise<void> {
    await this.cluster.disconnect();
  }
}
