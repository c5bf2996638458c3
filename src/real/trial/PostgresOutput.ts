import type pg from 'pg';
import { connectPostgres, type PostgresSettings } from '../postgres/PostgresConnection.ts';
import { PreparedTransactions } from '../postgres/PreparedTransactions.ts';
import type { Contents, OutputSystem } from './OutputSystem.ts';

/**
 * The PostgreSQL tables of one run: `<table>` (the outputs, in insertion
 * order by a bigserial), `<table>_txn` (2PC marker rows, one per committed
 * gid) and `<table>_commits` (the WAL sink's checkpoint committer table). A
 * reader samples the output table with read committed isolation.
 */
export class PostgresOutput implements OutputSystem {
  readonly name: string;
  readonly isolation = 'read_committed' as const;
  private client: pg.Client | undefined;

  constructor(
    private readonly settings: PostgresSettings,
    private readonly table: string,
    /** Prefix of this run's gids in pg_prepared_xacts. */
    private readonly gidPrefix: string,
  ) {
    this.name = `postgres table ${table}`;
  }

  private get c(): pg.Client {
    if (this.client === undefined) throw new Error('PostgresOutput used before setup');
    return this.client;
  }

  async setup(): Promise<void> {
    this.client = await connectPostgres(this.settings);
    await this.c.query(
      `CREATE TABLE ${this.table} (n bigserial PRIMARY KEY, key text NOT NULL, id text NOT NULL, position int NOT NULL)`,
    );
    await this.c.query(`CREATE TABLE ${this.table}_txn (gid text PRIMARY KEY)`);
    await this.c.query(`CREATE TABLE ${this.table}_commits (checkpoint_id bigint PRIMARY KEY)`);
  }

  async sample(): Promise<Contents> {
    const { rows } = await this.c.query<{ key: string; id: string }>(
      `SELECT key, id FROM ${this.table} ORDER BY n`,
    );
    const contents: Contents = {};
    for (const r of rows) {
      const ids = contents[r.key] ?? [];
      ids.push(r.id);
      contents[r.key] = ids;
    }
    return contents;
  }

  async final(): Promise<Contents> {
    return this.sample();
  }

  /** Prepared transactions of this run still in PostgreSQL (none, after a correct run). */
  async prepared(): Promise<string[]> {
    return new PreparedTransactions(this.c, `${this.table}_txn`).list(this.gidPrefix);
  }

  async cleanup(): Promise<void> {
    if (this.client === undefined) return;
    const prepared = new PreparedTransactions(this.c, `${this.table}_txn`);
    for (const gid of await prepared.list(this.gidPrefix)) await prepared.rollback(gid);
    for (const t of [this.table, `${this.table}_txn`, `${this.table}_commits`]) {
      await this.c.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }

  async leftovers(): Promise<string[]> {
    const own = this.client === undefined;
    const client = own ? await connectPostgres(this.settings) : this.c;
    try {
      const tables = await client.query<{ tablename: string }>(
        'SELECT tablename FROM pg_tables WHERE starts_with(tablename, $1)',
        [this.table],
      );
      const prepared = await new PreparedTransactions(client, `${this.table}_txn`).list(this.gidPrefix);
      return [
        ...tables.rows.map((r) => `table ${r.tablename}`),
        ...prepared.map((g) => `prepared transaction ${g}`),
      ];
    } finally {
      if (own) await client.end();
    }
  }

  async close(): Promise<void> {
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }
}
