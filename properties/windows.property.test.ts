import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CollectionSource,
  type Collector,
  CollectSink,
  EventTimeSessionWindows,
  OutputTag,
  ProcessAllWindowFunction,
  type ProcessAllWindowFunctionContext,
  ProcessWindowFunction,
  type ProcessWindowFunctionContext,
  type SingleOutputStreamOperator,
  SlidingEventTimeWindows,
  StreamExecutionEnvironment,
  TimeWindow,
  TumblingEventTimeWindows,
  WatermarkStrategy,
  type WindowAssigner,
  WindowOperator,
} from '../src/index.ts';
import { simulate } from '../src/runtime/execution/simulate.ts';
import type { StreamRecord } from '../src/runtime/StreamElement.ts';
import { propertyRuns } from './runCount.ts';

/**
 * Event-time windows (Flink's WindowOperator with the default EventTimeTrigger)
 * against plain sequential reference models, over random keyed inputs, source
 * partitions, parallelism, watermark bounds, allowed lateness, seeds and
 * scheduler choices. Outputs are compared as multisets: Flink fixes the order
 * of neither keys nor windows, nor of elements inside a merged session.
 *
 * Two models:
 * - On time: every partition is out of order by at most the watermark bound,
 *   so no element is ever late (a source watermark is max - bound - 1) and the
 *   result depends on the input alone: each window fires once with all its
 *   elements. For sessions timestamps are even and gaps odd, so no two
 *   elements are exactly one gap apart (Flink merges windows that only touch,
 *   and whether a touching element comes before or after the first session
 *   fired depends on the interleaving).
 * - Late data: any disorder. Which elements are late depends on the
 *   interleaving, so the model replays, per key, what the operator saw: each
 *   element with the operator's watermark when it arrived (recorded by a spy
 *   on processElement). From that it derives every firing (on time, late
 *   firings within the allowed lateness, merged sessions) and every element
 *   that must go to the late-data side output or be dropped.
 */

const runs = propertyRuns(60);

/** A finished run takes a few thousand steps; stop a stuck one early. */
const MAX_STEPS = 500_000;
const ALL_KEY = '*';

interface Ev {
  readonly id: string;
  readonly key: string;
  readonly ts: number;
}

type AssignerSpec =
  | { readonly kind: 'tumbling'; readonly size: number; readonly offset: number }
  | { readonly kind: 'sliding'; readonly size: number; readonly slide: number; readonly offset: number }
  | { readonly kind: 'session'; readonly gap: number };

type Kind = AssignerSpec['kind'];

interface Scenario {
  readonly assigner: AssignerSpec;
  /** windowAll instead of keyBy().window(). */
  readonly all: boolean;
  readonly parallelism: number;
  readonly sourceParallelism: number;
  readonly partitions: Ev[][];
  readonly outOfOrderness: number;
  readonly allowedLateness: number;
  readonly lateTag: boolean;
  /** Source watermark period in virtual ms; the kernel only moves the clock a little while work is ready. */
  readonly autoWatermarkInterval: number;
  readonly seed: number;
  readonly choices: number[];
}

// ---- the job ------------------------------------------------------------------

/** "key|[start,end)|sorted ids", plus the record timestamp when collected. */
function pane(key: string, window: TimeWindow, ids: string[]): string {
  return `${key}|[${window.start},${window.end})|${[...ids].sort().join(',')}`;
}

class Panes extends ProcessWindowFunction<Ev, string, string, TimeWindow> {
  process(
    key: string,
    ctx: ProcessWindowFunctionContext<TimeWindow>,
    elements: Ev[],
    out: Collector<string>,
  ): void {
    out.collect(
      pane(
        key,
        ctx.window(),
        elements.map((e) => e.id),
      ),
    );
  }
}

