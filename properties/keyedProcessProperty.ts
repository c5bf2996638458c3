import fc from 'fast-check';
import {
  CollectionSource,
  type Collector,
  CollectSink,
  KeyedProcessFunction,
  type KeyedProcessFunctionContext,
  type KeyedProcessFunctionOnTimerContext,
  type ListState,
  ListStateDescriptor,
  OutputTag,
  type SingleOutputStreamOperator,
  StreamExecutionEnvironment,
  simulate,
  TimeDomain,
  type ValueState,
  ValueStateDescriptor,
  WatermarkStrategy,
} from '../src/index.ts';

/**
 * The keyed-process property: random keyed inputs over several source
 * partitions, parallelism 1-4, random seeds and scheduler choices, through a
 * KeyedProcessFunction that appends every id to its key's list state and
 * registers/deletes event-time and processing-time timers as each input asks.
 * What the job did (its outputs and a log the function keeps) is compared
 * with a plain sequential model:
 * - list-append: every id is appended exactly once, to its own key's list; per
 *   key the outputs grow by one id at a time, in source order when all of a
 *   key's records come from one partition (Flink keeps order per key per
 *   channel), otherwise in some interleaving that keeps each partition's order;
 * - timers, replayed per subtask against a model of Flink's timer service: a
 *   timer fires only if registered and not deleted since, once per
 *   (key, timestamp) however often it was registered, in timestamp order, with
 *   its key as the current key; an event-time timer fires only once the
 *   watermark reached it and no later than the next watermark advance; the
 *   final watermark fires every pending event-time timer; a processing-time
 *   timer fires only once the clock reached it; timer outputs carry the
 *   timer's timestamp (side outputs in both domains, the collector in event
 *   time only, as Flink's KeyedProcessOperator).
 */

export interface Ev {
  readonly id: string;
  readonly key: string;
  readonly ts: number;
  /** Event-time timers to register (absolute), then delete. */
  readonly et: readonly number[];
  readonly delEt: readonly number[];
  /** Processing-time timers to register (absolute virtual ms), then delete. */
  readonly pt: readonly number[];
  readonly delPt: readonly number[];
  /** Register every timer a second time (Flink keeps one). */
  readonly twice: boolean;
}

export interface KeyedScenario {
  readonly parallelism: number;
  readonly partitions: readonly (readonly Ev[])[];
  /** Whether all records of a key are in one partition. */
  readonly pinned: boolean;
  readonly outOfOrderness: number;
  readonly watermarkInterval: number;
  readonly seed: number;
  readonly choices: readonly number[];
}

const KEYS = ['k0', 'k1', 'k2', 'k3', 'k4', 'k5'] as const;

export const keyedScenarioArb: fc.Arbitrary<KeyedScenario> = fc
  .record({
    parallelism: fc.integer({ min: 1, max: 4 }),
    numPartitions: fc.integer({ min: 1, max: 4 }),
    pinned: fc.boolean(),
    outOfOrderness: fc.nat(4),
    watermarkInterval: fc.constantFrom(1, 5, 20),
    seed: fc.nat({ max: 0xffffffff }),
    choices: fc.array(fc.nat(7), { maxLength: 80 }),
    records: fc.array(
      fc.record({
        key: fc.nat(KEYS.length - 1),
        partition: fc.nat(3),
        dt: fc.nat(4),
        lateBy: fc.nat(3),
        et: fc.array(fc.integer({ min: -3, max: 8 }), { maxLength: 2 }),
        delEt: fc.array(fc.integer({ min: -3, max: 8 }), { maxLength: 1 }),
        pt: fc.array(fc.nat(60), { maxLength: 2 }),
        delPt: fc.array(fc.nat(60), { maxLength: 1 }),
        twice: fc.boolean(),
      }),
      { maxLength: 24, size: 'max' },
    ),
  })
  .map((s) => {
    const partitions: Ev[][] = Array.from({ length: s.numPartitions }, () => []);
    const clock = Array.from({ length: s.numPartitions }, () => 0);
    s.records.forEach((r, i) => {
      const p = (s.pinned ? r.key : r.partition) % s.numPartitions;
      clock[p] = (clock[p] as number) + r.dt;
      // Up to 3 ms out of order within a partition.
      const ts = Math.max(0, (clock[p] as number) - r.lateBy);
      (partitions[p] as Ev[]).push({
        id: `e${i}`,
        key: KEYS[r.key] as string,
        ts,
        et: r.et.map((o) => ts + o),
        delEt: r.delEt.map((o) => ts + o),
        pt: r.pt,
        delPt: r.delPt,
        twice: r.twice,
      });
    });
    return {
      parallelism: s.parallelism,
      partitions,
      pinned: s.pinned,
      outOfOrderness: s.outOfOrderness,
      watermarkInterval: s.watermarkInterval,
      seed: s.seed,
      choices: s.choices,
    };
  });

