import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from './runCount.ts';
import {
  idlenessProperty,
  idlenessViolations,
  operatorWatermarkProperty,
  runIdlenessScenario,
  sourceWatermarkProperty,
} from './watermarkProperties.ts';

const runs = propertyRuns(200);

describe('watermarks through a job', () => {
  it(`an operator's watermark is the minimum over its inputs and never goes back (${runs} jobs)`, () => {
    fc.assert(operatorWatermarkProperty(), { numRuns: runs });
  });

  it(`sources emit min over unfinished partitions of (max timestamp - bound - 1) (${runs} jobs)`, () => {
    fc.assert(sourceWatermarkProperty(), { numRuns: runs });
  });

  it(`withIdleness lets the watermark advance while a partition stalls; without it, it is held (${Math.ceil(runs / 5)} pairs of jobs)`, () => {
    fc.assert(idlenessProperty(), { numRuns: Math.ceil(runs / 5) });
  });

  it('a hand-picked idleness scenario, on one source subtask and on two', () => {
    for (const sourceParallelism of [1, 2]) {
      const s = {
        sourceParallelism,
        outOfOrderness: 2,
        idleTimeout: 50,
        stallUntil: 2000,
        busyEvery: 10,
        busyCount: 60,
        seed: 11,
        choices: [],
      };
      const idle = runIdlenessScenario(s, true);
      const held = runIdlenessScenario(s, false);
      expect(idlenessViolations(s, idle, held)).toEqual([]);
      // Held at the stalling partition's 5 - 2 - 1 = 2 until it resumes; then its records flow and the run ends.
      expect(Math.max(...held.seen.filter((x) => x.now < 2000).map((x) => x.watermark))).toBeLessThanOrEqual(
        2,
      );
      expect(Math.max(...idle.seen.filter((x) => x.now < 2000).map((x) => x.watermark))).toBeGreaterThan(100);
    }
  });
});
