import type pg from 'pg';
import type { ListAppendOutput } from '../../runtime/workload/ListAppend.ts';
import type { Journal } from '../job/Journal.ts';
import type { KillSwitch } from '../job/KillSwitch.ts';
import type { RealSink } from './RealSink.ts';

interface WalEntry {
  readonly checkpointId: number;
  readonly outputs: readonly (ListAppendOutput & { readonly subtask: number })[];
}

interface PostgresWalSinkState {
  readonly pending: readonly WalEntry[];
}

/**
 * A write-ahead-log sink after Flink's GenericWriteAheadSink: outputs are
 * buffered in the sink's state (kept in the checkpoint, the "log"); when a
 * checkpoint completes they are written to the table, then the checkpoint
 * committer table gets the checkpoint's row (CheckpointCommitter.commitCheckpoint).
 * A checkpoint whose row exists is never written again. Rows are written
 * outside any transaction, as a plain sink would, so a kill in the middle
 * leaves some of them; recovery writes the whole checkpoint again:
 * duplicates, hence at-least-once.
 */
export class PostgresWalSink implements RealSink {
  private buffer: (ListAppendOutput & { subtask: number })[] = [];
  private pending: WalEntry[] = [];

  constructor(
    private readonly client: pg.Client,
    private readonly table: string,
    private readonly journal: Journal,
    private readonly kill: KillSwitch,
  ) {}

  private async isCommitted(checkpointId: number): Promise<boolean> {
    const { rows } = await this.client.query(`SELECT 1 FROM ${this.table}_commits WHERE checkpoint_id = $1`, [
      checkpointId,
    ]);
    return rows.length > 0;
  }

  private async sendValues(entry: WalEntry): Promise<void> {
    const txn = `wal-${entry.checkpointId}`;
    const half = Math.ceil(entry.outputs.length / 2);
    for (const [i, o] of entry.outputs.entries()) {
      if (i === half) {
        await this.kill.reach(
          'mid-wal-write',
          this.kill.checkpointIndex,
          `mid-WAL-write: ${i} of ${entry.outputs.length} rows of checkpoint ${entry.checkpointId} written`,
        );
      }
      await this.client.query(`INSERT INTO ${this.table} (key, id, position) VALUES ($1, $2, $3)`, [
        o.key,
        o.id,
        o.position,
      ]);
      this.journal.op({
        op: 'walWrite',
        txn,
        checkpointId: entry.checkpointId,
        subtask: o.subtask,
        ids: [o.id],
      });
    }
    await this.client.query(`INSERT INTO ${this.table}_commits (checkpoint_id) VALUES ($1)`, [
      entry.checkpointId,
    ]);
    this.journal.op({ op: 'walMark', txn, checkpointId: entry.checkpointId });
  }

  private async commitUpTo(checkpointId: number): Promise<void> {
    for (const entry of this.pending.filter((e) => e.checkpointId <= checkpointId)) {
      if (!(await this.isCommitted(entry.checkpointId))) await this.sendValues(entry);
    }
    this.pending = this.pending.filter((e) => e.checkpointId > checkpointId);
  }

  async open(restored: unknown, restoredCheckpointId: number | undefined): Promise<void> {
    const state = restored as PostgresWalSinkState | undefined;
    this.pending = [...(state?.pending ?? [])];
    // Every restored entry belongs to a completed checkpoint: write what its committer row does not cover.
    if (restoredCheckpointId !== undefined) await this.commitUpTo(restoredCheckpointId);
  }

  async write(output: ListAppendOutput, subtask: number): Promise<void> {
    this.buffer.push({ ...output, subtask });
  }

  async snapshot(checkpointId: number): Promise<PostgresWalSinkState> {
    if (this.buffer.length > 0) this.pending.push({ checkpointId, outputs: this.buffer });
    this.buffer = [];
    return { pending: [...this.pending] };
  }

  async notifyCheckpointComplete(checkpointId: number): Promise<void> {
    await this.commitUpTo(checkpointId);
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}
