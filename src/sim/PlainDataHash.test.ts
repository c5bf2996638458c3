import { describe, expect, it } from 'vitest';
import { hashPlainData } from './PlainDataHash.ts';

describe('hashPlainData', () => {
  it('is the same for equal data built separately', () => {
    const a = { keyed: { 6: { ids: [['k9', null, ['r0', 'r3']]] } }, timers: {} };
    const b = JSON.parse(JSON.stringify(a));
    expect(hashPlainData(a)).toBe(hashPlainData(b));
    expect(hashPlainData(a)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('tells apart values that differ in content, type, order or nesting', () => {
    const variants: unknown[] = [
      { ids: ['r0', 'r3'] },
      { ids: ['r3', 'r0'] },
      { ids: ['r0'] },
      { ids: ['r0', 'r3', 'r4'] },
      { idz: ['r0', 'r3'] },
      { ids: [['r0', 'r3']] },
      { ids: 'r0r3' },
      { ids: [1, 3] },
      { ids: ['1', '3'] },
      { ids: [true, false] },
      { ids: [null, null] },
      { ids: [undefined, undefined] },
      { ids: [] },
      { ids: {} },
      {},
      [],
      null,
    ];
    const hashes = new Set(variants.map(hashPlainData));
    expect(hashes.size).toBe(variants.length);
  });

  it('refuses a cycle instead of looping', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(() => hashPlainData(a)).toThrow(/deeper than/);
  });
});
