import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../../../properties/runCount.ts';
import {
  assignToKeyGroup,
  computeKeyGroupRangeForOperatorIndex,
  KeyGroupRange,
} from '../KeyGroupRangeAssignment.ts';
import { MAX_WATERMARK, MIN_WATERMARK } from '../StreamElement.ts';
import { KeyedStateBackend } from '../state/KeyedStateBackend.ts';
import type { InternalTimer } from './InternalTimer.ts';
import { InternalTimerService, type Triggerable } from './InternalTimerService.ts';
import type { ProcessingTimeHandle, ProcessingTimeService } from './ProcessingTimeService.ts';

const runs = propertyRuns(300);
const MAX = 8;
const KEYS = ['a', 'b', 'c', 'hello'] as const;

/** A processing-time service on a hand-moved clock: callbacks run when the clock reaches them. */
class ManualProcessingTime implements ProcessingTimeService {
  private time = 0;
  private callbacks: { at: number; run: () => void; cancelled: boolean }[] = [];

  now(): number {
    return this.time;
  }

  registerTimer(timestamp: number, callback: () => void): ProcessingTimeHandle {
    const entry = { at: timestamp, run: callback, cancelled: false };
    this.callbacks.push(entry);
    return {
      cancel: () => {
        entry.cancelled = true;
      },
    };
  }

  /** Live callbacks registered, for checking that the service keeps exactly one. */
  get live(): number {
    return this.callbacks.filter((c) => !c.cancelled).length;
  }

  advanceTo(time: number): void {
    this.time = time;
    for (;;) {
      const due = this.callbacks.filter((c) => !c.cancelled && c.at <= time).sort((x, y) => x.at - y.at)[0];
      if (due === undefined) return;
      due.cancelled = true;
      due.run();
    }
  }
}

interface Fired {
  readonly domain: 'event' | 'processing';
  readonly key: unknown;
  readonly timestamp: number;
  /** The backend's current key while the timer fired (Flink sets it to the timer's key). */
  readonly currentKey: unknown;
}

function harness(range = KeyGroupRange.of(0, MAX - 1)) {
  const backend = new KeyedStateBackend(MAX, range);
  const clock = new ManualProcessingTime();
  const fired: Fired[] = [];
  let onFire: ((t: InternalTimer, domain: Fired['domain']) => void) | undefined;
  const target: Triggerable = {
    onEventTime: (t) => {
      fired.push({
        domain: 'event',
        key: t.key,
        timestamp: t.timestamp,
        currentKey: backend.getCurrentKey(),
      });
      onFire?.(t, 'event');
    },
    onProcessingTime: (t) => {
      fired.push({
        domain: 'processing',
        key: t.key,
        timestamp: t.timestamp,
        currentKey: backend.getCurrentKey(),
      });
      onFire?.(t, 'processing');
    },
  };
  const service = new InternalTimerService(backend, clock, target);
  return {
    backend,
    clock,
    fired,
    service,
    setOnFire: (f: typeof onFire) => {
      onFire = f;
    },
  };
}

type Op =
  | { op: 'key'; key: string }
  | { op: 'regEt' | 'delEt' | 'regPt' | 'delPt'; ts: number }
  | { op: 'watermark'; by: number }
  | { op: 'clock'; by: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ op: fc.constant('key' as const), key: fc.constantFrom(...KEYS) }) },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constantFrom('regEt' as const, 'regPt' as const), ts: fc.nat(30) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constantFrom('delEt' as const, 'delPt' as const), ts: fc.nat(30) }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('watermark' as const), by: fc.nat(6) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('clock' as const), by: fc.nat(6) }) },
);

/** Pending timers of one domain in the model: id -> (key, timestamp, registration order). */
type Pending = Map<string, { key: string; ts: number; seq: number }>;

function due(pending: Pending, upTo: number): { key: string; ts: number; seq: number }[] {
  return [...pending.values()].filter((t) => t.ts <= upTo).sort((a, b) => a.ts - b.ts || a.seq - b.seq);
}

