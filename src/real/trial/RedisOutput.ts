import type { Redis } from 'ioredis';
import { connectRedis } from '../redis/RedisConnection.ts';
import { redisListKey } from '../sinks/RedisIdempotentSink.ts';
import type { Contents, OutputSystem } from './OutputSystem.ts';

/**
 * The Redis hashes of one run (`<prefix>:list:<key>`, position -> id). A
 * reader samples them while the job runs; every write is visible at once.
 */
export class RedisOutput implements OutputSystem {
  readonly name: string;
  readonly isolation = 'read_uncommitted' as const;
  private client: Redis | undefined;

  constructor(
    private readonly url: string,
    private readonly prefix: string,
    private readonly keys: readonly string[],
  ) {
    this.name = `redis keys ${prefix}:*`;
  }

  private get c(): Redis {
    if (this.client === undefined) throw new Error('RedisOutput used before setup');
    return this.client;
  }

  async setup(): Promise<void> {
    this.client = await connectRedis(this.url);
  }

  async sample(): Promise<Contents> {
    const pipeline = this.c.pipeline();
    for (const k of this.keys) pipeline.hgetall(redisListKey(this.prefix, k));
    const results = (await pipeline.exec()) ?? [];
    const contents: Contents = {};
    this.keys.forEach((k, i) => {
      const hash = (results[i]?.[1] ?? {}) as Record<string, string>;
      const ids = Object.entries(hash)
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([, id]) => id);
      if (ids.length > 0) contents[k] = ids;
    });
    return contents;
  }

  async final(): Promise<Contents> {
    return this.sample();
  }

  private async scan(client: Redis): Promise<string[]> {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${this.prefix}:*`, 'COUNT', 1000);
      found.push(...keys);
      cursor = next;
    } while (cursor !== '0');
    return found;
  }

  async cleanup(): Promise<void> {
    if (this.client === undefined) return;
    const keys = await this.scan(this.c);
    if (keys.length > 0) await this.c.del(...keys);
  }

  async leftovers(): Promise<string[]> {
    const own = this.client === undefined;
    const client = own ? await connectRedis(this.url) : this.c;
    try {
      return (await this.scan(client)).map((k) => `redis key ${k}`);
    } finally {
      if (own) client.disconnect();
    }
  }

  async close(): Promise<void> {
    this.client?.disconnect();
    this.client = undefined;
  }
}
