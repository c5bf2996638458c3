import type { JobSizeFigures } from './jobSizeBench.ts';
import type { GrowthPoint, Spread } from './types.ts';

function perRecordNs(ms: Spread, records: number): Spread {
  const ns = (x: number) => (x * 1e6) / records;
  return { min: ns(ms.min), median: ns(ms.median), max: ns(ms.max) };
}

/** Cost growth: time per record at each size, relative to the smallest size (linear cost = 1 everywhere). */
export function growthOf(results: readonly JobSizeFigures[]): GrowthPoint[] {
  const sorted = [...results].sort((a, b) => a.records - b.records);
  const smallest = sorted[0];
  if (smallest === undefined) return [];
  const base = perRecordNs(smallest.wallMs, smallest.records).median;
  return sorted.map((r) => {
    const nsPerRecord = perRecordNs(r.wallMs, r.records);
    return {
      records: r.records,
      wallMs: r.wallMs,
      nsPerRecord,
      relativeToSmallest: nsPerRecord.median / base,
    };
  });
}
