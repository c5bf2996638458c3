import { describe, expect, it } from 'vitest';
import { hostHeadroom, hostHeadroomNote } from './HostHeadroom.ts';
import type { Spread } from './types.ts';

const at = (median: number): Spread => ({ min: median * 0.8, median, max: median * 1.2 });
const TARGETS = { records: 1_000_000, scenarioRuns: 1000 };

describe('hostHeadroom', () => {
  it('needs the ratio the bare loop leaves for the records/s target, and the speed-up the scenario lacks', () => {
    const slow = hostHeadroom(at(2_136_180), at(337), TARGETS);
    expect(slow.ratioNeeded).toBeCloseTo(2.13618, 10);
    expect(slow.scenarioSpeedupNeeded).toBeCloseTo(1000 / 337, 10);
    const fast = hostHeadroom(at(6_500_000), at(1_250), TARGETS);
    expect(fast.ratioNeeded).toBeCloseTo(6.5, 10);
    expect(fast.scenarioSpeedupNeeded).toBeCloseTo(0.8, 10);
  });

  it('says how far the ratio would have to come down on a slow host, and that it holds on a fast one', () => {
    const slow = hostHeadroomNote(hostHeadroom(at(2_136_180), at(337), TARGETS), 4.4, 2_136_180);
    expect(slow).toContain('the bare loop runs 2,136,180 records/s here');
    expect(slow).toContain('ratioToBaseline <= 2.14');
    expect(slow).toContain('the measured 4.40 would have to come down x2.06');
    expect(slow).toContain('would have to run x2.97 faster to reach 1,000 runs/s');
    const fast = hostHeadroomNote(hostHeadroom(at(6_500_000), at(1_250), TARGETS), 4.0, 6_500_000);
    expect(fast).toContain('ratioToBaseline <= 6.50');
    expect(fast).toContain('the measured 4.00 is within it');
    expect(fast).toContain('the crash-and-restore scenario reaches 1,000 runs/s here');
  });

  it('says so when not even the bare loop reaches the target', () => {
    const note = hostHeadroomNote(hostHeadroom(at(900_000), at(300), TARGETS), 4.0, 900_000);
    expect(note).toContain('ratioToBaseline <= 0.90');
    expect(note).toContain('not even the bare loop reaches 1,000,000 records/s here');
  });
});
