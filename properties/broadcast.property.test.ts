import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  assignKeyToParallelOperator,
  type BroadcastContext,
  BroadcastProcessFunction,
  type BroadcastReadOnlyContext,
  CollectionSource,
  type Collector,
  CollectSink,
  type DataStream,
  type KeyedBroadcastContext,
  type KeyedBroadcastOnTimerContext,
  KeyedBroadcastProcessFunction,
  type KeyedBroadcastReadOnlyContext,
  MapStateDescriptor,
  type SingleOutputStreamOperator,
  StreamExecutionEnvironment,
  simulate,
  TimeDomain,
  type ValueState,
  ValueStateDescriptor,
  WatermarkStrategy,
} from '../src/index.ts';
import { propertyRuns } from './runCount.ts';

/**
 * The broadcast state pattern (Flink's BroadcastProcessFunction and
 * KeyedBroadcastProcessFunction) against a per-subtask sequential model: the
 * function logs, per subtask and in processing order, every broadcast element
 * (with the broadcast state right after it) and every data element (with the
 * broadcast state it saw); replaying the rules in that order must give exactly
 * those states. Rules of one name come from one broadcast partition, so their
 * relative order is the same on every subtask and the final state must agree.
 */

const runs = propertyRuns(300);

/** Flink's message for a descriptor not given to broadcast(...) (CoBroadcastWith*Operator). */
const UNREGISTERED_STATE_MSG =
  'The requested state does not exist. Check for typos in your state descriptor, or specify the state ' +
  'descriptor in the datastream.broadcast(...) call if you forgot to register it.';

const RULE_NAMES = ['a', 'b', 'c', 'd'] as const;
const KEYS = ['k0', 'k1', 'k2', 'k3', 'k4', 'k5'] as const;
const MAX_PARALLELISM = 128;
/** A finished run takes a few hundred steps; stop a stuck one early. */
const MAX_STEPS = 200_000;

interface Rule {
  readonly id: string;
  readonly name: string;
  /** null removes the rule. */
  readonly value: number | null;
  /** Keyed variant: after visiting, clear every key's state through applyToKeyedState. */
  readonly reset: boolean;
}

interface Datum {
  readonly id: string;
  readonly key: string;
  /** Keyed variant: 'inc' adds one to the key's count, 'clear' clears it. */
  readonly op: 'inc' | 'clear';
}

type Entries = [string, number][];

/** What the function logs, in processing order per subtask. */
type LogEvent =
  | {
      readonly kind: 'B';
      readonly subtask: number;
      readonly seq: number;
      readonly rule: string;
      readonly state: Entries;
      /** Keyed variant: (key, count) of every key applyToKeyedState visited, sorted. */
      readonly visited?: Entries;
    }
  | {
      readonly kind: 'D';
      readonly subtask: number;
      readonly seq: number;
      readonly id: string;
      readonly view: Entries;
      readonly key?: string;
      readonly currentKey?: string;
      readonly count?: number | undefined;
    };

const rulesDescriptor = new MapStateDescriptor<string, number>('rules');
const countDescriptor = new ValueStateDescriptor<number>('count');

