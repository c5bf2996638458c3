import { describe, expect, it } from 'vitest';
import type { CheckpointRecord, History, SinkOperation } from '../history/types.ts';
import { checkTwoPhaseCommit } from './TwoPhaseCommitChecker.ts';

type Op = Omit<SinkOperation, 'seq' | 'at'>;

function history(
  ops: Op[],
  completed: Array<[id: number, seq: number]>,
  outcome: History['outcome'] = 'finished',
): History {
  const checkpoints: CheckpointRecord[] = completed.map(([id, seq]) => ({
    id,
    kind: 'checkpoint',
    triggeredAt: 0,
    status: 'completed',
    endedAt: 0,
    seq,
  }));
  return {
    version: 1,
    scenario: 'crafted',
    seed: 0,
    inputs: {},
    checkpoints,
    restarts: [],
    faults: [],
    operations: ops.map((o, i) => ({ ...o, seq: i * 10, at: i })),
    reads: [],
    outcome,
    traceHash: '0',
  };
}

const good: Op[] = [
  { op: 'begin', txn: 't1' },
  { op: 'write', txn: 't1', ids: ['r0'] },
  { op: 'preCommit', txn: 't1', checkpointId: 1 },
  { op: 'begin', txn: 't2' },
  { op: 'commit', txn: 't1', checkpointId: 1, effective: true },
  { op: 'write', txn: 't2', ids: ['r1'] },
  { op: 'abort', txn: 't2' },
];

describe('checkTwoPhaseCommit', () => {
  it('accepts commit after completion, abort of the rest, and an idempotent re-commit', () => {
    const v = checkTwoPhaseCommit(
      history([...good, { op: 'commit', txn: 't1', checkpointId: 1, effective: false }], [[1, 35]]),
    );
    expect(v.ok).toBe(true);
    expect(v.committed).toBe(1);
    expect(v.aborted).toBe(1);
    expect(v.idempotentRecommits).toBe(1);
  });

  it('rejects a commit before its checkpoint completed', () => {
    const v = checkTwoPhaseCommit(history(good, [[1, 45]]));
    expect(v.violations.map((x) => x.kind)).toEqual(['commit-before-checkpoint']);
  });

  it('rejects a commit of a checkpoint that never completed', () => {
    const v = checkTwoPhaseCommit(history(good, []));
    expect(v.violations.map((x) => x.kind)).toContain('commit-before-checkpoint');
    expect(v.explanation).toMatch(/none did before the next restart/);
  });

  it('rejects a completed checkpoint whose transaction was never committed', () => {
    const ops = good.filter((o) => o.op !== 'commit');
    const v = checkTwoPhaseCommit(history(ops, [[1, 25]]));
    expect(v.violations.map((x) => x.kind)).toEqual(['not-committed']);
  });

  it('rejects a non-idempotent re-commit (two commits with effect)', () => {
    const v = checkTwoPhaseCommit(
      history([...good, { op: 'commit', txn: 't1', checkpointId: 1, effective: true }], [[1, 35]]),
    );
    expect(v.violations.map((x) => x.kind)).toEqual(['committed-twice']);
  });

  it('rejects a lingering transaction when the job finished, but not when it is incomplete', () => {
    const ops = good.filter((o) => !(o.op === 'abort'));
    expect(checkTwoPhaseCommit(history(ops, [[1, 35]])).violations.map((x) => x.kind)).toEqual(['lingering']);
    expect(checkTwoPhaseCommit(history(ops, [[1, 35]], 'incomplete')).ok).toBe(true);
  });

  it('rejects a transaction expired by the system although its checkpoint completed', () => {
    const ops: Op[] = [
      { op: 'begin', txn: 't1' },
      { op: 'write', txn: 't1', ids: ['r0'] },
      { op: 'preCommit', txn: 't1', checkpointId: 1 },
      { op: 'expire', txn: 't1' },
    ];
    const v = checkTwoPhaseCommit(history(ops, [[1, 25]]));
    expect(v.violations.map((x) => x.kind)).toEqual(['expired-after-completion']);
  });

  it('accepts a transaction of an aborted checkpoint committed with a later one (subsumption)', () => {
    const ops: Op[] = [
      { op: 'begin', txn: 't1' },
      { op: 'write', txn: 't1', ids: ['r0'] },
      { op: 'preCommit', txn: 't1', checkpointId: 1 },
      { op: 'commit', txn: 't1', checkpointId: 1, effective: true },
    ];
    expect(checkTwoPhaseCommit(history(ops, [[2, 25]])).ok).toBe(true);
  });

  it('rejects committing a transaction whose covering checkpoint completed only after a restart', () => {
    const ops: Op[] = [
      { op: 'begin', txn: 't1' },
      { op: 'preCommit', txn: 't1', checkpointId: 1 },
      { op: 'commit', txn: 't1', checkpointId: 1, effective: true },
    ];
    const h = history(ops, [[1, 15]]);
    const withRestart: History = { ...h, restarts: [{ at: 0, seq: 12, attempt: 1, cause: 'crash' }] };
    expect(checkTwoPhaseCommit(withRestart).violations.map((x) => x.kind)).toEqual([
      'commit-before-checkpoint',
    ]);
  });

  it('rejects a protocol out of order (write after pre-commit)', () => {
    const ops: Op[] = [
      { op: 'begin', txn: 't1' },
      { op: 'preCommit', txn: 't1', checkpointId: 1 },
      { op: 'write', txn: 't1', ids: ['r0'] },
      { op: 'commit', txn: 't1', checkpointId: 1, effective: true },
    ];
    const v = checkTwoPhaseCommit(history(ops, [[1, 5]]));
    expect(v.violations.map((x) => x.kind)).toContain('bad-sequence');
  });
});
