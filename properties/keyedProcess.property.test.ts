import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CollectionSource,
  CollectSink,
  StreamExecutionEnvironment,
  simulate,
  WatermarkStrategy,
} from '../src/index.ts';
import {
  type KeyedScenario,
  keyedProcessProperty,
  keyedViolations,
  runKeyedScenario,
} from './keyedProcessProperty.ts';
import { propertyRuns } from './runCount.ts';

const runs = propertyRuns(300);

describe('KeyedProcessFunction against a sequential model (list-append + timers)', () => {
  it(`outputs, state and timers agree with the model (${runs} random jobs, seeds and schedules)`, () => {
    fc.assert(keyedProcessProperty(), { numRuns: runs });
  });

  it('a hand-written scenario: duplicate registration fires once, a deleted timer never fires', () => {
    const e = (
      id: string,
      key: string,
      ts: number,
      extra: Partial<KeyedScenario['partitions'][0][0]> = {},
    ) => ({
      id,
      key,
      ts,
      et: [],
      delEt: [],
      pt: [],
      delPt: [],
      twice: false,
      ...extra,
    });
    const scenario: KeyedScenario = {
      parallelism: 2,
      partitions: [
        [
          e('e0', 'k0', 1, { et: [10, 12], twice: true }),
          e('e1', 'k0', 2, { delEt: [12] }),
          e('e2', 'k1', 3, { et: [10] }),
        ],
      ],
      pinned: true,
      outOfOrderness: 0,
      watermarkInterval: 5,
      seed: 7,
      choices: [],
    };
    const run = runKeyedScenario(scenario);
    expect(keyedViolations(scenario, run)).toEqual([]);
    const fires = run.log.filter((x) => x.kind === 'fire').map((x) => `${x.key}@${x.ts}`);
    expect(fires.sort()).toEqual(['k0@10', 'k1@10']);
    expect(run.main.map((a) => (a.value.kind === 'append' ? a.value.list : []))).toContainEqual(['e0', 'e1']);
  });

  it('the checker rejects a run whose outputs lost a record or whose timers fired twice', () => {
    const scenario: KeyedScenario = {
      parallelism: 1,
      partitions: [[{ id: 'e0', key: 'k0', ts: 1, et: [5], delEt: [], pt: [], delPt: [], twice: false }]],
      pinned: true,
      outOfOrderness: 0,
      watermarkInterval: 5,
      seed: 1,
      choices: [],
    };
    const run = runKeyedScenario(scenario);
    expect(keyedViolations(scenario, run)).toEqual([]);
    expect(keyedViolations(scenario, { ...run, main: [] }).join()).toMatch(/each exactly once/);
    const fire = run.log.find((x) => x.kind === 'fire');
    expect(fire).toBeDefined();
    const twice = { ...run, log: [...run.log, fire as (typeof run.log)[number]] };
    expect(keyedViolations(scenario, twice).join()).toMatch(/not registered/);
  });

  it('a bounded source with an empty partition still finishes (regression: it used to run forever)', () => {
    const env = StreamExecutionEnvironment.create({ parallelism: 2 });
    env
      .fromSource(
        new CollectionSource<number>([[], [1, 2], []]),
        WatermarkStrategy.noWatermarks<number>(),
        'src',
      )
      .sinkTo(new CollectSink(), 'out');
    const result = simulate(env, { seed: 3, maxSteps: 100_000 });
    expect(result.status).toBe('finished');
    expect((result.outputs.out ?? []).map((r) => r.value)).toEqual([1, 2]);
  });
});
