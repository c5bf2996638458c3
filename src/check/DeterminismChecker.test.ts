import { describe, expect, it } from 'vitest';
import type { TraceSummary } from '../sim/types.ts';
import { checkDeterminism } from './DeterminismChecker.ts';

const ev = (index: number, kind: string, a = 0) => ({ index, time: 0, kind, a, b: 0, c: 0 });

describe('checkDeterminism', () => {
  it('accepts two identical traces', () => {
    const t: TraceSummary = { hash: 'aaaa', length: 2, events: [ev(0, 'x'), ev(1, 'y')] };
    expect(checkDeterminism(t, { ...t }).deterministic).toBe(true);
  });

  it('rejects traces whose hashes differ and names the first diverging event', () => {
    const left: TraceSummary = { hash: 'aaaa', length: 3, events: [ev(0, 'x'), ev(1, 'y', 1), ev(2, 'z')] };
    const right: TraceSummary = { hash: 'bbbb', length: 3, events: [ev(0, 'x'), ev(1, 'y', 2), ev(2, 'z')] };
    const verdict = checkDeterminism(left, right);
    expect(verdict.deterministic).toBe(false);
    expect(verdict.divergesAt).toBe(1);
    expect(verdict.explanation).toMatch(/diverge at event 1: #1 t=0 y\(1, 0, 0\) vs #1 t=0 y\(2, 0, 0\)/);
  });

  it('rejects a trace that is a strict prefix of the other', () => {
    const left: TraceSummary = { hash: 'aaaa', length: 1, events: [ev(0, 'x')] };
    const right: TraceSummary = { hash: 'bbbb', length: 2, events: [ev(0, 'x'), ev(1, 'y')] };
    const verdict = checkDeterminism(left, right);
    expect(verdict.deterministic).toBe(false);
    expect(verdict.divergesAt).toBe(1);
    expect(verdict.explanation).toMatch(/end of trace/);
  });

  it('rejects differing hashes even without events', () => {
    const verdict = checkDeterminism({ hash: 'aaaa', length: 1 }, { hash: 'bbbb', length: 1 });
    expect(verdict.deterministic).toBe(false);
    expect(verdict.divergesAt).toBeUndefined();
  });
});