type Domain = 'event' | 'processing';

/** What the function under test logs, in global execution order. */
export type KeyedLogEntry =
  | {
      readonly kind: 'element';
      readonly subtask: number;
      readonly id: string;
      readonly key: string;
      readonly timestamp: number | undefined;
      readonly watermark: number;
    }
  | {
      readonly kind: 'register' | 'delete';
      readonly subtask: number;
      readonly domain: Domain;
      readonly key: string;
      readonly ts: number;
      readonly watermark: number;
    }
  | {
      readonly kind: 'fire';
      readonly subtask: number;
      readonly domain: Domain;
      readonly key: string;
      readonly ts: number;
      readonly watermark: number;
      readonly now: number;
      /** The key's list state as the timer saw it. */
      readonly list: readonly string[];
    };

export interface Append {
  readonly kind: 'append';
  readonly key: string;
  readonly id: string;
  readonly list: readonly string[];
  readonly count: number;
}

export interface TimerOutput {
  readonly kind: 'timer';
  readonly key: string;
  readonly ts: number;
  readonly domain: Domain;
}

export const FIRED = new OutputTag<TimerOutput>('fired');
const IDS = new ListStateDescriptor<string>('ids');
const COUNT = new ValueStateDescriptor<number>('count');

/**
 * List-append with timers. An event-time timer at t with t % 5 === 3 also
 * registers one at t + 2 from inside onTimer (Flink fires it in the same
 * watermark advance when the watermark has passed it).
 */
export class ListAppendWithTimers extends KeyedProcessFunction<string, Ev, Append | TimerOutput> {
  private ids!: ListState<string>;
  private count!: ValueState<number>;
  private subtask = -1;

  constructor(private readonly log: KeyedLogEntry[]) {
    super();
  }

  override open(): void {
    const rc = this.getRuntimeContext();
    this.subtask = rc.getIndexOfThisSubtask();
    this.ids = rc.getListState(IDS);
    this.count = rc.getState(COUNT);
  }

  processElement(
    e: Ev,
    ctx: KeyedProcessFunctionContext<string>,
    out: Collector<Append | TimerOutput>,
  ): void {
    const timers = ctx.timerService();
    const key = ctx.getCurrentKey();
    const watermark = timers.currentWatermark();
    this.log.push({
      kind: 'element',
      subtask: this.subtask,
      id: e.id,
      key,
      timestamp: ctx.timestamp(),
      watermark,
    });
    this.ids.add(e.id);
    const count = (this.count.value() ?? 0) + 1;
    this.count.update(count);
    out.collect({ kind: 'append', key, id: e.id, list: [...this.ids.get()], count });
    const times = e.twice ? 2 : 1;
    for (let i = 0; i < times; i++) {
      for (const ts of e.et) {
        timers.registerEventTimeTimer(ts);
        this.log.push({ kind: 'register', subtask: this.subtask, domain: 'event', key, ts, watermark });
      }
      for (const ts of e.pt) {
        timers.registerProcessingTimeTimer(ts);
        this.log.push({ kind: 'register', subtask: this.subtask, domain: 'processing', key, ts, watermark });
      }
    }
    for (const ts of e.delEt) {
      timers.deleteEventTimeTimer(ts);
      this.log.push({ kind: 'delete', subtask: this.subtask, domain: 'event', key, ts, watermark });
    }
    for (const ts of e.delPt) {
      timers.deleteProcessingTimeTimer(ts);
      this.log.push({ kind: 'delete', subtask: this.subtask, domain: 'processing', key, ts, watermark });
    }
  }

