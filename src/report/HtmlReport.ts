import { entryAgrees } from '../matrix/EntryAgreement.ts';
import type { ConsistencyReport, Counterexample, MatrixEntryResult, RealRow } from '../matrix/types.ts';
import { html, type SafeHtml, trustedHtml } from './Html.ts';
import { caseAnchor, type ReportRenderOptions } from './MarkdownReport.ts';
import { realRowVerdict } from './RealRowVerdict.ts';
import { replayCommand } from './ReplayCommand.ts';
import { MODE_TITLES, MODES, SINK_TITLES, SINKS, SOURCE_TITLES, SOURCES } from './TableLayout.ts';
import { markShape, renderTimelineSvg } from './TimelineSvg.ts';
import type { CaseTimeline, MarkKind } from './types.ts';

export interface HtmlReportOptions extends ReportRenderOptions {
  /** Replayed timelines by case anchor (see `caseAnchor`). */
  readonly timelines?: ReadonlyMap<string, CaseTimeline>;
}

const STYLE = trustedHtml(`
:root{color-scheme:light}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#111827;margin:0;background:#fff}
main{max-width:1200px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 8px}h3{font-size:16px;margin:0 0 6px}
.summary{margin:0 0 8px}.badge{display:inline-block;padding:2px 10px;border-radius:12px;font-weight:600}
.badge.ok{background:#dcfce7;color:#166534}.badge.bad{background:#fee2e2;color:#991b1b}.badge.finding{background:#fef3c7;color:#92400e}
table.matrix{border-collapse:collapse;margin:4px 0 8px}
table.matrix th,table.matrix td{border:1px solid #d1d5db;padding:8px 12px;text-align:left;vertical-align:top}
table.matrix thead th{background:#f3f4f6}table.matrix tbody th{background:#f9fafb;white-space:nowrap}
td.cell.ok{background:#f0fdf4}td.cell.bad{background:#fef2f2}td.cell.finding{background:#fffbeb}
.known{background:#fffbeb;border-left:4px solid #f59e0b;padding:6px 10px;margin:8px 0}
.observed{font-weight:700}.expected{color:#4b5563;font-size:13px}.flags{font-size:13px}
.yes{color:#15803d}.no{color:#b91c1c;font-weight:600}
.case{border:1px solid #e5e7eb;border-radius:8px;padding:14px 16px;margin:14px 0}
.case.violation{border-color:#fca5a5}
.case dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:8px 0;font-size:14px}
.case dt{color:#6b7280}.case dd{margin:0}
code,pre{font:13px ui-monospace,SFMono-Regular,Menlo,monospace}
pre.replay{background:#111827;color:#f9fafb;padding:8px 12px;border-radius:6px;overflow-x:auto;margin:6px 0}
.timeline-wrap{overflow-x:auto;border:1px solid #e5e7eb;border-radius:6px;margin-top:10px}
.unavailable{color:#92400e;background:#fffbeb;padding:6px 10px;border-radius:6px}
.warning{color:#991b1b;background:#fef2f2;padding:6px 10px;border-radius:6px}
.legend{display:flex;flex-wrap:wrap;gap:6px 16px;font-size:13px;margin:6px 0 10px;padding:0;list-style:none}
.legend li{display:flex;align-items:center;gap:4px}
footer{color:#6b7280;font-size:12px;margin-top:32px}
`);

const LEGEND: readonly [MarkKind, string][] = [
  ['record', 'record emitted by a source (id)'],
  ['deliver', 'record processed'],
  ['trigger', 'checkpoint triggered'],
  ['barrier', 'source: offsets snapshot, barrier sent'],
  ['snapshot', 'task snapshot (barriers aligned)'],
  ['notify', 'checkpoint-complete notification'],
  ['complete', 'checkpoint completed (line)'],
  ['checkpoint-abort', 'checkpoint aborted (line)'],
  ['fault', 'fault'],
  ['restart', 'failover / redeploy'],
  ['write', 'write to the external system'],
  ['pre-commit', 'pre-commit'],
  ['commit', 'commit'],
  ['recommit', 'repeated commit (no effect)'],
  ['abort', 'abort'],
  ['expire', 'expired by timeout'],
  ['wal', 'write-ahead log'],
  ['read', 'reader observation'],
];

