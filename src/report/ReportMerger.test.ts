import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ConsistencyReport } from '../matrix/types.ts';
import { mergeReports } from './ReportMerger.ts';

const whole = JSON.parse(
  readFileSync(new URL('./fixtures/consistency.json', import.meta.url), 'utf8'),
) as ConsistencyReport;

function shard(index: number, count: number): ConsistencyReport {
  const entries = whole.entries.filter((_, k) => k % count === index - 1);
  return {
    ...whole,
    shard: { index, count },
    entries,
    agrees: entries.every((e) => e.holds && e.tight),
    millis: 10 * index,
  };
}

const withoutMillis = (r: ConsistencyReport) => ({ ...r, millis: 0 });

describe('mergeReports', () => {
  it('joins shards (in any order) into the unsharded report', () => {
    const merged = mergeReports([
      { name: 's3', report: shard(3, 3) },
      { name: 's1', report: shard(1, 3) },
      { name: 's2', report: shard(2, 3) },
    ]);
    expect(withoutMillis(merged)).toEqual(withoutMillis(whole));
    expect(merged.millis).toBe(60);
    expect(merged.shard).toBeUndefined();
  });

  it('computes agreement from the merged entries', () => {
    const merged = mergeReports([
      { name: 'a', report: shard(1, 2) },
      { name: 'b', report: shard(2, 2) },
    ]);
    expect(merged.agrees).toBe(false);
    const fixed = merged.entries.map((e) => ({ ...e, holds: true }));
    expect(mergeReports([{ name: 'x', report: { ...whole, entries: fixed } }]).agrees).toBe(true);
  });

  it.each([
    [[shard(1, 3), shard(3, 3)], /shard 2\/3 missing/],
    [[shard(1, 2), shard(1, 2), shard(2, 2)], /shard 1\/2 given twice/],
    [[shard(1, 2), { ...shard(2, 2), seed: 7 }], /seed 7.*same seed|one seed/],
    [[shard(1, 2), { ...shard(2, 2), runs: 3 }], /same --runs/],
    [[shard(1, 2), whole], /whole report, with shards/],
    [[whole, whole], /entry .* is in both/],
    [[shard(1, 2), shard(2, 3)], /shards of 2/],
  ])('rejects inconsistent inputs (%#)', (reports, message) => {
    expect(() => mergeReports(reports.map((report, i) => ({ name: `r${i}.json`, report })))).toThrow(message);
  });

  it('rejects an empty list', () => {
    expect(() => mergeReports([])).toThrow(/at least one/);
  });
});