  override onTimer(
    ts: number,
    ctx: KeyedProcessFunctionOnTimerContext<string>,
    out: Collector<Append | TimerOutput>,
  ): void {
    const timers = ctx.timerService();
    const key = ctx.getCurrentKey();
    const domain: Domain = ctx.timeDomain() === TimeDomain.EVENT_TIME ? 'event' : 'processing';
    const watermark = timers.currentWatermark();
    this.log.push({
      kind: 'fire',
      subtask: this.subtask,
      domain,
      key,
      ts,
      watermark,
      now: timers.currentProcessingTime(),
      list: [...this.ids.get()],
    });
    // Flink's OnTimerContext stamps side outputs with the timer's timestamp in both domains; the
    // collector stamps event-time outputs only (KeyedProcessOperator erases it for processing time).
    ctx.output(FIRED, { kind: 'timer', key, ts, domain });
    out.collect({ kind: 'timer', key, ts, domain });
    if (domain === 'event' && ts % 5 === 3) {
      timers.registerEventTimeTimer(ts + 2);
      this.log.push({ kind: 'register', subtask: this.subtask, domain: 'event', key, ts: ts + 2, watermark });
    }
  }
}

export interface KeyedRun {
  readonly status: string;
  /** The main output: appends and, from onTimer, timer outputs. */
  readonly main: readonly { value: Append | TimerOutput; timestamp: number | undefined }[];
  /** The side output of fired timers. */
  readonly fired: readonly { value: TimerOutput; timestamp: number | undefined }[];
  readonly log: readonly KeyedLogEntry[];
}

/** Builds the job of a scenario; `log` receives the function's log. */
export function buildKeyedJob(scenario: KeyedScenario, log: KeyedLogEntry[]): StreamExecutionEnvironment {
  const env = StreamExecutionEnvironment.create({
    parallelism: scenario.parallelism,
    autoWatermarkInterval: scenario.watermarkInterval,
  });
  const processed = env
    .fromSource(
      new CollectionSource(scenario.partitions),
      WatermarkStrategy.forBoundedOutOfOrderness<Ev>(scenario.outOfOrderness).withTimestampAssigner(
        (e) => e.ts,
      ),
      'events',
    )
    .keyBy((e) => e.key)
    .process(new ListAppendWithTimers(log)) as SingleOutputStreamOperator<Append | TimerOutput>;
  processed.sinkTo(new CollectSink(), 'main');
  processed.getSideOutput(FIRED).sinkTo(new CollectSink(), 'fired');
  return env;
}

export function runKeyedScenario(scenario: KeyedScenario): KeyedRun {
  const log: KeyedLogEntry[] = [];
  const result = simulate(buildKeyedJob(scenario, log), { seed: scenario.seed, choices: scenario.choices });
  return {
    status: result.status,
    main: (result.outputs.main ?? []) as KeyedRun['main'],
    fired: (result.outputs.fired ?? []) as KeyedRun['fired'],
    log,
  };
}

