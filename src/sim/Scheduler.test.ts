import { describe, expect, it } from 'vitest';
import { Rng } from './Rng.ts';
import { type ClockPolicy, Scheduler } from './Scheduler.ts';
import { Trace } from './Trace.ts';
import { VirtualClock } from './VirtualClock.ts';

function setup(choices: number[] = [], seed = 1, clockPolicy: ClockPolicy = 'choice') {
  const clock = new VirtualClock();
  const trace = new Trace({ keep: true, now: () => clock.now() });
  const scheduler = new Scheduler({
    clock,
    rng: new Rng(seed).fork('scheduler'),
    choices,
    trace,
    clockPolicy,
  });
  const log: string[] = [];
  const action = (name: string, then?: () => void) => ({
    run() {
      log.push(`${name}@${clock.now()}`);
      then?.();
    },
  });
  return { clock, trace, scheduler, log, action };
}

describe('Scheduler', () => {
  it('with all-zero choices runs ready events oldest first (FIFO)', () => {
    const { scheduler, log, action } = setup(new Array(10).fill(0));
    for (const n of ['a', 'b', 'c']) scheduler.makeReady(action(n));
    scheduler.run();
    expect(log).toEqual(['a@0', 'b@0', 'c@0']);
  });

  it('takes choices from the list first, as positions among ready events', () => {
    const { scheduler, log, action } = setup([2, 1]);
    for (const n of ['a', 'b', 'c']) scheduler.makeReady(action(n));
    scheduler.run();
    expect(log).toEqual(['c@0', 'b@0', 'a@0']);
    // The last step had one option: it is not a choice.
    expect(scheduler.choicesTaken).toBe(2);
    expect(scheduler.choicesFromList).toBe(2);
  });

  it('reduces out-of-range choices modulo the number of options', () => {
    const { scheduler, log, action } = setup([5]);
    for (const n of ['a', 'b', 'c']) scheduler.makeReady(action(n));
    scheduler.step();
    expect(log).toEqual(['c@0']);
  });

  it('continues from the seeded generator past the end of the list, reproducibly', () => {
    const order = (seed: number) => {
      const { scheduler, log, action } = setup([0], seed);
      for (let i = 0; i < 8; i++) scheduler.makeReady(action(String(i)));
      scheduler.run();
      return log.join(' ');
    };
    expect(order(3)).toBe(order(3));
    expect(order(3).startsWith('0@0')).toBe(true);
    const distinct = new Set([1, 2, 3, 4, 5, 6].map(order));
    expect(distinct.size).toBeGreaterThan(1);
  });

  it('moves the clock only when it picks "advance" (the last option) and then releases due timers in order', () => {
    const { scheduler, clock, log, action, trace } = setup([0, 0, 0, 0]);
    scheduler.scheduleAt(10, action('t10'));
    scheduler.scheduleAt(5, action('t5'));
    scheduler.scheduleAt(5, action('t5b'));
    scheduler.makeReady(action('r'));
    expect(clock.now()).toBe(0);
    scheduler.step(); // choice 0 of [r, advance] -> r
    expect(clock.now()).toBe(0);
    scheduler.step(); // only "advance" is possible: to 5, t5 and t5b become ready
    expect(clock.now()).toBe(5);
    scheduler.run();
    expect(log).toEqual(['r@0', 't5@5', 't5b@5', 't10@10']);
    expect(
      trace
        .events()
        .filter((e) => e.kind === 'clock')
        .map((e) => [e.a, e.b]),
    ).toEqual([
      [0, 5],
      [5, 10],
    ]);
  });

  it('lets time pass while events are still ready under the "choice" policy', () => {
    const { scheduler, clock, action, log } = setup([1]);
    scheduler.makeReady(action('r'));
    scheduler.scheduleAt(7, action('t'));
    scheduler.step();
    expect(clock.now()).toBe(7);
    scheduler.run();
    // r was ready at 0 but ran after time moved: the record and the timer both ran at 7.
    expect([...log].sort()).toEqual(['r@7', 't@7']);
  });

  it('under "when-idle" advances the clock only once nothing is ready', () => {
    const { scheduler, action, log } = setup([], 9, 'when-idle');
    scheduler.scheduleAt(3, action('t'));
    for (let i = 0; i < 5; i++) scheduler.makeReady(action(`r${i}`));
    scheduler.run();
    expect(log.at(-1)).toBe('t@3');
    expect(log.slice(0, 5).every((l) => l.endsWith('@0'))).toBe(true);
  });

  it('cancels ready events and timers, and orders explicit stamps', () => {
    const { scheduler, action, log } = setup(new Array(10).fill(0));
    const a = action('a');
    const b = action('b');
    scheduler.makeReady(a);
    scheduler.makeReady(b);
    expect(scheduler.cancelReady(a)).toBe(true);
    expect(scheduler.cancelReady(a)).toBe(false);
    const t = scheduler.scheduleAt(4, action('t'));
    scheduler.cancelTimer(t);
    const early = action('early');
    scheduler.makeReady(early, -1);
    scheduler.run();
    expect(log).toEqual(['early@0', 'b@0']);
  });

  it('rejects timers in the past and a clock that goes back', () => {
    const { scheduler, clock, action } = setup();
    scheduler.advanceClockTo(10);
    expect(() => scheduler.scheduleAt(5, action('x'))).toThrow(/cannot schedule at 5/);
    expect(() => clock.advanceTo(3)).toThrow(/cannot go back/);
  });

  it('reports quiescence', () => {
    const { scheduler } = setup();
    expect(scheduler.step()).toBe(false);
    expect(scheduler.steps).toBe(0);
  });
});

describe('Scheduler maxReadyDelay', () => {
  it('does not let time run further than the bound ahead of the oldest ready event', () => {
    for (let seed = 0; seed < 30; seed++) {
      const clock = new VirtualClock();
      const scheduler = new Scheduler({ clock, rng: new Rng(seed), maxReadyDelay: 5 });
      const ranAt: number[] = [];
      scheduler.makeReady({ run: () => ranAt.push(clock.now()) });
      for (let t = 1; t <= 50; t++) scheduler.scheduleAt(t, { run() {} });
      scheduler.run();
      expect(ranAt[0]).toBeLessThanOrEqual(5);
    }
  });
});
