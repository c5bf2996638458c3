import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GuaranteeLevel } from '../check/GuaranteeChecker.ts';
import type { RealRow } from '../matrix/types.ts';
import type { KafkaHandle } from './kafka/KafkaLauncher.ts';
import {
  DEFAULT_REAL_WORKLOAD,
  planRealTrials,
  REAL_ROWS,
  type RealRowSpec,
  type RealWorkload,
  seedExpectation,
  sinkKind,
} from './RealTrialPlan.ts';
import { openRealEnvironment } from './trial/RealEnvironment.ts';
import { type RealTrialResult, type RealTrialSpec, runRealTrial } from './trial/RealTrial.ts';

export interface RealMatrixOptions {
  /** Seeds the workload and the kill points (default 1). */
  readonly seed?: number;
  /** Trials per row; at least one per protocol point of the row (3, or 4 for the WAL sink). */
  readonly trials?: number;
  /** Which rows (default REAL_ROWS: five sinks, each with the resettable and the not-resettable source). */
  readonly rows?: readonly RealRowSpec[];
  /** Where every trial's history JSON is written (default a new directory under the OS temp dir). */
  readonly historyDir?: string;
  /** A broker to use; else one is started (KAFKA_BROKERS, testcontainers, local) and stopped at the end. */
  readonly kafka?: KafkaHandle;
  /** Add a trial with a broker restart during recovery to the resettable Kafka 2PC row (needs our own broker; default true). */
  readonly brokerRestart?: boolean;
  /** Add the misconfiguration row: Kafka transaction timeout shorter than the recovery time (default false). */
  readonly transactionTimeoutRow?: boolean;
  readonly workload?: RealWorkload;
  /** Called after every trial, e.g. for progress. */
  readonly onTrial?: (row: RealRowSpec, result: RealTrialResult) => void;
}

/** One trial of a row, as the report can show it. */
export interface RealTrialSummary {
  readonly seed: number;
  readonly kills: readonly string[];
  readonly observed: GuaranteeLevel;
  readonly explanation: string;
  readonly protocol?: string;
  readonly history?: string;
  readonly millis: number;
}

/** A real row with its trials' details (assignable to RealRow). */
export interface RealRowResult extends RealRow {
  readonly details: readonly RealTrialSummary[];
  /** Reads that saw a state that is not a prefix of the final one (temporary inconsistency), over all trials. */
  readonly transientReads: number;
  readonly millis: number;
}

const WAL_NOT_RESETTABLE =
  "the WAL sink (Flink's GenericWriteAheadSink) re-sends a completed checkpoint's rows after a kill between " +
  'writing them and the committer mark, so the sink itself duplicates, while the source that cannot rewind ' +
  'loses records: neither at-most-once nor at-least-once holds (the simulated matrix finds the same)';

const TIMEOUT_FINDING =
  'as the seed warns, the transaction timeout must cover checkpoint + recovery time: the broker aborted the ' +
  'pre-committed transaction of a completed checkpoint before the restarted job could commit it, so its records are lost';

/** The weakest level over runs, from the three properties (at-most-once and at-least-once together give none). */
function weakest(results: readonly RealTrialResult[]): GuaranteeLevel {
  const all = (f: (r: RealTrialResult) => boolean) => results.every(f);
  const exactlyOnce = all((r) => r.guarantee.holds.exactlyOnce);
  const atLeastOnce = all((r) => r.guarantee.holds.atLeastOnce);
  const atMostOnce = all((r) => r.guarantee.holds.atMostOnce);
  if (exactlyOnce) return 'exactly-once';
  if (atLeastOnce) return 'at-least-once';
  if (atMostOnce) return 'at-most-once';
  return 'none';
}

const STRENGTH: Record<GuaranteeLevel, number> = {
  'exactly-once': 3,
  'at-least-once': 2,
  'at-most-once': 2,
  none: 0,
};

function summary(r: RealTrialResult): RealTrialSummary {
  return {
    seed: r.spec.seed,
    kills: r.kills.map((k) => k.detail),
    observed: r.guarantee.level,
    explanation: r.guarantee.explanation,
    ...(r.twoPhase === undefined ? {} : { protocol: r.twoPhase.explanation }),
    ...(r.historyPath === undefined ? {} : { history: r.historyPath }),
    millis: r.millis,
  };
}