class AllPanes extends ProcessAllWindowFunction<Ev, string, TimeWindow> {
  process(ctx: ProcessAllWindowFunctionContext<TimeWindow>, elements: Ev[], out: Collector<string>): void {
    out.collect(
      pane(
        ALL_KEY,
        ctx.window(),
        elements.map((e) => e.id),
      ),
    );
  }
}

function assignerOf(spec: AssignerSpec): WindowAssigner<unknown, TimeWindow> {
  switch (spec.kind) {
    case 'tumbling':
      return TumblingEventTimeWindows.of(spec.size, spec.offset);
    case 'sliding':
      return SlidingEventTimeWindows.of(spec.size, spec.slide, spec.offset);
    case 'session':
      return EventTimeSessionWindows.withGap(spec.gap);
  }
}

interface RunOutput {
  /** Fired panes with their record timestamp, sorted. */
  readonly panes: string[];
  /** Ids sent to the late-data side output, sorted. */
  readonly late: string[];
}

function runJob(s: Scenario): RunOutput {
  const env = StreamExecutionEnvironment.create({
    parallelism: s.parallelism,
    autoWatermarkInterval: s.autoWatermarkInterval,
  });
  const events = env
    .fromSource(
      new CollectionSource(s.partitions),
      WatermarkStrategy.forBoundedOutOfOrderness<Ev>(s.outOfOrderness).withTimestampAssigner((e) => e.ts),
      'events',
    )
    .setParallelism(s.sourceParallelism);
  const lateTag = new OutputTag<Ev>('late');
  const assigner = assignerOf(s.assigner);
  let result: SingleOutputStreamOperator<string>;
  if (s.all) {
    const windowed = events.windowAll(assigner).allowedLateness(s.allowedLateness);
    if (s.lateTag) windowed.sideOutputLateData(lateTag);
    result = windowed.process(new AllPanes());
  } else {
    const windowed = events
      .keyBy((e) => e.key)
      .window(assigner)
      .allowedLateness(s.allowedLateness);
    if (s.lateTag) windowed.sideOutputLateData(lateTag);
    result = windowed.process(new Panes());
  }
  result.sinkTo(new CollectSink(), 'panes');
  if (s.lateTag) result.getSideOutput(lateTag).sinkTo(new CollectSink(), 'late');
  const run = simulate(env, { seed: s.seed, choices: s.choices, maxSteps: MAX_STEPS });
  if (run.status !== 'finished')
    throw new Error(`the run did not finish: ${run.status} after ${run.steps} steps`);
  return {
    panes: (run.outputs.panes ?? []).map((r) => `${r.value}@${r.timestamp}`).sort(),
    late: (run.outputs.late ?? []).map((r) => (r.value as Ev).id).sort(),
  };
}

// ---- reference models ---------------------------------------------------------

function mod(x: number, m: number): number {
  return ((x % m) + m) % m;
}

/** Every [start, start + size) with start = offset (mod step) that contains ts, by brute force. */
function alignedWindowsOf(ts: number, size: number, step: number, offset: number): TimeWindow[] {
  const out: TimeWindow[] = [];
  for (let start = ts - size + 1; start <= ts; start++) {
    if (mod(start - offset, step) === 0) out.push(new TimeWindow(start, start + size));
  }
  return out;
}

function fixedWindowsOf(spec: AssignerSpec, ts: number): TimeWindow[] {
  if (spec.kind === 'tumbling') return alignedWindowsOf(ts, spec.size, spec.size, spec.offset);
  if (spec.kind === 'sliding') return alignedWindowsOf(ts, spec.size, spec.slide, spec.offset);
  throw new Error('sessions have no fixed windows');
}

function keyOf(s: Scenario, e: Ev): string {
  return s.all ? ALL_KEY : e.key;
}

function stamped(key: string, window: TimeWindow, ids: string[]): string {
  return `${pane(key, window, ids)}@${window.end - 1}`;
}

