import fc from 'fast-check';
import type { ConsistentCutVerdict } from '../check/ConsistentCutChecker.ts';
import type { GuaranteeVerdict } from '../check/GuaranteeChecker.ts';
import type { TwoPhaseVerdict } from '../check/TwoPhaseCommitChecker.ts';
import type { History } from '../history/types.ts';
import type { TraceEvent } from '../sim/types.ts';
import { matrixCaseArbitrary } from './MatrixCaseArbitrary.ts';
import { type MatrixCase, runMatrixCase } from './MatrixScenario.ts';
import type { MatrixCell } from './types.ts';

export interface ReplayedCase {
  readonly history: History;
  readonly traceHash: string;
  readonly events: TraceEvent[];
  readonly guarantee: GuaranteeVerdict;
  readonly twoPhase?: TwoPhaseVerdict;
  readonly cuts: ConsistentCutVerdict;
  readonly vertexNames: Readonly<Record<number, string>>;
}

/** Re-runs one generated case exactly (Counterexample.scenario), keeping the trace for a timeline. */
export function replayCase(scenario: unknown, options: { keepTrace?: boolean } = {}): ReplayedCase {
  const run = runMatrixCase(scenario as MatrixCase, { keepTrace: options.keepTrace ?? true });
  return {
    history: run.history,
    traceHash: run.traceHash,
    events: [...run.events],
    guarantee: run.guarantee,
    ...(run.twoPhase === undefined ? {} : { twoPhase: run.twoPhase }),
    cuts: run.cuts,
    vertexNames: run.vertexNames,
  };
}

/**
 * The generated case of `cell` at fast-check `seed` and `path` (what a
 * printed replay command names), without running the property again.
 */
export function caseAt(cell: MatrixCell, seed: number, path: string): MatrixCase {
  let found: MatrixCase | undefined;
  fc.check(
    fc.property(matrixCaseArbitrary(cell), (c) => {
      found = c;
      return false;
    }),
    { seed, path, numRuns: 1, endOnFailure: true },
  );
  if (found === undefined) throw new Error(`no case at seed ${seed} path ${path}`);
  return found;
}
