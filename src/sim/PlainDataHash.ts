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
  // Strings and numbers first, by one typeof: a snapshot is mostly ids in arrays.
  switch (typeof v) {
    case 'string':
    case 'number':
      h.value(v);
      return;
    case 'boolean':
      h.word(TAG_BOOLEAN);
      h.word(v ? 1 : 0);
      return;
    case 'undefined':
      h.word(TAG_UNDEFINED);
      return;
    case 'object':
      break;
    default:
      // bigint, symbol, function: not plain data; hashed by their text like Hash64.value does.
      h.value(v);
      return;
  }
  if (v === null) {
    h.word(TAG_NULL);
    return;
  }
  if (depth > MAX_DEPTH) throw new RangeError(`hashPlainData: nested deeper than ${MAX_DEPTH} (a cycle?)`);
  if (Array.isArray(v)) {
    h.word(TAG_ARRAY);
    h.word(v.length);
    for (let i = 0; i < v.length; i++) {
      const e: unknown = v[i];
      // An id list element needs no call of its own.
      if (typeof e === 'string') h.value(e);
      else mix(h, e, depth + 1);
    }
    return;
  }
  h.word(TAG_OBJECT);
  const o = v as Record<string, unknown>;
  for (const k in o) {
    if (!Object.hasOwn(o, k)) continue;
    h.string(k);
    mix(h, o[k], depth + 1);
  }
}
