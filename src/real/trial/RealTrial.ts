import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ConsistentCutVerdict, checkConsistentCuts } from '../../check/ConsistentCutChecker.ts';
import { checkGuarantee, type GuaranteeVerdict } from '../../check/GuaranteeChecker.ts';
import { checkTwoPhaseCommit, type TwoPhaseVerdict } from '../../check/TwoPhaseCommitChecker.ts';
import type { History, ReadRecord } from '../../history/types.ts';
import { generateListAppendInput } from '../../runtime/workload/ListAppend.ts';
import { Rng } from '../../sim/Rng.ts';
import { sleep } from '../Deadline.ts';
import { Journal } from '../job/Journal.ts';
import type { KillPoint, RealJobConfig, RealSinkKind, RealSourceMode } from '../job/types.ts';
import { createKafka } from '../kafka/KafkaClient.ts';
import { assembleHistory } from './HistoryAssembler.ts';
import { historyFileFor } from './HistoryFile.ts';
import { runJobAttempt } from './JobProcess.ts';
import { KafkaOutput } from './KafkaOutput.ts';
import { KafkaRunTopics } from './KafkaRunTopics.ts';
import type { Contents, OutputSystem } from './OutputSystem.ts';
import { PostgresOutput } from './PostgresOutput.ts';
import type { RealEnvironment } from './RealEnvironment.ts';
import { RedisOutput } from './RedisOutput.ts';

/** One real run of the list-append job, as plain data. */
export interface RealTrialSpec {
  readonly source: RealSourceMode;
  readonly sink: RealSinkKind;
  readonly seed: number;
  readonly records: number;
  readonly keys: number;
  readonly partitions: number;
  readonly subtasks: number;
  readonly checkpointEvery: number;
  /** One kill point per attempt, in order; the attempt after the last kill runs to the end. */
  readonly kills: readonly KillPoint[];
  /** Transaction timeout asked of Kafka (ms, default 60 s). */
  readonly transactionTimeout?: number;
  /** Time between a kill and the restart (ms, default 0): "recovery time". */
  readonly restartDelay?: number;
  /** Write the history as JSON into this directory. */
  readonly historyDir?: string;
  /** Limit per attempt (ms, default 60 s). */
  readonly attemptTimeout?: number;
  /** Restart the Kafka broker after the first kill, before the job restarts (needs a broker we own). */
  readonly brokerRestart?: boolean;
}

export interface RealTrialResult {
  readonly spec: RealTrialSpec;
  readonly runId: string;
  readonly history: History;
  readonly historyPath?: string;
  readonly guarantee: GuaranteeVerdict;
  /** For the 2PC sinks. */
  readonly twoPhase?: TwoPhaseVerdict;
  readonly cuts: ConsistentCutVerdict;
  /** The kills that happened, in order. */
  readonly kills: readonly { readonly point: string; readonly detail: string }[];
  readonly attempts: number;
  /** What of the run was still in Kafka, PostgreSQL or Redis after its cleanup (empty when all is well). */
  readonly leftovers: readonly string[];
  readonly millis: number;
}

function outputFor(
  spec: RealTrialSpec,
  env: RealEnvironment,
  runId: string,
  keys: readonly string[],
): OutputSystem {
  switch (spec.sink) {
    case 'kafka-2pc':
    case 'kafka-any':
      return new KafkaOutput(createKafka(env.brokers, `${runId}-reader`), `${runId}-out`, 2);
    case 'postgres-2pc':
    case 'postgres-wal':
      return new PostgresOutput(env.postgres, runId, `${runId}_`);
    case 'redis-idempotent':
      return new RedisOutput(env.redisUrl, runId, keys);
  }
}

function sameContents(a: Contents, b: Contents): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Runs one real trial: creates the run's topics / tables / keys (all named
 * after a fresh run id), produces the seeded list-append input, runs the job
 * process attempt after attempt (each killed at its planned point with
 * SIGKILL, the next restoring the latest completed checkpoint), samples the
 * output with a reader meanwhile, reads the final committed contents,
 * assembles the History and judges it with the pure checkers. Everything it
 * created is removed afterwards, also when the run fails; what could not be
 * removed is returned as leftovers.
 */
