import type { ReadRecord } from '../../history/types.ts';
import type { Row } from '../types.ts';
import { ExternalSystem } from './ExternalSystem.ts';

/** A plain append-only store (a log table or a file): every write is visible at once and kept. */
export class AppendOnlyStore extends ExternalSystem {
  private readonly rows: Row[] = [];

  append(rows: readonly Row[], subtask: number): void {
    this.guard('write', 'append-only store', subtask);
    for (const item of rows) this.rows.push(item);
    this.record({ op: 'write', subtask, ids: rows.map((r) => r.id) });
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
