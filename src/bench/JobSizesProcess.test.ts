import { describe, expect, it } from 'vitest';
import { benchJobSizesInChild, parseJobSizeRequest } from './JobSizesProcess.ts';

describe('benchJobSizesInChild', () => {
  it('measures every size and the bare loop in a child process and reads its figures back', () => {
    const report = benchJobSizesInChild({
      sizes: [200, 400],
      runsPerRound: [3, 1],
      rounds: 2,
      warmupRounds: 1,
    });
    expect(report.sink).toBe('2pc');
    expect(report.sinkReason).toBeUndefined();
    expect(report.sizes.map((s) => [s.records, s.runs])).toEqual([
      [200, 6],
      [400, 2],
    ]);
    for (const s of report.sizes) {
      expect(s.run.status).toBe('finished');
      expect(s.run.committed).toBe(s.records);
      expect(s.run.traceHash).toMatch(/^[0-9a-f]{16}$/);
      expect(s.wallMs.min).toBeGreaterThan(0);
      expect(s.wallMs.min).toBeLessThanOrEqual(s.wallMs.median);
      expect(s.wallMs.median).toBeLessThanOrEqual(s.wallMs.max);
    }
    // Two measured rounds of one loop call each: a spread of two wall times.
    expect(report.loop.wallMs.min).toBeGreaterThan(0);
    expect(report.loop.wallMs.min).toBeLessThanOrEqual(report.loop.wallMs.max);
  }, 60_000);

  it('fails with one line naming the benchmark when the child cannot measure', () => {
    expect(() =>
      benchJobSizesInChild({ sizes: [200], runsPerRound: [], rounds: 1, warmupRounds: 0 }),
    ).toThrow(/^job-size benchmark: its process ended with exit code 1/);
  }, 60_000);
});

describe('parseJobSizeRequest', () => {
  it('takes a request that names sizes, their runs per round and the rounds', () => {
    const text = JSON.stringify({ sizes: [10, 20], runsPerRound: [5, 1], rounds: 3, warmupRounds: 0 });
    expect(parseJobSizeRequest(text)).toEqual(JSON.parse(text));
  });

  it.each([
    ['not JSON', '{sizes', /is not JSON/],
    ['no argument', undefined, /is not JSON/],
    ['null', 'null', /needs sizes/],
    ['no sizes', JSON.stringify({ sizes: [], runsPerRound: [], rounds: 1, warmupRounds: 0 }), /needs sizes/],
    [
      'a fractional size',
      JSON.stringify({ sizes: [1.5], runsPerRound: [1], rounds: 1, warmupRounds: 0 }),
      /needs/,
    ],
    [
      'runs for fewer sizes',
      JSON.stringify({ sizes: [1, 2], runsPerRound: [1], rounds: 1, warmupRounds: 0 }),
      /as many/,
    ],
    [
      'no measured round',
      JSON.stringify({ sizes: [1], runsPerRound: [1], rounds: 0, warmupRounds: 0 }),
      /rounds >= 1/,
    ],
    [
      'negative warm-up',
      JSON.stringify({ sizes: [1], runsPerRound: [1], rounds: 1, warmupRounds: -1 }),
      /warmupRounds/,
    ],
  ])('rejects %s with a one-line error', (_name, text, message) => {
    expect(() => parseJobSizeRequest(text)).toThrow(message);
  });
});
