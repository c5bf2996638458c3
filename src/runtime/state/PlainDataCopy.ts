/**
 * A deep copy of state as structuredClone makes it, at about a tenth of its
 * cost for the shapes state takes: primitives, and plain arrays and plain
 * objects (prototype Object.prototype or null) of them, as a tree. Every
 * checkpoint and restore copies state, and structuredClone costs about 2 µs
 * even for a small object (a sink's pending write-ahead values), a few
 * percent of a matrix run.
 *
 * Anything else falls back to structuredClone for the whole value, so the
 * result is always what structuredClone gives: a Map, Set, Date or class
 * instance, an array with holes or a subclass, and an object reached twice
 * (a cycle, or one shared by two places, whose copy structuredClone also shares).
 */
export function copyPlainData<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  const seen = new Set<object>();
  const copy = copyTree(value, seen);
  return copy === NOT_PLAIN ? structuredClone(value) : (copy as T);
}

/** Returned by copyTree for a value it leaves to structuredClone. */
const NOT_PLAIN: unique symbol = Symbol('not plain data');

function copyTree(value: unknown, seen: Set<object>): unknown {
  if (typeof value !== 'object' || value === null) {
    // Functions and symbols make structuredClone throw: it must see them, and throw the same error.
    return typeof value === 'function' || typeof value === 'symbol' ? NOT_PLAIN : value;
  }
  if (seen.has(value)) return NOT_PLAIN;
  seen.add(value);
  const proto = Object.getPrototypeOf(value);
  if (proto === Array.prototype) {
    const items = value as unknown[];
    const out: unknown[] = new Array(items.length);
    for (let i = 0; i < items.length; i++) {
      if (!(i in items)) return NOT_PLAIN;
      const item = copyTree(items[i], seen);
      if (item === NOT_PLAIN) return NOT_PLAIN;
      out[i] = item;
    }
    // Extra named properties on an array are dropped by structuredClone only for some keys: leave them to it.
    return Object.keys(items).length === items.length ? out : NOT_PLAIN;
  }
  if (proto !== Object.prototype && proto !== null) return NOT_PLAIN;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    const field = copyTree(record[key], seen);
    if (field === NOT_PLAIN) return NOT_PLAIN;
    out[key] = field;
  }
  return out;
}
