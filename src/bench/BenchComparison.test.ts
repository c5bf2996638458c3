import { describe, expect, it } from 'vitest';
import { BaselineError, compareReports, parseBaseline } from './BenchComparison.ts';
import { formatComparisonMarkdown, formatComparisonTable } from './BenchComparisonFormatter.ts';
import { benchReport, spread } from './fixtures/benchReport.ts';
import type { BenchReport } from './types.ts';

function withFigures(base: BenchReport, figures: Partial<BenchReport['figures']>): BenchReport {
  return { ...base, figures: { ...base.figures, ...figures } };
}

function changeOf(baseline: BenchReport, current: BenchReport, figure: string) {
  const found = compareReports(baseline, 'old.json', current).figures.find((f) => f.figure === figure);
  if (found === undefined) throw new Error(`no figure ${figure}`);
  return found;
}

describe('compareReports', () => {
  const base = benchReport(1.2);

  it('calls a figure worse only when the two runs do not overlap, in the direction that figure improves', () => {
    // 1.2M +-10% then, 0.9M +-10% now: 0.99M..., no overlap with 1.08M-1.32M.
    const slower = withFigures(base, { recordsPerSecond: spread(900_000) });
    const records = changeOf(base, slower, 'recordsPerSecond');
    expect(records.verdict).toBe('worse');
    expect(records.change).toBeCloseTo(-0.25, 5);
    // Lower is better for the ratio: a higher one is worse, a lower one better.
    expect(changeOf(base, withFigures(base, { ratioToBaseline: spread(6) }), 'ratioToBaseline').verdict).toBe(
      'worse',
    );
    expect(changeOf(base, withFigures(base, { ratioToBaseline: spread(3) }), 'ratioToBaseline').verdict).toBe(
      'better',
    );
  });

  it('calls a move inside the repeats noise, however large the median change', () => {
    const wide = withFigures(base, { recordsPerSecond: { min: 700_000, median: 1_050_000, max: 1_400_000 } });
    const records = changeOf(base, wide, 'recordsPerSecond');
    expect(records.verdict).toBe('within noise');
    expect(records.change).toBeCloseTo(-0.125, 5);
    expect(changeOf(base, base, 'scenario runs/s').verdict).toBe('within noise');
  });

  it('calls no change of 5% or less better or worse, however tight the repeats', () => {
    const tight = (median: number) => ({ min: median * 0.999, median, max: median * 1.001 });
    const then = withFigures(base, { peakHeapMB: tight(148) });
    expect(changeOf(then, withFigures(base, { peakHeapMB: tight(152) }), 'peak heap MB').verdict).toBe(
      'within noise',
    );
    expect(changeOf(then, withFigures(base, { peakHeapMB: tight(160) }), 'peak heap MB').verdict).toBe(
      'worse',
    );
  });

  it('judges a figure measured once by a 20% band, and says so', () => {
    const faster = benchReport(1.5);
    const speedup = changeOf(base, faster, 'matrix --runs 1,000, speed-up of --workers 2');
    expect(speedup.once).toBe(true);
    expect(speedup.verdict).toBe('better');
    const same = changeOf(base, benchReport(1.25), 'matrix --runs 1,000, speed-up of --workers 2');
    expect(same.verdict).toBe('within noise');
  });

  it('skips what the baseline lacks or measured at other runs per entry, and says why', () => {
    // An older report: no matrixEntryFirstRuns, and the long matrix at other runs per entry.
    const { matrixEntryFirstRuns: _dropped, ...figures } = base.figures;
    const older = {
      ...base,
      figures: { ...figures, longMatrixWallTime: { ...base.figures.longMatrixWallTime, runs: 2000 } },
    } as unknown as BenchReport;
    const c = compareReports(older, 'old.json', base);
    expect(c.skipped).toContain('matrix entry runs/s, first repeats: not in the baseline');
    expect(c.skipped).toContain(
      'matrix --runs 5,000, --workers 1 (s): the baseline measured it at --runs 2,000',
    );
    expect(c.figures.map((f) => f.figure)).not.toContain('matrix --runs 5,000, --workers 1 (s)');
    expect(c.figures.map((f) => f.figure)).toContain('matrix --runs 1,000, --workers 1 (s)');
  });

  it('compares the two --shard processes when this run measured them, and says when the baseline did not', () => {
    const withPair = (wall: number) =>
      withFigures(base, {
        matrixWallTime: {
          ...base.figures.matrixWallTime,
          shardPair: { wall: spread(wall), speedup: 6 / wall },
        },
      });
    const figure = 'matrix --runs 1,000, two --shard processes at once (s)';
    expect(changeOf(withPair(5), withPair(7), figure).verdict).toBe('worse');
    expect(changeOf(withPair(5), withPair(3.5), figure).verdict).toBe('better');
    expect(compareReports(base, 'old.json', withPair(5)).skipped).toContain(`${figure}: not in the baseline`);
    expect(compareReports(base, 'old.json', base).figures.map((f) => f.figure)).not.toContain(figure);
  });

  it('measures the host by the bare loop and warns when it differs by more than 10%', () => {
    const slowHost = withFigures(base, { baselineRecordsPerSecond: spread(2_500_000) });
    const c = compareReports(base, 'old.json', slowHost);
    expect(c.hostSpeed).toBeCloseTo(0.5, 5);
    expect(formatComparisonTable(c)).toContain('The bare loop ran x0.50 as fast as in the baseline');
    expect(formatComparisonTable(compareReports(base, 'old.json', base))).not.toContain('The bare loop ran');
    const loop = (median: number) => withFigures(base, { baselineRecordsPerSecond: spread(median) });
    expect(formatComparisonTable(compareReports(base, 'old.json', loop(4_250_000)))).toContain(
      'x0.85 as fast',
    );
    expect(formatComparisonTable(compareReports(base, 'old.json', loop(4_750_000)))).not.toContain('as fast');
  });

  it('says when the runs measured with other repeats (a --quick run against a full one)', () => {
    const quick: BenchReport = { ...base, repeats: { 'canonical job 1M': 3 } };
    const c = compareReports(base, 'old.json', quick);
    expect(c.sameRepeats).toBe(false);
    expect(formatComparisonTable(c)).toContain('The two runs measured with other repeats');
    expect(compareReports(base, 'old.json', base).sameRepeats).toBe(true);
    expect(formatComparisonTable(compareReports(base, 'old.json', base))).not.toContain('other repeats');
  });
});