function sorted(entries: Entries): Entries {
  return [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function applyRule(state: Map<string, number>, rule: Rule): void {
  if (rule.value === null) state.delete(rule.name);
  else state.set(rule.name, rule.value);
}

class RulesLogger extends BroadcastProcessFunction<Datum, Rule, LogEvent> {
  private subtask = -1;
  private seq = 0;

  override open(): void {
    this.subtask = this.getRuntimeContext().getIndexOfThisSubtask();
    this.seq = 0;
  }

  processElement(value: Datum, ctx: BroadcastReadOnlyContext, out: Collector<LogEvent>): void {
    const view = sorted(ctx.getBroadcastState(rulesDescriptor).entries());
    out.collect({ kind: 'D', subtask: this.subtask, seq: this.seq++, id: value.id, view });
  }

  processBroadcastElement(rule: Rule, ctx: BroadcastContext, out: Collector<LogEvent>): void {
    const state = ctx.getBroadcastState(rulesDescriptor);
    if (rule.value === null) state.remove(rule.name);
    else state.put(rule.name, rule.value);
    out.collect({
      kind: 'B',
      subtask: this.subtask,
      seq: this.seq++,
      rule: rule.id,
      state: sorted(state.entries()),
    });
  }
}

class KeyedRulesLogger extends KeyedBroadcastProcessFunction<string, Datum, Rule, LogEvent> {
  private subtask = -1;
  private seq = 0;
  private count!: ValueState<number>;

  override open(): void {
    this.subtask = this.getRuntimeContext().getIndexOfThisSubtask();
    this.seq = 0;
    this.count = this.getRuntimeContext().getState(countDescriptor);
  }

  processElement(value: Datum, ctx: KeyedBroadcastReadOnlyContext<string>, out: Collector<LogEvent>): void {
    if (value.op === 'inc') this.count.update((this.count.value() ?? 0) + 1);
    else this.count.clear();
    out.collect({
      kind: 'D',
      subtask: this.subtask,
      seq: this.seq++,
      id: value.id,
      key: value.key,
      currentKey: ctx.getCurrentKey(),
      count: this.count.value(),
      view: sorted(ctx.getBroadcastState(rulesDescriptor).entries()),
    });
  }

  processBroadcastElement(rule: Rule, ctx: KeyedBroadcastContext<string>, out: Collector<LogEvent>): void {
    const state = ctx.getBroadcastState(rulesDescriptor);
    if (rule.value === null) state.remove(rule.name);
    else state.put(rule.name, rule.value);
    const visited: Entries = [];
    ctx.applyToKeyedState(countDescriptor, (key, s) => {
      visited.push([key, s.value() as number]);
    });
    if (rule.reset) ctx.applyToKeyedState(countDescriptor, (_key, s) => s.clear());
    out.collect({
      kind: 'B',
      subtask: this.subtask,
      seq: this.seq++,
      rule: rule.id,
      state: sorted(state.entries()),
      visited: sorted(visited),
    });
  }
}

// ---- workload ---------------------------------------------------------------

interface Scenario {
  readonly parallelism: number;
  readonly dataParallelism: number;
  readonly ruleParallelism: number;
  /** Data partitions of the non-broadcast source. */
  readonly data: Datum[][];
  /** Rule partitions; every rule of one name is in partition (name index % partitions). */
  readonly rules: Rule[][];
  readonly seed: number;
  readonly choices: number[];
}

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    parallelism: fc.integer({ min: 1, max: 4 }),
    dataParallelism: fc.integer({ min: 1, max: 4 }),
    ruleParallelism: fc.integer({ min: 1, max: 4 }),
    dataPartitions: fc.integer({ min: 1, max: 3 }),
    rulePartitions: fc.integer({ min: 1, max: 3 }),
    data: fc.array(
      fc.record({
        partition: fc.nat({ max: 2 }),
        key: fc.constantFrom(...KEYS),
        op: fc.constantFrom('inc' as const, 'inc' as const, 'clear' as const),
      }),
      { minLength: 1, maxLength: 25 },
    ),
    rules: fc.array(
      fc.record({
        name: fc.nat({ max: RULE_NAMES.length - 1 }),
        value: fc.option(fc.integer({ min: 0, max: 99 }), { freq: 4 }),
        reset: fc.boolean(),
      }),
      { minLength: 1, maxLength: 12 },
    ),
    seed: fc.nat({ max: 0xffffffff }),
    choices: fc.array(fc.nat({ max: 7 }), { maxLength: 80 }),
  })
  .map((g) => {
    const data: Datum[][] = Array.from({ length: g.dataPartitions }, () => []);
    g.data.forEach((d, i) => {
      data[d.partition % g.dataPartitions]?.push({ id: `d${i}`, key: d.key, op: d.op });
    });
    const rules: Rule[][] = Array.from({ length: g.rulePartitions }, () => []);
    g.rules.forEach((r, i) => {
      const name = RULE_NAMES[r.name] as string;
      rules[r.name % g.rulePartitions]?.push({ id: `r${i}`, name, value: r.value, reset: r.reset });
    });
    // No empty partitions: a CollectionSource partition without elements never finishes (see report).
    return {
      parallelism: g.parallelism,
      dataParallelism: g.dataParallelism,
      ruleParallelism: g.ruleParallelism,
      data: data.filter((p) => p.length > 0),
      rules: rules.filter((p) => p.length > 0),
      seed: g.seed,
      choices: g.choices,
    };
  });

