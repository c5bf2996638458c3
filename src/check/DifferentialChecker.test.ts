import { describe, expect, it } from 'vitest';
import { checkDifferential } from './DifferentialChecker.ts';

describe('checkDifferential', () => {
  const clean = { a: ['x', 'y'], b: ['z'] };

  it('accepts the same outputs in the same order', () => {
    expect(checkDifferential(clean, { b: ['z'], a: ['x', 'y'] }).level).toBe('exactly-once');
  });

  it('rejects a missing output as at-most-once', () => {
    const v = checkDifferential(clean, { a: ['x'], b: ['z'] });
    expect(v.level).toBe('at-most-once');
    expect(v.missing).toEqual([{ key: 'a', value: 'y', count: 1 }]);
  });

  it('rejects an extra output as at-least-once', () => {
    const v = checkDifferential(clean, { a: ['x', 'y', 'y'], b: ['z'] });
    expect(v.level).toBe('at-least-once');
    expect(v.extra).toEqual([{ key: 'a', value: 'y', count: 1 }]);
  });

  it('rejects reordered outputs as not exactly-once, and both faults as none', () => {
    expect(checkDifferential(clean, { a: ['y', 'x'], b: ['z'] }).holds.exactlyOnce).toBe(false);
    expect(checkDifferential(clean, { a: ['x', 'x'], b: ['z'] }).level).toBe('none');
  });
});
