import { type ConsistentCutVerdict, checkConsistentCuts } from '../check/ConsistentCutChecker.ts';
import { checkGuarantee, type GuaranteeLevel, type GuaranteeVerdict } from '../check/GuaranteeChecker.ts';
import { checkTwoPhaseCommit, type TwoPhaseVerdict } from '../check/TwoPhaseCommitChecker.ts';
import type { History } from '../history/types.ts';
import { levelHolds } from './ListAppendJudgement.ts';

export interface HistoryJudgement {
  readonly guarantee: GuaranteeVerdict;
  readonly expected?: GuaranteeLevel;
  /** Only for histories with transactions. */
  readonly twoPhase?: TwoPhaseVerdict;
  readonly cuts: ConsistentCutVerdict;
  /** Consistent cuts are promised by exactly-once checkpoints only. */
  readonly cutsRequired: boolean;
  /** How the job ended; 'incomplete' (it stalled or hit a limit) is a problem of its own. */
  readonly outcome: History['outcome'];
  /** One line per violated rule; empty when the history passes. */
  readonly problems: readonly string[];
}

/**
 * Runs every checker that applies to a history: the guarantee classifier
 * (against `expected` when given), the 2PC protocol checker when the sink used
 * transactions, the consistent-cut checker when checkpoints carry content.
 */
export function judgeHistory(history: History, expected?: GuaranteeLevel): HistoryJudgement {
  const guarantee = checkGuarantee(history);
  const transactional = history.operations.some(
    (o) => o.txn !== undefined && o.op !== 'walWrite' && o.op !== 'walMark',
  );
  const twoPhase = transactional ? checkTwoPhaseCommit(history) : undefined;
  const cuts = checkConsistentCuts(history);
  const cutsRequired = history.mode !== 'at-least-once';
  const problems: string[] = [];
  if (expected !== undefined && !levelHolds(guarantee, expected)) {
    problems.push(`guarantee: ${guarantee.level}, expected ${expected}: ${guarantee.explanation}`);
  }
  if (twoPhase !== undefined && !twoPhase.ok) problems.push(`2PC protocol: ${twoPhase.explanation}`);
  if (cutsRequired && !cuts.ok) problems.push(`consistent cuts: ${cuts.explanation}`);
  if (history.outcome === 'incomplete') {
    problems.push('outcome: the job did not finish (it stalled or hit a step or time limit)');
  }
  return {
    outcome: history.outcome,
    guarantee,
    ...(expected === undefined ? {} : { expected }),
    ...(twoPhase === undefined ? {} : { twoPhase }),
    cuts,
    cutsRequired,
    problems,
  };
}

/** The verdicts as lines for people. */
export function judgementLines(j: HistoryJudgement): string[] {
  const lines = [
    `outcome: ${j.outcome === 'incomplete' ? 'INCOMPLETE: the job did not finish' : j.outcome}`,
    `guarantee${j.expected === undefined ? '' : ` (expected ${j.expected})`}: ${j.guarantee.explanation}`,
  ];
  if (j.guarantee.transient.length > 0) {
    const t = j.guarantee.transient[0];
    if (t !== undefined) {
      lines.push(
        `  temporary inconsistency: a ${t.isolation} reader saw ${t.key}=[${t.seen.join(',')}] at t=${t.at}, finally [${t.final.join(',')}]`,
      );
    }
  }
  if (j.twoPhase !== undefined)
    lines.push(`2PC protocol: ${j.twoPhase.ok ? 'ok, ' : 'VIOLATED: '}${j.twoPhase.explanation}`);
  lines.push(
    `consistent cuts: ${j.cuts.ok ? '' : j.cutsRequired ? 'VIOLATED: ' : ''}${j.cuts.explanation}${j.cuts.ok || j.cutsRequired ? '' : ' (not required without alignment)'}`,
  );
  return lines;
}
