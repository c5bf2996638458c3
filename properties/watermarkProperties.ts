import fc from 'fast-check';
import {
  CollectionSource,
  type Collector,
  CollectSink,
  CoProcessFunction,
  type CoProcessFunctionContext,
  type DataStream,
  KeyedProcessFunction,
  type KeyedProcessFunctionContext,
  MAX_WATERMARK,
  MIN_WATERMARK,
  ProcessFunction,
  type ProcessFunctionContext,
  type SingleOutputStreamOperator,
  type Source,
  type SourceReader,
  type SourceReaderContext,
  StreamExecutionEnvironment,
  simulate,
  type TraceEvent,
  WatermarkStrategy,
} from '../src/index.ts';

/**
 * Watermark properties, checked on the trace of a run (kept with keepTrace:
 * 'watermark' events are what a subtask emitted, 'deliver' events mark each
 * record an operator subtask processes, 'source.emit' each record a source
 * subtask emits) together with what the functions saw:
 *
 * - operatorWatermarkProperty: two sources of different speeds, each through
 *   a relay ProcessFunction, into a CoProcessFunction or a union (keyed or
 *   not). At every record an operator subtask processes, the watermark it sees
 *   (ctx.timerService().currentWatermark()) is what its subtask last emitted,
 *   never goes back, is at most the watermark the record's own channel carried
 *   (the upstream's watermark when it sent the record: channels are FIFO), at
 *   most what every upstream subtask had emitted by then, and at least the
 *   minimum over its channels of what each carried with its last record. Every
 *   watermark an operator emits is a value some upstream emitted before, and
 *   the run ends at the maximum watermark. Together: the minimum over inputs.
 * - sourceWatermarkProperty: a source subtask emits exactly
 *   min over its unfinished partitions of (max timestamp so far - bound - 1),
 *   strictly increasing, ending at the maximum watermark.
 * - idlenessProperty: with withIdleness, a partition that stalls stops
 *   holding back the watermark; without it, it holds it back.
 */

export interface Rec {
  readonly id: string;
  readonly src: 'A' | 'B';
  readonly partition: number;
  readonly offset: number;
  readonly ts: number;
  readonly key: string;
}

/** What a function logs for every record it processes, per function and subtask in processing order. */
export interface SeenEntry {
  readonly fn: string;
  readonly subtask: number;
  readonly id: string;
  readonly watermark: number;
}

class Relay extends ProcessFunction<Rec, Rec> {
  constructor(
    private readonly fn: string,
    private readonly log: SeenEntry[],
  ) {
    super();
  }

  processElement(r: Rec, ctx: ProcessFunctionContext, out: Collector<Rec>): void {
    const subtask = this.getRuntimeContext().getIndexOfThisSubtask();
    this.log.push({ fn: this.fn, subtask, id: r.id, watermark: ctx.timerService().currentWatermark() });
    out.collect(r);
  }
}

class CoRecorder extends CoProcessFunction<Rec, Rec, string> {
  constructor(private readonly log: SeenEntry[]) {
    super();
  }

  processElement1(r: Rec, ctx: CoProcessFunctionContext, out: Collector<string>): void {
    this.seen(r, ctx, out);
  }

  processElement2(r: Rec, ctx: CoProcessFunctionContext, out: Collector<string>): void {
    this.seen(r, ctx, out);
  }

  private seen(r: Rec, ctx: CoProcessFunctionContext, out: Collector<string>): void {
    const subtask = this.getRuntimeContext().getIndexOfThisSubtask();
    this.log.push({ fn: 'D', subtask, id: r.id, watermark: ctx.timerService().currentWatermark() });
    out.collect(r.id);
  }
}

class UnionRecorder extends ProcessFunction<Rec, string> {
  constructor(private readonly log: SeenEntry[]) {
    super();
  }

  processElement(r: Rec, ctx: ProcessFunctionContext, out: Collector<string>): void {
    const subtask = this.getRuntimeContext().getIndexOfThisSubtask();
    this.log.push({ fn: 'D', subtask, id: r.id, watermark: ctx.timerService().currentWatermark() });
    out.collect(r.id);
  }
}

