import type { BugChecker, BugReport, BugResult } from '../matrix/types.ts';

const CHECKER_TITLES: Record<BugChecker, string> = {
  guarantee: 'guarantee',
  '2pc-protocol': '2PC protocol',
  'consistent-cuts': 'consistent cuts',
};

function cellText(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function bugRow(b: BugResult): string {
  const ce = b.counterexample;
  const size = ce === undefined ? '—' : `${plural(ce.records, 'record')}, ${plural(ce.faults, 'fault')}`;
  const caught = b.caught
    ? `✓ [${b.caughtBy.map((c) => CHECKER_TITLES[c]).join(', ')}](#bug-${b.defect})`
    : '✗ **escaped**';
  const suite = `${b.entry}${b.workload === 'list-append' ? '' : ` (${b.workload})`}, ${b.expected}`;
  return `| \`${b.defect}\` | ${cellText(b.mirrors)} | ${cellText(suite)} | ${caught} | ${b.millisToCatch} ms | ${b.runs} | ${size} |`;
}

/**
 * bugs.md: the seeded-bug catalogue's result (DESIGN §7): one row per defect
 * (what it mirrors, the suite that hunted it, which checker caught it, time
 * to catch, runs, counterexample size), then every counterexample with its
 * replay command, then the controls (the same suites without a defect).
 */
export function renderBugMarkdown(report: BugReport, options: { reportFile?: string } = {}): string {
  const lines: string[] = [];
  const controlRuns = report.controls.reduce((n, c) => n + c.runs, 0);
  const controlViolations = report.controls.reduce((n, c) => n + c.violations, 0);
  lines.push('# Seeded bugs', '');
  lines.push(
    `\`npx streamproof bugs\` (seed ${report.seed}, at most ${report.runs} runs per search): ` +
      `**${report.caught} of ${report.bugs.length} seeded bugs caught**; time to catch median ${report.medianMillisToCatch} ms, ` +
      `max ${report.maxMillisToCatch} ms; counterexamples of at most ${plural(report.maxRecords, 'record')} and ` +
      `${plural(report.maxFaults, 'fault')}. Controls (the same suites, no bug): ` +
      `${controlViolations === 0 ? 'no violation' : `**${plural(controlViolations, 'violation')}**`} in ${controlRuns} runs.`,
    '',
  );
  lines.push(
    'Each bug is switched on alone and hunted by the holds property of a matrix entry (generated workloads, topologies, schedules and fault plans), judged by the guarantee checker, the 2PC protocol checker and, for a resettable source with exactly-once checkpoints, the consistent-cut checker. Time to catch is wall time to the first failing run; the counterexample is then shrunk.',
    '',
  );
  lines.push(
    '| seeded bug | mirrors | suite, expected | caught by | time to catch | runs | counterexample |',
  );
  lines.push('|---|---|---|---|---|---|---|');
  for (const b of report.bugs) lines.push(bugRow(b));
  lines.push('', '## Counterexamples', '');
  for (const b of report.bugs) {
    lines.push(`<a id="bug-${b.defect}"></a>`, `### ${b.defect}`, '', `The bug: ${b.what}.`, '');
    const ce = b.counterexample;
    if (ce === undefined) {
      lines.push(`**Escaped**: no failing run in ${b.runs} runs.`, '');
      continue;
    }
    lines.push(`${cellText(ce.summary)}`, '');
    lines.push(
      `Seed ${ce.seed}, path \`${ce.path === '' ? "''" : ce.path}\`, trace hash \`${ce.traceHash}\`.`,
      '',
    );
    lines.push('```sh', ce.replay, '```', '');
  }
  lines.push('## Controls', '');
  lines.push('| suite | runs | violations |', '|---|---|---|');
  for (const c of report.controls) {
    const suite = `${c.entry}${c.workload === 'list-append' ? '' : ` (${c.workload})`}`;
    const violations =
      c.violations === 0 ? '0' : `**${c.violations}**: ${cellText(c.example?.summary ?? '')}`;
    lines.push(`| ${suite} | ${c.runs} | ${violations} |`);
  }
  lines.push('');
  if (options.reportFile !== undefined) lines.push(`Data: \`${options.reportFile}\`.`, '');
  return lines.join('\n');
}
