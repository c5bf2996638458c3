import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkGuarantee } from '../check/GuaranteeChecker.ts';
import type { History } from '../history/types.ts';
import { waitFor } from './Deadline.ts';
import type { RealSinkKind } from './job/types.ts';
import { CommittedLogReader } from './kafka/CommittedLogReader.ts';
import { createKafka } from './kafka/KafkaClient.ts';
import { createCluster } from './kafka/KafkajsInternals.ts';
import { type KafkaHandle, startKafka } from './kafka/KafkaLauncher.ts';
import { fenceTransactionalId, ResumableKafkaTransaction } from './kafka/ResumableKafkaTransaction.ts';
import { connectPostgres } from './postgres/PostgresConnection.ts';
import { type RealRowResult, runRealMatrix, transactionTimeoutTrial } from './RealMatrix.ts';
import { protocolPoints, REAL_ROWS, type RealRowSpec } from './RealTrialPlan.ts';
import { connectRedis } from './redis/RedisConnection.ts';
import { type OpenRealEnvironment, openRealEnvironment } from './trial/RealEnvironment.ts';
import { type RealTrialResult, runRealTrial } from './trial/RealTrial.ts';

/**
 * The real-system suite (issue S7): starts its own Kafka broker unless
 * KAFKA_BROKERS is set, runs every real row of the matrix with a kill -9 at
 * each protocol point, checks what each connector did in its histories, and
 * proves nothing is left behind: no topic, group, table, prepared
 * transaction or key of any run, and no broker process.
 */

const KILL_TEXT: Record<string, string> = {
  'after-records': 'was received',
  'after-pre-commit': 'after pre-commit',
  'after-completion': 'before the sink committed',
  'mid-wal-write': 'mid-WAL-write',
};

let kafka: KafkaHandle;
let open: OpenRealEnvironment;
const historyDir = mkdtempSync(join(tmpdir(), 'streamproof-real-test-histories-'));
const results = new Map<string, RealTrialResult[]>();
const runIds: string[] = [];
const startedAt = Date.now();

function rowKey(row: { source: string; sink: string }): string {
  return `${row.source}/${row.sink}`;
}

function remember(row: RealRowSpec, result: RealTrialResult): void {
  const list = results.get(rowKey(row)) ?? [];
  list.push(result);
  results.set(rowKey(row), list);
  runIds.push(result.runId);
}

function trialsOf(source: string, sink: RealSinkKind): RealTrialResult[] {
  const list = results.get(`${source}/${sink}`);
  if (list === undefined || list.length === 0) throw new Error(`no trials recorded for ${source}/${sink}`);
  return list;
}

/** Ops of the attempts after the first restart. */
function afterRestart(h: History) {
  const restart = h.restarts[0]?.seq ?? Number.POSITIVE_INFINITY;
  return h.operations.filter((o) => o.seq > restart);
}

beforeAll(async () => {
  kafka = await startKafka();
  open = await openRealEnvironment(kafka);
}, 180_000);