class KeyedUnionRecorder extends KeyedProcessFunction<string, Rec, string> {
  constructor(private readonly log: SeenEntry[]) {
    super();
  }

  processElement(r: Rec, ctx: KeyedProcessFunctionContext<string>, out: Collector<string>): void {
    const subtask = this.getRuntimeContext().getIndexOfThisSubtask();
    this.log.push({ fn: 'D', subtask, id: r.id, watermark: ctx.timerService().currentWatermark() });
    out.collect(r.id);
  }
}

export interface SourceSpec {
  readonly partitions: readonly (readonly Rec[])[];
  readonly parallelism: number;
  readonly outOfOrderness: number;
  /** Parallelism of the relay after the source. */
  readonly relayParallelism: number;
}

export type Combine = 'connect' | 'connect-keyed' | 'union' | 'union-keyed';

export interface TwoSourceScenario {
  readonly a: SourceSpec;
  readonly b: SourceSpec;
  readonly combine: Combine;
  readonly parallelism: number;
  readonly watermarkInterval: number;
  readonly seed: number;
  readonly choices: readonly number[];
}

function sourceSpecArb(src: 'A' | 'B', maxGap: number): fc.Arbitrary<SourceSpec> {
  return fc
    .record({
      numPartitions: fc.integer({ min: 1, max: 3 }),
      parallelism: fc.integer({ min: 1, max: 3 }),
      relayParallelism: fc.integer({ min: 1, max: 3 }),
      outOfOrderness: fc.nat(4),
      records: fc.array(
        fc.record({
          partition: fc.nat(2),
          gap: fc.nat(maxGap),
          lateBy: fc.nat(3),
          key: fc.constantFrom('a', 'b', 'c'),
        }),
        { maxLength: 20, size: 'max' },
      ),
    })
    .map((s) => {
      const partitions: Rec[][] = Array.from({ length: s.numPartitions }, () => []);
      const clock = Array.from({ length: s.numPartitions }, () => 0);
      s.records.forEach((r, i) => {
        const p = r.partition % s.numPartitions;
        clock[p] = (clock[p] as number) + r.gap;
        const part = partitions[p] as Rec[];
        part.push({
          id: `${src}${i}`,
          src,
          partition: p,
          offset: part.length,
          ts: Math.max(0, (clock[p] as number) - r.lateBy),
          key: r.key,
        });
      });
      return {
        partitions,
        parallelism: s.parallelism,
        outOfOrderness: s.outOfOrderness,
        relayParallelism: s.relayParallelism,
      };
    });
}

/** Source A is slow in event time (small gaps), B fast (large gaps). */
export const twoSourceScenarioArb: fc.Arbitrary<TwoSourceScenario> = fc.record({
  a: sourceSpecArb('A', 3),
  b: sourceSpecArb('B', 20),
  combine: fc.constantFrom<Combine>('connect', 'connect-keyed', 'union', 'union-keyed'),
  parallelism: fc.integer({ min: 1, max: 3 }),
  watermarkInterval: fc.constantFrom(1, 5, 20),
  seed: fc.nat({ max: 0xffffffff }),
  choices: fc.array(fc.nat(7), { maxLength: 80 }),
});

/** The job graph: vertex ids by role, and which upstream subtasks feed each subtask. */
export interface TwoSourceJob {
  readonly env: StreamExecutionEnvironment;
  readonly log: SeenEntry[];
  readonly vertex: Record<'A' | 'B' | 'relayA' | 'relayB' | 'D', number>;
  readonly parallelism: Record<number, number>;
  /** vertex id -> upstream vertex ids, and whether the edge is forward (subtask i -> i). */
  readonly upstreams: Record<number, { vertex: number; forward: boolean }[]>;
}

function strategy(outOfOrderness: number): WatermarkStrategy<Rec> {
  const base =
    outOfOrderness === 0
      ? WatermarkStrategy.forMonotonousTimestamps<Rec>()
      : WatermarkStrategy.forBoundedOutOfOrderness<Rec>(outOfOrderness);
  return base.withTimestampAssigner((r) => r.ts);
}

