import type { GuaranteeLevel } from '../check/GuaranteeChecker.ts';
import { satisfies } from './ExpectedTable.ts';
import type { MatrixRun } from './MatrixScenario.ts';
import type { BugChecker, MatrixCell } from './types.ts';

/**
 * The checkers that reject one run of a seeded-bug suite: the guarantee
 * classifier against the entry's expected level, the 2PC protocol checker
 * (2PC sinks), and the consistent-cut checker when the source is resettable
 * and checkpoints are exactly-once (with a source that cannot rewind, a
 * restored job's later checkpoints legitimately miss what the feed lost).
 * Empty when the run passes.
 */
export function failingCheckers(run: MatrixRun, cell: MatrixCell, expected: GuaranteeLevel): BugChecker[] {
  const failing: BugChecker[] = [];
  if (!satisfies(run.guarantee.holds, expected)) failing.push('guarantee');
  if (run.twoPhase !== undefined && !run.twoPhase.ok) failing.push('2pc-protocol');
  if (cell.source === 'resettable' && cell.mode !== 'at-least-once' && !run.cuts.ok) {
    failing.push('consistent-cuts');
  }
  return failing;
}

/** One line per failing checker, for a counterexample's summary. */
export function failureExplanation(run: MatrixRun, failing: readonly BugChecker[]): string {
  return failing
    .map((checker) => {
      switch (checker) {
        case 'guarantee':
          return `guarantee: ${run.guarantee.explanation}`;
        case '2pc-protocol':
          return `2PC protocol: ${run.twoPhase?.explanation ?? ''}`;
        case 'consistent-cuts':
          return `consistent cuts: ${run.cuts.explanation}`;
      }
      return checker;
    })
    .join('; ');
}
