import { Redis } from 'ioredis';
import { BrokerUnavailableError } from '../BrokerUnavailableError.ts';

/** REDIS_URL, else this machine's Redis (DESIGN §8). */
export function redisUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (!/^rediss?:\/\//.test(url)) {
    throw new BrokerUnavailableError(
      `REDIS_URL=${JSON.stringify(url)} is not a redis:// URL: set it like redis://127.0.0.1:6379`,
    );
  }
  return url;
}

/** A connected client; BrokerUnavailableError (one line) when Redis does not answer. */
export async function connectRedis(url: string = redisUrl()): Promise<Redis> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 2,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (e) {
    client.disconnect();
    throw new BrokerUnavailableError(
      `Redis at ${url} does not answer: ${e instanceof Error ? e.message : String(e)}; start it or set REDIS_URL`,
    );
  }
  return client;
}
