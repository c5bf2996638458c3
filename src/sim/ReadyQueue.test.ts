import { describe, expect, it } from 'vitest';
import { ReadyQueue, type SimAction } from './ReadyQueue.ts';

function action(name: string): SimAction & { name: string } {
  return { name, run: () => {} };
}

function names(q: ReadyQueue, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push((q.takeAt(0) as SimAction & { name: string }).name);
  return out;
}

describe('ReadyQueue', () => {
  it('keeps entries in sequence order whatever order they are inserted in, beyond its first capacity', () => {
    const q = new ReadyQueue();
    // 40 entries (more than the 16 slots it starts with), inserted in a scrambled order.
    const seqs = Array.from({ length: 40 }, (_, i) => (i * 17) % 40);
    for (const s of seqs) q.insert(s, action(`a${s}`), s * 10);
    expect(q.size).toBe(40);
    expect(q.oldestTime).toBe(0);
    expect(names(q, 40)).toEqual(Array.from({ length: 40 }, (_, i) => `a${i}`));
    expect(q.size).toBe(0);
    expect(q.oldestTime).toBe(Number.POSITIVE_INFINITY);
  });

  it('takes by position, and reuses freed slots without mixing entries up', () => {
    const q = new ReadyQueue();
    const a = action('a');
    const b = action('b');
    const c = action('c');
    q.insert(1, a, 5);
    q.insert(2, b, 6);
    q.insert(3, c, 7);
    expect(q.takeAt(1)).toBe(b);
    expect(q.oldestTime).toBe(5);
    q.insert(0, b, 1);
    expect(q.oldestTime).toBe(1);
    expect(names(q, 3)).toEqual(['b', 'a', 'c']);
    expect(() => q.takeAt(0)).toThrow(RangeError);
  });

  it('removes a given action, tells whether one is ready, and clears', () => {
    const q = new ReadyQueue();
    const a = action('a');
    const b = action('b');
    q.insert(1, a);
    q.insert(2, b);
    expect(q.has(a)).toBe(true);
    expect(q.remove(a)).toBe(true);
    expect(q.remove(a)).toBe(false);
    expect(q.has(a)).toBe(false);
    expect(q.size).toBe(1);
    q.clear();
    expect(q.size).toBe(0);
    expect(q.has(b)).toBe(false);
    expect(() => q.takeAt(0)).toThrow(/no ready event at 0/);
  });
});
