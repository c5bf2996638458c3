import pg from 'pg';
import { BrokerUnavailableError } from '../BrokerUnavailableError.ts';

/** PostgreSQL connection settings: the PG* variables, else this machine's defaults (DESIGN §8). */
export interface PostgresSettings {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly database: string;
  readonly password?: string;
}

export function postgresSettings(env: NodeJS.ProcessEnv = process.env): PostgresSettings {
  const port = Number(env.PGPORT ?? '5432');
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new BrokerUnavailableError(
      `PGPORT=${JSON.stringify(env.PGPORT)} is not a port number: set it like 5432`,
    );
  }
  return {
    host: env.PGHOST ?? '127.0.0.1',
    port,
    user: env.PGUSER ?? 'postgres',
    database: env.PGDATABASE ?? 'test',
    ...(env.PGPASSWORD === undefined ? {} : { password: env.PGPASSWORD }),
  };
}

/** A connected client; BrokerUnavailableError (one line) when PostgreSQL does not answer. */
export async function connectPostgres(settings: PostgresSettings = postgresSettings()): Promise<pg.Client> {
  const client = new pg.Client({ ...settings, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    throw new BrokerUnavailableError(
      `PostgreSQL at ${settings.host}:${settings.port} (user ${settings.user}, database ${settings.database}) does not answer: ${e instanceof Error ? e.message : String(e)}; start it or set PGHOST/PGPORT/PGUSER/PGDATABASE`,
    );
  }
  // A dropped connection (the job is killed with -9) must not crash the other side with an unhandled error.
  client.on('error', () => undefined);
  return client;
}

/**
 * PREPARE TRANSACTION fails while max_prepared_transactions is 0, PostgreSQL's
 * default (DESIGN §11); a one-line error says how to raise it.
 */
export async function requirePreparedTransactions(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ max_prepared_transactions: string }>(
    'SHOW max_prepared_transactions',
  );
  const max = Number(rows[0]?.max_prepared_transactions ?? '0');
  if (max <= 0) {
    throw new BrokerUnavailableError(
      'PostgreSQL has max_prepared_transactions = 0, so PREPARE TRANSACTION fails: run psql -c "ALTER SYSTEM SET max_prepared_transactions = 64" and restart PostgreSQL (.ci/run does this)',
    );
  }
  return max;
}