export function buildTwoSourceJob(s: TwoSourceScenario): TwoSourceJob {
  const env = StreamExecutionEnvironment.create({
    parallelism: s.parallelism,
    autoWatermarkInterval: s.watermarkInterval,
  });
  const log: SeenEntry[] = [];
  const side = (spec: SourceSpec, name: 'A' | 'B') => {
    const source = (
      env.fromSource(
        new CollectionSource(spec.partitions),
        strategy(spec.outOfOrderness),
        name,
      ) as SingleOutputStreamOperator<Rec>
    ).setParallelism(spec.parallelism);
    const relay = source.process(new Relay(`relay${name}`, log)).setParallelism(spec.relayParallelism);
    return { source, relay };
  };
  const a = side(s.a, 'A');
  const b = side(s.b, 'B');
  const key = (r: Rec) => r.key;
  let d: SingleOutputStreamOperator<string>;
  switch (s.combine) {
    case 'connect':
      d = a.relay.rebalance().connect(b.relay.rebalance()).process(new CoRecorder(log));
      break;
    case 'connect-keyed':
      d = a.relay.connect(b.relay).keyBy(key, key).process(new CoRecorder(log));
      break;
    case 'union':
      d = a.relay
        .rebalance()
        .union(b.relay.rebalance() as DataStream<Rec>)
        .process(new UnionRecorder(log));
      break;
    case 'union-keyed':
      d = a.relay
        .union(b.relay as DataStream<Rec>)
        .keyBy(key)
        .process(new KeyedUnionRecorder(log));
      break;
  }
  d.sinkTo(new CollectSink(), 'out');
  const id = (x: { readonly transformation: { readonly id: number } }) => x.transformation.id;
  const vertex = {
    A: id(a.source),
    B: id(b.source),
    relayA: id(a.relay),
    relayB: id(b.relay),
    D: id(d),
  };
  const parallelism: Record<number, number> = {};
  for (const t of env.transformations) parallelism[t.id] = t.parallelism;
  const forward = (from: number, to: number) => parallelism[from] === parallelism[to];
  const upstreams: TwoSourceJob['upstreams'] = {
    [vertex.relayA]: [{ vertex: vertex.A, forward: forward(vertex.A, vertex.relayA) }],
    [vertex.relayB]: [{ vertex: vertex.B, forward: forward(vertex.B, vertex.relayB) }],
    [vertex.D]: [
      { vertex: vertex.relayA, forward: false },
      { vertex: vertex.relayB, forward: false },
    ],
  };
  return { env, log, vertex, parallelism, upstreams };
}

export interface TraceRun {
  readonly status: string;
  readonly events: readonly TraceEvent[];
  readonly log: readonly SeenEntry[];
}

export function runTwoSourceScenario(s: TwoSourceScenario): { job: TwoSourceJob; run: TraceRun } {
  const job = buildTwoSourceJob(s);
  const result = simulate(job.env, { seed: s.seed, choices: s.choices, keepTrace: true });
  return { job, run: { status: result.status, events: result.trace.events ?? [], log: job.log } };
}

/** Per (vertex, subtask): indexes and values of emitted watermarks, in trace order. */
function emittedWatermarks(events: readonly TraceEvent[]): Map<string, { index: number; value: number }[]> {
  const out = new Map<string, { index: number; value: number }[]>();
  for (const e of events) {
    if (e.kind !== 'watermark') continue;
    const k = `${e.a}/${e.b}`;
    const list = out.get(k) ?? [];
    list.push({ index: e.index, value: e.c });
    out.set(k, list);
  }
  return out;
}

/** The last value in `list` emitted before trace index `index` (MIN_WATERMARK if none). */
function lastBefore(list: readonly { index: number; value: number }[] | undefined, index: number): number {
  let v = MIN_WATERMARK;
  for (const w of list ?? []) {
    if (w.index >= index) break;
    v = w.value;
  }
  return v;
}

