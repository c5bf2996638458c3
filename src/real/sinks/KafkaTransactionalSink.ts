import type { Kafka } from 'kafkajs';
import type { ListAppendOutput } from '../../runtime/workload/ListAppend.ts';
import type { Journal } from '../job/Journal.ts';
import { createCluster, type KafkajsCluster } from '../kafka/KafkajsInternals.ts';
import {
  endResumedTransaction,
  fenceTransactionalId,
  type KafkaTransactionHandle,
  ResumableKafkaTransaction,
} from '../kafka/ResumableKafkaTransaction.ts';
import type { RealSink } from './RealSink.ts';
import type { TransactionLog } from './TransactionLog.ts';

interface PendingTransaction extends KafkaTransactionHandle {
  readonly checkpointId: number;
  readonly subtask: number;
}

/** What a checkpoint keeps: the pre-committed transactions not yet committed. */
interface KafkaTransactionalSinkState {
  readonly pending: readonly PendingTransaction[];
}

/**
 * Kafka's transactional producer as a two-phase-commit sink, as Flink's
 * KafkaSink with EXACTLY_ONCE: one transactional id per subtask and
 * checkpoint (`<run>-t<subtask>-c<checkpoint>-a<attempt>`), pre-commit =
 * flush (every send is acknowledged by then), commit after the checkpoint
 * completed. On recovery the restored transactions are committed by
 * resuming them with their stored producer id and epoch (EndTxn), and
 * transactions a dead attempt left open are fenced (InitProducerId on their
 * id), which makes the coordinator abort them.
 */
export class KafkaTransactionalSink implements RealSink {
  private cluster: KafkajsCluster | undefined;
  private readonly current = new Map<number, { txn: ResumableKafkaTransaction; checkpointId: number }>();
  private pending: PendingTransaction[] = [];
  private readonly live = new Map<string, ResumableKafkaTransaction>();

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
    private readonly runId: string,
    private readonly attempt: number,
    private readonly transactionTimeout: number,
    private readonly journal: Journal,
    private readonly log: TransactionLog,
  ) {}

  async open(restored: unknown): Promise<void> {
    this.cluster = createCluster(this.kafka);
    await this.cluster.connect();
    const state = restored as KafkaTransactionalSinkState | undefined;
    const restoredIds = new Set<string>();
    for (const t of state?.pending ?? []) {
      restoredIds.add(t.transactionalId);
      const outcome = await endResumedTransaction(this.cluster, t, true);
      // 'fenced': the broker aborted it after its timeout before we could commit: its writes are gone.
      this.journal.op({
        op: outcome === 'ended' ? 'commit' : 'expire',
        txn: t.transactionalId,
        checkpointId: t.checkpointId,
        subtask: t.subtask,
      });
      this.log.ended(t.transactionalId);
    }
    this.pending = [];
    for (const t of this.log.open()) {
      if (restoredIds.has(t.txn)) continue;
      await fenceTransactionalId(this.kafka, this.cluster, t.txn, this.transactionTimeout);
      this.journal.op({ op: 'fenced', txn: t.txn, checkpointId: t.checkpointId, subtask: t.subtask });
      this.journal.op({ op: 'abort', txn: t.txn, checkpointId: t.checkpointId, subtask: t.subtask });
      this.log.ended(t.txn);
    }
  }

  async write(output: ListAppendOutput, subtask: number, checkpointId: number): Promise<void> {
    const cluster = this.cluster;
    if (cluster === undefined) throw new Error('KafkaTransactionalSink.write before open');
    let current = this.current.get(subtask);
    if (current === undefined) {
      const id = `${this.runId}-t${subtask}-c${checkpointId}-a${this.attempt}`;
      const txn = await ResumableKafkaTransaction.begin(this.kafka, cluster, id, this.transactionTimeout);
      const h = txn.handle();
      this.log.begun({
        txn: id,
        checkpointId,
        subtask,
        producerId: h.producerId,
        producerEpoch: h.producerEpoch,
      });
      this.journal.op({ op: 'begin', txn: id, checkpointId, subtask });
      current = { txn, checkpointId };
      this.current.set(subtask, current);
      this.live.set(id, txn);
    }
    await current.txn.send(this.topic, [
      { key: output.key, value: JSON.stringify({ id: output.id, position: output.position }) },
    ]);
    this.journal.op({
      op: 'write',
      txn: current.txn.transactionalId,
      checkpointId,
      subtask,
      ids: [output.id],
    });
  }

  async snapshot(checkpointId: number): Promise<KafkaTransactionalSinkState> {
    for (const [subtask, { txn }] of [...this.current.entries()].sort((a, b) => a[0] - b[0])) {
      this.pending.push({ ...txn.handle(), checkpointId, subtask });
      this.journal.op({ op: 'preCommit', txn: txn.transactionalId, checkpointId, subtask });
    }
    this.current.clear();
    return { pending: [...this.pending] };
  }

  async notifyCheckpointComplete(checkpointId: number): Promise<void> {
    const ready = this.pending.filter((t) => t.checkpointId <= checkpointId);
    for (const t of ready) {
      const txn = this.live.get(t.transactionalId);
      if (txn !== undefined) await txn.commit();
      else if (this.cluster !== undefined) await endResumedTransaction(this.cluster, t, true);
      this.journal.op({
        op: 'commit',
        txn: t.transactionalId,
        checkpointId: t.checkpointId,
        subtask: t.subtask,
      });
      this.log.ended(t.transactionalId);
      this.live.delete(t.transactionalId);
    }
    this.pending = this.pending.filter((t) => t.checkpointId > checkpointId);
  }

  async close(): Promise<void> {
    await this.cluster?.disconnect();
  }
}
