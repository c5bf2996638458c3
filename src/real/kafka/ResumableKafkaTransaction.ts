import type { Kafka } from 'kafkajs';
import { sleep } from '../Deadline.ts';
import {
  type KafkajsCluster,
  type KafkajsEosManager,
  type KafkajsMessageProducer,
  TRANSACTION_COORDINATOR,
  transactionalMessageProducer,
  transactionManager,
} from './KafkajsInternals.ts';

/** What a checkpoint keeps of a pre-committed Kafka transaction: enough to commit it from another process. */
export interface KafkaTransactionHandle {
  readonly transactionalId: string;
  readonly producerId: string;
  readonly producerEpoch: number;
}

/** How ending a resumed transaction went. */
export type ResumeOutcome = 'ended' | 'fenced';

function errorType(e: unknown): string {
  return typeof e === 'object' && e !== null && 'type' in e ? String((e as { type: unknown }).type) : '';
}

/**
 * One Kafka transaction under its own transactional id, as Flink's KafkaSink
 * uses one id per subtask and checkpoint: begin (InitProducerId fences older
 * producers of the id and aborts their open transaction), send, then either
 * commit here or hand its (transactional id, producer id, epoch) to a
 * checkpoint so that a later process can end it with `endResumedTransaction`.
 */
export class ResumableKafkaTransaction {
  private constructor(
    private readonly eos: KafkajsEosManager,
    private readonly producer: KafkajsMessageProducer,
    readonly transactionalId: string,
  ) {}

  static async begin(
    kafka: Kafka,
    cluster: KafkajsCluster,
    transactionalId: string,
    transactionTimeout: number,
  ): Promise<ResumableKafkaTransaction> {
    const eos = transactionManager(kafka, cluster, transactionalId, transactionTimeout);
    await eos.initProducerId();
    eos.beginTransaction();
    return new ResumableKafkaTransaction(
      eos,
      transactionalMessageProducer(kafka, cluster, eos),
      transactionalId,
    );
  }

  handle(): KafkaTransactionHandle {
    return {
      transactionalId: this.transactionalId,
      producerId: String(this.eos.getProducerId()),
      producerEpoch: this.eos.getProducerEpoch(),
    };
  }

  async send(topic: string, messages: readonly { key: string; value: string }[]): Promise<void> {
    await this.producer.send({ topic, messages, acks: -1 });
  }

  async commit(): Promise<void> {
    await this.eos.commit();
  }
}

/**
 * Ends a transaction begun by another (possibly killed) process, from its
 * stored producer id and epoch: Kafka's EndTxn request to the id's
 * transaction coordinator, as Flink's FlinkKafkaInternalProducer does after
 * resumeTransaction. The coordinator answers NONE for a commit of a
 * transaction that is already committed (a repeat is a no-op), and
 * PRODUCER_FENCED / INVALID_PRODUCER_EPOCH when the epoch moved on: the
 * broker aborted the transaction after its timeout, or another producer
 * fenced it ('fenced'). CONCURRENT_TRANSACTIONS (the previous end is still
 * being written) is retried.
 */
export async function endResumedTransaction(
  cluster: KafkajsCluster,
  handle: KafkaTransactionHandle,
  commit: boolean,
): Promise<ResumeOutcome> {
  for (let attempt = 0; ; attempt++) {
    try {
      const coordinator = await cluster.findGroupCoordinator({
        groupId: handle.transactionalId,
        coordinatorType: TRANSACTION_COORDINATOR,
      });
      await coordinator.endTxn({
        transactionalId: handle.transactionalId,
        producerId: handle.producerId,
        producerEpoch: handle.producerEpoch,
        transactionResult: commit,
      });
      return 'ended';
    } catch (e) {
      const type = errorType(e);
      if (
        type === 'PRODUCER_FENCED' ||
        type === 'INVALID_PRODUCER_EPOCH' ||
        type === 'INVALID_PRODUCER_ID_MAPPING'
      )
        return 'fenced';
      if (
        attempt < 50 &&
        (type === 'CONCURRENT_TRANSACTIONS' ||
          type === 'COORDINATOR_LOAD_IN_PROGRESS' ||
          type === 'NOT_COORDINATOR')
      ) {
        await sleep(50);
        continue;
      }
      throw e;
    }
  }
}

/**
 * Fences a transactional id: InitProducerId bumps its epoch, so a zombie
 * producer of the id can no longer write or commit, and the coordinator
 * aborts the transaction it had open (Kafka's rule for a new producer
 * instance; Flink's KafkaSink does it to the ids of the subtask on restore).
 */
export async function fenceTransactionalId(
  kafka: Kafka,
  cluster: KafkajsCluster,
  transactionalId: string,
  transactionTimeout: number,
): Promise<number> {
  const eos = transactionManager(kafka, cluster, transactionalId, transactionTimeout);
  await eos.initProducerId();
  return eos.getProducerEpoch();
}
