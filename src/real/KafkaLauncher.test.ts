import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { TYPESCRIPT_EXEC_ARGV } from '../TypeScriptExecArgv.ts';
import { BrokerUnavailableError } from './BrokerUnavailableError.ts';
import { StopWaiting, waitFor } from './Deadline.ts';
import { freePort } from './FreePort.ts';
import { parseBrokerList } from './kafka/KafkaClient.ts';
import { ensureKafkaJars } from './kafka/KafkaJars.ts';
import { startKafka } from './kafka/KafkaLauncher.ts';
import { startLocalKafkaBroker } from './kafka/LocalKafkaBroker.ts';

const saved = { PATH: process.env.PATH, STREAMPROOF_KAFKA_JARS: process.env.STREAMPROOF_KAFKA_JARS };

afterEach(() => {
  process.env.PATH = saved.PATH;
  if (saved.STREAMPROOF_KAFKA_JARS === undefined) delete process.env.STREAMPROOF_KAFKA_JARS;
  else process.env.STREAMPROOF_KAFKA_JARS = saved.STREAMPROOF_KAFKA_JARS;
});

async function oneLineError(p: Promise<unknown>): Promise<BrokerUnavailableError> {
  const e = await p.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(BrokerUnavailableError);
  const error = e as BrokerUnavailableError;
  expect(error.message).not.toContain('\n');
  return error;
}

describe('parseBrokerList', () => {
  it('accepts host:port lists and rejects anything else', () => {
    expect(parseBrokerList('127.0.0.1:9092')).toEqual(['127.0.0.1:9092']);
    expect(parseBrokerList(' a.example:1 , b:65535 ')).toEqual(['a.example:1', 'b:65535']);
    expect(parseBrokerList('[::1]:9092')).toEqual(['[::1]:9092']);
    for (const bad of ['', ' , ', 'localhost', 'host:', 'host:0', 'host:70000', 'kafka://h:9092', 'h:1,x']) {
      expect(parseBrokerList(bad), bad).toBeUndefined();
    }
  });
});

describe('startKafka errors are one line saying what to do', () => {
  it('a KAFKA_BROKERS that is not host:port', async () => {
    const e = await oneLineError(startKafka({ brokersEnv: 'not a broker', tryTestcontainers: false }));
    expect(e.message).toMatch(/KAFKA_BROKERS="not a broker" is not a list of host:port/);
  });

  it('a KAFKA_BROKERS nobody answers on', async () => {
    const port = await freePort();
    const e = await oneLineError(startKafka({ brokersEnv: `127.0.0.1:${port}`, tryTestcontainers: false }));
    expect(e.message).toContain(`KAFKA_BROKERS=127.0.0.1:${port} does not answer`);
    expect(e.message).toContain('unset KAFKA_BROKERS');
  }, 60_000);

  it('no java on the PATH', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'streamproof-nopath-'));
    process.env.PATH = empty;
    try {
      const e = await oneLineError(startLocalKafkaBroker());
      expect(e.message).toMatch(/^java not found: install a Java 17\+ runtime/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('no mvn on the PATH and no cached jars', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'streamproof-nojars-'));
    process.env.PATH = empty;
    process.env.STREAMPROOF_KAFKA_JARS = join(empty, 'libs');
    try {
      const e = await oneLineError(ensureKafkaJars());
      expect(e.message).toMatch(/^mvn not found: install Apache Maven/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  // A hang guard, not a performance figure: without an engine the answer must come at once, so this
  // test gets 10 s instead of the suites' 120 s (vitest fails it if the call hangs).
  it('testcontainers without a Docker engine falls through at once (the local broker is tried next)', {
    timeout: 10_000,
  }, async () => {
    const { getContainerRuntimeClient } = await import('testcontainers');
    const answered = await getContainerRuntimeClient().then(
      () => 'engine',
      () => 'none',
    );
    // Either outcome is fine for the launcher.
    expect(['engine', 'none']).toContain(answered);
  });
});

describe('the local broker starts when a port it was given is taken, whatever its cluster id', () => {
  it('retries on fresh ports when the first broker port is already bound; a cluster id may start with -', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as AddressInfo).port;
    // One random id in 64 starts with '-': kafka-storage read "-t -xyz" as a missing argument (a CI flake).
    const broker = await startLocalKafkaBroker({
      ports: [taken, await freePort()],
      clusterId: '-3pHm7EPTUK1tJqUeT8v0g',
    });
    try {
      expect(broker.brokers).toHaveLength(1);
      expect(broker.brokers[0]).not.toBe(`127.0.0.1:${taken}`);
    } finally {
      await broker.stop();
      blocker.close();
    }
    expect(existsSync(broker.dataDir)).toBe(false);
  }, 120_000);
});

describe('the local broker never outlives its Node process', () => {
  it('is killed and its directory deleted when the process that started it dies by SIGKILL', async () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const script =
      `const { startLocalKafkaBroker } = await import(${JSON.stringify(join(here, 'kafka', 'LocalKafkaBroker.ts'))});` +
      'const b = await startLocalKafkaBroker();' +
      'console.log(JSON.stringify({ dir: b.dataDir, pid: b.pid() }));' +
      'setInterval(() => undefined, 1000);';
    const child = spawn(process.execPath, [...TYPESCRIPT_EXEC_ARGV, '--input-type=module', '-e', script], {
      cwd: join(here, '..', '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    try {
      const started = await waitFor(
        () => {
          if (out.includes('\n')) return JSON.parse(out) as { dir: string; pid: number };
          if (child.exitCode !== null) {
            const why = err.trim().split('\n').slice(-3).join(' | ');
            throw new StopWaiting(
              new Error(`the child exited with ${child.exitCode} before the broker started: ${why}`),
            );
          }
          return undefined;
        },
        90_000,
        'the child process starting a local broker',
      );
      expect(existsSync(started.dir)).toBe(true);
      expect(() => process.kill(started.pid, 0)).not.toThrow();
      child.kill('SIGKILL');
      await waitFor(
        () => {
          try {
            process.kill(started.pid, 0);
            return undefined;
          } catch {
            return existsSync(started.dir) ? undefined : true;
          }
        },
        15_000,
        `the orphaned broker ${started.pid} being killed and ${started.dir} deleted`,
      );
    } finally {
      child.kill('SIGKILL');
    }
  }, 120_000);
});