/** Everything in the run that contradicts "an operator's watermark is the minimum over its inputs". */
export function operatorWatermarkViolations(
  s: TwoSourceScenario,
  job: TwoSourceJob,
  run: TraceRun,
): string[] {
  const v: string[] = [];
  if (run.status !== 'finished') v.push(`the job did not finish: ${run.status}`);
  const events = run.events;
  if (events.some((e) => e.kind === 'idle')) v.push('a subtask went idle, though no source has idleness');
  const wms = emittedWatermarks(events);
  const fnVertex: Record<string, number> = {
    relayA: job.vertex.relayA,
    relayB: job.vertex.relayB,
    D: job.vertex.D,
  };
  const records = new Map<string, Rec>();
  for (const spec of [s.a, s.b]) for (const p of spec.partitions) for (const r of p) records.set(r.id, r);

  // Where each record left its upstream: (vertex, subtask, trace index) -> the channel's watermark with it.
  const sentFrom = new Map<string, { vertex: number; subtask: number; index: number }>();
  const srcCount = new Map<string, number>();
  for (const e of events) {
    if (e.kind !== 'source.emit') continue;
    const k = `${e.a}/${e.c}`;
    const offset = srcCount.get(k) ?? 0;
    srcCount.set(k, offset + 1);
    const spec = e.a === job.vertex.A ? s.a : s.b;
    const r = spec.partitions[e.c]?.[offset];
    if (r === undefined) v.push(`source ${e.a} emitted an unknown record ${e.c}/${offset}`);
    else sentFrom.set(`${e.a}:${r.id}`, { vertex: e.a, subtask: e.b, index: e.index });
  }
  // Operator log entries, matched one to one with their subtask's 'deliver' events.
  const delivers = new Map<string, number[]>();
  for (const e of events) {
    if (e.kind !== 'deliver') continue;
    const k = `${e.a}/${e.b}`;
    const list = delivers.get(k) ?? [];
    list.push(e.index);
    delivers.set(k, list);
  }
  const logged = new Map<string, SeenEntry[]>();
  for (const entry of run.log) {
    const k = `${fnVertex[entry.fn]}/${entry.subtask}`;
    const list = logged.get(k) ?? [];
    list.push(entry);
    logged.set(k, list);
  }
  const located: { entry: SeenEntry; vertex: number; index: number }[] = [];
  for (const [k, entries] of logged) {
    const idx = delivers.get(k) ?? [];
    if (idx.length !== entries.length)
      v.push(`${k}: ${entries.length} records logged but ${idx.length} delivered`);
    entries.forEach((entry, i) => {
      const vertex = fnVertex[entry.fn] as number;
      located.push({ entry, vertex, index: idx[i] ?? -1 });
      // A relay sends the record on while it processes it.
      if (entry.fn !== 'D')
        sentFrom.set(`${vertex}:${entry.id}`, { vertex, subtask: entry.subtask, index: idx[i] ?? -1 });
    });
  }
  located.sort((x, y) => x.index - y.index);

  const upstreamSubtasks = (vertex: number, subtask: number) =>
    (job.upstreams[vertex] ?? []).flatMap((u) =>
      u.forward
        ? [{ vertex: u.vertex, subtask }]
        : Array.from({ length: job.parallelism[u.vertex] as number }, (_, i) => ({
            vertex: u.vertex,
            subtask: i,
          })),
    );
  const upstreamVertexOf = (vertex: number, r: Rec) => {
    if (vertex === job.vertex.D) return r.src === 'A' ? job.vertex.relayA : job.vertex.relayB;
    return r.src === 'A' ? job.vertex.A : job.vertex.B;
  };

  // Per operator subtask: the watermark carried by each channel's last record, and the last seen.
  const lastStamp = new Map<string, number>();
  const lastSeen = new Map<string, number>();
  for (const { entry, vertex, index } of located) {
    const at = `${entry.fn}#${entry.subtask} at trace ${index} (record ${entry.id})`;
    const self = `${vertex}/${entry.subtask}`;
    const w = entry.watermark;
    const r = records.get(entry.id);
    if (r === undefined) {
      v.push(`${at}: unknown record`);
      continue;
    }
    if (w < (lastSeen.get(self) ?? MIN_WATERMARK)) v.push(`${at}: watermark ${w} went back`);
    lastSeen.set(self, w);
    const emitted = lastBefore(wms.get(self), index);
    if (w !== emitted) v.push(`${at}: sees watermark ${w} but last emitted ${emitted}`);
    const up = upstreamVertexOf(vertex, r);
    const from = sentFrom.get(`${up}:${r.id}`);
    if (from === undefined) {
      v.push(`${at}: no upstream sent it`);
      continue;
    }
    const carried = lastBefore(wms.get(`${from.vertex}/${from.subtask}`), from.index);
    if (w > carried)
      v.push(`${at}: watermark ${w} is above the ${carried} its channel carried with the record`);
    lastStamp.set(`${self}<-${from.vertex}/${from.subtask}`, carried);
    let lower = Number.POSITIVE_INFINITY;
    let upper = Number.POSITIVE_INFINITY;
    for (const u of upstreamSubtasks(vertex, entry.subtask)) {
      lower = Math.min(lower, lastStamp.get(`${self}<-${u.vertex}/${u.subtask}`) ?? MIN_WATERMARK);
      upper = Math.min(upper, lastBefore(wms.get(`${u.vertex}/${u.subtask}`), index));
    }
    if (w > upper) v.push(`${at}: watermark ${w} above the minimum ${upper} its upstreams had emitted`);
    if (w < lower) v.push(`${at}: watermark ${w} below the minimum ${lower} its channels had delivered`);
  }

  // What operators emit: increasing, at most every upstream's, a value some upstream emitted, ending at MAX.
  for (const vertex of [job.vertex.relayA, job.vertex.relayB, job.vertex.D]) {
    for (let subtask = 0; subtask < (job.parallelism[vertex] as number); subtask++) {
      const list = wms.get(`${vertex}/${subtask}`) ?? [];
      const ups = upstreamSubtasks(vertex, subtask);
      let prev = MIN_WATERMARK;
      for (const { index, value } of list) {
        const at = `vertex ${vertex}#${subtask} emitting ${value} at trace ${index}`;
        if (value <= prev) v.push(`${at}: not above the previous ${prev}`);
        prev = value;
        const upper = Math.min(...ups.map((u) => lastBefore(wms.get(`${u.vertex}/${u.subtask}`), index)));
        if (value > upper) v.push(`${at}: above the minimum ${upper} its upstreams had emitted`);
        const fromSome = ups.some((u) =>
          (wms.get(`${u.vertex}/${u.subtask}`) ?? []).some((x) => x.index < index && x.value === value),
        );
        if (!fromSome) v.push(`${at}: no upstream emitted that value before`);
      }
      if (prev !== MAX_WATERMARK)
        v.push(`vertex ${vertex}#${subtask} ended at watermark ${prev}, not the maximum`);
    }
  }
  return v;
}

