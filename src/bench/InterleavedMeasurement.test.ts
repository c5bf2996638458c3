import { describe, expect, it } from 'vitest';
import { measureInterleaved } from './InterleavedMeasurement.ts';

describe('measureInterleaved', () => {
  it('calls every task in turn, round by round, and times only the measured rounds', () => {
    const order: string[] = [];
    const checked: string[] = [];
    const task = (name: string, callsPerRound: number) => ({
      name,
      callsPerRound,
      fn: () => {
        order.push(name);
      },
      afterEach: () => {
        checked.push(name);
      },
    });
    const [small, large] = measureInterleaved([task('small', 3), task('large', 1)], {
      rounds: 2,
      warmupRounds: 1,
    });
    const round = ['small', 'small', 'small', 'large'];
    expect(order).toEqual([...round, ...round, ...round]);
    expect(checked).toEqual(order);
    // Spreads over the measured calls only: 2 rounds of 3 calls, and 2 of 1.
    for (const m of [small, large]) {
      expect(m?.wallMs.min).toBeLessThanOrEqual(m?.wallMs.median as number);
      expect(m?.wallMs.median).toBeLessThanOrEqual(m?.wallMs.max as number);
    }
  });

  it('gives each task the time of its own calls', () => {
    const spin = (ms: number) => () => {
      const end = process.hrtime.bigint() + BigInt(ms * 1e6);
      while (process.hrtime.bigint() < end) {
        // busy wait: the measured time must be the task's own
      }
    };
    const [short, long] = measureInterleaved(
      [
        { name: 'short', callsPerRound: 2, fn: spin(1) },
        { name: 'long', callsPerRound: 1, fn: spin(20) },
      ],
      { rounds: 3, warmupRounds: 0 },
    );
    // Lower bounds only (a busy wait takes at least its time): had the long task's figure taken in
    // any of the short task's calls, its minimum would be about 1 ms.
    expect(short?.wallMs.min).toBeGreaterThanOrEqual(1);
    expect(long?.wallMs.min).toBeGreaterThanOrEqual(20);
  });

  it("starts a task's turn with its untimed settle calls, every round", () => {
    const order: string[] = [];
    let call = 0;
    const [settled] = measureInterleaved(
      [
        {
          name: 'settled',
          callsPerRound: 2,
          settleCalls: 1,
          // The settle call of each round is the slow one (a 100 ms busy wait); the timed calls return at once.
          fn: () => {
            if (call++ % 3 === 0) {
              const end = process.hrtime.bigint() + 100_000_000n;
              while (process.hrtime.bigint() < end) {
                // busy wait
              }
            }
            order.push('settled');
          },
        },
        { name: 'other', callsPerRound: 1, fn: () => order.push('other') },
      ],
      { rounds: 2, warmupRounds: 0 },
    );
    expect(order).toEqual([
      'settled',
      'settled',
      'settled',
      'other',
      'settled',
      'settled',
      'settled',
      'other',
    ]);
    // Had a settle call been timed, the maximum would be at least 100 ms.
    expect(settled?.wallMs.max).toBeLessThan(100);
  });

  it('runs beforeRound untimed at the start of every round, warm-up rounds included', () => {
    const order: string[] = [];
    const [timed] = measureInterleaved(
      [
        { name: 'a', callsPerRound: 2, fn: () => order.push('a') },
        { name: 'b', callsPerRound: 1, fn: () => order.push('b') },
      ],
      {
        rounds: 2,
        warmupRounds: 1,
        beforeRound: () => {
          order.push('gc');
          const end = process.hrtime.bigint() + 100_000_000n;
          while (process.hrtime.bigint() < end) {
            // busy wait
          }
        },
      },
    );
    expect(order).toEqual(['gc', 'a', 'a', 'b', 'gc', 'a', 'a', 'b', 'gc', 'a', 'a', 'b']);
    // Had beforeRound been timed with a call, the maximum would be at least 100 ms.
    expect(timed?.wallMs.max).toBeLessThan(100);
  });

  it('refuses to measure no round at all', () => {
    expect(() => measureInterleaved([], { rounds: 0, warmupRounds: 1 })).toThrow(/at least one/);
  });
});
