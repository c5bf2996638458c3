import { type ConsistentCutVerdict, checkConsistentCuts } from '../check/ConsistentCutChecker.ts';
import { checkGuarantee, type GuaranteeLevel, type GuaranteeVerdict } from '../check/GuaranteeChecker.ts';
import type { ListAppendRun } from '../checkpoint/ListAppendScenario.ts';
import type { ListAppendJobScenario } from './scenario/types.ts';

export interface ListAppendJudgement {
  /** The list-append operator's final state judged as if it were the external system. */
  readonly state: GuaranteeVerdict;
  readonly expected: GuaranteeLevel;
  readonly stateHolds: boolean;
  readonly cuts: ConsistentCutVerdict;
  /** Consistent cuts are a promise of exactly-once checkpoints only; a BarrierTracker's are not. */
  readonly cutsRequired: boolean;
  readonly ok: boolean;
}

/** Whether a verdict meets a level: exactly-once needs all three properties, none needs nothing. */
export function levelHolds(verdict: GuaranteeVerdict, level: GuaranteeLevel): boolean {
  switch (level) {
    case 'exactly-once':
      return verdict.holds.exactlyOnce;
    case 'at-least-once':
      return verdict.holds.atLeastOnce;
    case 'at-most-once':
      return verdict.holds.atMostOnce;
    case 'none':
      return true;
  }
}

/**
 * Judges one list-append run without a connector: the operator's final state
 * must hold each id as the expected level says (exactly-once, or at-least-once
 * without alignment), and in exactly-once modes every completed checkpoint
 * must be a consistent cut.
 */
export function judgeListAppendRun(run: ListAppendRun, scenario: ListAppendJobScenario): ListAppendJudgement {
  const state = checkGuarantee({ ...run.history, final: run.finalState });
  const expected =
    scenario.expect ?? (scenario.job.mode === 'at-least-once' ? 'at-least-once' : 'exactly-once');
  const cuts = checkConsistentCuts(run.history);
  const cutsRequired = scenario.job.mode !== 'at-least-once';
  const stateHolds = levelHolds(state, expected);
  return { state, expected, stateHolds, cuts, cutsRequired, ok: stateHolds && (cuts.ok || !cutsRequired) };
}