/** A link to a real row's history file, when it has one (the report sits next to real/). */
function realRowHistoryLink(r: RealRow): SafeHtml {
  const history = realRowVerdict(r).history;
  return history === undefined ? html`` : html` (<a href="${history}">history</a>)`;
}

function legend(): SafeHtml {
  return html`<ul class="legend">${LEGEND.map(
    ([kind, text]) =>
      html`<li><svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">${markShape(kind, 9, 9)}</svg>${text}</li>`,
  )}</ul>`;
}

function cell(e: MatrixEntryResult | undefined): SafeHtml {
  if (e === undefined) return html`<td class="cell">—</td>`;
  const holds = e.holds
    ? html`<span class="yes">✓ holds</span>`
    : html`<a class="no" href="#${caseAnchor(e.id, 'violation')}">✗ does not hold${e.knownFinding === undefined ? '' : ' (known finding)'}</a>`;
  const tight = e.tight
    ? e.counterexample === undefined
      ? html`<span class="yes">✓ tight</span>`
      : html`<a class="yes" href="#${caseAnchor(e.id, 'counterexample')}">✓ tight</a>`
    : html`<span class="no">✗ not tight</span>`;
  const state = !entryAgrees(e) ? 'bad' : e.holds ? 'ok' : 'finding';
  return html`<td class="cell ${state}" data-entry="${e.id}" title="${e.tightness}">
<div class="observed">${e.observed}</div><div class="expected">expected ${e.expected}</div>
<div class="flags">${holds} · ${tight}</div></td>`;
}

function modeTable(report: ConsistencyReport): SafeHtml[] {
  return MODES.filter((mode) => report.entries.some((e) => e.mode === mode)).map((mode) => {
    const entries = report.entries.filter((e) => e.mode === mode);
    const rows = SINKS.filter((sink) => entries.some((e) => e.sink === sink)).map(
      (sink) =>
        html`<tr><th scope="row">${SINK_TITLES[sink]}</th>${SOURCES.map((source) =>
          cell(entries.find((e) => e.sink === sink && e.source === source)),
        )}</tr>`,
    );
    return html`<section class="mode"><h2>${MODE_TITLES[mode]}</h2>
<table class="matrix" data-mode="${mode}"><thead><tr><th>sink \\ source</th>${SOURCES.map(
      (s) => html`<th scope="col">${SOURCE_TITLES[s]}</th>`,
    )}</tr></thead><tbody>${rows}</tbody></table></section>`;
  });
}

function timelineBlock(
  c: Counterexample,
  anchor: string,
  timelines: ReadonlyMap<string, CaseTimeline>,
): SafeHtml {
  const t = timelines.get(anchor);
  if (t === undefined)
    return html`<p class="unavailable">No timeline: this report was rendered without replaying the case.</p>`;
  if ('unavailable' in t) return html`<p class="unavailable">No timeline: ${t.unavailable}</p>`;
  const warning =
    t.traceHash === c.traceHash
      ? ''
      : html`<p class="warning">The replay gave trace hash ${t.traceHash}, the report says ${c.traceHash}: the run is not reproducible.</p>`;
  return html`${warning}<div class="timeline-wrap">${renderTimelineSvg(t.timeline, `timeline of ${anchor}`)}</div>`;
}

function caseSection(
  e: MatrixEntryResult,
  c: Counterexample,
  role: 'counterexample' | 'violation',
  timelines: ReadonlyMap<string, CaseTimeline>,
): SafeHtml {
  const anchor = caseAnchor(e.id, role);
  const title =
    role === 'violation'
      ? `Finding: ${e.id} does not hold ${e.expected}`
      : `${e.id}: tightness counterexample (${c.observed})`;
  return html`<section class="case ${role}" id="${anchor}" data-entry="${e.id}">