/** No element is late: every window fires exactly once, with all its elements. */
function onTimeModel(s: Scenario): RunOutput {
  const byKey = new Map<string, Ev[]>();
  for (const e of s.partitions.flat()) byKey.set(keyOf(s, e), [...(byKey.get(keyOf(s, e)) ?? []), e]);
  const panes: string[] = [];
  for (const [key, evs] of byKey) {
    if (s.assigner.kind === 'session') {
      // Sessions: sort by time; a gap of at most `gap` keeps the session going (windows that touch merge).
      const gap = s.assigner.gap;
      const sorted = [...evs].sort((a, b) => a.ts - b.ts);
      let members: Ev[] = [];
      const close = () => {
        const first = members[0] as Ev;
        const last = members[members.length - 1] as Ev;
        panes.push(
          stamped(
            key,
            new TimeWindow(first.ts, last.ts + gap),
            members.map((m) => m.id),
          ),
        );
      };
      for (const e of sorted) {
        if (members.length > 0 && e.ts - (members[members.length - 1] as Ev).ts > gap) {
          close();
          members = [];
        }
        members.push(e);
      }
      if (members.length > 0) close();
    } else {
      const windows = new Map<string, { window: TimeWindow; ids: string[] }>();
      for (const e of evs) {
        for (const w of fixedWindowsOf(s.assigner, e.ts)) {
          const id = `${w.start}`;
          const entry = windows.get(id) ?? { window: w, ids: [] };
          entry.ids.push(e.id);
          windows.set(id, entry);
        }
      }
      for (const { window, ids } of windows.values()) panes.push(stamped(key, window, ids));
    }
  }
  return { panes: panes.sort(), late: [] };
}

/** What the window operator saw: an element of a key, and the operator's watermark when it arrived. */
interface Arrival {
  readonly key: string;
  readonly id: string;
  readonly ts: number;
  readonly watermark: number;
}

interface ModelPane {
  start: number;
  end: number;
  ids: string[];
  /** The trigger's timer at maxTimestamp is set: the pane fires when the watermark reaches it. */
  pending: boolean;
}

/**
 * Replays one key's arrivals through Flink's window semantics, written out
 * plainly: late = maxTimestamp + lateness <= watermark; EventTimeTrigger fires
 * at maxTimestamp and at once for elements joining a window the watermark
 * passed; panes are dropped at maxTimestamp + lateness; sessions merge with
 * every in-flight session their window intersects (inclusive).
 */
function replayKey(
  s: Scenario,
  key: string,
  arrivals: Arrival[],
  panesOut: string[],
  lateOut: string[],
  stats: Coverage,
): void {
  const lateness = s.allowedLateness;
  let panes: ModelPane[] = [];
  let watermark = Number.MIN_SAFE_INTEGER;
  const fire = (p: ModelPane) => panesOut.push(stamped(key, new TimeWindow(p.start, p.end), p.ids));
  const advance = (to: number) => {
    if (to <= watermark) return;
    watermark = to;
    for (const p of panes) {
      if (p.pending && p.end - 1 <= watermark) {
        p.pending = false;
        fire(p);
      }
    }
    panes = panes.filter((p) => p.end - 1 + lateness > watermark);
  };
  const addTo = (p: ModelPane, id: string) => {
    p.ids.push(id);
    if (p.end - 1 <= watermark) {
      stats.lateFirings++;
      fire(p);
    } else {
      p.pending = true;
    }
  };

  for (const a of arrivals) {
    advance(a.watermark);
    let taken = false;
    if (s.assigner.kind === 'session') {
      const start = a.ts;
      const end = a.ts + s.assigner.gap;
      const touching = panes.filter((p) => p.start <= end && p.end >= start);
      if (touching.length === 0) {
        if (end - 1 + lateness > watermark) {
          const p: ModelPane = { start, end, ids: [], pending: false };
          panes.push(p);
          addTo(p, a.id);
          taken = true;
        }
      } else {
        panes = panes.filter((p) => !touching.includes(p));
        const merged: ModelPane = {
          start: Math.min(start, ...touching.map((p) => p.start)),
          end: Math.max(end, ...touching.map((p) => p.end)),
          ids: touching.flatMap((p) => p.ids),
          pending: false,
        };
        if (touching.length > 1 || merged.start !== start || merged.end !== end) stats.merges++;
        panes.push(merged);
        addTo(merged, a.id);
        taken = true;
      }
    } else {
      for (const w of fixedWindowsOf(s.assigner, a.ts)) {
        if (w.end - 1 + lateness <= watermark) continue;
        let p = panes.find((q) => q.start === w.start && q.end === w.end);
        if (p === undefined) {
          p = { start: w.start, end: w.end, ids: [], pending: false };
          panes.push(p);
        }
        addTo(p, a.id);
        taken = true;
      }
    }
    if (!taken && a.ts + lateness <= watermark) {
      stats.lateElements++;
      lateOut.push(a.id);
    }
  }
  advance(Number.MAX_SAFE_INTEGER);
}

