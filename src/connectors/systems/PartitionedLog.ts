import type { ReadRecord } from '../../history/types.ts';
import type { RunServices } from '../../runtime/execution/RunServices.ts';
import { javaStringHashCode } from '../../runtime/JavaHashCode.ts';
import { ExternalSystemError, type Row } from '../types.ts';
import { ExternalSystem } from './ExternalSystem.ts';

type TxnState = 'open' | 'committed' | 'aborted' | 'expired';

interface LogRecord {
  readonly row: Row;
  /** Transaction id, or undefined for a non-transactional write. */
  readonly txn: string | undefined;
}

interface Txn {
  readonly id: string;
  readonly transactionalId: string;
  readonly epoch: number;
  readonly subtask: number;
  readonly startedAt: number;
  state: TxnState;
  checkpointId: number | undefined;
}

/**
 * A partitioned log modelled on Kafka: records keyed to partitions by key
 * hash, offsets, transactions per transactional id with a producer epoch
 * (initTransactions bumps the epoch, fences the old producer and aborts its
 * open transaction), a transaction timeout after which the broker aborts the
 * transaction, and read_committed vs read_uncommitted readers. Committing a
 * committed transaction again is a no-op; committing an aborted or expired one
 * fails (Kafka's INVALID_PRODUCER_EPOCH after expiry).
 */
export class PartitionedLog extends ExternalSystem {
  private readonly logs: LogRecord[][];
  private readonly epochs = new Map<string, number>();
  private readonly txns = new Map<string, Txn>();
  private readonly openByProducer = new Map<string, string>();
  private counter = 0;

  constructor(
    services: RunServices,
    now: () => number,
    readonly numPartitions: number,
    /** Kafka's transaction.timeout.ms: open transactions older than this are aborted by the broker. */
    readonly transactionTimeout: number,
  ) {
    super(services, now);
    this.logs = Array.from({ length: numPartitions }, () => []);
  }

  private ids = 0;

  /** A transactional id unique within this log, also across restarts and resumed jobs. */
  newTransactionalId(prefix: string): string {
    return `${prefix}${this.ids++}`;
  }

  partitionOf(key: string): number {
    return Math.abs(javaStringHashCode(key)) % this.numPartitions;
  }

  /** A non-transactional write (the "any" sink over Kafka). */
  produce(rows: readonly Row[], subtask: number): void {
    for (const row of rows)
      (this.logs[this.partitionOf(row.key)] as LogRecord[]).push({ row, txn: undefined });
    this.record({ op: 'write', subtask, ids: rows.map((r) => r.id) });
  }

  /** Registers a transactional producer: bumps its epoch, fencing the previous one (Kafka's InitProducerId). */
  initTransactions(transactionalId: string, subtask: number): number {
    this.expireOld();
    const epoch = (this.epochs.get(transactionalId) ?? -1) + 1;
    this.epochs.set(transactionalId, epoch);
    const open = this.openByProducer.get(transactionalId);
    if (open !== undefined) {
      const t = this.txns.get(open) as Txn;
      if (t.state === 'open') {
        this.record({ op: 'fenced', txn: open, subtask });
        t.state = 'aborted';
        this.record({ op: 'abort', txn: open, subtask });
      }
      this.openByProducer.delete(transactionalId);
    }
    return epoch;
  }

  beginTransaction(transactionalId: string, epoch: number, subtask: number): string {
    this.checkEpoch(transactionalId, epoch);
    const id = `${transactionalId}@${epoch}#${this.counter++}`;
    this.txns.set(id, {
      id,
      transactionalId,
      epoch,
      subtask,
      startedAt: this.now(),
      state: 'open',
      checkpointId: undefined,
    });
    this.openByProducer.set(transactionalId, id);
    this.record({ op: 'begin', txn: id, subtask });
    return id;
  }

  send(txn: string, rows: readonly Row[]): void {
    this.guard('write', 'transaction', txn);
    this.expireOld();
    const t = this.open(txn);
    for (const row of rows) (this.logs[this.partitionOf(row.key)] as LogRecord[]).push({ row, txn });
    this.record({ op: 'write', txn, subtask: t.subtask, ids: rows.map((r) => r.id) });
  }

