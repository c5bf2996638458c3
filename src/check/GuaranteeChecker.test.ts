import { describe, expect, it } from 'vitest';
import type { History, ReadRecord } from '../history/types.ts';
import { checkGuarantee } from './GuaranteeChecker.ts';

function history(final: Record<string, string[]>, reads: ReadRecord[] = []): History {
  return {
    version: 1,
    scenario: 'crafted',
    seed: 0,
    inputs: {
      src: [
        { id: 'r0', key: 'a', partition: 0, offset: 0 },
        { id: 'r1', key: 'a', partition: 0, offset: 1 },
        { id: 'r2', key: 'b', partition: 1, offset: 0 },
      ],
    },
    checkpoints: [],
    restarts: [],
    faults: [],
    operations: [],
    reads,
    final,
    outcome: 'finished',
    traceHash: '0',
  };
}

describe('checkGuarantee', () => {
  it('judges a final state with every id once, in order, exactly-once', () => {
    const v = checkGuarantee(history({ a: ['r0', 'r1'], b: ['r2'] }));
    expect(v.level).toBe('exactly-once');
    expect(v.holds).toEqual({ exactlyOnce: true, atLeastOnce: true, atMostOnce: true });
  });

  it('rejects a history with a lost record as at-most-once', () => {
    const v = checkGuarantee(history({ a: ['r0', 'r1'] }));
    expect(v.level).toBe('at-most-once');
    expect(v.lost).toEqual(['r2']);
    expect(v.holds.atLeastOnce).toBe(false);
  });

  it('rejects a history with a duplicate as at-least-once', () => {
    const v = checkGuarantee(history({ a: ['r0', 'r1', 'r1'], b: ['r2'] }));
    expect(v.level).toBe('at-least-once');
    expect(v.duplicated).toEqual([{ id: 'r1', count: 2 }]);
    expect(v.explanation).toMatch(/1 duplicated \(e\.g\. r1 x2\)/);
  });

  it('judges lost and duplicated together as none', () => {
    const v = checkGuarantee(history({ a: ['r0', 'r0', 'r1'] }));
    expect(v.level).toBe('none');
  });

  it('rejects per-partition reordering as not exactly-once', () => {
    const v = checkGuarantee(history({ a: ['r1', 'r0'], b: ['r2'] }));
    expect(v.holds.exactlyOnce).toBe(false);
    expect(v.reordered).toEqual([{ key: 'a', id: 'r0', after: 'r1' }]);
  });

  it('reports reads that are not a prefix of the final state (temporary inconsistency)', () => {
    const v = checkGuarantee(
      history({ a: ['r0', 'r1'], b: ['r2'] }, [
        { at: 5, isolation: 'read_uncommitted', contents: { a: ['r1'] } },
        { at: 6, isolation: 'read_uncommitted', contents: { a: ['r0'] } },
      ]),
    );
    expect(v.level).toBe('exactly-once');
    expect(v.transient).toHaveLength(1);
    expect(v.transient[0]?.seen).toEqual(['r1']);
    expect(v.isolation).toEqual(['read_uncommitted']);
  });
});