export function operatorWatermarkProperty(): fc.IPropertyWithHooks<[TwoSourceScenario]> {
  return fc.property(twoSourceScenarioArb, (s) => {
    const { job, run } = runTwoSourceScenario(s);
    const violations = operatorWatermarkViolations(s, job, run);
    if (violations.length > 0) throw new Error(violations.slice(0, 5).join('\n'));
  });
}

/** A source subtask emits min over its unfinished partitions of (max timestamp - bound - 1). */
export function sourceWatermarkViolations(s: TwoSourceScenario, job: TwoSourceJob, run: TraceRun): string[] {
  const v: string[] = [];
  for (const [name, spec] of [
    ['A', s.a],
    ['B', s.b],
  ] as const) {
    const vertex = job.vertex[name];
    for (let subtask = 0; subtask < spec.parallelism; subtask++) {
      const owned = spec.partitions.map((_, p) => p).filter((p) => p % spec.parallelism === subtask);
      const emitted = new Map<number, number>(owned.map((p) => [p, 0]));
      const maxTs = new Map<number, number>();
      let prev = MIN_WATERMARK;
      for (const e of run.events) {
        if (e.a !== vertex || e.b !== subtask) continue;
        if (e.kind === 'source.emit') {
          const r = spec.partitions[e.c]?.[emitted.get(e.c) ?? 0];
          emitted.set(e.c, (emitted.get(e.c) ?? 0) + 1);
          if (r !== undefined) maxTs.set(e.c, Math.max(maxTs.get(e.c) ?? MIN_WATERMARK, r.ts));
        } else if (e.kind === 'watermark') {
          const at = `source ${name}#${subtask} emitting ${e.c} at trace ${e.index}`;
          if (e.c <= prev) v.push(`${at}: not above the previous ${prev}`);
          prev = e.c;
          const unfinished = owned.filter(
            (p) => (emitted.get(p) ?? 0) < (spec.partitions[p] as Rec[]).length,
          );
          if (unfinished.length === 0) {
            if (e.c !== MAX_WATERMARK) v.push(`${at}: every partition ended, expected the maximum watermark`);
            continue;
          }
          const expected = Math.min(
            ...unfinished.map((p) =>
              maxTs.has(p) ? (maxTs.get(p) as number) - spec.outOfOrderness - 1 : MIN_WATERMARK,
            ),
          );
          if (e.c !== expected)
            v.push(`${at}: expected min(max ts - ${spec.outOfOrderness} - 1) = ${expected}`);
        }
      }
      if (prev !== MAX_WATERMARK)
        v.push(`source ${name}#${subtask} ended at ${prev}, not the maximum watermark`);
    }
  }
  return v;
}