  /** Flink's preCommit for Kafka: flush; the transaction stays open until committed. */
  flush(txn: string, checkpointId: number): void {
    this.expireOld();
    const t = this.open(txn);
    t.checkpointId = checkpointId;
    this.record({ op: 'preCommit', txn, subtask: t.subtask, checkpointId });
  }

  /** Commits by transaction id and the epoch it was opened with (Flink resumes the transaction to commit it). */
  commit(txn: string, epoch: number, checkpointId: number): void {
    this.guard('commit', 'transaction', txn);
    this.expireOld();
    const t = this.txns.get(txn);
    if (t === undefined)
      throw new ExternalSystemError('unknown-transaction', `transaction ${txn} does not exist`);
    if (t.state === 'committed') {
      this.record({ op: 'commit', txn, subtask: t.subtask, checkpointId, effective: false });
      return;
    }
    if (t.state !== 'open') {
      throw new ExternalSystemError(
        t.state === 'expired' ? 'transaction-expired' : 'commit-error',
        `cannot commit ${txn}: it was ${t.state === 'expired' ? 'aborted by the broker after its timeout' : 'aborted'}`,
      );
    }
    if ((this.epochs.get(t.transactionalId) ?? 0) !== epoch) {
      throw new ExternalSystemError(
        'producer-fenced',
        `producer ${t.transactionalId} epoch ${epoch} is fenced`,
      );
    }
    t.state = 'committed';
    if (this.openByProducer.get(t.transactionalId) === txn) this.openByProducer.delete(t.transactionalId);
    this.record({ op: 'commit', txn, subtask: t.subtask, checkpointId, effective: true });
  }

  abort(txn: string): void {
    const t = this.txns.get(txn);
    if (t === undefined || t.state !== 'open') return;
    t.state = 'aborted';
    if (this.openByProducer.get(t.transactionalId) === txn) this.openByProducer.delete(t.transactionalId);
    this.record({ op: 'abort', txn, subtask: t.subtask });
  }

  /** Open transactions of producers whose transactional id starts with `prefix` (Flink's lingering-transaction abort). */
  lingering(prefix: string): string[] {
    return [...this.txns.values()]
      .filter((t) => t.transactionalId.startsWith(prefix) && t.state === 'open')
      .map((t) => t.id);
  }

  read(isolation: ReadRecord['isolation']): Record<string, string[]> {
    this.expireOld();
    const out: Record<string, string[]> = {};
    for (const log of this.logs) {
      for (const r of log) {
        const state = r.txn === undefined ? 'committed' : (this.txns.get(r.txn) as Txn).state;
        if (isolation === 'read_committed' || isolation === 'snapshot' ? state !== 'committed' : false)
          continue;
        const list = out[r.row.key] ?? [];
        list.push(r.row.id);
        out[r.row.key] = list;
      }
    }
    return out;
  }

  /** What a read_committed consumer reads from the whole topic at the end. */
  finalContents(): Record<string, string[]> {
    return this.read('read_committed');
  }

  private open(txn: string): Txn {
    const t = this.txns.get(txn);
    if (t === undefined)
      throw new ExternalSystemError('unknown-transaction', `transaction ${txn} does not exist`);
    if (t.state === 'expired') {
      throw new ExternalSystemError(
        'transaction-expired',
        `transaction ${txn} was aborted by the broker (timeout)`,
      );
    }
    if (t.state !== 'open')
      throw new ExternalSystemError('producer-fenced', `transaction ${txn} is ${t.state}`);
    this.checkEpoch(t.transactionalId, t.epoch);
    return t;
  }

  private checkEpoch(transactionalId: string, epoch: number): void {
    if ((this.epochs.get(transactionalId) ?? 0) !== epoch) {
      throw new ExternalSystemError(
        'producer-fenced',
        `producer ${transactionalId} with epoch ${epoch} was fenced by a newer instance`,
      );
    }
  }

  private expireOld(): void {
    const now = this.now();
    for (const t of this.txns.values()) {
      if (t.state === 'open' && now - t.startedAt > this.transactionTimeout) {
        t.state = 'expired';
        this.record({ op: 'expire', txn: t.id, subtask: t.subtask });
      }
    }
  }
}
