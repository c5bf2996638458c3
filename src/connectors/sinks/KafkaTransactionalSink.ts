import type { SinkWriteContext } from '../../runtime/sink/Sink.ts';
import type { ListAppendOutput } from '../../runtime/workload/ListAppend.ts';
import { PartitionedLog } from '../systems/PartitionedLog.ts';
import { TwoPhaseCommitSink } from './TwoPhaseCommitSink.ts';

export const OUTPUT_LOG = 'output-log';

/** A Kafka transaction as kept in the sink's checkpointed state: enough to resume and commit it. */
export interface KafkaTransaction {
  readonly transactionalId: string;
  readonly epoch: number;
  readonly txn: string;
}

export interface KafkaTransactionalSinkOptions {
  readonly partitions?: number;
  /** transaction.timeout.ms; must exceed checkpoint interval + recovery time. */
  readonly transactionTimeout?: number;
  readonly transactionalIdPrefix?: string;
}

/**
 * A Kafka-style exactly-once sink over the simulated PartitionedLog, after
 * Flink's KafkaSink: a transactional.id per subtask and checkpoint
 * ("<prefix>-<subtask>-<n>"), pre-commit = flush, commit after the checkpoint
 * completed by resuming the transaction with its producer id and epoch, and
 * on restore: commit what the checkpoint had pre-committed, then abort
 * lingering transactions of this subtask (initTransactions fences zombies).
 */
export class KafkaTransactionalSink extends TwoPhaseCommitSink<ListAppendOutput, KafkaTransaction> {
  private log!: PartitionedLog;

  constructor(private readonly options: KafkaTransactionalSinkOptions = {}) {
    super();
  }

  override open(): void {
    const { services, now } = this.context;
    this.log = services.get(
      OUTPUT_LOG,
      () =>
        new PartitionedLog(
          services,
          now,
          this.options.partitions ?? 2,
          this.options.transactionTimeout ?? 900_000,
        ),
    );
  }

  private prefix(): string {
    return `${this.options.transactionalIdPrefix ?? this.context.sinkName}-${this.context.subtaskIndex}-`;
  }

  beginTransaction(): KafkaTransaction {
    const transactionalId = this.log.newTransactionalId(this.prefix());
    const epoch = this.log.initTransactions(transactionalId, this.context.subtaskIndex);
    const txn = this.log.beginTransaction(transactionalId, epoch, this.context.subtaskIndex);
    return { transactionalId, epoch, txn };
  }

  invokeInTransaction(t: KafkaTransaction, value: ListAppendOutput, _ctx: SinkWriteContext): void {
    this.log.send(t.txn, [value]);
  }

  preCommit(t: KafkaTransaction, checkpointId: number): void {
    this.log.flush(t.txn, checkpointId);
  }

  commit(t: KafkaTransaction, checkpointId: number): void {
    this.log.commit(t.txn, t.epoch, checkpointId);
  }

  abort(t: KafkaTransaction): void {
    this.log.abort(t.txn);
  }

  protected override finishRecovering(): void {
    // Also the open transactions of old subtasks j >= parallelism with j % parallelism = this index.
    const base = `${this.options.transactionalIdPrefix ?? this.context.sinkName}-`;
    const { subtaskIndex: me, parallelism: p } = this.context;
    for (const txn of this.log.lingering(base)) {
      if (txn === this.openTransaction?.txn) continue;
      const owner = Number(txn.slice(base.length).split('-')[0]);
      if (owner === me || (owner >= p && owner % p === me)) this.log.abort(txn);
    }
  }
}
