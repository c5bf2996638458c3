import { describe, expect, it } from 'vitest';
import { FifoChannel } from './FifoChannel.ts';
import { Rng } from './Rng.ts';
import { Scheduler } from './Scheduler.ts';
import { VirtualClock } from './VirtualClock.ts';

function setup(seed = 5, choices: number[] = []) {
  const scheduler = new Scheduler({ clock: new VirtualClock(), rng: new Rng(seed), choices });
  const got: string[] = [];
  const a = new FifoChannel<number>(scheduler, { deliver: (n) => got.push(`a${n}`) });
  const b = new FifoChannel<number>(scheduler, { deliver: (n) => got.push(`b${n}`) });
  return { scheduler, got, a, b };
}

describe('FifoChannel', () => {
  it('never lets messages of one channel overtake each other, whatever the seed', () => {
    for (let seed = 0; seed < 50; seed++) {
      const { scheduler, got, a, b } = setup(seed);
      for (let i = 0; i < 10; i++) {
        a.send(i);
        b.send(i);
      }
      scheduler.run();
      const ofA = got.filter((s) => s.startsWith('a')).map((s) => Number(s.slice(1)));
      const ofB = got.filter((s) => s.startsWith('b')).map((s) => Number(s.slice(1)));
      expect(ofA).toEqual([...Array(10).keys()]);
      expect(ofB).toEqual([...Array(10).keys()]);
    }
  });

  it('with choice 0 everywhere delivers the oldest message in flight across channels', () => {
    const { scheduler, got, a, b } = setup(1, new Array(50).fill(0));
    a.send(0);
    b.send(0);
    a.send(1);
    b.send(1);
    scheduler.run();
    expect(got).toEqual(['a0', 'b0', 'a1', 'b1']);
  });

  it('holds messages while blocked and delivers them in order after unblocking', () => {
    const { scheduler, got, a, b } = setup(2);
    a.send(0);
    a.send(1);
    b.send(0);
    a.block();
    scheduler.run();
    expect(got).toEqual(['b0']);
    expect(a.size).toBe(2);
    a.send(2);
    scheduler.run();
    expect(a.isBlocked).toBe(true);
    a.unblock();
    scheduler.run();
    expect(got).toEqual(['b0', 'a0', 'a1', 'a2']);
  });

  it('removes queued items (overtaking) and drains in order', () => {
    const { scheduler, got, a } = setup(3);
    for (let i = 0; i < 4; i++) a.send(i);
    expect(a.removeAt(0)).toBe(0);
    expect(a.removeAt(1)).toBe(2);
    expect(a.peekAll()).toEqual([1, 3]);
    scheduler.run();
    expect(got).toEqual(['a1', 'a3']);
    a.send(7);
    a.send(8);
    expect(a.drain()).toEqual([7, 8]);
    expect(scheduler.step()).toBe(false);
    expect(() => a.removeAt(0)).toThrow(RangeError);
  });
});

describe('FifoChannel block reasons', () => {
  it('stays blocked until every reason is lifted', () => {
    const { scheduler, got, a } = setup(4);
    a.send(0);
    a.block(1);
    a.block(2);
    a.unblock(1);
    scheduler.run();
    expect(got).toEqual([]);
    a.unblock(2);
    scheduler.run();
    expect(got).toEqual(['a0']);
  });
});

describe('FifoChannel priority items', () => {
  it('delivers an item sent first ahead of queued items', () => {
    const { scheduler, got, a } = setup(6);
    a.send(1);
    a.send(2);
    a.sendFirst(0);
    expect(a.peekAll()).toEqual([0, 1, 2]);
    scheduler.run();
    expect(got).toEqual(['a0', 'a1', 'a2']);
  });
});

describe('FifoChannel waiting time', () => {
  it('reports a refilled channel as waiting since its new head was sent, not since an earlier message', () => {
    const clock = new VirtualClock();
    const scheduler = new Scheduler({ clock, rng: new Rng(7), choices: [1], maxReadyDelay: 50 });
    const got: number[] = [];
    const a = new FifoChannel<number>(scheduler, { deliver: (n) => got.push(n) });
    a.send(0);
    scheduler.run();
    scheduler.advanceClockTo(100);
    a.send(1);
    scheduler.scheduleAt(140, { run: () => {} });
    // The head waits since 100, so the timer at 140 is within maxReadyDelay: advancing the clock is option 1.
    scheduler.step();
    expect(clock.now()).toBe(140);
    expect(got).toEqual([0]);
  });
});

describe('FifoChannel queue layout', () => {
  it('keeps FIFO order across wrap-around, growth, priority items and removals', () => {
    const { scheduler, got, a } = setup(8, new Array(1000).fill(0));
    const model: number[] = [];
    let next = 0;
    const send = (n: number) => {
      for (let i = 0; i < n; i++) {
        a.send(next);
        model.push(next++);
      }
    };
    const deliver = (n: number) => {
      for (let i = 0; i < n; i++) scheduler.step();
    };
    send(6);
    deliver(5); // the head has moved near the end of the first buffer
    send(9); // wraps around, then grows
    a.sendFirst(-1);
    model.splice(5, 0, -1);
    expect(a.peekAll()).toEqual(model.slice(5));
    expect(a.removeAt(3)).toBe(model[5 + 3]);
    model.splice(5 + 3, 1);
    send(20);
    expect(a.size).toBe(model.length - 5);
    scheduler.run();
    expect(got).toEqual(model.map((n) => `a${n}`));
  });
});