function sources(s: Scenario) {
  const env = StreamExecutionEnvironment.create({
    parallelism: s.parallelism,
    maxParallelism: MAX_PARALLELISM,
  });
  const data = (
    env.fromSource(
      new CollectionSource(s.data),
      WatermarkStrategy.noWatermarks<Datum>(),
      'data',
    ) as SingleOutputStreamOperator<Datum>
  ).setParallelism(s.dataParallelism);
  const rules = (
    env.fromSource(
      new CollectionSource(s.rules),
      WatermarkStrategy.noWatermarks<Rule>(),
      'rules',
    ) as SingleOutputStreamOperator<Rule>
  ).setParallelism(s.ruleParallelism);
  return { env, data: data as DataStream<Datum>, rules: rules as DataStream<Rule> };
}

function run(s: Scenario, keyed: boolean): LogEvent[] {
  const { env, data, rules } = sources(s);
  const broadcast = rules.broadcast(rulesDescriptor as MapStateDescriptor<unknown, unknown>);
  const processed = keyed
    ? data
        .keyBy((d) => d.key)
        .connect(broadcast)
        .process(new KeyedRulesLogger() as KeyedBroadcastProcessFunction<unknown, Datum, Rule, LogEvent>)
    : data.connect(broadcast).process(new RulesLogger());
  processed.sinkTo(new CollectSink<LogEvent>(), 'log');
  const result = simulate(env, { seed: s.seed, choices: s.choices, maxSteps: MAX_STEPS });
  expect(result.status).toBe('finished');
  return (result.outputs.log ?? []).map((r) => r.value as LogEvent);
}

// ---- the model check ----------------------------------------------------------

/** Per subtask, the log in processing order; checks the sequence numbers have no gap. */
function perSubtask(log: readonly LogEvent[], parallelism: number): LogEvent[][] {
  const bySubtask: LogEvent[][] = Array.from({ length: parallelism }, () => []);
  for (const e of log) {
    expect(e.subtask).toBeGreaterThanOrEqual(0);
    expect(e.subtask).toBeLessThan(parallelism);
    bySubtask[e.subtask]?.push(e);
  }
  for (const events of bySubtask) {
    events.sort((a, b) => a.seq - b.seq);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
  }
  return bySubtask;
}

/** The final rules every subtask must hold: per name, the last rule of that name. */
function finalRules(s: Scenario): Entries {
  const state = new Map<string, number>();
  for (const partition of s.rules) for (const r of partition) applyRule(state, r);
  return sorted([...state.entries()]);
}

/** How often the interesting cases came up, so that a suite cannot pass vacuously. */
const coverage = { intermediateViews: 0, keysVisited: 0, resets: 0, multiSubtask: 0 };