describe('formatComparison', () => {
  it('prints one row per figure with both medians, the change and the verdict', () => {
    const base = benchReport(1.2);
    const c = compareReports(
      base,
      'reports/bench.json',
      withFigures(base, { recordsPerSecond: spread(900_000) }),
    );
    const table = formatComparisonTable(c);
    expect(table).toMatch(
      /^Compared with reports\/bench\.json \(generated 2026-11-30T00:00:00\.000Z on 2 x Test CPU\)/,
    );
    expect(table.split('\n').find((l) => l.startsWith('recordsPerSecond'))).toMatch(
      /1,200,000 +900,000 +-25\.0% +WORSE$/,
    );
    const md = formatComparisonMarkdown(c);
    expect(md).toContain('## Compared with a baseline');
    expect(md).toContain('| recordsPerSecond | 1,200,000 | 900,000 | -25.0% | WORSE |');
    expect(md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| figure'))).toHaveLength(
      c.figures.length,
    );
  });
});

describe('parseBaseline', () => {
  it('reads a report an earlier run wrote', () => {
    const base = benchReport(1.2);
    expect(parseBaseline(JSON.stringify(base)).figures.recordsPerSecond).toEqual(
      base.figures.recordsPerSecond,
    );
  });

  it('fails with one line on anything else', () => {
    const bad = [
      '{',
      '[]',
      '{"version": 2}',
      '{"version": 1, "figures": {}}',
      '{"version": 1, "figures": {"recordsPerSecond": {"min": 1, "median": 1, "max": 1}}}',
    ];
    for (const text of bad) {
      expect(() => parseBaseline(text)).toThrow(BaselineError);
      try {
        parseBaseline(text);
      } catch (error) {
        expect((error as Error).message).not.toContain('\n');
      }
    }
    expect(() => parseBaseline('{')).toThrow(/^not JSON/);
    expect(() => parseBaseline('{"version": 1, "figures": {}}')).toThrow(/no figures\.recordsPerSecond/);
  });
});
