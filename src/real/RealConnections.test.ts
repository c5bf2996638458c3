import { describe, expect, it } from 'vitest';
import { BrokerUnavailableError } from './BrokerUnavailableError.ts';
import { freePort } from './FreePort.ts';
import { connectPostgres, postgresSettings } from './postgres/PostgresConnection.ts';
import { connectRedis, redisUrl } from './redis/RedisConnection.ts';

describe('PostgreSQL and Redis settings and errors', () => {
  it('PG* variables with this machine’s defaults', () => {
    expect(postgresSettings({})).toEqual({
      host: '127.0.0.1',
      port: 5432,
      user: 'postgres',
      database: 'test',
    });
    expect(
      postgresSettings({ PGHOST: 'db', PGPORT: '6000', PGUSER: 'u', PGDATABASE: 'd', PGPASSWORD: 'p' }),
    ).toEqual({
      host: 'db',
      port: 6000,
      user: 'u',
      database: 'd',
      password: 'p',
    });
    expect(() => postgresSettings({ PGPORT: 'five' })).toThrow(BrokerUnavailableError);
  });

  it('an unreachable PostgreSQL is one line naming the variables to set', async () => {
    const port = await freePort();
    const e = await connectPostgres({ host: '127.0.0.1', port, user: 'postgres', database: 'test' }).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(BrokerUnavailableError);
    expect((e as Error).message).toContain(`PostgreSQL at 127.0.0.1:${port}`);
    expect((e as Error).message).toContain('PGHOST/PGPORT');
    expect((e as Error).message).not.toContain('\n');
  });

  it('REDIS_URL must be a redis:// URL; an unreachable Redis is one line', async () => {
    expect(redisUrl({})).toBe('redis://127.0.0.1:6379');
    expect(() => redisUrl({ REDIS_URL: '127.0.0.1:6379' })).toThrow(/is not a redis:\/\/ URL/);
    const port = await freePort();
    const e = await connectRedis(`redis://127.0.0.1:${port}`).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(BrokerUnavailableError);
    expect((e as Error).message).toContain(`Redis at redis://127.0.0.1:${port} does not answer`);
  });
});
