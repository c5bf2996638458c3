import type { History } from '../src/history/types.ts';

/**
 * The failure-free outcome of a list-append history: for every key, the ids
 * of its input records, in source order (with by-key placement one partition
 * holds all of a key's records, so this order is fixed).
 */
export function expectedFinalState(history: History): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const records of Object.values(history.inputs)) {
    const sorted = [...records].sort((a, b) => a.partition - b.partition || a.offset - b.offset);
    for (const r of sorted) {
      const ids = out[r.key] ?? [];
      ids.push(r.id);
      out[r.key] = ids;
    }
  }
  return out;
}

/** Sorted entries, so that key order does not matter in comparisons. */
export function normalise(state: Record<string, readonly string[]>): [string, readonly string[]][] {
  return Object.entries(state)
    .filter(([, ids]) => ids.length > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
