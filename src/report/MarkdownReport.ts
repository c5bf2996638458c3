import { entryAgrees } from '../matrix/EntryAgreement.ts';
import type { ConsistencyReport, Counterexample, MatrixEntryResult, RealRow } from '../matrix/types.ts';
import { realRowVerdict } from './RealRowVerdict.ts';
import { entryScenarioName, replayCommand } from './ReplayCommand.ts';
import { MODE_TITLES, MODES, SINK_TITLES, SINKS, SOURCE_TITLES, SOURCES } from './TableLayout.ts';

export interface ReportRenderOptions {
  /** Where the report's JSON is, named in the page's footer. */
  readonly reportFile?: string;
}

/** The anchor of an entry's counterexample or violation section. */
export function caseAnchor(entryId: string, role: 'counterexample' | 'violation'): string {
  return `${role === 'violation' ? 'finding' : 'cx'}-${entryScenarioName(entryId)}`;
}

function cellText(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function entryCell(e: MatrixEntryResult): string {
  const verdict =
    e.observed === e.expected ? `**${e.observed}**` : `**${e.observed}** (expected ${e.expected})`;
  const holds = e.holds
    ? '✓ holds'
    : `✗ [does not hold](#${caseAnchor(e.id, 'violation')})${e.knownFinding === undefined ? '' : ' (known finding)'}`;
  const tight = e.tight
    ? e.counterexample === undefined
      ? '✓ tight'
      : `✓ [tight](#${caseAnchor(e.id, 'counterexample')})`
    : '✗ not tight';
  return `${verdict}<br>${holds} · ${tight}`;
}

function caseSection(
  e: MatrixEntryResult,
  c: Counterexample,
  role: 'counterexample' | 'violation',
): string[] {
  const heading =
    role === 'violation'
      ? `### Finding: ${e.id} does not hold ${e.expected}`
      : `### ${e.id}: tightness counterexample (${c.observed})`;
  return [
    `<a id="${caseAnchor(e.id, role)}"></a>`,
    '',
    heading,
    '',
    `${cellText(c.summary)}`,
    '',
    ...(role === 'violation' && e.knownFinding !== undefined
      ? [`> **Known finding:** ${e.knownFinding}`, '']
      : []),
    `- observed: **${c.observed}** (expected ${e.expected}${role === 'counterexample' ? `; ${cellText(e.tightness)}` : ''})`,
    `- seed ${c.seed}, path \`${c.path || '(empty)'}\`, run seed ${c.runSeed}`,
    `- ${c.records} records, ${c.faults} faults, trace hash \`${c.traceHash}\``,
    `- replay: \`${replayCommand(e.id, c)}\``,
    '',
  ];
}

/**
 * consistency.md: per checkpoint mode the seed's table (sink x source) with
 * the observed level, whether the expected one held and whether it is tight,
 * linked to the counterexamples, each with its replay command. Pure.
 */
export function renderMarkdown(report: ConsistencyReport, options: ReportRenderOptions = {}): string {
  const lines: string[] = ['# streamproof consistency report', ''];
  if (options.reportFile !== undefined) lines.push(`Rendered from \`${options.reportFile}\`.`, '');
  const disagree = report.entries.filter((e) => !entryAgrees(e));
  const known = report.entries.filter((e) => entryAgrees(e) && !e.holds).length;
  lines.push(
    `Seed ${report.seed}, ${report.runs} runs per entry, ${report.entries.length} entries` +
      `${report.shard === undefined ? '' : ` (shard ${report.shard.index}/${report.shard.count})`}, ` +
      `${(report.millis / 1000).toFixed(1)} s. ` +
      (report.agrees && known === 0
        ? '**Every entry agrees with the table.**'
        : report.agrees
          ? `**${report.entries.length - known} of ${report.entries.length} entries agree with the table; the others are documented findings.**`
          : `**${disagree.length} entr${disagree.length === 1 ? 'y disagrees' : 'ies disagree'} with the table.**`) +
      (known === 0
        ? ''
        : ` ${known} documented finding${known === 1 ? '' : 's'} (the table is optimistic there; see Findings).`),
    '',
    'Each cell: the weakest guarantee observed; *holds* = the expected guarantee held in every run; ' +
      '*tight* = a shrunk counterexample breaks the next stronger one (linked, with its replay command).',
    '',
  );
  for (const mode of MODES) {
    const entries = report.entries.filter((e) => e.mode === mode);
    if (entries.length === 0) continue;
    lines.push(
      `## ${MODE_TITLES[mode]}`,
      '',
      `| sink \\ source | ${SOURCES.map((s) => SOURCE_TITLES[s]).join(' | ')} |`,
    );
    lines.push(`|---|${SOURCES.map(() => '---').join('|')}|`);
    for (const sink of SINKS) {
      const row = SOURCES.map((source) => {
        const e = entries.find((x) => x.sink === sink && x.source === source);
        return e === undefined ? '—' : entryCell(e);
      });
      if (row.every((c) => c === '—')) continue;
      lines.push(`| ${SINK_TITLES[sink]} | ${row.join(' | ')} |`);
    }
    lines.push('');
    const expected = entries.map((e) => `${e.id}: ${e.expected}`).join(', ');
    lines.push(`<details><summary>expected</summary>${cellText(expected)}</details>`, '');
  }
  if (report.real !== undefined && report.real.length > 0) {
    lines.push('## Real systems', '', '| system | source | sink | trials | expected | observed | agrees |');
    lines.push('|---|---|---|---|---|---|---|');
    for (const r of report.real) {
      lines.push(
        `| ${cellText(r.system)} | ${SOURCE_TITLES[r.source]} | ${SINK_TITLES[r.sink]} | ${r.trials} | ${r.expected} | ${r.observed} | ${realCell(r)} |`,
      );
    }
    lines.push('');
  }
  const findings = report.entries.filter((e) => e.violation !== undefined);
  if (findings.length > 0) {
    lines.push('## Findings', '');
    for (const e of findings) lines.push(...caseSection(e, e.violation as Counterexample, 'violation'));
  }
  const counterexamples = report.entries.filter((e) => e.counterexample !== undefined);
  if (counterexamples.length > 0) {
    lines.push('## Counterexamples (tightness)', '');
    for (const e of counterexamples) {
      lines.push(...caseSection(e, e.counterexample as Counterexample, 'counterexample'));
    }
  }
  const transient = report.entries.filter((e) => e.transient !== undefined);
  if (transient.length > 0) {
    lines.push('## Temporary inconsistency seen by readers', '');
    for (const e of transient) lines.push(`- ${e.id}: ${cellText(e.transient ?? '')}`);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** A real row's verdict cell: the mark, the finding if any, and a link to its history. */
function realCell(r: RealRow): string {
  const v = realRowVerdict(r);
  return `${cellText(v.text)}${v.history === undefined ? '' : ` ([history](${v.history}))`}`;
}