export function sourceWatermarkProperty(): fc.IPropertyWithHooks<[TwoSourceScenario]> {
  return fc.property(twoSourceScenarioArb, (s) => {
    const { job, run } = runTwoSourceScenario(s);
    const violations = sourceWatermarkViolations(s, job, run);
    if (violations.length > 0) throw new Error(violations.slice(0, 5).join('\n'));
  });
}

// ---- idleness ---------------------------------------------------------------------------------

/** A record that the stalling source makes available only from a virtual time on. */
export interface TimedRec {
  readonly id: string;
  readonly ts: number;
  readonly availableAt: number;
}

/**
 * A bounded source whose records become readable at given virtual times, so
 * that a partition can stall (have nothing to read for a while) without
 * having ended: what Flink's withIdleness is for.
 */
export class StallingSource implements Source<TimedRec> {
  readonly boundedness = 'bounded' as const;

  constructor(private readonly partitions: readonly (readonly TimedRec[])[]) {}

  get numPartitions(): number {
    return this.partitions.length;
  }

  createReader(context: SourceReaderContext): SourceReader<TimedRec> {
    const data = this.partitions;
    const offsets = new Map<number, number>(context.partitions.map((p) => [p, 0]));
    const at = (p: number) => offsets.get(p) ?? 0;
    return {
      hasNext: (p) => {
        const next = data[p]?.[at(p)];
        return next !== undefined && context.now() >= next.availableAt;
      },
      next: (p) => {
        const r = (data[p] as readonly TimedRec[])[at(p)] as TimedRec;
        offsets.set(p, at(p) + 1);
        return { value: r };
      },
      isFinished: (p) => at(p) >= (data[p]?.length ?? 0),
      snapshotState: () => Object.fromEntries(offsets),
      restoreState: () => {},
    };
  }
}

export interface IdlenessScenario {
  /** 1: both partitions on one source subtask (per-split idleness); 2: one each (idle status to the valve). */
  readonly sourceParallelism: number;
  readonly outOfOrderness: number;
  readonly idleTimeout: number;
  /** When the stalling partition's second record becomes readable. */
  readonly stallUntil: number;
  /** Busy partition: one record every `busyEvery` ms of processing time, timestamps `busyEvery` apart. */
  readonly busyEvery: number;
  readonly busyCount: number;
  readonly seed: number;
  readonly choices: readonly number[];
}

export const idlenessScenarioArb: fc.Arbitrary<IdlenessScenario> = fc.record({
  sourceParallelism: fc.constantFrom(1, 2),
  outOfOrderness: fc.nat(5),
  idleTimeout: fc.integer({ min: 20, max: 100 }),
  stallUntil: fc.integer({ min: 1500, max: 2500 }),
  busyEvery: fc.integer({ min: 5, max: 20 }),
  busyCount: fc.integer({ min: 60, max: 70 }),
  seed: fc.nat({ max: 0xffffffff }),
  choices: fc.array(fc.nat(7), { maxLength: 80 }),
});