/** How much of the interesting behaviour the generated runs reached, so that the property is not vacuous. */
interface Coverage {
  /** Elements late for all their windows (side output or dropped). */
  lateElements: number;
  /** Firings caused by an element within the allowed lateness of a window the watermark passed. */
  lateFirings: number;
  /** Sessions that grew or joined others. */
  merges: number;
}

function lateDataModel(s: Scenario, arrivals: Arrival[], stats: Coverage): RunOutput {
  const byKey = new Map<string, Arrival[]>();
  for (const a of arrivals) byKey.set(a.key, [...(byKey.get(a.key) ?? []), a]);
  const panes: string[] = [];
  const late: string[] = [];
  for (const [key, list] of byKey) replayKey(s, key, list, panes, late, stats);
  return { panes: panes.sort(), late: late.sort() };
}

/** Records, per window operator subtask, every element with the operator's watermark at its arrival. */
function spyOnArrivals(all: boolean) {
  const arrivals: Arrival[] = [];
  const operators = new Set<WindowOperator<unknown, unknown, unknown, unknown, TimeWindow>>();
  const original = WindowOperator.prototype.processElement;
  vi.spyOn(WindowOperator.prototype, 'processElement').mockImplementation(function (
    this: WindowOperator<unknown, unknown, unknown, unknown, TimeWindow>,
    r: StreamRecord,
  ) {
    const e = r.value as Ev;
    arrivals.push({ key: all ? ALL_KEY : e.key, id: e.id, ts: e.ts, watermark: this.currentWatermark() });
    operators.add(this);
    original.call(this, r);
  });
  return {
    arrivals,
    reset() {
      arrivals.length = 0;
      operators.clear();
    },
    dropped(): number {
      let n = 0;
      for (const op of operators) n += op.numLateRecordsDropped;
      return n;
    },
  };
}

// ---- workloads ----------------------------------------------------------------

const KEYS = ['k0', 'k1', 'k2', 'k3'] as const;

function assignerArb(kind: Kind, oddGap: boolean): fc.Arbitrary<AssignerSpec> {
  switch (kind) {
    case 'tumbling':
      return fc.integer({ min: 1, max: 15 }).chain((size) =>
        fc.record({
          kind: fc.constant('tumbling' as const),
          size: fc.constant(size),
          offset: fc.integer({ min: -(size - 1), max: size - 1 }),
        }),
      );
    case 'sliding':
      return fc.integer({ min: 1, max: 10 }).chain((slide) =>
        fc.record({
          kind: fc.constant('sliding' as const),
          size: fc.integer({ min: 1, max: 16 }),
          slide: fc.constant(slide),
          offset: fc.integer({ min: -(slide - 1), max: slide - 1 }),
        }),
      );
    case 'session':
      return fc.record({
        kind: fc.constant('session' as const),
        gap: oddGap ? fc.integer({ min: 0, max: 6 }).map((g) => 2 * g + 1) : fc.integer({ min: 1, max: 12 }),
      });
  }
}