describe('InternalTimerService against a model of Flink’s InternalTimerServiceImpl', () => {
  it(`fires each (key, timestamp) once, in timestamp order, only when watermark/clock reach it (${runs} op sequences)`, () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60, size: 'max' }), (ops) => {
        const h = harness();
        const et: Pending = new Map();
        const pt: Pending = new Map();
        let seq = 0;
        let key: string = KEYS[0];
        let watermark = MIN_WATERMARK;
        let time = 0;
        h.backend.setCurrentKey(key);
        for (const op of ops) {
          const firedBefore = h.fired.length;
          let expected: Fired[] = [];
          switch (op.op) {
            case 'key':
              key = op.key;
              h.backend.setCurrentKey(key);
              break;
            case 'regEt':
              h.service.registerEventTimeTimer(null, op.ts);
              if (!et.has(`${key}@${op.ts}`)) et.set(`${key}@${op.ts}`, { key, ts: op.ts, seq: seq++ });
              break;
            case 'delEt':
              h.service.deleteEventTimeTimer(null, op.ts);
              et.delete(`${key}@${op.ts}`);
              break;
            case 'regPt':
              h.service.registerProcessingTimeTimer(null, op.ts);
              if (!pt.has(`${key}@${op.ts}`)) pt.set(`${key}@${op.ts}`, { key, ts: op.ts, seq: seq++ });
              break;
            case 'delPt':
              h.service.deleteProcessingTimeTimer(null, op.ts);
              pt.delete(`${key}@${op.ts}`);
              break;
            case 'watermark': {
              watermark = watermark === MIN_WATERMARK ? op.by : watermark + op.by;
              const firing = due(et, watermark);
              for (const t of firing) et.delete(`${t.key}@${t.ts}`);
              expected = firing.map((t) => ({
                domain: 'event',
                key: t.key,
                timestamp: t.ts,
                currentKey: t.key,
              }));
              h.service.advanceWatermark(watermark);
              break;
            }
            case 'clock': {
              time += op.by;
              const firing = due(pt, time);
              for (const t of firing) pt.delete(`${t.key}@${t.ts}`);
              expected = firing.map((t) => ({
                domain: 'processing',
                key: t.key,
                timestamp: t.ts,
                currentKey: t.key,
              }));
              h.clock.advanceTo(time);
              break;
            }
          }
          expect(h.fired.slice(firedBefore), `after ${JSON.stringify(op)}`).toEqual(expected);
          expect(h.service.numEventTimeTimers()).toBe(et.size);
          expect(h.service.numProcessingTimeTimers()).toBe(pt.size);
          expect(h.service.getCurrentWatermark()).toBe(watermark);
          // One processing-time callback at most, and one whenever a timer is pending.
          expect(h.clock.live).toBeLessThanOrEqual(1);
          if (pt.size > 0) expect(h.clock.live).toBe(1);
          // Firing restores no key of its own: the next op sets it again.
          h.backend.setCurrentKey(key);
        }
      }),
      { numRuns: runs },
    );
  });

  it('a timer registered while firing, at or before the watermark, fires in the same advance (as Flink’s loop)', () => {
    const h = harness();
    h.backend.setCurrentKey('a');
    h.service.registerEventTimeTimer(null, 5);
    h.setOnFire((t, domain) => {
      if (domain === 'event' && t.timestamp === 5) {
        h.service.registerEventTimeTimer(null, 7);
        h.service.registerEventTimeTimer(null, 20);
      }
    });
    h.service.advanceWatermark(10);
    expect(h.fired.map((f) => f.timestamp)).toEqual([5, 7]);
    expect(h.service.numEventTimeTimers()).toBe(1);
  });

  it('registering an earlier processing-time timer moves the callback earlier; quiesce stops firing', () => {
    const h = harness();
    h.backend.setCurrentKey('a');
    h.service.registerProcessingTimeTimer(null, 50);
    h.service.registerProcessingTimeTimer(null, 10);
    expect(h.clock.live).toBe(1);
    h.clock.advanceTo(10);
    expect(h.fired.map((f) => f.timestamp)).toEqual([10]);
    h.service.quiesce();
    h.clock.advanceTo(100);
    expect(h.fired.map((f) => f.timestamp)).toEqual([10]);
    expect(h.service.numProcessingTimeTimers()).toBe(1);
  });

  it('a processing-time timer in the past fires at the next clock step', () => {
    const h = harness();
    h.clock.advanceTo(40);
    h.backend.setCurrentKey('b');
    h.service.registerProcessingTimeTimer(null, 5);
    expect(h.fired).toEqual([]);
    h.clock.advanceTo(40);
    expect(h.fired).toEqual([{ domain: 'processing', key: 'b', timestamp: 5, currentKey: 'b' }]);
  });
});

describe('InternalTimerService snapshots, per key group', () => {
  const regArb = fc.array(
    fc.record({ key: fc.constantFrom(...KEYS), ts: fc.nat(20), domain: fc.constantFrom('et', 'pt') }),
    { maxLength: 30, size: 'max' },
  );

  it(`restoring into other key-group ranges keeps exactly the owned timers, which then fire (${runs} runs)`, () => {
    fc.assert(
      fc.property(regArb, fc.integer({ min: 1, max: 4 }), (regs, parallelism) => {
        const h = harness();
        const expected = new Set<string>();
        for (const r of regs) {
          h.backend.setCurrentKey(r.key);
          if (r.domain === 'et') h.service.registerEventTimeTimer(null, r.ts);
          else h.service.registerProcessingTimeTimer(null, r.ts);
          expected.add(`${r.domain === 'et' ? 'event' : 'processing'}/${r.key}/${r.ts}`);
        }
        const snapshot = JSON.parse(JSON.stringify(h.service.snapshot()));
        // Grouped by the key group of each timer's key.
        for (const [group, timers] of Object.entries(snapshot) as [string, { eventTime: unknown[][] }][]) {
          for (const [, key] of timers.eventTime) expect(assignToKeyGroup(key, MAX)).toBe(Number(group));
        }
        const all: string[] = [];
        for (let i = 0; i < parallelism; i++) {
          const range = computeKeyGroupRangeForOperatorIndex(MAX, parallelism, i);
          const restored = harness(range);
          restored.service.restore([snapshot]);
          restored.service.advanceWatermark(MAX_WATERMARK);
          restored.clock.advanceTo(1000);
          for (const f of restored.fired) {
            expect(range.contains(assignToKeyGroup(f.key, MAX))).toBe(true);
            expect(f.currentKey).toBe(f.key);
            all.push(`${f.domain}/${f.key}/${f.timestamp}`);
          }
        }
        expect(all.sort()).toEqual([...expected].sort());
      }),
      { numRuns: runs },
    );
  });

  it('a restored service keeps its timers in timestamp order and de-duplicates against them', () => {
    const h = harness();
    for (const key of ['a', 'b']) {
      h.backend.setCurrentKey(key);
      h.service.registerEventTimeTimer(null, key === 'a' ? 9 : 3);
    }
    const restored = harness();
    restored.service.restore([h.service.snapshot()]);
    restored.backend.setCurrentKey('a');
    restored.service.registerEventTimeTimer(null, 9);
    expect(restored.service.numEventTimeTimers()).toBe(2);
    restored.service.advanceWatermark(10);
    expect(restored.fired.map((f) => `${f.key}@${f.timestamp}`)).toEqual(['b@3', 'a@9']);
  });
});
