import { describe, expect, it } from 'vitest';
import { Hash64, hashString } from './Hash64.ts';

describe('Hash64', () => {
  it('pins digests so that traces hash the same on every platform and Node version', () => {
    expect(hashString('')).toMatchInlineSnapshot(`"9bc0780675e7e997"`);
    expect(hashString('streamproof')).toMatchInlineSnapshot(`"b39a39b07928373f"`);
    const h = new Hash64();
    h.number(1);
    h.number(-1);
    h.number(0.5);
    h.number(2 ** 40);
    expect(h.hex()).toMatchInlineSnapshot(`"92313256d99858ee"`);
  });

  it('tells strings apart by length, content and form (Latin-1 four per word, others two)', () => {
    const strings = [
      '',
      'a',
      'aa',
      'aaa',
      'aaaa',
      'aaaaa',
      '\u0000',
      '\u0000\u0000',
      '\u0000\u0000\u0000\u0000\u0000',
      'r123',
      'r1234',
      'r1243',
      '\u00ff\u00ff',
      // A wide string whose code units, two per word, would spell Latin-1 words of another string.
      '\u0100',
      '\u6261',
      'ab',
      'ab\u0100',
      'k\u20ac1',
    ];
    const hashes = strings.map((s) => hashString(s));
    expect(new Set(hashes).size).toBe(strings.length);
    expect(hashString('k\u20ac1')).toBe(hashString('k€1'));
  });

  it('prints 16 lowercase hex digits', () => {
    expect(hashString('x')).toMatch(/^[0-9a-f]{16}$/);
  });

  it('depends on order, content and type', () => {
    const digest = (...vs: unknown[]) => {
      const h = new Hash64();
      for (const v of vs) h.value(v);
      return h.hex();
    };
    expect(digest(1, 2)).not.toBe(digest(2, 1));
    expect(digest(1)).not.toBe(digest('1'));
    expect(digest(1)).not.toBe(digest(1.5));
    expect(digest('ab', 'c')).not.toBe(digest('a', 'bc'));
    expect(digest(true)).not.toBe(digest('true'));
    expect(digest(1, 2)).toBe(digest(1, 2));
  });

  it('spreads small inputs over both halves (no collisions among 20k integers)', () => {
    const seen = new Set<string>();
    const halves = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const h = new Hash64();
      h.number(i);
      const hex = h.hex();
      seen.add(hex);
      halves.add(hex.slice(0, 8));
    }
    expect(seen.size).toBe(20_000);
    expect(halves.size).toBe(20_000);
  });
});
