import type { History, SinkOperation } from '../history/types.ts';

export type TwoPhaseViolationKind =
  | 'bad-sequence'
  | 'commit-before-checkpoint'
  | 'not-committed'
  | 'committed-twice'
  | 'lingering'
  | 'expired-after-completion'
  | 'commit-without-checkpoint';

export interface TwoPhaseViolation {
  readonly kind: TwoPhaseViolationKind;
  readonly txn: string;
  readonly detail: string;
}

export interface TwoPhaseVerdict {
  readonly ok: boolean;
  readonly transactions: number;
  readonly committed: number;
  readonly aborted: number;
  /** Commits repeated on recovery that changed nothing (the idempotent re-commit rule at work). */
  readonly idempotentRecommits: number;
  readonly violations: readonly TwoPhaseViolation[];
  readonly explanation: string;
}

interface Txn {
  readonly id: string;
  checkpointId: number | undefined;
  readonly ops: SinkOperation[];
}

const ALLOWED_AFTER: Record<string, readonly string[]> = {
  begin: ['write', 'preCommit', 'abort', 'expire', 'fenced'],
  write: ['write', 'preCommit', 'abort', 'expire', 'fenced'],
  preCommit: ['commit', 'abort', 'expire', 'fenced'],
  commit: ['commit'],
  abort: ['abort'],
  expire: ['commit', 'abort'],
  fenced: ['abort', 'commit', 'expire'],
};

/**
 * Judges a sink's two-phase-commit protocol from the operations its system
 * saw (DESIGN §4): per transaction begin -> write* -> preCommit -> commit |
 * abort. A transaction pre-committed for checkpoint c is *covered* when a
 * checkpoint with id >= c completed after its pre-commit and before the next
 * restart (Flink commits every pending transaction up to the notified
 * checkpoint, and a later checkpoint subsumes an aborted one). A covered
 * transaction must be committed exactly once with effect, and never before
 * its covering completion (a repeated commit must change nothing); an
 * uncovered one must never be committed and must be aborted or expired by the
 * end of a finished run; no covered transaction may expire. Pure.
 */
export function checkTwoPhaseCommit(history: History): TwoPhaseVerdict {
  const completions = history.checkpoints
    .filter((c) => c.status === 'completed')
    .map((c) => ({ id: c.id, seq: c.seq ?? Number.NEGATIVE_INFINITY }));
  const restarts = history.restarts
    .map((r) => r.seq)
    .filter((x): x is number => x !== undefined)
    .sort((a, b) => a - b);
  const txns = new Map<string, Txn>();
  for (const op of [...history.operations].sort((a, b) => a.seq - b.seq)) {
    if (op.txn === undefined) continue;
    let t = txns.get(op.txn);
    if (t === undefined) {
      t = { id: op.txn, checkpointId: undefined, ops: [] };
      txns.set(op.txn, t);
    }
    if (op.checkpointId !== undefined) t.checkpointId = op.checkpointId;
    t.ops.push(op);
  }
  const violations: TwoPhaseViolation[] = [];
  let committed = 0;
  let aborted = 0;
  let idempotentRecommits = 0;
  for (const t of txns.values()) {
    const kinds = t.ops.map((o) => o.op);
    for (let i = 1; i < kinds.length; i++) {
      const prev = kinds[i - 1] as string;
      const cur = kinds[i] as string;
      if (!(ALLOWED_AFTER[prev] ?? []).includes(cur)) {
        violations.push({
          kind: 'bad-sequence',
          txn: t.id,
          detail: `${t.id}: ${cur} after ${prev} (${kinds.join(' -> ')})`,
        });
        break;
      }
    }
    if (kinds[0] === 'write' || kinds[0] === 'preCommit') {
      violations.push({
        kind: 'bad-sequence',
        txn: t.id,
        detail: `${t.id}: starts with ${kinds[0]} without begin`,
      });
    }
    const preCommit = t.ops.find((o) => o.op === 'preCommit');
    const c = t.checkpointId;
    const end =
      preCommit === undefined
        ? undefined
        : (restarts.find((r) => r > preCommit.seq) ?? Number.POSITIVE_INFINITY);
    const covering =
      preCommit === undefined || c === undefined || end === undefined
        ? undefined
        : completions.find((x) => x.id >= c && x.seq > preCommit.seq && x.seq < end);
    const commits = t.ops.filter((o) => o.op === 'commit');
    const effective = commits.filter((o) => o.effective !== false);
    idempotentRecommits += commits.length - effective.length;
    for (const commit of commits) {
      if (c === undefined) {
        violations.push({
          kind: 'commit-without-checkpoint',
          txn: t.id,
          detail: `${t.id}: committed but never pre-committed for a checkpoint`,
        });
        break;
      }
      if (covering === undefined || commit.seq < covering.seq) {
        violations.push({
          kind: 'commit-before-checkpoint',
          txn: t.id,
          detail:
            `${t.id}: committed at #${commit.seq} before checkpoint ${c} (or a later one) completed` +
            (covering === undefined ? ' (none did before the next restart)' : ` (#${covering.seq})`),
        });
        break;
      }
    }
    if (effective.length > 1) {
      violations.push({
        kind: 'committed-twice',
        txn: t.id,
        detail: `${t.id}: committed ${effective.length} times with effect; a commit repeated on recovery must be a no-op`,
      });
    }
    if (effective.length > 0) committed++;
    const ended = kinds.some((k) => k === 'abort' || k === 'expire');
    if (kinds.includes('abort')) aborted++;
    if (covering !== undefined) {
      if (kinds.includes('expire')) {
        violations.push({
          kind: 'expired-after-completion',
          txn: t.id,
          detail: `${t.id}: the system expired it although checkpoint ${covering.id} completed; its writes are lost (transaction timeout shorter than checkpoint + recovery)`,
        });
      } else if (effective.length === 0 && history.outcome === 'finished') {
        violations.push({
          kind: 'not-committed',
          txn: t.id,
          detail: `${t.id}: checkpoint ${covering.id} completed but the transaction was never committed`,
        });
      }
    } else if (effective.length === 0 && !ended && history.outcome === 'finished') {
      violations.push({
        kind: 'lingering',
        txn: t.id,
        detail: `${t.id}: neither committed nor aborted when the job finished (a lingering transaction)`,
      });
    }
  }
  const first = violations[0];
  return {
    ok: violations.length === 0,
    transactions: txns.size,
    committed,
    aborted,
    idempotentRecommits,
    violations,
    explanation:
      first === undefined
        ? `${txns.size} transactions: ${committed} committed, ${aborted} aborted, ${idempotentRecommits} idempotent re-commits`
        : `${first.detail}${violations.length > 1 ? ` (+${violations.length - 1} more)` : ''}`,
  };
}
