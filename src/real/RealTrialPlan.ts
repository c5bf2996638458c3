import type { GuaranteeLevel } from '../check/GuaranteeChecker.ts';
import type { SinkKind, SourceKind } from '../matrix/types.ts';
import { Rng } from '../sim/Rng.ts';
import type { KillPoint, RealSinkKind, RealSourceMode } from './job/types.ts';
import type { RealTrialSpec } from './trial/RealTrial.ts';

/** One real row: a source and a sink on real systems. */
export interface RealRowSpec {
  readonly system: string;
  readonly source: RealSourceMode;
  readonly sink: RealSinkKind;
}

/** The seed's table (DESIGN §1) for one source and sink kind. */
const SEED_TABLE: Record<SourceKind, Record<SinkKind, GuaranteeLevel>> = {
  'not-resettable': {
    any: 'at-most-once',
    idempotent: 'at-most-once',
    wal: 'at-most-once',
    '2pc': 'at-most-once',
  },
  resettable: {
    any: 'at-least-once',
    idempotent: 'exactly-once',
    wal: 'at-least-once',
    '2pc': 'exactly-once',
  },
};

export function sinkKind(sink: RealSinkKind): SinkKind {
  switch (sink) {
    case 'kafka-2pc':
    case 'postgres-2pc':
      return '2pc';
    case 'kafka-any':
      return 'any';
    case 'postgres-wal':
      return 'wal';
    case 'redis-idempotent':
      return 'idempotent';
  }
}

export function seedExpectation(source: RealSourceMode, sink: RealSinkKind): GuaranteeLevel {
  return SEED_TABLE[source][sinkKind(sink)];
}

const SINKS: readonly { sink: RealSinkKind; name: string }[] = [
  { sink: 'kafka-2pc', name: 'Kafka -> Kafka (transactional producer, 2PC)' },
  { sink: 'kafka-any', name: 'Kafka -> Kafka (plain producer, any)' },
  { sink: 'postgres-2pc', name: 'Kafka -> PostgreSQL (PREPARE TRANSACTION, 2PC)' },
  { sink: 'postgres-wal', name: 'Kafka -> PostgreSQL (write-ahead log + committer table)' },
  { sink: 'redis-idempotent', name: 'Kafka -> Redis (idempotent upserts)' },
];

/** The real rows of the matrix (issue S7): each sink with the resettable and the not-resettable source. */
export const REAL_ROWS: readonly RealRowSpec[] = (['resettable', 'not-resettable'] as const).flatMap(
  (source) =>
    SINKS.map(({ sink, name }) => ({
      system: source === 'resettable' ? name : `${name}, source not resettable`,
      source,
      sink,
    })),
);

/** The shape of every real trial's input and job. */
export interface RealWorkload {
  readonly records: number;
  readonly keys: number;
  readonly partitions: number;
  readonly subtasks: number;
  readonly checkpointEvery: number;
}

export const DEFAULT_REAL_WORKLOAD: RealWorkload = {
  records: 20,
  keys: 3,
  partitions: 2,
  subtasks: 2,
  checkpointEvery: 4,
};

/** The named protocol points a row's trials must include: every sink's, plus mid-WAL-write for the WAL sink. */
export function protocolPoints(sink: RealSinkKind): KillPoint['point'][] {
  const points: KillPoint['point'][] = ['after-records', 'after-pre-commit', 'after-completion'];
  if (sink === 'postgres-wal') points.push('mid-wal-write');
  return points;
}

function killAt(point: KillPoint['point'], rng: Rng, w: RealWorkload): KillPoint {
  const checkpoints = Math.max(1, Math.floor(w.records / w.checkpointEvery) - 1);
  switch (point) {
    case 'after-records':
      return { point, records: 2 + rng.int(Math.max(1, w.records - 3)) };
    case 'after-pre-commit':
    case 'after-completion':
    case 'mid-wal-write':
      return { point, checkpoint: 1 + rng.int(checkpoints) };
  }
}

/**
 * The trials of one row, from a seed: first one kill at each of the row's
 * protocol points (where exactly is seeded), then, for more trials, two kills
 * in a row (the restarted job is killed again) at seeded points.
 */
export function planRealTrials(
  row: RealRowSpec,
  seed: number,
  trials: number,
  workload: RealWorkload = DEFAULT_REAL_WORKLOAD,
): RealTrialSpec[] {
  const rng = new Rng(seed).fork(`real:${row.source}:${row.sink}`);
  const points = protocolPoints(row.sink);
  const plans: RealTrialSpec[] = [];
  for (let i = 0; i < Math.max(trials, points.length); i++) {
    const kills =
      i < points.length
        ? [killAt(points[i] as KillPoint['point'], rng, workload)]
        : [
            killAt(points[rng.int(points.length)] as KillPoint['point'], rng, workload),
            killAt(points[rng.int(points.length)] as KillPoint['point'], rng, workload),
          ];
    plans.push({ ...workload, source: row.source, sink: row.sink, seed: seed + i, kills });
  }
  return plans;
}
