import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type KafkaHandle, startKafka } from '../kafka/KafkaLauncher.ts';
import {
  connectPostgres,
  type PostgresSettings,
  postgresSettings,
  requirePreparedTransactions,
} from '../postgres/PostgresConnection.ts';
import { connectRedis, redisUrl } from '../redis/RedisConnection.ts';

/** The real systems a trial runs against. */
export interface RealEnvironment {
  readonly brokers: readonly string[];
  readonly postgres: PostgresSettings;
  readonly redisUrl: string;
  /** Parent of each run's checkpoint directory and journal. */
  readonly workDir: string;
  /** Consumer group session timeout (ms); our broker allows 500 and up, a default broker 6000. */
  readonly sessionTimeout: number;
  /** Restarts the Kafka broker (only when this process started it). */
  readonly restartBroker?: () => Promise<void>;
}

export interface OpenRealEnvironment {
  readonly env: RealEnvironment;
  readonly kafka: KafkaHandle;
  /** Stops the broker if it was started here and removes the work directory. Idempotent. */
  close(): Promise<void>;
}

/**
 * Gets every real system ready: a Kafka broker (the given one, or
 * startKafka's: KAFKA_BROKERS, testcontainers, local), PostgreSQL with
 * prepared transactions enabled, and Redis. Each missing piece fails with
 * one BrokerUnavailableError line; a broker started here is stopped again.
 */
export async function openRealEnvironment(kafka?: KafkaHandle): Promise<OpenRealEnvironment> {
  const handle = kafka ?? (await startKafka());
  try {
    const settings = postgresSettings();
    const pg = await connectPostgres(settings);
    try {
      await requirePreparedTransactions(pg);
    } finally {
      await pg.end();
    }
    const url = redisUrl();
    (await connectRedis(url)).disconnect();
    const workDir = mkdtempSync(join(tmpdir(), 'streamproof-real-'));
    let closed = false;
    return {
      kafka: handle,
      env: {
        brokers: handle.brokers,
        postgres: settings,
        redisUrl: url,
        workDir,
        sessionTimeout: handle.origin === 'KAFKA_BROKERS' ? 6000 : 1500,
        ...(handle.restart === undefined ? {} : { restartBroker: handle.restart }),
      },
      close: async () => {
        if (closed) return;
        closed = true;
        rmSync(workDir, { recursive: true, force: true });
        if (kafka === undefined) await handle.stop();
      },
    };
  } catch (e) {
    if (kafka === undefined) await handle.stop();
    throw e;
  }
}
