import { describe, expect, it } from 'vitest';
import type { GuaranteeVerdict } from '../check/GuaranteeChecker.ts';
import type { History } from '../history/types.ts';
import { judgeRealRow } from './RealMatrix.ts';
import {
  planRealTrials,
  protocolPoints,
  REAL_ROWS,
  type RealRowSpec,
  seedExpectation,
} from './RealTrialPlan.ts';
import type { RealTrialResult } from './trial/RealTrial.ts';

describe('real trial plans', () => {
  it('has the ten rows of issue S7 with the seed’s expectations', () => {
    expect(REAL_ROWS).toHaveLength(10);
    expect(REAL_ROWS.map((r) => [r.source, r.sink, seedExpectation(r.source, r.sink)])).toEqual([
      ['resettable', 'kafka-2pc', 'exactly-once'],
      ['resettable', 'kafka-any', 'at-least-once'],
      ['resettable', 'postgres-2pc', 'exactly-once'],
      ['resettable', 'postgres-wal', 'at-least-once'],
      ['resettable', 'redis-idempotent', 'exactly-once'],
      ['not-resettable', 'kafka-2pc', 'at-most-once'],
      ['not-resettable', 'kafka-any', 'at-most-once'],
      ['not-resettable', 'postgres-2pc', 'at-most-once'],
      ['not-resettable', 'postgres-wal', 'at-most-once'],
      ['not-resettable', 'redis-idempotent', 'at-most-once'],
    ]);
  });

  it('kills at every protocol point of the row first, in reach of the workload, the same for the same seed', () => {
    for (const row of REAL_ROWS) {
      const plans = planRealTrials(row, 7, 6);
      expect(plans).toHaveLength(6);
      expect(plans.slice(0, protocolPoints(row.sink).length).map((p) => p.kills[0]?.point)).toEqual(
        protocolPoints(row.sink),
      );
      for (const p of plans) {
        for (const k of p.kills) {
          if (k.point === 'after-records') expect(k.records).toBeGreaterThanOrEqual(1);
          else expect(k.checkpoint * p.checkpointEvery).toBeLessThan(p.records);
        }
      }
      expect(planRealTrials(row, 7, 6)).toEqual(plans);
      expect(plans.slice(protocolPoints(row.sink).length).every((p) => p.kills.length === 2)).toBe(true);
    }
    expect(protocolPoints('postgres-wal')).toContain('mid-wal-write');
    expect(protocolPoints('kafka-2pc')).not.toContain('mid-wal-write');
  });
});

function trial(
  level: GuaranteeVerdict['level'],
  holds: GuaranteeVerdict['holds'],
  extra: Partial<RealTrialResult> = {},
): RealTrialResult {
  return {
    spec: {
      source: 'resettable',
      sink: 'kafka-any',
      seed: 3,
      records: 4,
      keys: 1,
      partitions: 1,
      subtasks: 1,
      checkpointEvery: 2,
      kills: [],
    },
    runId: 'sp3_x',
    history: {} as History,
    historyPath: '/tmp/sp3_x.history.json',
    guarantee: { level, holds, transient: [], explanation: `${level}: test` } as unknown as GuaranteeVerdict,
    cuts: { ok: true, checked: 0, violations: [], explanation: '' },
    kills: [{ point: 'after-records', detail: 'after record r1 was received' }],
    attempts: 2,
    leftovers: [],
    millis: 10,
    ...extra,
  };
}

const row: RealRowSpec = { system: 'test', source: 'resettable', sink: 'kafka-any' };
const ALL = { exactlyOnce: true, atLeastOnce: true, atMostOnce: true };
const DUP = { exactlyOnce: false, atLeastOnce: true, atMostOnce: false };
const LOST = { exactlyOnce: false, atLeastOnce: false, atMostOnce: true };

describe('judgeRealRow', () => {
  it('agrees when the weakest level over the trials is the seed’s', () => {
    const r = judgeRealRow(row, [trial('exactly-once', ALL), trial('at-least-once', DUP)]);
    expect(r).toMatchObject({
      expected: 'at-least-once',
      observed: 'at-least-once',
      agrees: true,
      trials: 2,
      sink: 'any',
    });
    expect(r.finding).toBeUndefined();
  });

  it('a duplicate in one trial and a loss in another is none, reported with the history that shows it', () => {
    const r = judgeRealRow(
      row,
      [trial('at-least-once', DUP), trial('at-most-once', LOST)],
      'at-least-once',
      'why',
    );
    expect(r).toMatchObject({ observed: 'none', agrees: false, history: '/tmp/sp3_x.history.json' });
    expect(r.finding).toContain('expected at-least-once, observed none');
    expect(r.finding).toContain('why');
  });

  it('trials that never showed the weaker guarantee are a finding too, and so are leftovers', () => {
    const r = judgeRealRow(row, [trial('exactly-once', ALL, { leftovers: ['kafka topic t'] })]);
    expect(r.agrees).toBe(false);
    expect(r.finding).toContain('did not exercise the weaker guarantee');
    expect(r.finding).toContain('left behind: kafka topic t');
  });
});
