import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrokerUnavailableError } from '../BrokerUnavailableError.ts';
import { StopWaiting, sleep, waitFor } from '../Deadline.ts';
import { freePort } from '../FreePort.ts';
import { createKafka } from './KafkaClient.ts';
import { ensureKafkaJars, KAFKA_VERSION } from './KafkaJars.ts';

/** A single-node KRaft broker + controller on 127.0.0.1, started from Kafka's jars. */
export interface LocalKafkaBroker {
  readonly brokers: readonly string[];
  readonly dataDir: string;
  /** The broker's process id (for tests that check it is gone). */
  pid(): number | undefined;
  /** Stops the broker (SIGTERM, then SIGKILL) and restarts it on the same ports and data: a broker restart fault. */
  restart(): Promise<void>;
  /** Stops the broker and deletes its temporary directory. Idempotent. */
  stop(): Promise<void>;
}

export interface LocalKafkaBrokerOptions {
  /** How long to wait for the broker to accept requests (ms). */
  readonly startTimeout?: number;
  /** How often the broker aborts transactions past their timeout (ms); short so timeout trials end in seconds. */
  readonly abortTimedOutTransactionsEvery?: number;
  /** The KRaft cluster id (default: 16 random bytes, base64url, as kafka-storage random-uuid). */
  readonly clusterId?: string;
  /** The broker and controller ports of the first attempt (default: free ports the kernel picks). */
  readonly ports?: readonly [broker: number, controller: number];
}

const JVM_FLAGS = ['-Xms128m', '-Xmx512m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Xshare:auto'];

