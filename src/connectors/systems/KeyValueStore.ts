import type { ReadRecord } from '../../history/types.ts';
import { ExternalSystem } from './ExternalSystem.ts';

/**
 * A key-value store for idempotent upserts (Redis-like): the list-append sink
 * writes key "k/position" -> id, so repeating a write changes nothing, while
 * readers can observe intermediate states during recovery (the seed's
 * "temporary inconsistency").
 */
export class KeyValueStore extends ExternalSystem {
  private readonly cells = new Map<string, { key: string; position: number; id: string }>();

  /** Upserts `cell` (the sink's key, normally "key/position") with a list-append result. */
  upsert(cell: string, key: string, position: number, id: string, subtask: number): void {
    this.guard('write', 'key-value store', subtask);
    this.cells.set(cell, { key, position, id });
    this.record({ op: 'upsert', subtask, key: cell, value: id, ids: [id] });
  }

  read(_isolation: ReadRecord['isolation']): Record<string, string[]> {
    const byKey = new Map<string, { position: number; id: string }[]>();
    for (const c of this.cells.values()) {
      const list = byKey.get(c.key) ?? [];
      list.push(c);
      byKey.set(c.key, list);
    }
    const out: Record<string, string[]> = {};
    for (const [key, list] of [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      out[key] = list.sort((a, b) => a.position - b.position).map((c) => c.id);
    }
    return out;
  }

  finalContents(): Record<string, string[]> {
    return this.read('snapshot');
  }
}
