import {
  type BenchComparison,
  type FigureChange,
  HOST_BAND,
  MIN_CHANGE,
  ONCE_BAND,
} from './BenchComparison.ts';

const HEADER = ['figure', 'baseline', 'this run', 'change', 'verdict'];

function median(x: number): string {
  const digits = Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2;
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function percent(change: number): string {
  const p = change * 100;
  return `${p >= 0 ? '+' : ''}${p.toFixed(1)}%`;
}

function cells(f: FigureChange): string[] {
  return [
    f.figure,
    median(f.baseline.median),
    median(f.current.median),
    percent(f.change),
    f.verdict === 'within noise'
      ? 'within noise'
      : `${f.verdict.toUpperCase()}${f.once ? ' (measured once)' : ''}`,
  ];
}

/** The sentences above the table: what the baseline is, and whether the hosts are comparable. */
function preamble(c: BenchComparison): string[] {
  const b = c.baseline;
  const lines = [
    `Compared with ${b.file} (generated ${b.generatedAt} on ${b.cpus} x ${b.cpuModel}): medians; a change is ` +
      `better or worse when it is over ${Math.round(MIN_CHANGE * 100)}% and the two runs' repeats do not ` +
      `overlap, or over ${Math.round(ONCE_BAND * 100)}% for a figure measured once.`,
  ];
  if (Number.isNaN(c.hostSpeed)) {
    lines.push('The baseline has no bare loop figure: whether the host differs is unknown.');
  } else if (Math.abs(c.hostSpeed - 1) > HOST_BAND) {
    lines.push(
      `The bare loop ran x${c.hostSpeed.toFixed(2)} as fast as in the baseline: another host or other load, ` +
        'which moves every absolute figure; compare ratioToBaseline and the per-CPU-second rows instead, or ' +
        'run both on one machine.',
    );
  }
  if (!c.sameRepeats) {
    lines.push(
      'The two runs measured with other repeats (one of them --quick, or another version of the benchmark): ' +
        'the first-runs rows and the matrix entry differ for that reason as well.',
    );
  }
  return lines;
}

/** The comparison as a plain-text table, as printed after the benchmark's own table. */
export function formatComparisonTable(c: BenchComparison): string {
  const rows = [HEADER, ...c.figures.map(cells)];
  const widths = HEADER.map((_, i) => Math.max(...rows.map((r) => (r[i] as string).length)));
  const line = (r: string[]) =>
    r
      .map((cell, i) =>
        i >= 1 && i <= 3 ? cell.padStart(widths[i] as number) : cell.padEnd(widths[i] as number),
      )
      .join('  ')
      .trimEnd();
  return [...preamble(c), '', ...rows.map(line), ...c.skipped.map((s) => `(not compared: ${s})`)].join('\n');
}

/** The comparison as a Markdown section for bench.md. */
export function formatComparisonMarkdown(c: BenchComparison): string {
  return [
    '## Compared with a baseline',
    '',
    ...preamble(c),
    '',
    `| ${HEADER.join(' | ')} |`,
    `|${HEADER.map((_, i) => (i >= 1 && i <= 3 ? '---:' : '---')).join('|')}|`,
    ...c.figures.map((f) => `| ${cells(f).join(' | ')} |`),
    ...(c.skipped.length === 0 ? [] : ['', ...c.skipped.map((s) => `- not compared: ${s}`)]),
    '',
  ].join('\n');
}
