import type pg from 'pg';

/** What committing a gid did. */
export type RecommitOutcome = 'committed' | 'already-committed' | 'lost';

const GID = /^[A-Za-z0-9_.-]{1,200}$/;

function quoteGid(gid: string): string {
  if (!GID.test(gid)) throw new Error(`not a gid this harness makes: ${JSON.stringify(gid)}`);
  return `'${gid}'`;
}

/**
 * PostgreSQL prepared transactions of one job, and what an idempotent
 * re-commit means for them. COMMIT PREPARED of a gid PostgreSQL does not
 * know fails, so "commit again" needs a rule: every transaction also inserts
 * its gid into a marker table (`<table>`), inside itself. For a gid that is
 * not in pg_prepared_xacts, a visible marker row proves it committed before:
 * the re-commit is a no-op ('already-committed'). No marker row means it was
 * rolled back (by hand or by a lingering-transaction cleanup) or never
 * prepared: its writes are gone, and that is reported ('lost'), never taken
 * as success.
 */
export class PreparedTransactions {
  constructor(
    private readonly client: pg.Client,
    private readonly markerTable: string,
  ) {}

  async isPrepared(gid: string): Promise<boolean> {
    const { rows } = await this.client.query(
      'SELECT 1 FROM pg_prepared_xacts WHERE gid = $1 AND database = current_database()',
      [gid],
    );
    return rows.length > 0;
  }

  async commit(gid: string): Promise<RecommitOutcome> {
    const quoted = quoteGid(gid);
    if (await this.isPrepared(gid)) {
      await this.client.query(`COMMIT PREPARED ${quoted}`);
      return 'committed';
    }
    const { rows } = await this.client.query(`SELECT 1 FROM ${this.markerTable} WHERE gid = $1`, [gid]);
    return rows.length > 0 ? 'already-committed' : 'lost';
  }

  async rollback(gid: string): Promise<void> {
    await this.client.query(`ROLLBACK PREPARED ${quoteGid(gid)}`);
  }

  /** Gids of prepared transactions in this database that start with `prefix`. */
  async list(prefix: string): Promise<string[]> {
    const { rows } = await this.client.query<{ gid: string }>(
      'SELECT gid FROM pg_prepared_xacts WHERE starts_with(gid, $1) AND database = current_database() ORDER BY prepared',
      [prefix],
    );
    return rows.map((r) => r.gid);
  }
}
