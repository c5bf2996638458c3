import { createHash } from 'node:crypto';
import { HistorySequence } from '../../history/HistorySequence.ts';
import {
  type CheckpointRecord,
  type FaultRecord,
  HISTORY_VERSION,
  type History,
  type InputRecord,
  type ReadRecord,
  type RestartRecord,
  type SinkOperation,
} from '../../history/types.ts';
import { INPUT_SOURCE, type JournalEntry } from '../job/types.ts';

export interface HistoryParts {
  readonly scenario: string;
  readonly seed: number;
  readonly inputs: readonly InputRecord[];
  readonly journal: readonly JournalEntry[];
  readonly reads: readonly ReadRecord[];
  readonly final: Readonly<Record<string, readonly string[]>>;
  readonly outcome: History['outcome'];
  readonly transactionTimeout?: number;
}

/**
 * Turns a real run's journal into the History every checker reads
 * (src/history/types.ts). The journal's line order is the run's global
 * order, so each operation and checkpoint completion takes the next
 * sequence number in it. A checkpoint triggered but never completed is
 * recorded as aborted by the failover that followed. Kafka's EndTxn answers
 * the same for a first commit and a repeat, so a commit whose system could
 * not tell is effective exactly when no earlier commit of its transaction
 * is in the journal (kills land between journal lines, never inside one step).
 */
export function assembleHistory(parts: HistoryParts): History {
  const seq = new HistorySequence();
  const operations: SinkOperation[] = [];
  const checkpoints: CheckpointRecord[] = [];
  const restarts: RestartRecord[] = [];
  const faults: FaultRecord[] = [];
  const triggered = new Map<number, number>();
  const committed = new Set<string>();
  const abortOpen = (at: number, reason: string) => {
    for (const [id, triggeredAt] of triggered) {
      checkpoints.push({
        id,
        kind: 'checkpoint',
        triggeredAt,
        status: 'aborted',
        endedAt: at,
        seq: seq.next(),
        reason,
      });
    }
    triggered.clear();
  };
  for (const e of parts.journal) {
    switch (e.kind) {
      case 'op': {
        let op = e.op;
        const txn = op.txn;
        if (op.op === 'commit' && txn !== undefined) {
          if (op.effective === undefined) op = { ...op, effective: !committed.has(txn) };
          if (op.effective) committed.add(txn);
        }
        operations.push({ ...op, seq: seq.next(), at: e.at });
        break;
      }
      case 'triggered':
        triggered.set(e.checkpointId, e.at);
        break;
      case 'completed':
        triggered.delete(e.checkpoint.id);
        checkpoints.push({ ...e.checkpoint, seq: seq.next() });
        break;
      case 'fault':
        faults.push({ at: e.at, kind: e.fault, detail: e.detail });
        abortOpen(e.at, 'failover: the job process was killed');
        break;
      case 'restart':
        restarts.push({
          at: e.at,
          seq: seq.next(),
          attempt: e.attempt,
          ...(e.restoredFrom === undefined ? {} : { restoredFrom: e.restoredFrom }),
          cause: e.cause,
        });
        break;
    }
  }
  abortOpen(parts.journal.at(-1)?.at ?? 0, 'the job ended before it completed');
  const inputs = [...parts.inputs].sort((a, b) => a.partition - b.partition || a.offset - b.offset);
  const body = {
    version: HISTORY_VERSION as typeof HISTORY_VERSION,
    scenario: parts.scenario,
    seed: parts.seed,
    mode: 'aligned' as const,
    inputs: { [INPUT_SOURCE]: inputs },
    checkpoints,
    restarts,
    faults,
    operations,
    reads: [...parts.reads],
    final: parts.final,
    outcome: parts.outcome,
    ...(parts.transactionTimeout === undefined ? {} : { transactionTimeout: parts.transactionTimeout }),
  };
  const traceHash = createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 16);
  return { ...body, traceHash };
}
