import { BrokerUnavailableError } from '../BrokerUnavailableError.ts';
import { withTimeout } from '../Deadline.ts';
import { freePort } from '../FreePort.ts';
import { createKafka, parseBrokerList } from './KafkaClient.ts';
import { startLocalKafkaBroker } from './LocalKafkaBroker.ts';

/** Where a broker came from and how to let go of it. */
export interface KafkaHandle {
  readonly brokers: readonly string[];
  readonly origin: 'KAFKA_BROKERS' | 'testcontainers' | 'local';
  /** Restarts the broker (a broker-restart fault); undefined for a broker we do not own. */
  readonly restart?: () => Promise<void>;
  /** The broker process id when it is ours and local. */
  readonly pid?: () => number | undefined;
  /** Stops what was started (nothing for KAFKA_BROKERS). Idempotent. */
  stop(): Promise<void>;
}

export interface KafkaLaunchOptions {
  /** Defaults to process.env.KAFKA_BROKERS. */
  readonly brokersEnv?: string | undefined;
  /** Try testcontainers before the local broker (default true). */
  readonly tryTestcontainers?: boolean;
}

async function checkReachable(brokers: readonly string[]): Promise<void> {
  const admin = createKafka(brokers, 'streamproof-probe').admin();
  try {
    await withTimeout(admin.connect(), 10_000, 'connecting to Kafka');
    await withTimeout(admin.describeCluster(), 10_000, 'describing the Kafka cluster');
  } catch (e) {
    throw new BrokerUnavailableError(
      `Kafka at KAFKA_BROKERS=${brokers.join(',')} does not answer (${e instanceof Error ? e.message : String(e)}): start it or unset KAFKA_BROKERS to let the tests start their own broker`,
    );
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Apache Kafka's official image in KRaft mode, when a Docker engine answers. */
async function startContainer(): Promise<KafkaHandle> {
  const { GenericContainer, Wait, getContainerRuntimeClient } = await import('testcontainers');
  await getContainerRuntimeClient(); // throws in milliseconds when no engine answers (DESIGN §11)
  const port = await freePort();
  const container = await new GenericContainer('apache/kafka:4.1.0')
    .withExposedPorts({ container: port, host: port })
    .withEnvironment({
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: `PLAINTEXT://:${port},CONTROLLER://:9093`,
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://127.0.0.1:${port}`,
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
      KAFKA_GROUP_MIN_SESSION_TIMEOUT_MS: '500',
      KAFKA_TRANSACTION_ABORT_TIMED_OUT_TRANSACTION_CLEANUP_INTERVAL_MS: '300',
    })
    .withWaitStrategy(Wait.forListeningPorts())
    .start();
  const brokers = [`127.0.0.1:${port}`];
  let stopped = false;
  return {
    brokers,
    origin: 'testcontainers',
    restart: async () => {
      await container.restart();
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await container.stop();
    },
  };
}

/**
 * A Kafka broker for the real-system runs (DESIGN §8): KAFKA_BROKERS when set
 * (checked to answer), else a testcontainers broker when a Docker engine
 * answers, else a local single-node KRaft broker from Kafka's jars. Throws
 * BrokerUnavailableError, one line, when none can be had.
 */
export async function startKafka(options: KafkaLaunchOptions = {}): Promise<KafkaHandle> {
  const env = 'brokersEnv' in options ? options.brokersEnv : process.env.KAFKA_BROKERS;
  if (env !== undefined && env.trim() !== '') {
    const brokers = parseBrokerList(env);
    if (brokers === undefined) {
      throw new BrokerUnavailableError(
        `KAFKA_BROKERS=${JSON.stringify(env)} is not a list of host:port: set it like 127.0.0.1:9092[,host:port] or unset it`,
      );
    }
    await checkReachable(brokers);
    return { brokers, origin: 'KAFKA_BROKERS', stop: async () => undefined };
  }
  if (options.tryTestcontainers ?? true) {
    try {
      return await startContainer();
    } catch {
      // No container runtime here: fall back to the local broker without delay.
    }
  }
  const local = await startLocalKafkaBroker();
  return {
    brokers: local.brokers,
    origin: 'local',
    restart: local.restart,
    pid: local.pid,
    stop: local.stop,
  };
}