/** Judges one row from its trials: the observed level, whether it is the seed's, and the finding when not. */
export function judgeRealRow(
  row: RealRowSpec,
  results: readonly RealTrialResult[],
  expected: GuaranteeLevel = seedExpectation(row.source, row.sink),
  knownExplanation?: string,
): RealRowResult {
  const observed = weakest(results);
  const protocolBroken = results.filter((r) => r.twoPhase !== undefined && !r.twoPhase.ok);
  const leftovers = [...new Set(results.flatMap((r) => r.leftovers))];
  const breaking = results.find(
    (r) => r.guarantee.level !== 'exactly-once' && r.guarantee.level !== expected,
  );
  const example =
    breaking ?? protocolBroken[0] ?? results.find((r) => r.guarantee.level === observed) ?? results[0];
  const agrees = observed === expected && protocolBroken.length === 0 && leftovers.length === 0;
  const findings: string[] = [];
  if (observed !== expected && example !== undefined) {
    const killed = example.kills.map((k) => k.detail).join('; then ') || 'no kill';
    if (
      STRENGTH[observed] > STRENGTH[expected] ||
      (observed === 'exactly-once' && expected !== 'exactly-once')
    ) {
      findings.push(
        `expected ${expected}, but all ${results.length} trials held ${observed}: the kill points did not exercise the weaker guarantee`,
      );
    } else {
      findings.push(
        `expected ${expected}, observed ${observed}: ${example.guarantee.explanation} (seed ${example.spec.seed}, kill -9 ${killed})` +
          (knownExplanation === undefined ? '' : `; ${knownExplanation}`),
      );
    }
  }
  for (const r of protocolBroken)
    findings.push(`2PC protocol (seed ${r.spec.seed}): ${r.twoPhase?.explanation}`);
  if (leftovers.length > 0) findings.push(`left behind: ${leftovers.join(', ')}`);
  const history = (agrees ? undefined : (protocolBroken[0] ?? example))?.historyPath;
  return {
    system: row.system,
    source: row.source,
    sink: sinkKind(row.sink),
    trials: results.length,
    expected,
    observed,
    agrees,
    ...(findings.length === 0 ? {} : { finding: findings.join(' | ') }),
    ...(history === undefined ? {} : { history }),
    details: results.map(summary),
    transientReads: results.reduce((n, r) => n + r.guarantee.transient.length, 0),
    millis: results.reduce((n, r) => n + r.millis, 0),
  };
}

/** The misconfiguration trial: transaction timeout 1 s, recovery 3 s, kill after a checkpoint completed. */
export function transactionTimeoutTrial(
  seed: number,
  workload: RealWorkload = DEFAULT_REAL_WORKLOAD,
): RealTrialSpec {
  return {
    ...workload,
    source: 'resettable',
    sink: 'kafka-2pc',
    seed,
    kills: [{ point: 'after-completion', checkpoint: 2 }],
    transactionTimeout: 1000,
    restartDelay: 3000,
  };
}

/**
 * Runs the real rows (issue S7): for each source and sink, seeded trials of
 * the list-append job against real Kafka, PostgreSQL and Redis, each killed
 * with SIGKILL at a protocol point and restored from its latest completed
 * checkpoint; every history is judged by the same pure checkers as the
 * simulation. A row agrees when the weakest level over its trials is the
 * seed's, no 2PC protocol rule broke and nothing was left behind; otherwise
 * it carries a finding and the history file that shows it.
 */
export async function runRealMatrix(options: RealMatrixOptions = {}): Promise<RealRowResult[]> {
  const seed = options.seed ?? 1;
  const workload = options.workload ?? DEFAULT_REAL_WORKLOAD;
  const historyDir = options.historyDir ?? join(tmpdir(), `streamproof-real-histories-${process.pid}`);
  const open = await openRealEnvironment(options.kafka);
  try {
    const rows: RealRowResult[] = [];
    for (const [position, row] of (options.rows ?? REAL_ROWS).entries()) {
      // A row's seeds follow from its place in REAL_ROWS, so running a subset gives the same trials.
      const known = REAL_ROWS.findIndex((r) => r.source === row.source && r.sink === row.sink);
      const index = known >= 0 ? known : REAL_ROWS.length + position;
      const plans = planRealTrials(row, seed * 1000 + index * 50, options.trials ?? 0, workload);
      if (
        (options.brokerRestart ?? true) &&
        open.env.restartBroker !== undefined &&
        row.sink === 'kafka-2pc' &&
        row.source === 'resettable'
      ) {
        plans.push({
          ...workload,
          source: row.source,
          sink: row.sink,
          seed: seed * 1000 + index * 50 + 40,
          kills: [{ point: 'after-completion', checkpoint: 1 }],
          brokerRestart: true,
        });
      }
      const results: RealTrialResult[] = [];
      for (const plan of plans) {
        const result = await runRealTrial(open.env, { ...plan, historyDir });
        options.onTrial?.(row, result);
        results.push(result);
      }
      rows.push(
        judgeRealRow(
          row,
          results,
          undefined,
          row.source === 'not-resettable' && row.sink === 'postgres-wal' ? WAL_NOT_RESETTABLE : undefined,
        ),
      );
    }
    if (options.transactionTimeoutRow === true) {
      const row: RealRowSpec = {
        system: 'Kafka -> Kafka (2PC), transaction timeout 1 s shorter than recovery 3 s',
        source: 'resettable',
        sink: 'kafka-2pc',
      };
      const result = await runRealTrial(open.env, {
        ...transactionTimeoutTrial(seed * 1000 + 999, workload),
        historyDir,
      });
      options.onTrial?.(row, result);
      rows.push(judgeRealRow(row, [result], undefined, TIMEOUT_FINDING));
    }
    return rows;
  } finally {
    await open.close();
  }
}