<h3>${title}</h3><p>${c.summary}</p>
${role === 'violation' && e.knownFinding !== undefined ? html`<p class="known"><strong>Known finding:</strong> ${e.knownFinding}</p>` : ''}
<dl><dt>observed</dt><dd>${c.observed} (expected ${e.expected})</dd>
${role === 'counterexample' ? html`<dt>tight means</dt><dd>${e.tightness}</dd>` : ''}
<dt>seed / path</dt><dd><code>${c.seed}</code> / <code>${c.path || '(empty)'}</code> (run seed ${c.runSeed})</dd>
<dt>size</dt><dd>${c.records} records, ${c.faults} faults</dd>
<dt>trace hash</dt><dd><code>${c.traceHash}</code></dd></dl>
<pre class="replay">${replayCommand(e.id, c)}</pre>
${timelineBlock(c, anchor, timelines)}</section>`;
}

/**
 * consistency.html: one self-contained page (inline CSS and SVG, no scripts,
 * nothing fetched) with the table per mode and, for every counterexample, its
 * facts, replay command and swimlane timeline. Pure: everything comes from the
 * report and the given timelines.
 */
export function renderHtml(report: ConsistencyReport, options: HtmlReportOptions = {}): string {
  const timelines = options.timelines ?? new Map<string, CaseTimeline>();
  const disagree = report.entries.filter((e) => !entryAgrees(e)).length;
  const known = report.entries.filter((e) => entryAgrees(e) && !e.holds).length;
  const findings = report.entries.filter((e) => e.violation !== undefined);
  const counterexamples = report.entries.filter((e) => e.counterexample !== undefined);
  const real = report.real ?? [];
  const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>streamproof consistency report</title><style>${STYLE}</style></head>
<body><main>
<h1>streamproof consistency report</h1>
<p class="summary">Seed ${report.seed}, ${report.runs} runs per entry, ${report.entries.length} entries${
    report.shard === undefined ? '' : ` (shard ${report.shard.index}/${report.shard.count})`
  }, ${(report.millis / 1000).toFixed(1)} s.
<span class="badge ${report.agrees ? 'ok' : 'bad'}" id="verdict">${
    report.agrees && known === 0
      ? 'every entry agrees with the table'
      : report.agrees
        ? `${report.entries.length - known} of ${report.entries.length} entries agree with the table, the others are documented findings`
        : `${disagree} entr${disagree === 1 ? 'y disagrees' : 'ies disagree'} with the table`
  }</span>${known === 0 ? '' : html` <span class="badge finding">${known} documented finding${known === 1 ? '' : 's'}</span>`}</p>
<p>Each cell: the weakest guarantee observed over all runs; <em>holds</em>: the expected guarantee held in every run; <em>tight</em>: a shrunk counterexample breaks the next stronger guarantee (follow the link for its timeline and replay command).</p>
${modeTable(report)}
${
  real.length === 0
    ? ''
    : html`<section><h2>Real systems</h2><table class="matrix real"><thead><tr><th>system</th><th>source</th><th>sink</th><th>trials</th><th>expected</th><th>observed</th><th>agrees</th></tr></thead><tbody>${real.map(
        (r) =>
          html`<tr><td>${r.system}</td><td>${SOURCE_TITLES[r.source]}</td><td>${SINK_TITLES[r.sink]}</td><td>${r.trials}</td><td>${r.expected}</td><td>${r.observed}</td><td class="${r.agrees ? 'yes' : 'no'}">${realRowVerdict(r).text}${realRowHistoryLink(r)}</td></tr>`,
      )}</tbody></table></section>`
}
${
  findings.length + counterexamples.length === 0
    ? ''
    : html`<h2>Timelines</h2><p>One lane per subtask, one for the job's coordinator and one for the external system; one column per event, time along the top. Hover a mark for what happened.</p>${legend()}`
}
${findings.length === 0 ? '' : html`<h2>Findings</h2>${findings.map((e) => caseSection(e, e.violation as Counterexample, 'violation', timelines))}`}
${
  counterexamples.length === 0
    ? ''
    : html`<h2>Counterexamples (tightness)</h2>${counterexamples.map((e) =>
        caseSection(e, e.counterexample as Counterexample, 'counterexample', timelines),
      )}`
}
<footer>Generated by streamproof${options.reportFile === undefined ? '' : ` from ${options.reportFile}`}. Every run is reproducible from its seed and path.</footer>
</main></body></html>
`;
  return page.value;
}
