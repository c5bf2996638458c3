/**
 * Plain values that a state snapshot can copy by slicing instead of with
 * structuredClone (which costs microseconds per call, and checkpoints copy
 * state on every barrier): primitives, and plain arrays of primitives.
 */
export function isPrimitive(v: unknown): boolean {
  const t = typeof v;
  return (
    t === 'string' || t === 'number' || t === 'boolean' || t === 'bigint' || t === 'undefined' || v === null
  );
}

/** A primitive, or a plain array of primitives (list state of ids, value state of scalars). */
export function isFlat(v: unknown): boolean {
  if (isPrimitive(v)) return true;
  if (!Array.isArray(v) || Object.getPrototypeOf(v) !== Array.prototype) return false;
  for (let i = 0; i < v.length; i++) if (!isPrimitive(v[i])) return false;
  return true;
}
