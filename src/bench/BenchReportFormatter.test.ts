import { describe, expect, it } from 'vitest';
import { formatMarkdown, formatTable } from './BenchReportFormatter.ts';
import { benchReport as report, spread } from './fixtures/benchReport.ts';
import type { BenchReport } from './types.ts';

/** The report with some figures replaced or added. */
function withFigures(base: BenchReport, figures: Partial<BenchReport['figures']>): BenchReport {
  return { ...base, figures: { ...base.figures, ...figures } };
}

describe('bench report formatting', () => {
  it('puts each target and its verdict on the row of its figure', () => {
    const lines = formatTable(report(1.1)).split('\n');
    const records = lines.find((l) => l.startsWith('recordsPerSecond'));
    expect(records).toMatch(/1,080,000 +1,200,000 +1,320,000 +>= 1,000,000 +holds$/);
    const missed = lines.find((l) => l.includes('--runs 1,000, --workers 2'));
    expect(missed).toContain('(x1.10 faster)');
    expect(missed).toMatch(/>= 1\.7x faster with 2 workers +MISSED$/);
    expect(formatTable(report(1.8))).toMatch(/--runs 1,000, --workers 2 \(x1\.80 faster\).* holds/);
  });

  it('shows the first scenario runs of the process as a figure measured once, without a verdict', () => {
    const line = formatTable(report(1.1))
      .split('\n')
      .find((l) => l.startsWith('scenario runs/s, the first 1,000 runs of the process (timed once)'));
    expect(line).toMatch(/ 640 +640 +640$/);
  });

  it("shows the matrix entry's first repeats as a figure measured once, after its warm repeats", () => {
    const lines = formatTable(report(1.1)).split('\n');
    const warm = lines.findIndex((l) => l.startsWith('matrix entry runs/s (resettable/2pc/aligned)'));
    const first = lines.findIndex((l) =>
      l.startsWith('matrix entry runs/s, its first 2,020 runs (20 repeats, timed once)'),
    );
    expect(warm).toBeGreaterThan(0);
    expect(first).toBe(warm + 1);
    expect(lines[first]).toMatch(/ 1,450 +1,450 +1,450$/);
  });

  it('names the runs per entry of both --workers comparisons; only the target one carries a verdict', () => {
    const table = formatTable(report(1.1));
    expect(table).toContain('matrix wall s, --runs 1,000, --workers 1');
    const long = table.split('\n').filter((l) => l.includes('--runs 5,000'));
    expect(long).toHaveLength(2);
    expect(long[1]).toContain('(x1.54 faster)');
    for (const l of long) expect(l).not.toMatch(/holds|MISSED/);
  });

  it('adds the CPU seconds of each --workers process, with the cores it kept busy, when they were measured', () => {
    const base = report(1.1);
    const withCpu = withFigures(base, {
      matrixWallTime: { ...base.figures.matrixWallTime, workers1Cpu: spread(7.5), workers2Cpu: spread(10) },
    });
    const lines = formatTable(withCpu).split('\n');
    expect(lines.find((l) => l.startsWith('matrix CPU s, --runs 1,000, --workers 1'))).toMatch(
      /\(1\.25 cores busy\) +6\.8 +7\.5 +8\.3$/,
    );
    expect(lines.find((l) => l.startsWith('matrix CPU s, --runs 1,000, --workers 2'))).toContain(
      '(1.83 cores busy)',
    );
    expect(formatTable(base)).not.toContain('matrix CPU s');
    expect(lines.filter((l) => l.includes('--runs 5,000'))).toHaveLength(2);
  });

  it('adds the matrix as two --shard processes after the --workers rows, when it was measured', () => {
    const base = report(1.1);
    const withPair = withFigures(base, {
      matrixWallTime: {
        ...base.figures.matrixWallTime,
        workers1Cpu: spread(7.5),
        workers2Cpu: spread(10),
        shardPair: { wall: spread(5.5), cpu: spread(10.5), speedup: 6 / 5.5 },
      },
    });
    const lines = formatTable(withPair).split('\n');
    const pair = lines.findIndex((l) =>
      l.startsWith(
        'matrix wall s, --runs 1,000, --shard 1/2 and 2/2 as two processes at once (x1.09 faster than one)',
      ),
    );
    expect(pair).toBe(lines.findIndex((l) => l.startsWith('matrix CPU s, --runs 1,000, --workers 2')) + 1);
    expect(lines[pair]).toMatch(/ 5\.0 +5\.5 +6\.1$/);
    expect(lines[pair]).not.toMatch(/holds|MISSED/);
    expect(lines[pair + 1]).toMatch(
      /^matrix CPU s, --runs 1,000, the two --shard processes together +9\.5 +10\.5 +11\.6$/,
    );
    expect(formatTable(base)).not.toContain('--shard');
  });

  it('puts what the absolute targets ask of this host under ratioToBaseline, measured once, without a verdict', () => {
    const base = report(1.1);
    const withHeadroom = withFigures(base, {
      hostHeadroom: {
        recordsTarget: 1_000_000,
        ratioNeeded: 2.14,
        scenarioTarget: 1000,
        scenarioSpeedupNeeded: 2.97,
      },
    });
    const lines = formatTable(withHeadroom).split('\n');
    const ratio = lines.findIndex((l) => l.startsWith('ratioToBaseline (runtime time / loop time)'));
    expect(lines[ratio + 1]).toMatch(
      /^ratioToBaseline that 1,000,000 records\/s needs on this host \(bare loop \/ target\) +2\.14 +2\.14 +2\.14$/,
    );
    expect(lines[ratio + 2]).toMatch(
      /^scenario speed-up that 1,000 runs\/s needs on this host \(<= 1: none\) +2\.97 +2\.97 +2\.97$/,
    );
    expect(formatTable(base)).not.toContain('needs on this host');
  });

  it('writes the same rows as a Markdown table, with the machine, the job and the notes', () => {
    const md = formatMarkdown(report(1.1));
    expect(md).toContain('Node 20.0.0, 2 x Test CPU, 1-minute load average 0.50 before, 1.50 after');
    expect(md).toContain(
      'One run takes 2,000,042 scheduler steps and completes 2 checkpoints; trace hash abc.',
    );
    expect(md).toMatch(/\| matrix wall s, --runs 1,000, --workers 2 \(x1\.10 faster\) \| .* \| MISSED \|/);
    expect(md.trimEnd().endsWith('- A note.')).toBe(true);
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| figure'));
    expect(rows).toHaveLength(formatTable(report(1.1)).split('\n').length - 2);
  });
});
