import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDeterminism } from '../src/check/DeterminismChecker.ts';
import { type DemoOptions, runProducerConsumerDemo } from '../src/sim/ProducerConsumerDemo.ts';
import type { Rng } from '../src/sim/Rng.ts';
import { propertyRuns } from './runCount.ts';

const runs = propertyRuns(1000);

const seedArb = fc.nat({ max: 0xffffffff });
const choicesArb = fc.array(fc.nat({ max: 7 }), { maxLength: 60 });
const shapeArb = fc.record({
  records: fc.integer({ min: 1, max: 30 }),
  producers: fc.integer({ min: 1, max: 4 }),
});

/** Same seed + same choices => identical trace, for a given way of pausing producers. */
function sameSeedSameTrace(pauseMs?: DemoOptions['pauseMs']) {
  return fc.property(seedArb, choicesArb, shapeArb, (seed, choices, shape) => {
    const options = { seed, choices, ...shape, keepTrace: true, ...(pauseMs ? { pauseMs } : {}) };
    const first = runProducerConsumerDemo(options);
    const second = runProducerConsumerDemo(options);
    const verdict = checkDeterminism(first.trace, second.trace);
    if (!verdict.deterministic) throw new Error(verdict.explanation);
  });
}

describe('determinism of the simulation kernel', () => {
  it(`same seed and same choices give the same trace hash (${runs} seeds)`, () => {
    fc.assert(sameSeedSameTrace(), { numRuns: runs });
  });

  it(`different seeds give different interleavings (${runs} seed pairs)`, () => {
    fc.assert(
      fc.property(seedArb, seedArb, (a, b) => {
        fc.pre(a !== b);
        const left = runProducerConsumerDemo({ seed: a });
        const right = runProducerConsumerDemo({ seed: b });
        expect(left.received.join(' ')).not.toBe(right.received.join(' '));
        expect(left.trace.hash).not.toBe(right.trace.hash);
      }),
      { numRuns: runs },
    );
  });

  it('all-zero choices give plain FIFO order regardless of the seed', () => {
    fc.assert(
      fc.property(seedArb, (seed) => {
        const fifo = (s: number) =>
          runProducerConsumerDemo({ seed: s, choices: new Array(1000).fill(0), pauseMs: () => 0 }).received;
        expect(fifo(seed)).toEqual(fifo(0));
      }),
      { numRuns: Math.min(runs, 200) },
    );
  });
});

describe('the determinism property can fail', () => {
  it('catches a component that draws from Math.random instead of its seeded sub-stream', () => {
    const result = fc.check(
      sameSeedSameTrace(() => Math.floor(Math.random() * 4)),
      { numRuns: 200 },
    );
    expect(result.failed).toBe(true);
    expect(String(result.errorInstance)).toMatch(/traces diverge at event \d+/);
    // The failure carries what is needed to replay it.
    expect(result.seed).toEqual(expect.any(Number));
    expect(result.counterexamplePath).toMatch(/^\d+(:\d+)*$/);
  });

  it('catches a component whose state leaks from one run into the next', () => {
    let leaked = 0;
    const result = fc.check(
      sameSeedSameTrace((rng: Rng) => (rng.int(4) + leaked++) % 4),
      { numRuns: 200 },
    );
    expect(result.failed).toBe(true);
  });
});
