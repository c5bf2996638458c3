import { hasDefect } from '../../runtime/execution/Defects.ts';
import type { SinkWriteContext } from '../../runtime/sink/Sink.ts';
import type { ListAppendOutput } from '../../runtime/workload/ListAppend.ts';
import { TransactionalStore } from '../systems/TransactionalStore.ts';
import { TwoPhaseCommitSink } from './TwoPhaseCommitSink.ts';

export const TRANSACTIONAL_STORE = 'transactional-store';

/**
 * The prepared-transaction timeout of the seeded bug 'short-transaction-timeout' (ms): shorter than
 * a recovery (the matrix restarts 20 ms after a failure), so pre-committed transactions of a
 * completed checkpoint expire before the restored sink commits them. Mirrors Kafka's
 * transaction.timeout.ms below checkpoint interval + recovery time (FLINK-7784, KAFKA-6119).
 */
export const SHORT_PREPARED_TIMEOUT = 10;

export interface TransactionalStoreSinkOptions {
  /** The store's prepared-transaction timeout (ms); must cover checkpointing plus recovery. */
  readonly preparedTimeout?: number;
}

/**
 * The 2PC sink of the list-append workload over a TransactionalStore
 * (PostgreSQL-style PREPARE / COMMIT PREPARED). Transaction ids are
 * "<sink>-<subtask>-<n>", unique across restarts (the store numbers them, as a
 * gid with a sequence would); after a restore it
 * aborts the lingering transactions of its subtask that were neither pending
 * nor current in the checkpoint.
 */
export class TransactionalStoreSink extends TwoPhaseCommitSink<ListAppendOutput, string> {
  private store!: TransactionalStore;

  constructor(private readonly options: TransactionalStoreSinkOptions = {}) {
    super();
  }

  override open(): void {
    const { services, now } = this.context;
    const timeout = hasDefect(services, 'short-transaction-timeout')
      ? SHORT_PREPARED_TIMEOUT
      : (this.options.preparedTimeout ?? 3_600_000);
    this.store = services.get(TRANSACTIONAL_STORE, () => new TransactionalStore(services, now, timeout));
  }

  beginTransaction(): string {
    const c = this.context;
    const txn = this.store.newTransactionId(`${c.sinkName}-${c.subtaskIndex}-`);
    this.store.begin(txn, c.subtaskIndex);
    return txn;
  }

  invokeInTransaction(txn: string, value: ListAppendOutput, _ctx: SinkWriteContext): void {
    this.store.write(txn, [value]);
  }

  preCommit(txn: string, checkpointId: number): void {
    this.store.prepare(txn, checkpointId);
  }

  commit(txn: string, checkpointId: number): void {
    this.store.commit(txn, checkpointId);
  }

  abort(txn: string): void {
    this.store.abort(txn);
  }

  protected override finishRecovering(): void {
    // Transactions opened after the checkpoint by the failed attempt would otherwise linger; this
    // subtask also takes over the ones of old subtasks j >= parallelism with j % parallelism = its index.
    const c = this.context;
    for (const txn of this.store.lingering(`${c.sinkName}-`)) {
      const owner = Number(txn.slice(c.sinkName.length + 1).split('-')[0]);
      if (txn === this.openTransaction) continue;
      if (owner === c.subtaskIndex || (owner >= c.parallelism && owner % c.parallelism === c.subtaskIndex)) {
        this.store.abort(txn);
      }
    }
  }
}
