import { describe, expect, it } from 'vitest';
import { Simulation } from './Simulation.ts';
import { Trace } from './Trace.ts';
import { TraceKind } from './TraceKind.ts';

const EMIT = new TraceKind('emit', ['vertex', 'subtask', 'partition']);
const DELIVER = new TraceKind('deliver', ['vertex', 'subtask', 'channel']);

function hashOf(events: readonly [TraceKind, number, number, number][], start = 0): string {
  const trace = new Trace({ now: () => start });
  for (const [kind, a, b, c] of events) trace.add(kind, a, b, c);
  return trace.hex();
}

describe('Trace', () => {
  it('hashes the same events to the same hash, and tells kind, arguments and order apart', () => {
    const base: [TraceKind, number, number, number][] = [
      [EMIT, 1, 0, 2],
      [DELIVER, 2, 1, 0],
    ];
    expect(hashOf(base)).toBe(hashOf(base));
    expect(hashOf([[DELIVER, 1, 0, 2], base[1] as [TraceKind, number, number, number]])).not.toBe(
      hashOf(base),
    );
    expect(hashOf([[EMIT, 1, 0, 3], base[1] as [TraceKind, number, number, number]])).not.toBe(hashOf(base));
    expect(hashOf([...base].reverse())).not.toBe(hashOf(base));
    expect(hashOf(base.slice(0, 1))).not.toBe(hashOf(base));
  });

  it('tells packed small arguments from wide ones (negative, fractional, >= 1024)', () => {
    const one = (a: number, b: number, c: number) => hashOf([[EMIT, a, b, c]]);
    const args: [number, number, number][] = [
      [0, 0, 0],
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
      [1023, 1023, 1023],
      [1024, 0, 0],
      // 1024 in the first field would carry into the second: the wide form keeps them apart.
      [0, 1, 0],
      [-1, 0, 0],
      [0.5, 0, 0],
      [2 ** 31, 0, 0],
      [0, 0, 1024],
      [0, 0, 2 ** 20],
    ];
    const distinct = new Set(args.map(([a, b, c]) => `${a},${b},${c}`));
    expect(new Set(args.map(([a, b, c]) => one(a, b, c))).size).toBe(distinct.size);
  });

  it('tells traces that started at different virtual times apart', () => {
    const events: [TraceKind, number, number, number][] = [[EMIT, 1, 0, 0]];
    expect(hashOf(events, 0)).not.toBe(hashOf(events, 100));
  });

  it('covers event times through the clock events: runs whose events differ only in time hash apart', () => {
    // The same event at time 5 in one run and at time 7 in another: the scheduler's clock events,
    // which carry from and to, differ, so the hashes do (an event's time is not hashed itself).
    const at = (time: number) => {
      const sim = new Simulation({ seed: 1 });
      sim.scheduler.scheduleAt(time, { run: () => sim.trace.add(EMIT, 1, 0, 0) });
      sim.scheduler.run();
      return sim.trace.hex();
    };
    expect(at(5)).toBe(at(5));
    expect(at(5)).not.toBe(at(7));
  });

  it('keeps each event with the virtual time it happened at', () => {
    let now = 3;
    const trace = new Trace({ keep: true, now: () => now });
    trace.add(EMIT, 1, 2, 3);
    now = 9;
    trace.add(DELIVER, 4, 5, 6, 'late');
    expect(trace.events()).toEqual([
      { index: 0, time: 3, kind: 'emit', a: 1, b: 2, c: 3 },
      { index: 1, time: 9, kind: 'deliver', a: 4, b: 5, c: 6, note: 'late' },
    ]);
  });
});