function checkBroadcastModel(s: Scenario, log: readonly LogEvent[], keyed: boolean): void {
  const ruleById = new Map(s.rules.flat().map((r) => [r.id, r]));
  const allData = s.data.flat();
  const bySubtask = perSubtask(log, s.parallelism);
  const seenData: string[] = [];
  for (const [subtask, events] of bySubtask.entries()) {
    const model = new Map<string, number>();
    const counts = new Map<string, number>();
    const arrived: string[] = [];
    for (const e of events) {
      if (e.kind === 'B') {
        const rule = ruleById.get(e.rule);
        if (rule === undefined) throw new Error(`unknown rule ${e.rule}`);
        arrived.push(rule.id);
        applyRule(model, rule);
        expect(e.state, `subtask ${subtask}: state after ${rule.id}`).toEqual(sorted([...model.entries()]));
        if (keyed) {
          if (counts.size > 0) coverage.keysVisited++;
          if (rule.reset && counts.size > 0) coverage.resets++;
          // applyToKeyedState visits exactly the keys of this subtask that hold state.
          expect(e.visited, `subtask ${subtask}: keys visited at ${rule.id}`).toEqual(
            sorted([...counts.entries()]),
          );
          if (rule.reset) counts.clear();
        }
      } else {
        seenData.push(e.id);
        // A data element sees exactly the rules that reached this subtask before it.
        expect(e.view, `subtask ${subtask}: rules seen by ${e.id}`).toEqual(sorted([...model.entries()]));
        if (e.view.length > 0 && JSON.stringify(e.view) !== JSON.stringify(finalRules(s))) {
          coverage.intermediateViews++;
        }
        if (keyed) {
          const datum = allData.find((d) => d.id === e.id);
          expect(datum).toBeDefined();
          expect(e.key).toBe(datum?.key);
          expect(e.currentKey).toBe(datum?.key);
          expect(assignKeyToParallelOperator(e.key, MAX_PARALLELISM, s.parallelism)).toBe(subtask);
          if (datum?.op === 'inc') counts.set(datum.key, (counts.get(datum.key) ?? 0) + 1);
          else if (datum !== undefined) counts.delete(datum.key);
          expect(e.count).toBe(counts.get(e.key as string));
        }
      }
    }
    // Every rule reached every subtask once, each broadcast partition in its order.
    expect([...arrived].sort()).toEqual([...ruleById.keys()].sort());
    for (const partition of s.rules) {
      const ids = new Set(partition.map((r) => r.id));
      expect(arrived.filter((id) => ids.has(id))).toEqual(partition.map((r) => r.id));
    }
    // The final broadcast state is the same everywhere: the last rule of each name.
    const lastState = [...events].reverse().find((e) => e.kind === 'B');
    expect(lastState?.kind === 'B' ? lastState.state : [], `final state of subtask ${subtask}`).toEqual(
      finalRules(s),
    );
  }
  if (bySubtask.filter((events) => events.some((e) => e.kind === 'D')).length > 1) coverage.multiSubtask++;
  // Every data element was processed exactly once, by one subtask.
  expect(seenData.sort()).toEqual(allData.map((d) => d.id).sort());
}

describe('BroadcastProcessFunction against a per-subtask sequential model', () => {
  it(`data elements see exactly the rules that arrived before them; final state identical on every subtask (${runs} runs)`, () => {
    fc.assert(
      fc.property(scenarioArb, (s) => checkBroadcastModel(s, run(s, false), false)),
      { numRuns: runs },
    );
    expect(coverage.intermediateViews).toBeGreaterThan(0);
    expect(coverage.multiSubtask).toBeGreaterThan(0);
  });
});

describe('KeyedBroadcastProcessFunction against a per-subtask sequential model', () => {
  it(`broadcast state as above; applyToKeyedState visits exactly the keys with state on that subtask (${runs} runs)`, () => {
    fc.assert(
      fc.property(scenarioArb, (s) => checkBroadcastModel(s, run(s, true), true)),
      { numRuns: runs },
    );
    expect(coverage.keysVisited).toBeGreaterThan(0);
    expect(coverage.resets).toBeGreaterThan(0);
  });
});

