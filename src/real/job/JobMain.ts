import { readFileSync } from 'node:fs';
import type { Kafka } from 'kafkajs';
import { GroupOffsets } from '../kafka/GroupOffsets.ts';
import { createKafka } from '../kafka/KafkaClient.ts';
import { connectPostgres } from '../postgres/PostgresConnection.ts';
import { connectRedis } from '../redis/RedisConnection.ts';
import { KafkaPlainSink } from '../sinks/KafkaPlainSink.ts';
import { KafkaTransactionalSink } from '../sinks/KafkaTransactionalSink.ts';
import { PostgresTwoPhaseSink } from '../sinks/PostgresTwoPhaseSink.ts';
import { PostgresWalSink } from '../sinks/PostgresWalSink.ts';
import type { RealSink } from '../sinks/RealSink.ts';
import { RedisIdempotentSink } from '../sinks/RedisIdempotentSink.ts';
import { TransactionLog } from '../sinks/TransactionLog.ts';
import { CheckpointDirectory } from './CheckpointDirectory.ts';
import { Journal } from './Journal.ts';
import { KafkaListAppendSource } from './KafkaListAppendSource.ts';
import { KillSwitch } from './KillSwitch.ts';
import { runListAppendJob } from './ListAppendJob.ts';
import { SourceAcknowledger } from './SourceAcknowledger.ts';
import type { RealJobConfig } from './types.ts';

async function createSink(
  config: RealJobConfig,
  kafka: Kafka,
  journal: Journal,
  checkpoints: CheckpointDirectory,
  kill: KillSwitch,
): Promise<RealSink> {
  switch (config.sink) {
    case 'kafka-2pc':
      return new KafkaTransactionalSink(
        kafka,
        config.outputTopic,
        config.runId,
        config.attempt,
        config.transactionTimeout,
        journal,
        new TransactionLog(checkpoints.file('transactions.log')),
      );
    case 'kafka-any':
      return new KafkaPlainSink(kafka, config.outputTopic, journal);
    case 'postgres-2pc': {
      const connections = [];
      for (let i = 0; i < config.subtasks; i++) connections.push(await connectPostgres(config.postgres));
      return new PostgresTwoPhaseSink(
        connections,
        await connectPostgres(config.postgres),
        config.table,
        config.runId,
        config.attempt,
        journal,
        new TransactionLog(checkpoints.file('transactions.log')),
      );
    }
    case 'postgres-wal':
      return new PostgresWalSink(await connectPostgres(config.postgres), config.table, journal, kill);
    case 'redis-idempotent':
      return new RedisIdempotentSink(await connectRedis(config.redisUrl), config.redisPrefix, journal);
  }
}

/**
 * The job process: `node --import ./bin/register-typescript.js JobMain.ts <config.json>`, started by
 * the trial runner with an IPC channel. Exits 0 when the input is done; dies
 * by SIGKILL at its kill point; exits 1 with one line on stderr otherwise.
 * It also exits when the runner goes away (the IPC channel closes).
 */
async function main(): Promise<void> {
  const path = process.argv[2];
  if (path === undefined) throw new Error('usage: JobMain.ts <config.json>');
  const config = JSON.parse(readFileSync(path, 'utf8')) as RealJobConfig;
  process.on('disconnect', () => process.exit(1));
  const kafka = createKafka(config.brokers, `${config.runId}-job-a${config.attempt}`);
  const admin = kafka.admin();
  await admin.connect();
  const journal = new Journal(config.journal, config.startedAt);
  const checkpoints = new CheckpointDirectory(config.checkpointDir);
  const kill = new KillSwitch(config.kill);
  const sink = await createSink(config, kafka, journal, checkpoints, kill);
  const offsets = await GroupOffsets.connect(kafka);
  const source = new KafkaListAppendSource(kafka, offsets, {
    topic: config.inputTopic,
    partitions: config.partitions,
    group: `${config.runId}-src-a${config.attempt}`,
    sessionTimeout: config.sessionTimeout,
  });
  await runListAppendJob({
    config,
    source,
    acknowledger: new SourceAcknowledger(admin, offsets, config.ackGroup, config.inputTopic),
    sink,
    journal,
    checkpoints,
    kill,
  });
  await offsets.close();
  await admin.disconnect();
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`job failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
