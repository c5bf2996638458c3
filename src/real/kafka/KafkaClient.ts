import { Kafka, logLevel } from 'kafkajs';

/**
 * A kafkajs client for the real-system runs. kafkajs logs retried errors
 * (coordinator loading, concurrent transactions) at ERROR level although it
 * recovers from them (DESIGN §11), so it is silent unless
 * STREAMPROOF_KAFKA_LOG=debug|info|warn|error asks for its log.
 */
export function createKafka(brokers: readonly string[], clientId: string, retries = 8): Kafka {
  const wanted = process.env.STREAMPROOF_KAFKA_LOG?.toLowerCase();
  const level =
    wanted === 'debug'
      ? logLevel.DEBUG
      : wanted === 'info'
        ? logLevel.INFO
        : wanted === 'warn'
          ? logLevel.WARN
          : wanted === 'error'
            ? logLevel.ERROR
            : logLevel.NOTHING;
  return new Kafka({
    brokers: [...brokers],
    clientId,
    logLevel: level,
    connectionTimeout: 3000,
    requestTimeout: 10_000,
    retry: { retries, initialRetryTime: 100, maxRetryTime: 1000 },
  });
}

/** Parses "host:port,host:port" (KAFKA_BROKERS); undefined when any entry is not host:port. */
export function parseBrokerList(value: string): string[] | undefined {
  const brokers = value
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
  if (brokers.length === 0) return undefined;
  for (const b of brokers) {
    const m = /^([A-Za-z0-9._-]+|\[[0-9a-fA-F:]+\]):(\d{1,5})$/.exec(b);
    if (m === null || Number(m[2]) < 1 || Number(m[2]) > 65535) return undefined;
  }
  return brokers;
}
