import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../../../properties/runCount.ts';
import { copyPlainData } from './PlainDataCopy.ts';

const runs = propertyRuns(500);

/** Every object reachable from `v`. */
function objectsOf(v: unknown, out = new Set<object>()): Set<object> {
  if (typeof v !== 'object' || v === null || out.has(v)) return out;
  out.add(v);
  if (v instanceof Map) for (const [k, x] of v) objectsOf(x, objectsOf(k, out));
  else if (v instanceof Set) for (const x of v) objectsOf(x, out);
  else for (const key of Object.keys(v)) objectsOf((v as Record<string, unknown>)[key], out);
  return out;
}

describe('copyPlainData', () => {
  it('gives what structuredClone gives, and shares no object with the original', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withMap: true,
          withSet: true,
          withDate: true,
          withBigInt: true,
          withNullPrototype: true,
          withSparseArray: true,
          withBoxedValues: true,
          withTypedArray: true,
          withObjectString: true,
        }),
        (v) => {
          // isDeepStrictEqual calls two invalid dates different (it compares their times, NaN
          // !== NaN), whoever copied them: the next test checks those.
          fc.pre(![...objectsOf(v)].some((o) => o instanceof Date && Number.isNaN(o.getTime())));
          const copy = copyPlainData(v);
          expect(isDeepStrictEqual(copy, structuredClone(v))).toBe(true);
          const original = objectsOf(v);
          for (const o of objectsOf(copy)) expect(original.has(o)).toBe(false);
        },
      ),
      { numRuns: runs },
    );
  });

  it('copies an invalid date as an invalid date, as structuredClone does', () => {
    // A fixed value, not the clock: a Date made from NaN (fast-check's own generator makes these).
    const invalidDate = () => new Date(Number.NaN);
    const invalid = invalidDate();
    const copy = copyPlainData({ at: [invalid] });
    const at = copy.at[0] as Date;
    expect(at).toBeInstanceOf(Date);
    expect(at).not.toBe(invalid);
    expect(Number.isNaN(at.getTime())).toBe(true);
    expect(isDeepStrictEqual(invalidDate(), invalidDate())).toBe(false);
  });

  it('copies the state shapes itself: plain trees of primitives, arrays and objects', () => {
    const state = { checkpointId: 3, subtask: 1, values: [{ key: 'k0', id: 'r0', position: 0 }], done: null };
    const copy = copyPlainData(state);
    expect(copy).toStrictEqual(state);
    expect(copy.values[0]).not.toBe(state.values[0]);
    copy.values.push({ key: 'k1', id: 'r1', position: 1 });
    expect(state.values).toHaveLength(1);
  });

  it('keeps an object shared by two places shared, and a cycle a cycle, as structuredClone does', () => {
    const shared = { id: 'r1' };
    const twice = copyPlainData({ a: shared, b: shared });
    expect(twice.a).toBe(twice.b);
    expect(twice.a).not.toBe(shared);
    const cycle: { name: string; self?: unknown } = { name: 'loop' };
    cycle.self = cycle;
    const copied = copyPlainData(cycle);
    expect(copied.self).toBe(copied);
    expect(copied).not.toBe(cycle);
  });

  it('keeps extra properties of an array and the holes of a sparse one, as structuredClone does', () => {
    const tagged = Object.assign(['x', 'y'], { tag: 'extra' });
    expect(copyPlainData(tagged)).toStrictEqual(structuredClone(tagged));
    expect((copyPlainData(tagged) as unknown as { tag: string }).tag).toBe('extra');
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point
    const sparse = [1, , 3];
    expect(1 in copyPlainData(sparse)).toBe(false);
  });

  it('throws where structuredClone throws (a function in the state)', () => {
    const bad = { list: [{ run: () => 1 }] };
    expect(() => structuredClone(bad)).toThrow();
    expect(() => copyPlainData(bad)).toThrow(/could not be cloned/);
  });
});
