import type { Admin } from 'kafkajs';
import type { GroupOffsets } from '../kafka/GroupOffsets.ts';

/**
 * The not-resettable source's position: a consumer group (never joined by
 * anyone) whose committed offset moves as soon as a record is handed to the
 * job, before it is processed, and which the job's checkpoints know nothing
 * of. This is the common misconfiguration the seed warns about: offsets
 * auto-committed by the consumer instead of kept in the checkpoint, so what
 * was handed out is never read again.
 */
export class SourceAcknowledger {
  constructor(
    private readonly admin: Admin,
    private readonly offsets: GroupOffsets,
    private readonly group: string,
    private readonly topic: string,
  ) {}

  async positions(partitions: number): Promise<number[]> {
    const fetched = await this.admin.fetchOffsets({ groupId: this.group, topics: [this.topic] });
    const out = new Array<number>(partitions).fill(0);
    for (const t of fetched) {
      for (const p of t.partitions) {
        const o = Number(p.offset);
        if (p.partition < partitions && o >= 0) out[p.partition] = o;
      }
    }
    return out;
  }

  async acknowledge(partition: number, nextOffset: number): Promise<void> {
    await this.offsets.commit(this.group, this.topic, [{ partition, offset: nextOffset }]);
  }
}
