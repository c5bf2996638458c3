import type pg from 'pg';
import type { ListAppendOutput } from '../../runtime/workload/ListAppend.ts';
import type { Journal } from '../job/Journal.ts';
import { PreparedTransactions } from '../postgres/PreparedTransactions.ts';
import type { RealSink } from './RealSink.ts';
import type { TransactionLog } from './TransactionLog.ts';

interface PendingGid {
  readonly gid: string;
  readonly checkpointId: number;
  readonly subtask: number;
}

interface PostgresTwoPhaseSinkState {
  readonly pending: readonly PendingGid[];
}

/**
 * PostgreSQL's two-phase commit as a 2PC sink: per subtask and checkpoint a
 * transaction on the subtask's connection that inserts the outputs, PREPARE
 * TRANSACTION '<gid>' on the checkpoint (pre-commit), COMMIT PREPARED after
 * the checkpoint completed. Recovery commits the restored gids (a re-commit
 * of one that is already committed changes nothing, see
 * PreparedTransactions.commit) and rolls back prepared transactions of this
 * job that no checkpoint names, found by prefix in pg_prepared_xacts.
 */
export class PostgresTwoPhaseSink implements RealSink {
  private readonly current = new Map<number, PendingGid>();
  private pending: PendingGid[] = [];

  constructor(
    private readonly connections: readonly pg.Client[],
    private readonly control: pg.Client,
    private readonly table: string,
    private readonly runId: string,
    private readonly attempt: number,
    private readonly journal: Journal,
    private readonly log: TransactionLog,
  ) {}

  private prepared(): PreparedTransactions {
    return new PreparedTransactions(this.control, `${this.table}_txn`);
  }

  async open(restored: unknown): Promise<void> {
    const state = restored as PostgresTwoPhaseSinkState | undefined;
    const prepared = this.prepared();
    const restoredGids = new Set<string>();
    for (const t of state?.pending ?? []) {
      restoredGids.add(t.gid);
      const outcome = await prepared.commit(t.gid);
      if (outcome === 'lost')
        this.journal.op({ op: 'expire', txn: t.gid, checkpointId: t.checkpointId, subtask: t.subtask });
      else
        this.journal.op({
          op: 'commit',
          txn: t.gid,
          checkpointId: t.checkpointId,
          subtask: t.subtask,
          effective: outcome === 'committed',
        });
      this.log.ended(t.gid);
    }
    const lingering = new Set(await prepared.list(`${this.runId}_`));
    for (const t of this.log.open()) {
      if (restoredGids.has(t.txn)) continue;
      if (lingering.has(t.txn)) {
        await prepared.rollback(t.txn);
        lingering.delete(t.txn);
      }
      // Not prepared: PostgreSQL rolled it back when the killed attempt's session ended.
      this.journal.op({ op: 'abort', txn: t.txn, checkpointId: t.checkpointId, subtask: t.subtask });
      this.log.ended(t.txn);
    }
    // Prepared by this job but in no log (the log line is written first, so none are expected): roll back too.
    for (const gid of lingering) {
      if (restoredGids.has(gid)) continue;
      await prepared.rollback(gid);
      this.journal.op({ op: 'abort', txn: gid });
    }
  }

  async write(output: ListAppendOutput, subtask: number, checkpointId: number): Promise<void> {
    const client = this.connections[subtask];
    if (client === undefined) throw new Error(`PostgresTwoPhaseSink: no connection for subtask ${subtask}`);
    let current = this.current.get(subtask);
    if (current === undefined) {
      current = { gid: `${this.runId}_t${subtask}_c${checkpointId}_a${this.attempt}`, checkpointId, subtask };
      this.log.begun({ txn: current.gid, checkpointId, subtask });
      await client.query('BEGIN');
      await client.query(`INSERT INTO ${this.table}_txn (gid) VALUES ($1)`, [current.gid]);
      this.journal.op({ op: 'begin', txn: current.gid, checkpointId, subtask });
      this.current.set(subtask, current);
    }
    await client.query(`INSERT INTO ${this.table} (key, id, position) VALUES ($1, $2, $3)`, [
      output.key,
      output.id,
      output.position,
    ]);
    this.journal.op({ op: 'write', txn: current.gid, checkpointId, subtask, ids: [output.id] });
  }

  async snapshot(checkpointId: number): Promise<PostgresTwoPhaseSinkState> {
    for (const [subtask, t] of [...this.current.entries()].sort((a, b) => a[0] - b[0])) {
      const client = this.connections[subtask] as pg.Client;
      await client.query(`PREPARE TRANSACTION '${t.gid}'`);
      this.pending.push(t);
      this.journal.op({ op: 'preCommit', txn: t.gid, checkpointId, subtask });
    }
    this.current.clear();
    return { pending: [...this.pending] };
  }

  async notifyCheckpointComplete(checkpointId: number): Promise<void> {
    const prepared = this.prepared();
    for (const t of this.pending.filter((p) => p.checkpointId <= checkpointId)) {
      const outcome = await prepared.commit(t.gid);
      this.journal.op({
        op: outcome === 'lost' ? 'expire' : 'commit',
        txn: t.gid,
        checkpointId: t.checkpointId,
        subtask: t.subtask,
        ...(outcome === 'lost' ? {} : { effective: outcome === 'committed' }),
      });
      this.log.ended(t.gid);
    }
    this.pending = this.pending.filter((p) => p.checkpointId > checkpointId);
  }

  async close(): Promise<void> {
    for (const c of [...this.connections, this.control]) await c.end().catch(() => undefined);
  }
}
