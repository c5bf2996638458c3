import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type TimedEvent, TimerQueue } from './TimerQueue.ts';

const noop = { run() {} };

describe('TimerQueue', () => {
  it('pops live events in (time, sequence) order, like a sorted list', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ time: fc.nat(20), cancel: fc.boolean() }), { maxLength: 60 }),
        (specs) => {
          const q = new TimerQueue();
          const events: TimedEvent[] = specs.map((s, seq) => ({
            time: s.time,
            seq,
            action: noop,
            cancelled: false,
          }));
          for (const e of events) q.push(e);
          events.forEach((e, i) => {
            if (specs[i]!.cancel) q.cancel(e);
          });
          const expected = events
            .filter((_, i) => !specs[i]!.cancel)
            .sort((a, b) => a.time - b.time || a.seq - b.seq)
            .map((e) => e.seq);
          expect(q.size).toBe(expected.length);
          const got: number[] = [];
          for (let e = q.pop(); e !== undefined; e = q.pop()) got.push(e.seq);
          expect(got).toEqual(expected);
          expect(q.size).toBe(0);
        },
      ),
    );
  });

  it('counts a cancelled event once and clears everything', () => {
    const q = new TimerQueue();
    const e: TimedEvent = { time: 1, seq: 0, action: noop, cancelled: false };
    q.push(e);
    q.push({ time: 2, seq: 1, action: noop, cancelled: false });
    q.cancel(e);
    q.cancel(e);
    expect(q.size).toBe(1);
    expect(q.peek()?.seq).toBe(1);
    q.clear();
    expect(q.size).toBe(0);
    expect(q.pop()).toBeUndefined();
  });
});

describe('TimerQueue cancelling a fired event', () => {
  it('does not count it twice', () => {
    const q = new TimerQueue();
    const e: TimedEvent = { time: 1, seq: 0, action: { run() {} }, cancelled: false };
    q.push(e);
    q.push({ time: 2, seq: 1, action: { run() {} }, cancelled: false });
    expect(q.pop()).toBe(e);
    q.cancel(e);
    expect(q.size).toBe(1);
    expect(q.peek()?.seq).toBe(1);
  });
});
