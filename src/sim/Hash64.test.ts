import { describe, expect, it } from 'vitest';
import { Hash64, hashString } from './Hash64.ts';

describe('Hash64', () => {
  it('pins digests so that traces hash the same on every platform and Node version', () => {
    expect(hashString('')).toMatchInlineSnapshot(`"4c7c3b8f9b9cb39a"`);
    expect(hashString('streamproof')).toMatchInlineSnapshot(`"b11472e2a58d8b9d"`);
    const h = new Hash64();
    h.number(1);
    h.number(-1);
    h.number(0.5);
    h.number(2 ** 40);
    expect(h.hex()).toMatchInlineSnapshot(`"92313256d99858ee"`);
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