describe('the model check can fail', () => {
  /** A runtime bug stand-in: one broadcast state object shared by every subtask of the operator. */
  class SharedStateLogger extends BroadcastProcessFunction<Datum, Rule, LogEvent> {
    private subtask = -1;
    private seq = 0;
    constructor(private readonly shared: Map<string, number>) {
      super();
    }
    override open(): void {
      this.subtask = this.getRuntimeContext().getIndexOfThisSubtask();
    }
    processElement(value: Datum, _ctx: BroadcastReadOnlyContext, out: Collector<LogEvent>): void {
      const view = sorted([...this.shared.entries()]);
      out.collect({ kind: 'D', subtask: this.subtask, seq: this.seq++, id: value.id, view });
    }
    processBroadcastElement(rule: Rule, _ctx: BroadcastContext, out: Collector<LogEvent>): void {
      applyRule(this.shared, rule);
      out.collect({
        kind: 'B',
        subtask: this.subtask,
        seq: this.seq++,
        rule: rule.id,
        state: sorted([...this.shared.entries()]),
      });
    }
  }

  it('rejects broadcast state shared across subtasks', () => {
    const result = fc.check(
      fc.property(scenarioArb, (s) => {
        const { env, data, rules } = sources(s);
        data
          .connect(rules.broadcast(rulesDescriptor as MapStateDescriptor<unknown, unknown>))
          .process(new SharedStateLogger(new Map()))
          .sinkTo(new CollectSink<LogEvent>(), 'log');
        const log = simulate(env, { seed: s.seed, choices: s.choices }).outputs.log ?? [];
        checkBroadcastModel(
          s,
          log.map((r) => r.value as LogEvent),
          false,
        );
      }),
      { numRuns: 300, seed: 7 },
    );
    expect(result.failed).toBe(true);
  });
});

describe('broadcast order may differ across subtasks (Flink documents it)', () => {
  it('two broadcast producers updating the same rule can leave subtasks with different states', () => {
    // Rule 'x' set to 1 by partition 0 and to 2 by partition 1: each subtask keeps whichever came last.
    const finals = new Set<string>();
    for (let seed = 0; seed < 200 && finals.size < 2; seed++) {
      const s: Scenario = {
        parallelism: 2,
        dataParallelism: 1,
        ruleParallelism: 2,
        data: [['only'].map((id) => ({ id, key: 'k0', op: 'inc' as const }))],
        rules: [
          [{ id: 'r0', name: 'x', value: 1, reset: false }],
          [{ id: 'r1', name: 'x', value: 2, reset: false }],
        ],
        seed,
        choices: [],
      };
      const bySubtask = perSubtask(run(s, false), 2);
      const last = bySubtask.map((events) => {
        const e = events.at(-1);
        return e?.kind === 'B' ? JSON.stringify(e.state) : '';
      });
      if (last[0] !== last[1]) finals.add(`${last[0]} vs ${last[1]}`);
    }
    expect(finals.size).toBeGreaterThan(0);
  });
});

