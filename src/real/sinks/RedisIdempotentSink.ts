import type { Redis } from 'ioredis';
import type { ListAppendOutput } from '../../runtime/workload/ListAppend.ts';
import type { Journal } from '../job/Journal.ts';
import type { RealSink } from './RealSink.ts';

/** The Redis hash that holds one key's list: field = position, value = id. */
export function redisListKey(prefix: string, key: string): string {
  return `${prefix}:list:${key}`;
}

/**
 * An idempotent sink: each output is an upsert under a deterministic key,
 * (key, position) -> id, so what a restored job replays overwrites the same
 * fields with the same ids. Writes are visible at once; a reader can see
 * results of records the restored job has not re-processed yet (the seed's
 * "temporary inconsistency").
 */
export class RedisIdempotentSink implements RealSink {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly journal: Journal,
  ) {}

  async open(): Promise<void> {}

  async write(output: ListAppendOutput, subtask: number): Promise<void> {
    await this.redis.hset(redisListKey(this.prefix, output.key), String(output.position), output.id);
    this.journal.op({
      op: 'upsert',
      subtask,
      key: `${output.key}/${output.position}`,
      value: output.id,
      ids: [output.id],
    });
  }

  async snapshot(): Promise<undefined> {
    return undefined;
  }

  async notifyCheckpointComplete(): Promise<void> {}

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
