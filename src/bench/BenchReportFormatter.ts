import type { BenchReport, MatrixWallTime, Spread, TargetCheck } from './types.ts';
import { coresBusy } from './WorkersCpuBound.ts';

interface Row {
  readonly figure: string;
  readonly value: Spread;
  readonly digits: number;
  readonly target?: TargetCheck;
}

function num(x: number, digits: number): string {
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A figure measured once, in the min / median / max columns. */
function once(value: number): Spread {
  return { min: value, median: value, max: value };
}

function rowsOf(report: BenchReport): Row[] {
  const f = report.figures;
  const withTarget = (row: Row, name: string): Row => {
    const target = report.targets.find((t) => t.name === name);
    return target === undefined ? row : { ...row, target };
  };
  const size = (n: number) => n.toLocaleString('en-US');
  const rows: Row[] = [
    withTarget(
      {
        figure: `recordsPerSecond (canonical job, ${size(report.job.records)} records)`,
        value: f.recordsPerSecond,
        digits: 0,
      },
      'recordsPerSecond',
    ),
    { figure: 'records per CPU second (same runs)', value: f.recordsPerCpuSecond, digits: 0 },
    { figure: 'bare loop records/s (same input)', value: f.baselineRecordsPerSecond, digits: 0 },
    withTarget(
      { figure: 'ratioToBaseline (runtime time / loop time)', value: f.ratioToBaseline, digits: 2 },
      'ratioToBaseline',
    ),
    ...headroomRows(report),
    withTarget(
      {
        figure: 'crash-and-restore scenario runs/s (1000 records)',
        value: f.scenarioRunsPerSecond,
        digits: 0,
      },
      'scenarioRunsPerSecond',
    ),
    { figure: 'scenario runs per CPU second (same runs)', value: f.scenarioRunsPerCpuSecond, digits: 0 },
    {
      figure: `scenario runs/s, the first ${size(f.scenarioFirstRuns.runs)} runs of the process (timed once)`,
      value: once(f.scenarioFirstRuns.runsPerSecond),
      digits: 0,
    },
    { figure: 'matrix entry runs/s (resettable/2pc/aligned)', value: f.matrixEntryRunsPerSecond, digits: 0 },
    {
      figure: `matrix entry runs/s, its first ${size(f.matrixEntryFirstRuns.runs)} runs (${f.matrixEntryFirstRuns.repeats} repeats, timed once)`,
      value: once(f.matrixEntryFirstRuns.runsPerSecond),
      digits: 0,
    },
  ];
  f.growth.forEach((g, i) => {
    rows.push({ figure: `wall ms, ${size(g.records)} records`, value: g.wallMs, digits: 1 });
    const perRecord: Row = {
      figure: `ns/record, ${size(g.records)} records (x${num(g.relativeToSmallest, 2)} of smallest)`,
      value: g.nsPerRecord,
      digits: 0,
    };
    rows.push(i === f.growth.length - 1 ? withTarget(perRecord, 'linearCost') : perRecord);
  });
  rows.push({ figure: `peak heap MB, ${size(report.job.records)} records`, value: f.peakHeapMB, digits: 0 });
  rows.push({
    figure: 'scenario runs/s, one process alone',
    value: f.machineScaling.aloneRunsPerSecond,
    digits: 0,
  });
  rows.push({
    figure: `scenario runs/s, two processes side by side (x${num(f.machineScaling.scaling, 2)})`,
    value: f.machineScaling.pairRunsPerSecond,
    digits: 0,
  });
  const runs = (n: number) => `--runs ${size(n)}`;
  const m = f.matrixWallTime;
  rows.push({ figure: `matrix wall s, ${runs(m.runs)}, --workers 1`, value: m.workers1, digits: 1 });
  rows.push(
    withTarget(
      {
        figure: `matrix wall s, ${runs(m.runs)}, --workers 2 (x${num(m.speedup, 2)} faster)`,
        value: m.workers2,
        digits: 1,
      },
      'matrixSpeedup',
    ),
  );
  rows.push(...cpuRows(m));
  rows.push(...shardPairRows(m));
  const long = f.longMatrixWallTime;
  rows.push({ figure: `matrix wall s, ${runs(long.runs)}, --workers 1`, value: long.workers1, digits: 1 });
  rows.push({
    figure: `matrix wall s, ${runs(long.runs)}, --workers 2 (x${num(long.speedup, 2)} faster)`,
    value: long.workers2,
    digits: 1,
  });
  rows.push(...cpuRows(long));
  rows.push({ figure: 'matrix wall s, warm pool, 1 thread', value: f.warmPool.warm1, digits: 1 });
  rows.push({
    figure: `matrix wall s, warm pool, 2 threads (x${num(f.warmPool.speedup, 2)} faster)`,
    value: f.warmPool.warm2,
    digits: 1,
  });
  return rows;
}

/** What the absolute targets ask of the code on this host, when the report has it. */
function headroomRows(report: BenchReport): Row[] {
  const h = report.figures.hostHeadroom;
  if (h === undefined) return [];
  const n = (x: number) => x.toLocaleString('en-US');
  return [
    {
      figure: `ratioToBaseline that ${n(h.recordsTarget)} records/s needs on this host (bare loop / target)`,
      value: once(h.ratioNeeded),
      digits: 2,
    },
    {
      figure: `scenario speed-up that ${n(h.scenarioTarget)} runs/s needs on this host (<= 1: none)`,
      value: once(h.scenarioSpeedupNeeded),
      digits: 2,
    },
  ];
}

/** The CPU seconds of a --workers comparison's processes, all threads, when measured. */
function cpuRows(m: MatrixWallTime): Row[] {
  const rows: Row[] = [];
  const runs = `--runs ${m.runs.toLocaleString('en-US')}`;
  const busy = (cpu: Spread, wall: Spread) => num(coresBusy(cpu, wall), 2);
  if (m.workers1Cpu !== undefined) {
    rows.push({
      figure: `matrix CPU s, ${runs}, --workers 1 (${busy(m.workers1Cpu, m.workers1)} cores busy)`,
      value: m.workers1Cpu,
      digits: 1,
    });
  }
  if (m.workers2Cpu !== undefined) {
    rows.push({
      figure: `matrix CPU s, ${runs}, --workers 2 (${busy(m.workers2Cpu, m.workers2)} cores busy)`,
      value: m.workers2Cpu,
      digits: 1,
    });
  }
  return rows;
}

/** The matrix as two --shard processes at once, when measured: what any split over two isolates gets. */
function shardPairRows(m: MatrixWallTime): Row[] {
  const pair = m.shardPair;
  if (pair === undefined) return [];
  const label = `matrix wall s, --runs ${m.runs.toLocaleString('en-US')}, --shard 1/2 and 2/2 as two processes at once`;
  const rows: Row[] = [
    { figure: `${label} (x${num(pair.speedup, 2)} faster than one)`, value: pair.wall, digits: 1 },
  ];
  if (pair.cpu !== undefined) {
    rows.push({
      figure: `matrix CPU s, --runs ${m.runs.toLocaleString('en-US')}, the two --shard processes together`,
      value: pair.cpu,
      digits: 1,
    });
  }
  return rows;
}

function cells(r: Row): string[] {
  const v = r.value;
  const t = r.target;
  const verdict = t === undefined ? '' : t.holds ? 'holds' : 'MISSED';
  return [
    r.figure,
    num(v.min, r.digits),
    num(v.median, r.digits),
    num(v.max, r.digits),
    t?.target ?? '',
    verdict,
  ];
}

const HEADER = ['figure', 'min', 'median', 'max', 'target', ''];

/** A plain aligned table for the terminal. */
export function formatTable(report: BenchReport): string {
  const table = [HEADER, ...rowsOf(report).map(cells)];
  const widths = HEADER.map((_, c) => Math.max(...table.map((row) => (row[c] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, c) =>
        c === 0 || c >= 4 ? cell.padEnd(widths[c] as number) : cell.padStart(widths[c] as number),
      )
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(table[0] as string[]), rule, ...table.slice(1).map(line)].join('\n');
}

/** reports/bench.md: the same table, the job and the notes. */
export function formatMarkdown(report: BenchReport): string {
  const j = report.job;
  const m = report.machine;
  const repeats = Object.entries(report.repeats)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
  return [
    '# streamproof benchmark',
    '',
    `Generated by \`npm run bench\` on ${report.generatedAt} (Node ${m.node}, ${m.cpus} x ${m.cpuModel}, ` +
      `1-minute load average ${m.loadAverage.before.toFixed(2)} before, ${m.loadAverage.after.toFixed(2)} after). ` +
      `Every figure is min / median / max over repeats (${repeats}).`,
    '',
    `Canonical job: ${j.records.toLocaleString('en-US')} records over ${j.keys} keys in ${j.partitions} partitions, ` +
      `keyed list append at parallelism ${j.parallelism}, aligned checkpoints every ${j.checkpointInterval} ` +
      `simulated ms, no faults; sink: ${j.sink}. One run takes ${j.steps.toLocaleString('en-US')} scheduler steps ` +
      `and completes ${j.checkpointsCompleted} checkpoints; trace hash ${j.traceHash}.`,
    '',
    `| ${HEADER.join(' | ')} |`,
    `|${HEADER.map((_, i) => (i >= 1 && i <= 3 ? '---:' : '---')).join('|')}|`,
    ...rowsOf(report).map((r) => `| ${cells(r).join(' | ')} |`),
    '',
    '## Notes',
    '',
    ...report.notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
}
