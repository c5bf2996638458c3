import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Fault } from '../src/faults/types.ts';
import { matrixCaseArbitrary } from '../src/matrix/MatrixCaseArbitrary.ts';
import { type MatrixCase, runMatrixCase } from '../src/matrix/MatrixScenario.ts';
import type { MatrixCell } from '../src/matrix/types.ts';
import { propertyRuns } from './runCount.ts';

const runs = propertyRuns(60);
const aligned: MatrixCell = { source: 'resettable', sink: '2pc', mode: 'aligned' };
const unaligned: MatrixCell = { source: 'resettable', sink: '2pc', mode: 'unaligned' };

/** Cases of a 2PC cell whose fault plan is replaced by the given faults. */
function withFaults(cell: MatrixCell, faults: fc.Arbitrary<Fault[]>): fc.Arbitrary<MatrixCase> {
  return fc
    .tuple(matrixCaseArbitrary(cell), faults)
    .map(([c, f]) => ({ ...c, records: Math.max(c.records, 4), plan: { faults: f } }));
}

describe('two-phase commit protocol (DESIGN §4)', () => {
  it.each([aligned, unaligned])(
    'commits only after completion, each covered transaction exactly once ($mode)',
    (cell) => {
      fc.assert(
        fc.property(matrixCaseArbitrary(cell), (c) => {
          const run = runMatrixCase(c);
          if (run.history.outcome !== 'finished') return;
          const v = run.twoPhase;
          if (v === undefined || !v.ok) throw new Error(v?.explanation ?? 'no 2PC verdict');
          expect(v.committed).toBeGreaterThan(0);
          expect(run.guarantee.level).toBe('exactly-once');
        }),
        { numRuns: runs },
      );
    },
  );

  it('aborts the transactions of failed checkpoints that no later checkpoint covered', () => {
    let aborted = 0;
    fc.assert(
      fc.property(
        withFaults(
          aligned,
          fc
            .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 20, max: 200 }))
            .map(([checkpoint, atStep]) => [
              { kind: 'decline', checkpoint },
              { kind: 'crash', atStep, task: 0 },
            ]),
        ),
        (c) => {
          const run = runMatrixCase(c);
          const v = run.twoPhase;
          if (v === undefined || !v.ok) throw new Error(v?.explanation ?? 'no 2PC verdict');
          aborted += v.aborted;
          expect(run.guarantee.holds.exactlyOnce).toBe(true);
        },
      ),
      { numRuns: runs },
    );
    expect(aborted).toBeGreaterThan(0);
  });

  it('repeats commits on recovery, and the repeat changes nothing (idempotent re-commit)', () => {
    let recommits = 0;
    fc.assert(
      fc.property(
        withFaults(
          aligned,
          fc
            .tuple(
              fc.constantFrom<'mid-commit' | 'after-completion-before-notify'>(
                'mid-commit',
                'after-completion-before-notify',
              ),
              fc.integer({ min: 1, max: 3 }),
            )
            .map(([point, occurrence]) => [{ kind: 'crash-at', point, occurrence }]),
        ),
        (c) => {
          const run = runMatrixCase(c);
          const v = run.twoPhase;
          if (v === undefined || !v.ok) throw new Error(v?.explanation ?? 'no 2PC verdict');
          recommits += v.idempotentRecommits;
          expect(run.guarantee.holds.exactlyOnce).toBe(true);
        },
      ),
      { numRuns: runs },
    );
    expect(recommits).toBeGreaterThan(0);
  });

  it('a transaction timeout shorter than checkpoint plus recovery expires committed work: the search finds it', () => {
    const property = fc.property(
      withFaults(
        aligned,
        fc.integer({ min: 1, max: 200 }).map((atStep) => [{ kind: 'crash', atStep, task: 0 }]),
      ).map((c) => ({ ...c, transactionTimeout: 3 })),
      (c) => {
        const v = runMatrixCase(c).twoPhase;
        return v === undefined || !v.violations.some((x) => x.kind === 'expired-after-completion');
      },
    );
    const found = fc.check(property, { numRuns: Math.max(runs, 200), seed: 99 });
    expect(found.failed).toBe(true);
    const [c] = found.counterexample as [MatrixCase];
    const run = runMatrixCase(c);
    expect(run.twoPhase?.explanation).toMatch(/expired it although checkpoint \d+ completed/);
    expect(run.guarantee.lost.length).toBeGreaterThan(0);
  });

  it('with a timeout that covers checkpoint plus recovery, nothing expires', () => {
    fc.assert(
      fc.property(
        withFaults(
          aligned,
          fc.integer({ min: 1, max: 200 }).map((atStep) => [{ kind: 'crash', atStep, task: 0 }]),
        ),
        (c) => {
          const v = runMatrixCase({ ...c, transactionTimeout: 10_000 }).twoPhase;
          expect(v?.violations.filter((x) => x.kind === 'expired-after-completion')).toEqual([]);
        },
      ),
      { numRuns: runs },
    );
  });
});
