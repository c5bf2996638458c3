import { createRequire } from 'node:module';
import { type Kafka, Partitioners } from 'kafkajs';

/**
 * Typed access to the few kafkajs 2.2.x internals that resuming a transaction
 * needs. kafkajs has no public API to read a transactional producer's id and
 * epoch, nor to end a transaction with a stored id and epoch, which is what
 * Flink's KafkaCommitter does after recovery (it sets them into a fresh
 * producer by reflection and calls commitTransaction, i.e. sends EndTxn).
 * kafkajs' own EndTxn and InitProducerId requests are used here through its
 * cluster, transaction manager (eosManager) and message producer modules;
 * kafkajs 2.2.4 is the last release, so these modules no longer move.
 */
const require = createRequire(import.meta.url);

export interface KafkajsBroker {
  endTxn(request: {
    transactionalId: string;
    producerId: string;
    producerEpoch: number;
    transactionResult: boolean;
  }): Promise<{ errorCode: number }>;
  offsetCommit(request: {
    groupId: string;
    groupGenerationId: number;
    memberId: string;
    topics: readonly { topic: string; partitions: readonly { partition: number; offset: string }[] }[];
  }): Promise<unknown>;
}

export interface KafkajsCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  readonly retry: unknown;
  findGroupCoordinator(request: { groupId: string; coordinatorType: number }): Promise<KafkajsBroker>;
}

export interface KafkajsEosManager {
  initProducerId(): Promise<void>;
  beginTransaction(): void;
  commit(): Promise<void>;
  abort(): Promise<void>;
  getProducerId(): string | number;
  getProducerEpoch(): number;
  isInTransaction(): boolean;
}

export interface KafkajsMessageProducer {
  send(request: {
    topic: string;
    messages: readonly { key?: string; value: string; partition?: number }[];
    acks: number;
  }): Promise<unknown>;
}

type EosFactory = (options: {
  logger: unknown;
  cluster: KafkajsCluster;
  transactionTimeout: number;
  transactional: boolean;
  transactionalId: string;
}) => KafkajsEosManager;

type MessageProducerFactory = (options: {
  logger: unknown;
  cluster: KafkajsCluster;
  partitioner: unknown;
  eosManager: KafkajsEosManager;
  idempotent: boolean;
  retrier: unknown;
  getConnectionStatus: () => string;
}) => KafkajsMessageProducer;

const createEosManager = require('kafkajs/src/producer/eosManager/index.js') as EosFactory;
const createMessageProducer = require('kafkajs/src/producer/messageProducer.js') as MessageProducerFactory;
const createRetry = require('kafkajs/src/retry/index.js') as (options: unknown) => unknown;
const { CONNECTION_STATUS } = require('kafkajs/src/network/connectionStatus.js') as {
  CONNECTION_STATUS: { CONNECTED: string };
};
/** kafkajs' retrier: retries `fn` on errors kafkajs marks retriable, with the backoff of `options`. */
export type KafkajsRetrier = <T>(
  fn: (bail: (error: Error) => void, retryCount: number) => Promise<T>,
) => Promise<T>;

/** A retrier with the client's retry settings (retries, initial and maximum retry time), as kafkajs' own requests use. */
export function clusterRetrier(cluster: KafkajsCluster): KafkajsRetrier {
  return createRetry(cluster.retry) as KafkajsRetrier;
}

/** Kafka's FindCoordinator key types. */
export const GROUP_COORDINATOR = 0;
export const TRANSACTION_COORDINATOR = 1;

/** A cluster built by the client itself (its private factory), so it shares the client's settings. */
export function createCluster(kafka: Kafka): KafkajsCluster {
  const factory = Object.getOwnPropertySymbols(kafka).find(
    (s) => s.description === 'private:Kafka:createCluster',
  );
  if (factory === undefined) throw new Error('kafkajs internals changed: no cluster factory on the client');
  const create = (kafka as unknown as Record<symbol, (o: unknown) => KafkajsCluster>)[factory];
  if (typeof create !== 'function')
    throw new Error('kafkajs internals changed: cluster factory is not a function');
  return create({ metadataMaxAge: 300_000, allowAutoTopicCreation: false });
}

export function transactionManager(
  kafka: Kafka,
  cluster: KafkajsCluster,
  transactionalId: string,
  transactionTimeout: number,
): KafkajsEosManager {
  return createEosManager({
    logger: kafka.logger(),
    cluster,
    transactionTimeout,
    transactional: true,
    transactionalId,
  });
}

export function transactionalMessageProducer(
  kafka: Kafka,
  cluster: KafkajsCluster,
  eosManager: KafkajsEosManager,
): KafkajsMessageProducer {
  return createMessageProducer({
    logger: kafka.logger(),
    cluster,
    partitioner: Partitioners.DefaultPartitioner(),
    eosManager,
    idempotent: true,
    retrier: clusterRetrier(cluster),
    getConnectionStatus: () => CONNECTION_STATUS.CONNECTED,
  });
}