function withIds(parts: { key: number; ts: number }[][]): Ev[][] {
  return parts.map((part, p) =>
    part.map((e, i) => ({ id: `p${p}.${i}`, key: KEYS[e.key] as string, ts: e.ts })),
  );
}

/** Partitions out of order by at most `bound` each; timestamps times `scale` (2 keeps them even). */
function boundedPartitionsArb(scale: number) {
  return fc.integer({ min: 0, max: 6 }).chain((bound) =>
    fc
      .array(
        fc.array(
          fc.record({ key: fc.nat({ max: 3 }), delta: fc.nat({ max: 5 }), back: fc.nat({ max: bound }) }),
          { maxLength: 9 },
        ),
        { minLength: 1, maxLength: 4 },
      )
      .map((parts) => ({
        outOfOrderness: bound * scale,
        partitions: withIds(
          parts.map((steps) => {
            let max = 0;
            return steps.map(({ key, delta, back }) => {
              const ts = max + delta - back;
              max = Math.max(max, ts);
              return { key, ts: ts * scale };
            });
          }),
        ),
      })),
  );
}

/** Any disorder: timestamps drawn freely, so elements are late depending on the interleaving. */
const anyPartitionsArb = fc.record({
  outOfOrderness: fc.integer({ min: 0, max: 8 }),
  partitions: fc
    .array(
      fc.array(fc.record({ key: fc.nat({ max: 3 }), ts: fc.integer({ min: 0, max: 50 }) }), { maxLength: 9 }),
      {
        minLength: 1,
        maxLength: 4,
      },
    )
    .map(withIds),
});

const runArb = fc.record({
  // Short periods put watermarks between records (so data turns late); 200 (Flink's default) mostly does not.
  autoWatermarkInterval: fc.oneof(fc.integer({ min: 1, max: 20 }), fc.constant(200)),
  parallelism: fc.integer({ min: 1, max: 3 }),
  sourceParallelism: fc.integer({ min: 1, max: 3 }),
  seed: fc.nat({ max: 0xffffffff }),
  choices: fc.array(fc.nat({ max: 7 }), { maxLength: 60 }),
});

function onTimeScenarioArb(kind: Kind, all: boolean): fc.Arbitrary<Scenario> {
  return fc
    .record({
      assigner: assignerArb(kind, true),
      data: boundedPartitionsArb(kind === 'session' ? 2 : 1),
      allowedLateness: fc.integer({ min: 0, max: 10 }),
      lateTag: fc.boolean(),
      run: runArb,
    })
    .map(({ assigner, data, allowedLateness, lateTag, run }) => ({
      assigner,
      all,
      ...run,
      ...data,
      allowedLateness,
      lateTag,
    }));
}

function lateScenarioArb(kind: Kind, all: boolean): fc.Arbitrary<Scenario> {
  return fc
    .record({
      assigner: assignerArb(kind, false),
      data: anyPartitionsArb,
      allowedLateness: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 30 })),
      lateTag: fc.boolean(),
      run: runArb,
    })
    .map(({ assigner, data, allowedLateness, lateTag, run }) => ({
      assigner,
      all,
      ...run,
      ...data,
      allowedLateness,
      lateTag,
    }));
}

// ---- properties ---------------------------------------------------------------

function onTimeProperty(kind: Kind, all = false) {
  return fc.property(onTimeScenarioArb(kind, all), (s) => {
    const actual = runJob(s);
    const expected = onTimeModel(s);
    expect(actual.panes).toEqual(expected.panes);
    expect(actual.late).toEqual([]);
  });
}