function serverProperties(
  dir: string,
  brokerPort: number,
  controllerPort: number,
  abortEvery: number,
): string {
  // Single node: replication factor and min ISR 1 for the internal topics, no rebalance delay, and a
  // short group session minimum so a killed job's consumer does not hold its group for long (DESIGN §11).
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${brokerPort},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${brokerPort}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${join(dir, 'data')}`,
    'num.partitions=1',
    'auto.create.topics.enable=false',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=1',
    'group.initial.rebalance.delay.ms=0',
    'group.min.session.timeout.ms=500',
    `transaction.abort.timed.out.transaction.cleanup.interval.ms=${abortEvery}`,
    'transaction.max.timeout.ms=900000',
    'log.flush.interval.messages=1',
    '',
  ].join('\n');
}

function log4jConfig(dir: string): string {
  return [
    'Configuration:',
    '  Appenders:',
    '    File:',
    '      name: file',
    `      fileName: ${join(dir, 'broker.log')}`,
    '      PatternLayout:',
    '        pattern: "[%d] %p %m (%c)%n"',
    '  Loggers:',
    '    Root:',
    '      level: WARN',
    '      AppenderRef:',
    '        - ref: file',
    '',
  ].join('\n');
}

function logTail(dir: string): string {
  for (const f of ['broker.log', 'stdout.log']) {
    const p = join(dir, f);
    if (!existsSync(p)) continue;
    const lines = readFileSync(p, 'utf8').trim().split('\n');
    const error = lines.filter((l) => / (ERROR|FATAL) /.test(l) || /Exception/.test(l)).slice(-1)[0];
    if (error !== undefined) return error.slice(0, 300);
  }
  return 'no error in its log';
}

/** Kafka's cluster ids are 16 random bytes in URL-safe base64 without padding (it may start with '-', hence --cluster-id=). */
function clusterId(): string {
  return randomBytes(16).toString('base64url');
}

function requireJava(): void {
  if (spawnSync('java', ['-version'], { stdio: 'ignore' }).error !== undefined) {
    throw new BrokerUnavailableError(
      'java not found: install a Java 17+ runtime to start the local Kafka broker, or set KAFKA_BROKERS=host:port to use a running broker',
    );
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts Apache Kafka's own broker (KRaft, broker + controller in one JVM) on
 * two free 127.0.0.1 ports with a temporary data directory, and waits until it
 * answers a metadata request. A watchdog shell kills the JVM and deletes its
 * directory within a second or two when this Node process dies for any reason
 * (including SIGKILL), and an exit hook kills it on a normal exit, so no broker
 * outlives the tests.
 */
export async function startLocalKafkaBroker(
  options: LocalKafkaBrokerOptions = {},
): Promise<LocalKafkaBroker> {
  requireJava();
  const jars = await ensureKafkaJars();
  // A port that freePort() saw free can be taken (by another test's client connection, say) before
  // the JVM binds it; the broker then exits at once. A fresh pair of ports is the fix, so try again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(jars, options, attempt === 1 ? options.ports : undefined);
    } catch (e) {
      if (!(e instanceof PortTakenError) || attempt >= PORT_ATTEMPTS) {
        throw e instanceof PortTakenError ? new BrokerUnavailableError(e.message) : e;
      }
    }
  }
}

const PORT_ATTEMPTS = 3;

/** The broker exited at start because one of its ports was taken meanwhile. */
class PortTakenError extends Error {}

async function startOnce(
  jars: string,
  options: LocalKafkaBrokerOptions,
  ports: readonly [number, number] | undefined,
): Promise<LocalKafkaBroker> {
  const dir = mkdtempSync(join(tmpdir(), 'streamproof-kafka-'));
  const brokerPort = ports?.[0] ?? (await freePort());
  let controllerPort = ports?.[1] ?? (await freePort());
  while (controllerPort === brokerPort) controllerPort = await freePort();
  const properties = join(dir, 'server.properties');
  writeFileSync(
    properties,
    serverProperties(dir, brokerPort, controllerPort, options.abortTimedOutTransactionsEvery ?? 300),
  );
  writeFileSync(join(dir, 'log4j2.yaml'), log4jConfig(dir));
  const classpath = `${jars}/*`;
  const logging = `-Dlog4j2.configurationFile=${join(dir, 'log4j2.yaml')}`;
  const format = spawnSync(
    'java',
    [
      '-cp',
      classpath,
      ...JVM_FLAGS,
      logging,
      'kafka.tools.StorageTool',
      'format',
      // One argument with '=': an id starting with '-' would otherwise be read as an option.
      `--cluster-id=${options.clusterId ?? clusterId()}`,
      '-c',
      properties,
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  if (format.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    const why = `${format.stderr ?? ''}${format.stdout ?? ''}`.trim().split('\n').slice(-1)[0] ?? 'no output';
    throw new BrokerUnavailableError(`formatting the local Kafka ${KAFKA_VERSION} storage failed: ${why}`);
  }

  let broker: ChildProcess | undefined;
  let watchdog: ChildProcess | undefined;
  let stopped = false;
  const killNow = () => {
    broker?.kill('SIGKILL');
    watchdog?.kill('SIGKILL');
  };
  const launch = () => {
    const out = join(dir, 'stdout.log');
    writeFileSync(out, '', { flag: 'a' });
    broker = spawn(
      'sh',
      [
        '-c',
        `exec java -cp "$0" ${JVM_FLAGS.join(' ')} "$1" kafka.Kafka "$2" >>"$3" 2>&1`,
        classpath,
        logging,
        properties,
        out,
      ],
      { stdio: 'ignore' },
    );
    const pid = broker.pid;
    watchdog = spawn(
      'sh',
      [
        '-c',
        // Once this process is gone without stopping the broker: kill the broker, then delete its directory.
        `while kill -0 ${process.pid} 2>/dev/null && kill -0 ${pid} 2>/dev/null; do sleep 1; done; ` +
          `if ! kill -0 ${process.pid} 2>/dev/null; then kill -9 ${pid} 2>/dev/null; sleep 1; rm -rf "$0"; fi`,
        dir,
      ],
      { stdio: 'ignore', detached: true },
    );
    watchdog.unref();
  };
  const ready = async (timeout: number) => {
    const kafka = createKafka([`127.0.0.1:${brokerPort}`], 'streamproof-ready', 0);
    const admin = kafka.admin();
    try {
      await waitFor(
        async () => {
          if (broker?.exitCode !== null || broker?.signalCode !== null) {
            const why = `the local Kafka broker exited at start: ${logTail(dir)}`;
            const taken = /Address already in use|BindException/.test(why);
            throw new StopWaiting(taken ? new PortTakenError(why) : new BrokerUnavailableError(why));
          }
          await admin.connect();
          const cluster = await admin.describeCluster();
          return cluster.brokers.length > 0 ? true : undefined;
        },
        timeout,
        `the local Kafka broker on 127.0.0.1:${brokerPort} answering`,
        100,
      );
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  };
  const halt = async () => {
    const b = broker;
    if (b === undefined) return;
    b.kill('SIGTERM');
    const graceful = await Promise.race([exited(b).then(() => true), sleep(8000).then(() => false)]);
    if (!graceful) {
      b.kill('SIGKILL');
      await exited(b);
    }
    watchdog?.kill('SIGKILL');
    broker = undefined;
  };
  process.once('exit', killNow);
  launch();
  try {
    await ready(options.startTimeout ?? 60_000);
  } catch (e) {
    killNow();
    const tail = logTail(dir);
    rmSync(dir, { recursive: true, force: true });
    process.removeListener('exit', killNow);
    if (e instanceof BrokerUnavailableError || e instanceof PortTakenError) throw e;
    throw new BrokerUnavailableError(
      `the local Kafka broker did not start: ${e instanceof Error ? e.message : String(e)}; ${tail}`,
    );
  }
  return {
    brokers: [`127.0.0.1:${brokerPort}`],
    dataDir: dir,
    pid: () => broker?.pid,
    restart: async () => {
      if (stopped) throw new Error('the local Kafka broker was stopped; it cannot restart');
      await halt();
      launch();
      await ready(options.startTimeout ?? 60_000);
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await halt();
      process.removeListener('exit', killNow);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