export async function runRealTrial(env: RealEnvironment, spec: RealTrialSpec): Promise<RealTrialResult> {
  const startedAt = Date.now();
  const phase = (name: string) => {
    if (process.env.STREAMPROOF_REAL_DEBUG) console.error(`[${Date.now() - startedAt} ms] ${name}`);
  };
  const runId = `sp${spec.seed}_${randomBytes(3).toString('hex')}`;
  const dir = mkdtempSync(join(env.workDir, `${runId}-`));
  const journalPath = join(dir, 'journal.jsonl');
  const journal = new Journal(journalPath, startedAt);
  const kafka = createKafka(env.brokers, `${runId}-trial`);
  const admin = kafka.admin();
  await admin.connect();
  const topics = new KafkaRunTopics(admin, env.brokers, runId);
  const inputTopic = `${runId}-in`;
  const partitions = generateListAppendInput(new Rng(spec.seed).fork('workload'), {
    records: spec.records,
    keys: spec.keys,
    partitions: spec.partitions,
    placement: 'by-key',
  });
  const keys = [...new Set(partitions.flat().map((r) => r.key))].sort();
  const output = outputFor(spec, env, runId, keys);
  const reads: ReadRecord[] = [];
  const kills: { point: string; detail: string }[] = [];
  let sampling = true;
  let sampler: Promise<void> = Promise.resolve();
  let attempts = 0;
  try {
    await topics.create([
      { topic: inputTopic, partitions: spec.partitions },
      ...(spec.sink.startsWith('kafka') ? [{ topic: `${runId}-out`, partitions: 2 }] : []),
    ]);
    phase('topics created');
    const inputs = await topics.produce(inputTopic, partitions);
    const endOffsets = await topics.endOffsets(inputTopic, spec.partitions);
    await output.setup();
    phase('output ready');
    sampler = (async () => {
      let last: Contents = {};
      while (sampling) {
        try {
          const contents = await output.sample();
          if (!sameContents(contents, last)) {
            reads.push({ at: Date.now() - startedAt, isolation: output.isolation, contents });
            last = contents;
          }
        } catch {
          // A sample failing (e.g. during a broker restart) is simply not recorded.
        }
        await sleep(20);
      }
    })();
    let cause: string | undefined;
    for (let attempt = 0; ; attempt++) {
      attempts = attempt + 1;
      const kill = spec.kills[attempt];
      const config: RealJobConfig = {
        runId,
        attempt,
        startedAt,
        brokers: env.brokers,
        inputTopic,
        partitions: spec.partitions,
        endOffsets,
        source: spec.source,
        ackGroup: `${runId}-acked`,
        sink: spec.sink,
        subtasks: spec.subtasks,
        outputTopic: `${runId}-out`,
        table: runId,
        redisPrefix: runId,
        redisUrl: env.redisUrl,
        postgres: env.postgres,
        sessionTimeout: env.sessionTimeout,
        transactionTimeout: spec.transactionTimeout ?? 60_000,
        checkpointEvery: spec.checkpointEvery,
        checkpointDir: join(dir, 'checkpoints'),
        journal: journalPath,
        ...(kill === undefined ? {} : { kill }),
        ...(cause === undefined ? {} : { cause }),
      };
      const configPath = join(dir, `job-a${attempt}.json`);
      writeFileSync(configPath, JSON.stringify(config, null, 2));
      const end = await runJobAttempt(configPath, spec.attemptTimeout ?? 60_000);
      phase(`attempt ${attempt} ${end.kind}`);
      if (end.kind === 'finished') break;
      kills.push({ point: end.point, detail: end.detail });
      journal.append({
        kind: 'fault',
        at: journal.now(),
        fault: 'kill -9',
        detail: `attempt ${attempt}: ${end.detail}`,
      });
      cause = `kill -9 ${end.detail}`;
      if (spec.brokerRestart === true && attempt === 0) {
        if (env.restartBroker === undefined)
          throw new Error('brokerRestart needs a Kafka broker this process started');
        await env.restartBroker();
        journal.append({
          kind: 'fault',
          at: journal.now(),
          fault: 'broker restart',
          detail: 'Kafka broker stopped and started again',
        });
        cause = `${cause}, then a Kafka broker restart`;
      }
      if (attempt >= spec.kills.length + 1)
        throw new Error(`the job was killed more often than planned (${attempt + 1})`);
      if ((spec.restartDelay ?? 0) > 0) await sleep(spec.restartDelay ?? 0);
    }
    sampling = false;
    await sampler;
    const final = await output.final();
    phase('final read');
    const history = assembleHistory({
      scenario: `real ${spec.source} kafka -> ${spec.sink}`,
      seed: spec.seed,
      inputs,
      journal: Journal.read(journalPath),
      reads,
      final,
      outcome: 'finished',
      ...(spec.sink === 'kafka-2pc' ? { transactionTimeout: spec.transactionTimeout ?? 60_000 } : {}),
    });
    let historyPath: string | undefined;
    if (spec.historyDir !== undefined) {
      historyPath = historyFileFor(spec.historyDir, spec.seed, runId);
      writeFileSync(historyPath, `${JSON.stringify(history, null, 2)}\n`);
    }
    const twoPhase = spec.sink.endsWith('2pc') ? checkTwoPhaseCommit(history) : undefined;
    const leftovers = await cleanup(output, topics, dir);
    phase('cleaned up');
    return {
      spec,
      runId,
      history,
      ...(historyPath === undefined ? {} : { historyPath }),
      guarantee: checkGuarantee(history),
      ...(twoPhase === undefined ? {} : { twoPhase }),
      cuts: checkConsistentCuts(history),
      kills,
      attempts,
      leftovers,
      millis: Date.now() - startedAt,
    };
  } catch (e) {
    sampling = false;
    await sampler;
    await cleanup(output, topics, dir).catch(() => undefined);
    const why = e instanceof Error ? e.message : String(e);
    throw new Error(
      `real trial ${runId} (${spec.source} kafka -> ${spec.sink}, seed ${spec.seed}) failed: ${why}`,
      {
        cause: e,
      },
    );
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function cleanup(output: OutputSystem, topics: KafkaRunTopics, dir: string): Promise<string[]> {
  await output.cleanup();
  await topics.cleanup();
  rmSync(dir, { recursive: true, force: true });
  const left = [...(await output.leftovers()), ...(await topics.leftovers())];
  const closable = output as OutputSystem & { close?: () => Promise<void> };
  await closable.close?.();
  return left;
}