function lateDataProperty(
  kind: Kind,
  all = false,
  coverage: Coverage = { lateElements: 0, lateFirings: 0, merges: 0 },
) {
  const spy = spyOnArrivals(all);
  return fc.property(lateScenarioArb(kind, all), (s) => {
    spy.reset();
    const actual = runJob(s);
    // The operator saw every input element exactly once.
    expect(spy.arrivals.map((a) => a.id).sort()).toEqual(
      s.partitions
        .flat()
        .map((e) => e.id)
        .sort(),
    );
    const expected = lateDataModel(s, spy.arrivals, coverage);
    expect(actual.panes).toEqual(expected.panes);
    if (s.lateTag) {
      expect(actual.late).toEqual(expected.late);
      expect(spy.dropped()).toBe(0);
    } else {
      expect(actual.late).toEqual([]);
      expect(spy.dropped()).toBe(expected.late.length);
    }
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * Fails if the runs never reached late elements, late firings or (sessions)
 * merges; a handful of runs (STREAMPROOF_RUNS below 30) may legitimately miss one.
 */
function expectCoverage(kind: Kind, coverage: Coverage): void {
  if (runs < 30) return;
  expect(coverage.lateElements).toBeGreaterThan(0);
  expect(coverage.lateFirings).toBeGreaterThan(0);
  if (kind === 'session') expect(coverage.merges).toBeGreaterThan(0);
}

describe('event-time windows match the reference model', () => {
  for (const kind of ['tumbling', 'sliding', 'session'] as const) {
    it(`${kind} windows, no late data: each window fires once with all its elements (${runs} runs)`, () => {
      fc.assert(onTimeProperty(kind), { numRuns: runs });
    });

    it(`${kind} windows with late data, allowed lateness and the late-data side output (${runs} runs)`, () => {
      const coverage: Coverage = { lateElements: 0, lateFirings: 0, merges: 0 };
      fc.assert(lateDataProperty(kind, false, coverage), { numRuns: runs });
      expectCoverage(kind, coverage);
    });
  }

  for (const kind of ['sliding', 'session'] as const) {
    it(`windowAll over ${kind} windows: one pane per window over all keys and subtasks (${runs} runs)`, () => {
      fc.assert(onTimeProperty(kind, true), { numRuns: runs });
    });

    it(`windowAll over ${kind} windows with late data (${runs} runs)`, () => {
      const coverage: Coverage = { lateElements: 0, lateFirings: 0, merges: 0 };
      fc.assert(lateDataProperty(kind, true, coverage), { numRuns: runs });
      expectCoverage(kind, coverage);
    });
  }
});

describe('the window properties catch broken windowing', () => {
  it('catches tumbling windows shifted by one millisecond', () => {
    const original = TumblingEventTimeWindows.prototype.assignWindows;
    vi.spyOn(TumblingEventTimeWindows.prototype, 'assignWindows').mockImplementation(function (
      this: TumblingEventTimeWindows,
      element,
      timestamp,
      context,
    ) {
      return original
        .call(this, element, timestamp, context)
        .map((w) => new TimeWindow(w.start + 1, w.end + 1));
    });
    const result = fc.check(onTimeProperty('tumbling'), { numRuns: 200 });
    expect(result.failed).toBe(true);
    expect(result.counterexamplePath).toMatch(/^\d+(:\d+)*$/);
  });

  it('catches a window operator that ignores lateness', () => {
    vi.spyOn(
      WindowOperator.prototype as unknown as { isWindowLate(): boolean },
      'isWindowLate',
    ).mockReturnValue(false);
    const result = fc.check(lateDataProperty('tumbling'), { numRuns: 300 });
    expect(result.failed).toBe(true);
  });

  it('catches sessions that do not merge windows which only touch', () => {
    vi.spyOn(TimeWindow.prototype, 'intersects').mockImplementation(function (this: TimeWindow, other) {
      return this.start < other.end && this.end > other.start;
    });
    const result = fc.check(lateDataProperty('session'), { numRuns: 300 });
    expect(result.failed).toBe(true);
  });
});
