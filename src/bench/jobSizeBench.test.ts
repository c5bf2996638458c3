import { describe, expect, it } from 'vitest';
import { benchJobSizes, buildCanonicalJobs } from './jobSizeBench.ts';
import { baselineLoopTask, throughputOf } from './throughputBench.ts';

describe('benchJobSizes', () => {
  it('measures every size and the tasks alongside in the same rounds, each run checked complete', () => {
    const jobs = buildCanonicalJobs([200, 400], '2pc');
    const loop = baselineLoopTask(jobs[1] as (typeof jobs)[number]);
    let loopCalls = 0;
    const counted = {
      ...loop,
      fn: () => {
        loopCalls++;
        loop.fn();
      },
    };
    const { sizes, alongside } = benchJobSizes(
      jobs,
      { rounds: 2, warmupRounds: 1, runsPerRound: (records) => (records <= 200 ? 3 : 1) },
      [counted],
    );
    expect(sizes.map((s) => [s.records, s.runs])).toEqual([
      [200, 6],
      [400, 2],
    ]);
    for (const s of sizes) {
      expect(s.run.status).toBe('finished');
      expect(s.run.committed).toBe(s.records);
      expect(s.wallMs.min).toBeLessThanOrEqual(s.wallMs.max);
    }
    expect(alongside).toHaveLength(1);
    expect(loopCalls).toBe(3);
  });

  it('gives ratioToBaseline as runtime time over loop time, medians and extreme pairings', () => {
    const [job] = benchJobSizes(buildCanonicalJobs([200], '2pc'), {
      rounds: 1,
      warmupRounds: 0,
      runsPerRound: () => 1,
    }).sizes;
    const fixed = { ...(job as NonNullable<typeof job>), wallMs: { min: 8, median: 10, max: 12 } };
    const t = throughputOf(fixed, {
      wallMs: { min: 1, median: 2, max: 4 },
      cpuMs: { min: 1, median: 2, max: 4 },
    });
    expect(t.ratioToBaseline).toEqual({ min: 2, median: 5, max: 12 });
    expect(t.recordsPerSecond.median).toBe(20_000);
    expect(t.baselineRecordsPerSecond.median).toBe(100_000);
  });
});
