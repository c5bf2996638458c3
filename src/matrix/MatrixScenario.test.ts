import { describe, expect, it } from 'vitest';
import { type MatrixCase, runMatrixCase } from './MatrixScenario.ts';

describe('runMatrixCase', () => {
  // Found by `streamproof matrix --modes unaligned --runs 2000` (seed 42): the declined savepoint's
  // abort notification overtook its barriers, a late barrier then started an aligned savepoint
  // alignment that nothing released, the unaligned checkpoint 2 never completed on the blocked tasks,
  // and the job stalled until its step limit with r5 never read: reported as a lost record.
  const stalled: MatrixCase = {
    cell: { source: 'resettable', sink: 'idempotent', mode: 'unaligned' },
    seed: 1776211281,
    records: 6,
    keys: 2,
    partitions: 3,
    placement: 'by-key',
    sourceParallelism: 2,
    appendParallelism: 3,
    checkpointInterval: 2,
    bufferCapacity: 2,
    // Unchained, as every case was when this was found: records then also wait between append and sink.
    operatorChaining: false,
    plan: {
      faults: [
        { kind: 'rescale', at: 1, parallelism: 1 },
        { kind: 'decline', checkpoint: 1 },
      ],
    },
    choices: [],
  };

  it('a late barrier of an aborted savepoint does not block an unaligned job', () => {
    const run = runMatrixCase(stalled);
    expect(run.results.map((r) => r.status)).toEqual(['finished']);
    expect(run.history.outcome).toBe('finished');
    expect(run.guarantee.level).toBe('exactly-once');
    expect(run.cuts.ok).toBe(true);
  });

  it('the same case in aligned mode also finishes exactly-once', () => {
    const run = runMatrixCase({ ...stalled, cell: { ...stalled.cell, mode: 'aligned' } });
    expect(run.history.outcome).toBe('finished');
    expect(run.guarantee.level).toBe('exactly-once');
  });

  it('gives every sink the same history fields in the same order, transactionTimeout set for 2PC only', () => {
    // One object shape for the checkers: a 2PC-only field spread in conditionally gave two, and
    // checkTwoPhaseCommit was deoptimized over and over (about 240 times in a matrix of 1000 runs).
    const runs = (['any', 'idempotent', 'wal', '2pc'] as const).map((sink) =>
      runMatrixCase({ ...stalled, cell: { ...stalled.cell, sink, mode: 'aligned' }, plan: { faults: [] } }),
    );
    const keys = runs.map((r) => Object.keys(r.history));
    for (const k of keys) expect(k).toEqual(keys[3]);
    expect(runs.map((r) => r.history.transactionTimeout)).toEqual([
      undefined,
      undefined,
      undefined,
      3_600_000,
    ]);
    // JSON leaves the unset field out, as before.
    expect(JSON.stringify(runs[0]?.history)).not.toContain('transactionTimeout');
  });
});
