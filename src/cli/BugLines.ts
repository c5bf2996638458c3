import type { BugControl, BugReport, BugResult } from '../matrix/types.ts';

/** One line per hunted seeded bug: caught or escaped, by which checkers, how fast, how small. */
export function bugLine(b: BugResult): string {
  const verdict = b.caught ? `caught by ${b.caughtBy.join(', ')}` : 'ESCAPED';
  const ce = b.counterexample;
  const size = ce === undefined ? '' : `, ${ce.records} record(s), ${ce.faults} fault(s)`;
  return `${b.defect.padEnd(34)} ${verdict.padEnd(44)} ${b.millisToCatch} ms, ${b.runs} run(s)${size}`;
}

/** One line per control suite: violations with no seeded bug switched on. */
export function controlLine(c: BugControl): string {
  const suite = `${c.entry}${c.workload === 'list-append' ? '' : ` (${c.workload})`}`;
  return `control ${suite.padEnd(44)} ${c.violations === 0 ? 'no violation' : `${c.violations} VIOLATION(S)`} in ${c.runs} runs`;
}

/** The summary line of a catalogue run. */
export function bugSummaryLine(r: BugReport): string {
  const violations = r.controls.reduce((n, c) => n + c.violations, 0);
  return (
    `${r.caught}/${r.bugs.length} seeded bugs caught (seed ${r.seed}, ${r.runs} runs per search, ${(r.millis / 1000).toFixed(1)} s); ` +
    `time to catch median ${r.medianMillisToCatch} ms, max ${r.maxMillisToCatch} ms; ` +
    `counterexamples up to ${r.maxRecords} record(s) and ${r.maxFaults} fault(s); ` +
    `controls: ${violations === 0 ? 'no violation' : `${violations} violation(s)`}`
  );
}

/** What to do about a seeded bug that escaped or a control that failed. */
export function bugProblemLines(r: BugReport): string[] {
  const lines: string[] = [];
  for (const b of r.bugs) {
    if (!b.caught) {
      lines.push(
        `ESCAPED ${b.defect}: no failing run of ${b.entry} in ${b.runs} runs; search longer with --runs`,
      );
    }
  }
  for (const c of r.controls) {
    if (c.violations > 0 && c.example !== undefined) {
      lines.push(`CONTROL VIOLATED ${c.entry} (${c.workload}), no seeded bug: ${c.example.summary}`);
      lines.push(`  replay: ${c.example.replay}`);
    }
  }
  return lines;
}