/** Every way the run disagrees with the sequential model (empty when it agrees). */
export function keyedViolations(scenario: KeyedScenario, run: KeyedRun): string[] {
  const v: string[] = [];
  if (run.status !== 'finished') v.push(`the job did not finish: ${run.status}`);
  const inputs = scenario.partitions.flatMap((p, partition) =>
    p.map((e, offset) => ({ e, partition, offset })),
  );
  const byId = new Map(inputs.map((x) => [x.e.id, x]));

  // ---- list-append against the per-key source order --------------------------------
  const appends = run.main.flatMap((r) =>
    r.value.kind === 'append' ? [{ value: r.value, timestamp: r.timestamp }] : [],
  );
  const perKey = new Map<string, Append[]>();
  for (const { value, timestamp } of appends) {
    const input = byId.get(value.id);
    if (input === undefined) {
      v.push(`output of unknown id ${value.id}`);
      continue;
    }
    if (input.e.key !== value.key)
      v.push(`${value.id} of key ${input.e.key} was processed under key ${value.key}`);
    if (timestamp !== input.e.ts)
      v.push(`${value.id}: output timestamp ${timestamp}, element timestamp ${input.e.ts}`);
    const list = perKey.get(value.key) ?? [];
    list.push(value);
    perKey.set(value.key, list);
  }
  const seen = appends.map((a) => a.value.id).sort();
  const expectedIds = inputs.map((x) => x.e.id).sort();
  if (JSON.stringify(seen) !== JSON.stringify(expectedIds)) {
    v.push(
      `ids appended ${JSON.stringify(seen)} but the input has ${JSON.stringify(expectedIds)} (each exactly once)`,
    );
  }
  for (const [key, outs] of perKey) {
    const order = outs.map((a) => a.id);
    outs.forEach((a, i) => {
      const expected = order.slice(0, i + 1);
      if (JSON.stringify(a.list) !== JSON.stringify(expected)) {
        v.push(
          `key ${key}: output ${i} holds ${JSON.stringify(a.list)}, expected the prefix ${JSON.stringify(expected)}`,
        );
      }
      if (a.count !== i + 1) v.push(`key ${key}: count ${a.count} after ${i + 1} elements`);
    });
    const sourceOrder = inputs.filter((x) => x.e.key === key);
    if (scenario.pinned) {
      const expected = sourceOrder.map((x) => x.e.id);
      if (JSON.stringify(order) !== JSON.stringify(expected)) {
        v.push(`key ${key}: order ${JSON.stringify(order)}, source order ${JSON.stringify(expected)}`);
      }
    } else {
      for (let p = 0; p < scenario.partitions.length; p++) {
        const fromP = order.filter((id) => byId.get(id)?.partition === p);
        const expected = sourceOrder.filter((x) => x.partition === p).map((x) => x.e.id);
        if (JSON.stringify(fromP) !== JSON.stringify(expected)) {
          v.push(
            `key ${key}: partition ${p}'s ids in order ${JSON.stringify(fromP)}, source ${JSON.stringify(expected)}`,
          );
        }
      }
    }
  }

  // ---- timers, per subtask, against a model of Flink's timer service --------------------
  interface Pending {
    readonly regWatermark: number;
  }
  const models = new Map<
    number,
    { et: Map<string, Pending>; pt: Map<string, Pending>; watermark: number; now: number }
  >();
  const model = (subtask: number) => {
    let m = models.get(subtask);
    if (m === undefined) {
      m = { et: new Map(), pt: new Map(), watermark: Number.NEGATIVE_INFINITY, now: 0 };
      models.set(subtask, m);
    }
    return m;
  };
  const timerId = (key: string, ts: number) => `${key}@${ts}`;
  const ownerOfKey = new Map<string, number>();
  const idsOfKey = (key: string) => new Set(inputs.filter((x) => x.e.key === key).map((x) => x.e.id));
  run.log.forEach((entry, index) => {
    const at = `log ${index} ${JSON.stringify(entry)}`;
    const m = model(entry.subtask);
    const owner = ownerOfKey.get(entry.key);
    if (owner !== undefined && owner !== entry.subtask)
      v.push(`${at}: key ${entry.key} is also on subtask ${owner}`);
    ownerOfKey.set(entry.key, entry.subtask);
    if (entry.watermark < m.watermark) v.push(`${at}: watermark went back from ${m.watermark}`);
    m.watermark = entry.watermark;
    const pending = entry.kind !== 'element' && entry.domain === 'processing' ? m.pt : m.et;
    switch (entry.kind) {
      case 'element': {
        const input = byId.get(entry.id);
        if (input?.e.key !== entry.key) v.push(`${at}: current key is not the record's key`);
        if (input?.e.ts !== entry.timestamp) v.push(`${at}: ctx.timestamp() is not the record's timestamp`);
        // Every event-time timer the watermark passed since it was registered has fired.
        for (const [id, t] of m.et) {
          const ts = Number(id.slice(id.lastIndexOf('@') + 1));
          if (ts <= entry.watermark && t.regWatermark < entry.watermark) {
            v.push(`${at}: event-time timer ${id} is still pending though the watermark passed it`);
          }
        }
        break;
      }
      case 'register':
        if (!pending.has(timerId(entry.key, entry.ts))) {
          pending.set(timerId(entry.key, entry.ts), { regWatermark: entry.watermark });
        }
        break;
      case 'delete':
        pending.delete(timerId(entry.key, entry.ts));
        break;
      case 'fire': {
        const id = timerId(entry.key, entry.ts);
        if (!pending.has(id))
          v.push(
            `${at}: fired a ${entry.domain} timer that is not registered (never, deleted, or fired already)`,
          );
        for (const other of pending.keys()) {
          const ts = Number(other.slice(other.lastIndexOf('@') + 1));
          if (ts < entry.ts) v.push(`${at}: fired before the earlier ${entry.domain} timer ${other}`);
        }
        pending.delete(id);
        if (entry.domain === 'event' && entry.ts > entry.watermark) {
          v.push(`${at}: event-time timer ${entry.ts} fired at watermark ${entry.watermark}`);
        }
        if (entry.domain === 'processing' && entry.ts > entry.now) {
          v.push(`${at}: processing-time timer ${entry.ts} fired at time ${entry.now}`);
        }
        if (entry.now < m.now) v.push(`${at}: processing time went back`);
        m.now = entry.now;
        const own = idsOfKey(entry.key);
        if (entry.list.some((id) => !own.has(id)))
          v.push(`${at}: key ${entry.key}'s state holds other keys' ids`);
        break;
      }
    }
  });
  for (const [subtask, m] of models) {
    if (m.et.size > 0) v.push(`subtask ${subtask}: event-time timers ${[...m.et.keys()]} never fired`);
  }
  // ---- timer outputs ----------------------------------------------------------------------
  const fires = run.log.filter((e) => e.kind === 'fire');
  const firedLog = fires.map((f) => `${f.domain}/${f.key}/${f.ts}`).sort();
  const timerMain = run.main.flatMap((r) =>
    r.value.kind === 'timer' ? [{ value: r.value, timestamp: r.timestamp }] : [],
  );
  for (const [name, outs] of [
    ['side', run.fired],
    ['main', timerMain],
  ] as const) {
    const got = outs.map((f) => `${f.value.domain}/${f.value.key}/${f.value.ts}`).sort();
    if (JSON.stringify(got) !== JSON.stringify(firedLog))
      v.push(`the ${name} output does not hold exactly the fired timers`);
    for (const f of outs) {
      const expected = name === 'side' || f.value.domain === 'event' ? f.value.ts : undefined;
      if (f.timestamp !== expected) {
        v.push(
          `${name} timer output ${JSON.stringify(f.value)} has timestamp ${f.timestamp}, expected ${expected}`,
        );
      }
    }
  }
  return v;
}

/** The property over random scenarios (a fast-check property, for fc.assert or fc.check). */
export function keyedProcessProperty(): fc.IPropertyWithHooks<[KeyedScenario]> {
  return fc.property(keyedScenarioArb, (scenario) => {
    const violations = keyedViolations(scenario, runKeyedScenario(scenario));
    if (violations.length > 0) throw new Error(violations.slice(0, 5).join('\n'));
  });
}
