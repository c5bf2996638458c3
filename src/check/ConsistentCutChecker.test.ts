import { describe, expect, it } from 'vitest';
import type { CheckpointRecord, History, InputRecord } from '../history/types.ts';
import { checkConsistentCuts } from './ConsistentCutChecker.ts';

const inputs: InputRecord[] = [
  { id: 'r0', key: 'a', partition: 0, offset: 0 },
  { id: 'r1', key: 'b', partition: 0, offset: 1 },
  { id: 'r2', key: 'a', partition: 0, offset: 2 },
  { id: 'r3', key: 'a', partition: 1, offset: 0 },
  { id: 'r4', key: 'b', partition: 1, offset: 1 },
];

function history(checkpoint: Partial<CheckpointRecord>): History {
  return {
    version: 1,
    scenario: 'crafted',
    seed: 0,
    inputs: { src: inputs },
    checkpoints: [
      {
        id: 1,
        kind: 'checkpoint',
        triggeredAt: 0,
        status: 'completed',
        endedAt: 1,
        sourceOffsets: { 'src#0': 2, 'src#1': 1 },
        appendState: { a: ['r0', 'r3'], b: ['r1'] },
        inFlight: [],
        ...checkpoint,
      },
    ],
    restarts: [],
    faults: [],
    operations: [],
    reads: [],
    outcome: 'finished',
    traceHash: '0',
  };
}

describe('checkConsistentCuts', () => {
  it('accepts a snapshot that reflects exactly the prefix named by its offsets', () => {
    const v = checkConsistentCuts(history({}));
    expect(v.ok).toBe(true);
    expect(v.checked).toBe(1);
  });

  it('accepts pre-barrier records that were in flight (unaligned)', () => {
    const v = checkConsistentCuts(history({ appendState: { a: ['r0'], b: ['r1'] }, inFlight: ['r3'] }));
    expect(v.ok).toBe(true);
  });

  it('rejects a cut that includes a post-barrier record', () => {
    const v = checkConsistentCuts(history({ appendState: { a: ['r0', 'r3', 'r2'], b: ['r1'] } }));
    expect(v.ok).toBe(false);
    expect(v.violations.map((x) => [x.kind, x.id])).toEqual([['post-barrier-included', 'r2']]);
    expect(v.explanation).toMatch(/includes r2 .*offset 2.*position there is 2/);
  });

  it('rejects a cut that misses a pre-barrier record', () => {
    const v = checkConsistentCuts(history({ appendState: { a: ['r0'], b: ['r1'] } }));
    expect(v.ok).toBe(false);
    expect(v.violations.map((x) => [x.kind, x.id])).toEqual([['pre-barrier-missing', 'r3']]);
  });

  it('rejects a record counted twice (in state and in flight)', () => {
    const v = checkConsistentCuts(history({ inFlight: ['r3'] }));
    expect(v.violations.map((x) => [x.kind, x.id])).toEqual([['duplicated', 'r3']]);
  });

  it('rejects an id under the wrong key, out-of-order ids of one partition and unknown ids', () => {
    const v = checkConsistentCuts(
      history({
        sourceOffsets: { 'src#0': 3, 'src#1': 1 },
        appendState: { a: ['r2', 'r0', 'r3'], b: ['r1', 'zz'] },
      }),
    );
    expect(v.violations.map((x) => x.kind).sort()).toEqual(['reordered', 'unknown-id']);
    const w = checkConsistentCuts(history({ appendState: { a: ['r0', 'r3', 'r1'], b: [] } }));
    expect(w.violations.map((x) => x.kind)).toEqual(['wrong-key']);
  });

  it('skips aborted checkpoints and those without content', () => {
    const v = checkConsistentCuts(history({ status: 'aborted', appendState: { a: ['r4'] } }));
    expect(v.ok).toBe(true);
    expect(v.checked).toBe(0);
  });
});