describe('read-only broadcast state on the non-broadcast side', () => {
  it('the read-only contexts expose no put, remove or clear (a type error, as in Flink)', () => {
    // Type assertions: `npm run typecheck` (tsc over properties/) fails if one of them stops holding.
    type ReadOnly = ReturnType<BroadcastReadOnlyContext['getBroadcastState']>;
    type KeyedReadOnly = ReturnType<KeyedBroadcastReadOnlyContext<string>['getBroadcastState']>;
    type OnTimer = ReturnType<KeyedBroadcastOnTimerContext<string>['getBroadcastState']>;
    type ReadWrite = ReturnType<BroadcastContext['getBroadcastState']>;
    expectTypeOf<ReadOnly>().not.toHaveProperty('put');
    expectTypeOf<ReadOnly>().not.toHaveProperty('remove');
    expectTypeOf<ReadOnly>().not.toHaveProperty('clear');
    expectTypeOf<KeyedReadOnly>().not.toHaveProperty('put');
    expectTypeOf<OnTimer>().not.toHaveProperty('put');
    expectTypeOf<ReadWrite>().toHaveProperty('put');
  });

  it("at run time the read-only side reads its subtask's broadcast state, and the entries it gets are copies", () => {
    // Like Flink, the read-only context hands out a read-only view of the same state (no copy of
    // the state, no runtime guard beyond the type); what entries() returns can be changed freely.
    const checks: string[] = [];
    class Probe extends BroadcastProcessFunction<string, number, string> {
      processElement(value: string, ctx: BroadcastReadOnlyContext): void {
        const state = ctx.getBroadcastState(rulesDescriptor);
        const before = JSON.stringify(state.entries());
        const entries = state.entries();
        entries.push(['injected', -1]);
        for (const entry of entries) entry[1] = -1;
        const after = JSON.stringify(state.entries());
        checks.push(`${value} ${after === before && !state.contains('injected') ? 'intact' : after}`);
      }
      processBroadcastElement(value: number, ctx: BroadcastContext): void {
        ctx.getBroadcastState(rulesDescriptor).put(`v${value}`, value);
      }
    }
    for (let seed = 0; seed < 20; seed++) {
      checks.length = 0;
      const env = StreamExecutionEnvironment.create({ parallelism: 1 });
      const rules = env.fromElements(1, 2).broadcast(rulesDescriptor as MapStateDescriptor<unknown, unknown>);
      env.fromElements('e1', 'e2', 'e3').connect(rules).process(new Probe()).sinkTo(new CollectSink(), 'out');
      simulate(env, { seed });
      expect(checks).toEqual(['e1 intact', 'e2 intact', 'e3 intact']);
    }
  });
});

describe('an unregistered state descriptor', () => {
  const other = new MapStateDescriptor<string, number>('not-registered');

  function runWith(fn: BroadcastProcessFunction<string, number, string>) {
    const env = StreamExecutionEnvironment.create({ parallelism: 2 });
    const rules = env.fromElements(1).broadcast(rulesDescriptor as MapStateDescriptor<unknown, unknown>);
    env.fromElements('x').connect(rules).process(fn).sinkTo(new CollectSink(), 'out');
    return () => simulate(env, { seed: 3 });
  }

  function runKeyed(fn: KeyedBroadcastProcessFunction<string, string, number, string>) {
    const env = StreamExecutionEnvironment.create({ parallelism: 2 });
    const rules = env.fromElements(1).broadcast(rulesDescriptor as MapStateDescriptor<unknown, unknown>);
    env
      .fromElements('x')
      .keyBy((v) => v)
      .connect(rules)
      .process(fn as KeyedBroadcastProcessFunction<unknown, string, number, string>)
      .sinkTo(new CollectSink(), 'out');
    return () => simulate(env, { seed: 3 });
  }

  it("throws Flink's message on the non-broadcast side", () => {
    class Bad extends BroadcastProcessFunction<string, number, string> {
      processElement(_v: string, ctx: BroadcastReadOnlyContext): void {
        ctx.getBroadcastState(other);
      }
      processBroadcastElement(): void {}
    }
    expect(runWith(new Bad())).toThrow(UNREGISTERED_STATE_MSG);
  });

  it("throws Flink's message on the broadcast side", () => {
    class Bad extends BroadcastProcessFunction<string, number, string> {
      processElement(): void {}
      processBroadcastElement(_v: number, ctx: BroadcastContext): void {
        ctx.getBroadcastState(other).put('a', 1);
      }
    }
    expect(runWith(new Bad())).toThrow(UNREGISTERED_STATE_MSG);
  });

  it("throws Flink's message on both sides of a keyed broadcast", () => {
    class BadElement extends KeyedBroadcastProcessFunction<string, string, number, string> {
      processElement(_v: string, ctx: KeyedBroadcastReadOnlyContext<string>): void {
        ctx.getBroadcastState(other);
      }
      processBroadcastElement(): void {}
    }
    class BadBroadcast extends KeyedBroadcastProcessFunction<string, string, number, string> {
      processElement(): void {}
      processBroadcastElement(_v: number, ctx: KeyedBroadcastContext<string>): void {
        ctx.getBroadcastState(other);
      }
    }
    expect(runKeyed(new BadElement())).toThrow(UNREGISTERED_STATE_MSG);
    expect(runKeyed(new BadBroadcast())).toThrow(UNREGISTERED_STATE_MSG);
  });

  it('a registered descriptor with the same name works (descriptors match by name)', () => {
    class Good extends BroadcastProcessFunction<string, number, string> {
      processElement(v: string, ctx: BroadcastReadOnlyContext, out: Collector<string>): void {
        out.collect(
          `${v}:${ctx.getBroadcastState(new MapStateDescriptor<string, number>('rules')).get('one')}`,
        );
      }
      processBroadcastElement(v: number, ctx: BroadcastContext): void {
        ctx.getBroadcastState(new MapStateDescriptor<string, number>('rules')).put('one', v);
      }
    }
    const outputs = runWith(new Good())().outputs.out?.map((r) => r.value) ?? [];
    expect(outputs).toHaveLength(1);
    expect(outputs[0]).toMatch(/^x:(1|undefined)$/);
  });
});

