import type { ReadRecord } from '../../history/types.ts';
import { hasDefect } from '../../runtime/execution/Defects.ts';
import type { RunServices } from '../../runtime/execution/RunServices.ts';
import { ExternalSystemError, type Row } from '../types.ts';
import { ExternalSystem } from './ExternalSystem.ts';

type TxnState = 'open' | 'prepared' | 'committed' | 'aborted' | 'expired';

const OPEN: readonly TxnState[] = ['open'];

/**
 * Rows written into a transaction at one virtual time, at most BATCH of them: the history's write
 * operation shares `ids`. Writes into an uncommitted transaction are invisible to readers, so one
 * operation per batch (as a database client's batched insert) tells the checkers all they need.
 * The strings already exist (the input's), so keeping them retains no new object per record, and
 * bounded arrays never need the large reallocations of one ever-growing array (both benchmarked).
 */
interface Batch {
  readonly at: number;
  readonly keys: string[];
  readonly ids: string[];
}

const BATCH = 8192;

interface Txn {
  state: TxnState;
  readonly batches: Batch[];
  readonly subtask: number;
  checkpointId: number | undefined;
  preparedAt: number;
  /** The batch later writes at the same virtual time join; none once the transaction is prepared. */
  open: Batch | undefined;
}

/**
 * A transactional store with two-phase commit (PostgreSQL's PREPARE
 * TRANSACTION / COMMIT PREPARED): begin, write, prepare, commit, abort, and a
 * prepared-transaction timeout after which the system expires (rolls back)
 * the transaction. Committing an already committed transaction is a no-op
 * (recorded with effective: false), so a re-commit on recovery is safe;
 * committing an expired or aborted one fails.
 */
export class TransactionalStore extends ExternalSystem {
  private readonly txns = new Map<string, Txn>();
  /** The committed transactions' batches in commit order (not copied: they never change again). */
  private readonly committed: (readonly Batch[])[] = [];
  /**
   * No prepared transaction can expire before this time (the earliest preparedAt + timeout, or
   * earlier): expireOld() scans the transactions only once it has passed, not on every write.
   */
  private nextExpiry = Number.POSITIVE_INFINITY;

  constructor(
    services: RunServices,
    now: () => number,
    /** Prepared transactions older than this are expired by the system (ms). */
    readonly preparedTimeout: number,
  ) {
    super(services, now);
  }

  private counter = 0;

  /** A transaction id unique within this store, also across restarts and resumed jobs. */
  newTransactionId(prefix: string): string {
    return `${prefix}${this.counter++}`;
  }

  begin(txn: string, subtask: number): void {
    this.expireOld();
    this.txns.set(txn, {
      state: 'open',
      batches: [],
      subtask,
      checkpointId: undefined,
      preparedAt: 0,
      open: undefined,
    });
    this.record({ op: 'begin', txn, subtask });
  }

  write(txn: string, rows: readonly Row[]): void {
    this.guard('write', 'transaction', txn);
    this.expireOld();
    const t = this.require(txn, OPEN);
    const at = this.now();
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as Row;
      let batch = t.open;
      if (batch === undefined || batch.at !== at || batch.ids.length >= BATCH) {
        batch = { at, keys: [], ids: [] };
        t.batches.push(batch);
        t.open = batch;
        this.record({ op: 'write', txn, subtask: t.subtask, ids: batch.ids });
      }
      batch.keys.push(row.key);
      batch.ids.push(row.id);
    }
  }

  prepare(txn: string, checkpointId: number): void {
    this.expireOld();
    const t = this.require(txn, OPEN);
    t.state = 'prepared';
    t.open = undefined;
    t.checkpointId = checkpointId;
    t.preparedAt = this.now();
    this.nextExpiry = Math.min(this.nextExpiry, t.preparedAt + this.preparedTimeout);
    this.record({ op: 'preCommit', txn, subtask: t.subtask, checkpointId });
  }

  commit(txn: string, checkpointId: number): void {
    this.guard('commit', 'transaction', txn);
    this.expireOld();
    const t = this.txns.get(txn);
    if (t?.state === 'committed') {
      if (hasDefect(this.services, 'non-idempotent-recommit')) {
        // Seeded bug 'non-idempotent-recommit': a commit repeated on recovery applies the rows
        // again. Mirrors FLINK-8132 (recoverAndCommit committed a later transaction of the same
        // producer again: duplicates) and Pulsar's non-idempotent commit (apache/pulsar#19629).
        this.apply(t);
        this.record({ op: 'commit', txn, subtask: t.subtask, checkpointId, effective: true });
        return;
      }
      this.record({ op: 'commit', txn, subtask: t.subtask, checkpointId, effective: false });
      return;
    }
    if (t === undefined) {
      throw new ExternalSystemError('unknown-transaction', `transaction ${txn} does not exist`);
    }
    if (t.state !== 'prepared') {
      throw new ExternalSystemError(
        t.state === 'expired' ? 'transaction-expired' : 'commit-error',
        `cannot commit transaction ${txn}: it is ${t.state}`,
      );
    }
    t.state = 'committed';
    this.apply(t);
    this.record({ op: 'commit', txn, subtask: t.subtask, checkpointId, effective: true });
  }

  abort(txn: string): void {
    const t = this.txns.get(txn);
    if (t === undefined || t.state === 'committed' || t.state === 'aborted' || t.state === 'expired') return;
    t.state = 'aborted';
    t.open = undefined;
    this.record({ op: 'abort', txn, subtask: t.subtask });
  }

  /** Transactions prepared or open whose ids start with `prefix` (pg_prepared_xacts by prefix). */
  lingering(prefix: string): string[] {
    return [...this.txns.entries()]
      .filter(([id, t]) => id.startsWith(prefix) && (t.state === 'open' || t.state === 'prepared'))
      .map(([id]) => id);
  }

  stateOf(txn: string): TxnState | undefined {
    return this.txns.get(txn)?.state;
  }

  read(_isolation: ReadRecord['isolation']): Record<string, string[]> {
    return this.finalContents();
  }

  finalContents(): Record<string, string[]> {
    this.expireOld();
    const out: Record<string, string[]> = {};
    for (const batches of this.committed) {
      for (const { keys, ids } of batches) {
        for (let i = 0; i < keys.length; i++) {
          const key = keys[i] as string;
          const list = out[key];
          if (list === undefined) out[key] = [ids[i] as string];
          else list.push(ids[i] as string);
        }
      }
    }
    return out;
  }

  /** Makes a transaction's rows visible. */
  private apply(t: Txn): void {
    this.committed.push(t.batches);
  }

  private expireOld(): void {
    const now = this.now();
    if (now <= this.nextExpiry) return;
    let next = Number.POSITIVE_INFINITY;
    for (const [id, t] of this.txns) {
      if (t.state !== 'prepared') continue;
      if (now - t.preparedAt > this.preparedTimeout) {
        t.state = 'expired';
        this.record({ op: 'expire', txn: id, subtask: t.subtask });
      } else {
        next = Math.min(next, t.preparedAt + this.preparedTimeout);
      }
    }
    this.nextExpiry = next;
  }

  private require(txn: string, states: readonly TxnState[]): Txn {
    const t = this.txns.get(txn);
    if (t === undefined)
      throw new ExternalSystemError('unknown-transaction', `transaction ${txn} does not exist`);
    if (!states.includes(t.state)) {
      throw new ExternalSystemError(
        t.state === 'expired' ? 'transaction-expired' : 'write-error',
        `transaction ${txn} is ${t.state}`,
      );
    }
    return t;
  }
}
