import { Hash64 } from './Hash64.ts';

const TAG_ARRAY = 0x10;
const TAG_OBJECT = 0x11;
const TAG_NULL = 0x12;
const TAG_BOOLEAN = 0x13;
const TAG_UNDEFINED = 0x14;
/** Deeper than any snapshot nests; a cycle would otherwise never end. */
const MAX_DEPTH = 64;

/**
 * The 64-bit hash (16 hex digits) of plain data (what JSON can hold: arrays,
 * plain objects in their own key order, strings, numbers, booleans, null, and
 * undefined), walked in place. The same as hashing its JSON text for telling
 * snapshots apart, without building the text: a checkpoint digest is taken
 * on every completed checkpoint, and stringify-then-hash was most of its cost.
 */
export function hashPlainData(value: unknown): string {
  const h = new Hash64(0x5eed);
  mix(h, value, 0);
  return h.hex();
}

function mix(h: Hash64, v: unknown, depth: number): void {
  if (depth > MAX_DEPTH) throw new RangeError(`hashPlainData: nested deeper than ${MAX_DEPTH} (a cycle?)`);
  if (v === null) {
    h.word(TAG_NULL);
  } else if (v === undefined) {
    h.word(TAG_UNDEFINED);
  } else if (typeof v === 'boolean') {
    h.word(TAG_BOOLEAN);
    h.word(v ? 1 : 0);
  } else if (typeof v === 'number' || typeof v === 'string') {
    h.value(v);
  } else if (Array.isArray(v)) {
    h.word(TAG_ARRAY);
    h.word(v.length);
    for (let i = 0; i < v.length; i++) mix(h, v[i], depth + 1);
  } else if (typeof v === 'object') {
    h.word(TAG_OBJECT);
    const o = v as Record<string, unknown>;
    for (const k in o) {
      if (!Object.hasOwn(o, k)) continue;
      h.string(k);
      mix(h, o[k], depth + 1);
    }
  } else {
    // bigint, symbol, function: not plain data; hashed by their text like Hash64.value does.
    h.value(v);
  }
}