describe('timers of a KeyedBroadcastProcessFunction', () => {
  it('fire once per key and timestamp, with the key as current key and read-only broadcast state', () => {
    interface Ev {
      readonly key: string;
      readonly ts: number;
    }
    class Timers extends KeyedBroadcastProcessFunction<string, Ev, number, string> {
      processElement(value: Ev, ctx: KeyedBroadcastReadOnlyContext<string>): void {
        ctx.timerService().registerEventTimeTimer(value.ts + 10);
      }
      processBroadcastElement(value: number, ctx: KeyedBroadcastContext<string>): void {
        ctx.getBroadcastState(rulesDescriptor).put('threshold', value);
      }
      override onTimer(
        timestamp: number,
        ctx: KeyedBroadcastOnTimerContext<string>,
        out: Collector<string>,
      ): void {
        expect(ctx.timeDomain()).toBe(TimeDomain.EVENT_TIME);
        expect(ctx.timestamp()).toBe(timestamp);
        expect(ctx.currentWatermark()).toBeGreaterThanOrEqual(timestamp);
        out.collect(
          `${ctx.getCurrentKey()}@${timestamp}:${ctx.getBroadcastState(rulesDescriptor).get('threshold')}`,
        );
      }
    }
    const events: Ev[] = [
      { key: 'a', ts: 1 },
      { key: 'b', ts: 2 },
      { key: 'a', ts: 1 },
      { key: 'a', ts: 5 },
      { key: 'c', ts: 7 },
    ];
    for (let seed = 0; seed < 20; seed++) {
      const env = StreamExecutionEnvironment.create({ parallelism: 2 });
      const rules = (
        env.fromSource(
          CollectionSource.of(42),
          WatermarkStrategy.noWatermarks<number>(),
          'rules',
        ) as SingleOutputStreamOperator<number>
      )
        .setParallelism(1)
        .broadcast(rulesDescriptor as MapStateDescriptor<unknown, unknown>);
      env
        .fromSource(
          new CollectionSource([events]),
          WatermarkStrategy.forMonotonousTimestamps<Ev>().withTimestampAssigner((e) => e.ts),
          'events',
        )
        .keyBy((e) => e.key)
        .connect(rules)
        .process(new Timers() as KeyedBroadcastProcessFunction<unknown, Ev, number, string>)
        .sinkTo(new CollectSink(), 'fired');
      const result = simulate(env, { seed });
      const fired = (result.outputs.fired ?? []).map((r) => {
        expect(r.timestamp).toBe(Number(String(r.value).split('@')[1]?.split(':')[0]));
        // Both inputs hold the watermark back: timers fire only after the rule arrived.
        expect(String(r.value)).toMatch(/:42$/);
        return String(r.value).replace(/:42$/, '');
      });
      expect(fired.sort()).toEqual(['a@11', 'a@15', 'b@12', 'c@17']);
    }
  });
});