afterAll(async () => {
  await open?.close();
  await kafka?.stop();
  console.log(`real-system suite: ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
});

async function runRows(sink: RealSinkKind): Promise<RealRowResult[]> {
  return runRealMatrix({
    kafka,
    rows: REAL_ROWS.filter((r) => r.sink === sink),
    historyDir,
    onTrial: remember,
  });
}

function expectEveryProtocolPoint(row: RealRowResult, sink: RealSinkKind): void {
  const kills = row.details.flatMap((d) => d.kills);
  for (const point of protocolPoints(sink)) {
    expect(
      kills.some((k) => k.includes(KILL_TEXT[point] as string)),
      `${row.system}: no trial was killed at ${point} (kills: ${kills.join(' / ')})`,
    ).toBe(true);
  }
}

describe('real rows against Kafka, PostgreSQL and Redis', () => {
  it('Kafka -> Kafka 2PC: exactly-once with a resettable source (resumed commits, fenced leftovers, broker restart), at-most-once without', async () => {
    const rows = await runRows('kafka-2pc');
    const [resettable, notResettable] = rows as [RealRowResult, RealRowResult];
    expect(resettable, resettable.finding).toMatchObject({
      expected: 'exactly-once',
      observed: 'exactly-once',
      agrees: true,
    });
    expect(notResettable, notResettable.finding).toMatchObject({
      expected: 'at-most-once',
      observed: 'at-most-once',
      agrees: true,
    });
    expectEveryProtocolPoint(resettable, 'kafka-2pc');
    expectEveryProtocolPoint(notResettable, 'kafka-2pc');
    const trials = trialsOf('resettable', 'kafka-2pc');
    // A transaction of a killed attempt, pre-committed for a completed checkpoint, committed with effect by the
    // next attempt through EndTxn with the stored producer id and epoch (the kafkajs resume question).
    const resumed = trials.filter((t) =>
      afterRestart(t.history).some(
        (o) => o.op === 'commit' && o.effective === true && /-a0$/.test(o.txn ?? ''),
      ),
    );
    expect(resumed.length, 'no trial resumed a dead attempt’s transaction').toBeGreaterThan(0);
    for (const t of resumed) expect(t.guarantee.level).toBe('exactly-once');
    // An open transaction of the dead attempt is fenced (InitProducerId) and aborted.
    expect(
      trials.some((t) => {
        const ops = t.history.operations;
        return ops.some(
          (o) => o.op === 'fenced' && ops.some((a) => a.op === 'abort' && a.txn === o.txn && a.seq > o.seq),
        );
      }),
    ).toBe(true);
    expect(
      trials.some((t) => (t.twoPhase?.idempotentRecommits ?? 0) > 0),
      'no idempotent re-commit',
    ).toBe(true);
    if (kafka.restart !== undefined) {
      const restarted = trials.find((t) => t.history.faults.some((f) => f.kind === 'broker restart'));
      expect(restarted, 'no broker-restart trial').toBeDefined();
      expect(restarted?.guarantee.level).toBe('exactly-once');
    }
    for (const t of trials) expect(t.twoPhase?.ok, t.twoPhase?.explanation).toBe(true);
  }, 240_000);

  it('Kafka -> Kafka plain producer: at-least-once (duplicates after replay) with a resettable source, at-most-once without', async () => {
    const [resettable, notResettable] = (await runRows('kafka-any')) as [RealRowResult, RealRowResult];
    expect(resettable, resettable.finding).toMatchObject({
      expected: 'at-least-once',
      observed: 'at-least-once',
      agrees: true,
    });
    expect(notResettable, notResettable.finding).toMatchObject({
      expected: 'at-most-once',
      observed: 'at-most-once',
      agrees: true,
    });
    expectEveryProtocolPoint(resettable, 'kafka-any');
    const dup = trialsOf('resettable', 'kafka-any').find((t) => t.guarantee.duplicated.length > 0);
    expect(dup?.guarantee.lost).toEqual([]);
    const lost = trialsOf('not-resettable', 'kafka-any').find((t) => t.guarantee.lost.length > 0);
    expect(lost?.guarantee.duplicated).toEqual([]);
  }, 240_000);

  it('Kafka -> PostgreSQL 2PC: prepared transactions committed on recovery, lingering ones rolled back, none left', async () => {
    const [resettable, notResettable] = (await runRows('postgres-2pc')) as [RealRowResult, RealRowResult];
    expect(resettable, resettable.finding).toMatchObject({
      expected: 'exactly-once',
      observed: 'exactly-once',
      agrees: true,
    });
    expect(notResettable, notResettable.finding).toMatchObject({
      expected: 'at-most-once',
      observed: 'at-most-once',
      agrees: true,
    });
    expectEveryProtocolPoint(resettable, 'postgres-2pc');
    const trials = trialsOf('resettable', 'postgres-2pc');
    expect(
      trials.some((t) => afterRestart(t.history).some((o) => o.op === 'commit' && o.effective === true)),
      'no prepared transaction of a dead attempt was committed on recovery',
    ).toBe(true);
    expect(
      trials.some((t) => afterRestart(t.history).some((o) => o.op === 'abort' && /_a0$/.test(o.txn ?? ''))),
      'no transaction of a dead attempt was rolled back on recovery',
    ).toBe(true);
    expect(trials.some((t) => (t.twoPhase?.idempotentRecommits ?? 0) > 0)).toBe(true);
    for (const t of [...trials, ...trialsOf('not-resettable', 'postgres-2pc')]) {
      expect(t.twoPhase?.ok, t.twoPhase?.explanation).toBe(true);
    }
  }, 240_000);

  it('Kafka -> PostgreSQL WAL: at-least-once; with a source that cannot rewind neither guarantee holds (a finding with its history)', async () => {
    const [resettable, notResettable] = (await runRows('postgres-wal')) as [RealRowResult, RealRowResult];
    expect(resettable, resettable.finding).toMatchObject({
      expected: 'at-least-once',
      observed: 'at-least-once',
      agrees: true,
    });
    expectEveryProtocolPoint(resettable, 'postgres-wal');
    expectEveryProtocolPoint(notResettable, 'postgres-wal');
    // The seed's table says at-most-once; the WAL sink re-sends a checkpoint's rows after a kill mid-write.
    expect(notResettable).toMatchObject({ expected: 'at-most-once', observed: 'none', agrees: false });
    expect(notResettable.finding).toContain('GenericWriteAheadSink');
    const path = notResettable.history as string;
    expect(existsSync(path)).toBe(true);
    const history = JSON.parse(readFileSync(path, 'utf8')) as History;
    expect(checkGuarantee(history).duplicated.length).toBeGreaterThan(0);
    const mid = trialsOf('resettable', 'postgres-wal').find((t) =>
      t.kills.some((k) => k.point === 'mid-wal-write'),
    );
    const written =
      mid?.history.operations.filter((o) => o.op === 'walWrite').flatMap((o) => o.ids ?? []) ?? [];
    expect(new Set(written).size, 'the mid-WAL-write kill left no re-written row').toBeLessThan(
      written.length,
    );
    expect(mid?.history.operations.some((o) => o.op === 'walMark')).toBe(true);
  }, 240_000);

  it('Kafka -> Redis idempotent: exactly-once with a resettable source; readers see temporary inconsistency without', async () => {
    const [resettable, notResettable] = (await runRows('redis-idempotent')) as [RealRowResult, RealRowResult];
    expect(resettable, resettable.finding).toMatchObject({
      expected: 'exactly-once',
      observed: 'exactly-once',
      agrees: true,
    });
    expect(notResettable, notResettable.finding).toMatchObject({
      expected: 'at-most-once',
      observed: 'at-most-once',
      agrees: true,
    });
    expectEveryProtocolPoint(resettable, 'redis-idempotent');
    expect(trialsOf('resettable', 'redis-idempotent').every((t) => t.history.reads.length > 0)).toBe(true);
    expect(notResettable.transientReads).toBeGreaterThan(0);
  }, 240_000);

  it('a transaction timeout shorter than the recovery time loses a completed checkpoint’s records (the seed’s warning)', async () => {
    const result = await runRealTrial(open.env, { ...transactionTimeoutTrial(77), historyDir });
    runIds.push(result.runId);
    expect(result.history.operations.some((o) => o.op === 'expire')).toBe(true);
    expect(result.guarantee.holds.atLeastOnce).toBe(false);
    expect(result.twoPhase?.violations.map((v) => v.kind)).toContain('expired-after-completion');
    expect(result.leftovers).toEqual([]);
  }, 120_000);

  it('kafkajs’ read_committed consumer delivers a record of an aborted transaction; the harness’s reader does not', async () => {
    const id = `spkjs_${Date.now()}`;
    const client = createKafka(kafka.brokers, id);
    const admin = client.admin();
    await admin.connect();
    const topic = `${id}-out`;
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    const cluster = createCluster(client);
    await cluster.connect();
    const consumer = client.consumer({ groupId: `${id}-g`, readUncommitted: false, maxWaitTimeInMs: 100 });
    try {
      // Two producers' transactions interleaved in one partition, aborted one after the other (as a
      // recovery fences a dead attempt's subtasks), with the consumer reading between the two aborts.
      const a = await ResumableKafkaTransaction.begin(client, cluster, `${id}-A`, 60_000);
      await a.send(topic, [{ key: 'k', value: 'a-rec' }]);
      const b = await ResumableKafkaTransaction.begin(client, cluster, `${id}-B`, 60_000);
      await b.send(topic, [{ key: 'k', value: 'b-rec' }]);
      let fetches = 0;
      consumer.on(consumer.events.FETCH, () => {
        fetches++;
      });
      const seen: string[] = [];
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          seen.push(message.value?.toString() ?? '');
        },
      });
      await fenceTransactionalId(client, cluster, `${id}-A`, 60_000);
      const after = fetches;
      await waitFor(
        () => (fetches >= after + 2 ? true : undefined),
        20_000,
        'the consumer fetching after the first abort',
      );
      await fenceTransactionalId(client, cluster, `${id}-B`, 60_000);
      const reader = await CommittedLogReader.open(client, topic, 1);
      const ours = (await reader.poll()).map((r) => r.value);
      await reader.close();
      await waitFor(
        () => (seen.length > 0 ? true : undefined),
        10_000,
        'kafkajs delivering the aborted record',
      );
      expect(seen).toEqual(['b-rec']);
      expect(ours).toEqual([]);
    } finally {
      await consumer.disconnect();
      await cluster.disconnect();
      await admin.deleteGroups([`${id}-g`]).catch(() => undefined);
      await admin.deleteTopics({ topics: [topic] });
      await admin.disconnect();
    }
  }, 60_000);

  it('every run cleaned up after itself', async () => {
    const all = [...results.values()].flat();
    expect(all.length).toBeGreaterThanOrEqual(30);
    for (const r of all) expect(r.leftovers, r.runId).toEqual([]);
    const pg = await connectPostgres(open.env.postgres);
    const redis = await connectRedis(open.env.redisUrl);
    try {
      for (const id of runIds) {
        const prepared = await pg.query('SELECT gid FROM pg_prepared_xacts WHERE starts_with(gid, $1)', [
          `${id}_`,
        ]);
        expect(prepared.rows, id).toEqual([]);
        const tables = await pg.query('SELECT tablename FROM pg_tables WHERE starts_with(tablename, $1)', [
          id,
        ]);
        expect(tables.rows, id).toEqual([]);
        expect(await redis.keys(`${id}:*`), id).toEqual([]);
      }
    } finally {
      await pg.end();
      redis.disconnect();
    }
    const admin = (await import('./kafka/KafkaClient.ts'))
      .createKafka(kafka.brokers, 'streamproof-test')
      .admin();
    await admin.connect();
    try {
      const topics = await admin.listTopics();
      const groups = (await admin.listGroups()).groups.map((g) => g.groupId);
      for (const id of runIds) {
        expect(
          topics.filter((t) => t.startsWith(id)),
          id,
        ).toEqual([]);
        expect(
          groups.filter((g) => g.startsWith(id)),
          id,
        ).toEqual([]);
      }
    } finally {
      await admin.disconnect();
    }
  }, 60_000);

  it('the broker it started is gone once stopped', async () => {
    const pid = kafka.pid?.();
    await open.close();
    await kafka.stop();
    if (kafka.origin === 'local') {
      expect(pid).toBeTypeOf('number');
      expect(() => process.kill(pid as number, 0)).toThrow();
    }
  }, 60_000);
});