export interface IdlenessRun {
  readonly status: string;
  /** What the operator after the source saw: processing time, watermark, record. */
  readonly seen: readonly { now: number; watermark: number; id: string }[];
  readonly idleEvents: number;
  /** The stalling partition's first record timestamp: the watermark it holds back is this - bound - 1. */
  readonly heldAt: number;
}

class Observer extends ProcessFunction<TimedRec, string> {
  constructor(private readonly seen: { now: number; watermark: number; id: string }[]) {
    super();
  }

  processElement(r: TimedRec, ctx: ProcessFunctionContext, out: Collector<string>): void {
    const t = ctx.timerService();
    this.seen.push({ now: t.currentProcessingTime(), watermark: t.currentWatermark(), id: r.id });
    out.collect(r.id);
  }
}

export function runIdlenessScenario(s: IdlenessScenario, withIdleness: boolean): IdlenessRun {
  const busy: TimedRec[] = Array.from({ length: s.busyCount }, (_, i) => ({
    id: `busy${i}`,
    ts: 10 + i * s.busyEvery,
    availableAt: i * s.busyEvery,
  }));
  const stalling: TimedRec[] = [
    { id: 'stall0', ts: 5, availableAt: 0 },
    { id: 'stall1', ts: 10 + s.busyCount * s.busyEvery, availableAt: s.stallUntil },
  ];
  const env = StreamExecutionEnvironment.create({ parallelism: 1, autoWatermarkInterval: 10 });
  const base = WatermarkStrategy.forBoundedOutOfOrderness<TimedRec>(s.outOfOrderness).withTimestampAssigner(
    (r) => r.ts,
  );
  const seen: { now: number; watermark: number; id: string }[] = [];
  (
    env.fromSource(
      new StallingSource([busy, stalling]),
      withIdleness ? base.withIdleness(s.idleTimeout) : base,
      'stalling',
    ) as SingleOutputStreamOperator<TimedRec>
  )
    .setParallelism(s.sourceParallelism)
    .rebalance()
    .process(new Observer(seen))
    .sinkTo(new CollectSink(), 'out');
  const result = simulate(env, { seed: s.seed, choices: s.choices, keepTrace: true });
  return {
    status: result.status,
    seen,
    idleEvents: (result.trace.events ?? []).filter((e) => e.kind === 'idle').length,
    heldAt: 5 - s.outOfOrderness - 1,
  };
}

/**
 * With idleness: before the stalling partition resumes, the operator sees
 * the watermark pass the value the stalling partition holds it at; without:
 * it never does before the stall ends. Both runs read every record.
 */
export function idlenessViolations(s: IdlenessScenario, idle: IdlenessRun, held: IdlenessRun): string[] {
  const v: string[] = [];
  for (const [name, run] of [
    ['with idleness', idle],
    ['without idleness', held],
  ] as const) {
    if (run.status !== 'finished') v.push(`${name}: the job did not finish: ${run.status}`);
    if (run.seen.length !== s.busyCount + 2)
      v.push(`${name}: saw ${run.seen.length} of ${s.busyCount + 2} records`);
  }
  const duringStall = (run: IdlenessRun) => run.seen.filter((x) => x.now < s.stallUntil);
  if (!duringStall(idle).some((x) => x.watermark > idle.heldAt)) {
    v.push(`with idleness the watermark never passed ${idle.heldAt} while a partition stalled`);
  }
  if (idle.idleEvents === 0 && s.sourceParallelism === 2) v.push('with idleness no subtask ever went idle');
  const advanced = duringStall(held).find((x) => x.watermark > held.heldAt);
  if (advanced !== undefined) {
    v.push(
      `without idleness the watermark passed ${held.heldAt} during the stall: ${JSON.stringify(advanced)}`,
    );
  }
  if (held.idleEvents > 0) v.push('without idleness a subtask went idle');
  return v;
}

export function idlenessProperty(): fc.IPropertyWithHooks<[IdlenessScenario]> {
  return fc.property(idlenessScenarioArb, (s) => {
    const violations = idlenessViolations(s, runIdlenessScenario(s, true), runIdlenessScenario(s, false));
    if (violations.length > 0) throw new Error(violations.slice(0, 5).join('\n'));
  });
}
