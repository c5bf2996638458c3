import type { ReadRecord } from '../../history/types.ts';
import type { Row } from '../types.ts';
import { ExternalSystem } from './ExternalSystem.ts';

/**
 * The target of a write-ahead-log sink: a table the sink appends checkpoint
 * batches to, and a checkpoint-committer table recording which (subtask,
 * checkpoint) batches were written. The two are separate writes, as in
 * Flink's GenericWriteAheadSink with a CheckpointCommitter.
 */
export class WalStore extends ExternalSystem {
  private readonly rows: Row[] = [];
  private readonly committed = new Set<string>();

  write(rows: readonly Row[], subtask: number, checkpointId: number): void {
    if (rows.length === 0) return;
    this.guard('write', 'WAL table', subtask);
    for (const item of rows) this.rows.push(item);
    this.record({
      op: 'walWrite',
      subtask,
      checkpointId,
      txn: `wal-${subtask}-${checkpointId}`,
      ids: rows.map((r) => r.id),
    });
  }

  isCommitted(subtask: number, checkpointId: number): boolean {
    return this.committed.has(`${subtask}/${checkpointId}`);
  }

  markCommitted(subtask: number, checkpointId: number): void {
    this.committed.add(`${subtask}/${checkpointId}`);
    this.record({ op: 'walMark', subtask, checkpointId, txn: `wal-${subtask}-${checkpointId}` });
  }

  read(_isolation: ReadRecord['isolation']): Record<string, string[]> {
    return this.finalContents();
  }

  finalContents(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const r of this.rows) {
      const list = out[r.key] ?? [];
      list.push(r.id);
      out[r.key] = list;
    }
    return out;
  }
}
