import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrokerUnavailableError } from '../BrokerUnavailableError.ts';

/** The Apache Kafka release the local broker runs (DESIGN §11: checked on this machine). */
export const KAFKA_VERSION = '4.3.1';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..', '..');
const pom = join(here, 'pom.xml');
const COMPLETE = '.complete';

/** Where the broker's jars are cached (git-ignored): `.cache/kafka-<version>/libs`. */
export function kafkaJarsDir(): string {
  return process.env.STREAMPROOF_KAFKA_JARS ?? join(repoRoot, '.cache', `kafka-${KAFKA_VERSION}`, 'libs');
}

function hasCompleteCache(dir: string): boolean {
  return existsSync(join(dir, COMPLETE)) && readdirSync(dir).some((f) => f.startsWith('kafka_2.13-'));
}

function runMaven(args: readonly string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn('mvn', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.on('error', (e) => resolvePromise({ code: -1, output: e.message }));
    child.on('close', (code) => resolvePromise({ code: code ?? -1, output }));
  });
}

/**
 * Makes sure Kafka's jars are in the cache, resolving them with Maven from the
 * committed pom (src/real/kafka/pom.xml) when they are not. A complete cache
 * is used as it is, without Maven, so a prepared machine works offline; Maven
 * itself retries offline (-o) from ~/.m2 when the registry does not answer.
 */
export async function ensureKafkaJars(): Promise<string> {
  const dir = kafkaJarsDir();
  if (hasCompleteCache(dir)) return dir;
  if (spawnSync('mvn', ['-v'], { stdio: 'ignore' }).error !== undefined) {
    throw new BrokerUnavailableError(
      'mvn not found: install Apache Maven to resolve the Kafka broker jars, or set KAFKA_BROKERS=host:port to use a running broker',
    );
  }
  const staging = `${dir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(dirname(dir), { recursive: true });
  const args = [
    '-q',
    '-B',
    '-f',
    pom,
    'dependency:copy-dependencies',
    `-DoutputDirectory=${staging}`,
    '-DincludeScope=runtime',
  ];
  let result = await runMaven(args);
  if (result.code !== 0) result = await runMaven(['-o', ...args]);
  if (result.code !== 0) {
    const last = result.output.trim().split('\n').slice(-1)[0] ?? '';
    throw new BrokerUnavailableError(
      `Maven could not resolve Apache Kafka ${KAFKA_VERSION} (${last.slice(0, 200)}): check access to Maven Central or set KAFKA_BROKERS=host:port`,
    );
  }
  writeFileSync(join(staging, COMPLETE), `${KAFKA_VERSION}\n`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  return dir;
}
