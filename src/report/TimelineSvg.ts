import { html, type SafeHtml } from './Html.ts';
import type { MarkKind, Timeline, TimelineMark } from './types.ts';

const LABEL_WIDTH = 170;
const COLUMN = 18;
const LANE = 34;
const HEADER = 74;
const FOOTER = 8;

/** Colours per mark kind; the legend in the HTML report uses the same table. */
export const MARK_COLOURS: Readonly<Record<MarkKind, string>> = {
  record: '#2563eb',
  deliver: '#60a5fa',
  trigger: '#d97706',
  barrier: '#d97706',
  snapshot: '#b45309',
  notify: '#16a34a',
  complete: '#16a34a',
  'checkpoint-abort': '#6b7280',
  fault: '#dc2626',
  restart: '#7c3aed',
  finish: '#9ca3af',
  write: '#1d4ed8',
  begin: '#6b7280',
  'pre-commit': '#ca8a04',
  commit: '#15803d',
  recommit: '#15803d',
  abort: '#b91c1c',
  expire: '#b91c1c',
  wal: '#0f766e',
  read: '#64748b',
  other: '#6b7280',
};

/** What a mark looks like, drawn around its centre (x, y). Shared with the legend. */
export function markShape(kind: MarkKind, x: number, y: number): SafeHtml {
  const c = MARK_COLOURS[kind];
  const diamond = (size: number) => `${x},${y - size} ${x + size},${y} ${x},${y + size} ${x - size},${y}`;
  switch (kind) {
    case 'record':
      return html`<circle cx="${x}" cy="${y}" r="4.5" fill="${c}"/>`;
    case 'deliver':
      return html`<circle cx="${x}" cy="${y}" r="3.5" fill="#fff" stroke="${c}" stroke-width="1.5"/>`;
    case 'trigger':
      return html`<polygon points="${diamond(6)}" fill="${c}"/>`;
    case 'barrier':
      return html`<rect x="${x - 2}" y="${y - 9}" width="4" height="18" fill="${c}"/>`;
    case 'snapshot':
      return html`<rect x="${x - 5}" y="${y - 5}" width="10" height="10" fill="${c}"/>`;
    case 'notify':
      return html`<path d="M${x - 4} ${y} l3 3 l5 -7" fill="none" stroke="${c}" stroke-width="2"/>`;
    case 'complete':
      return html`<circle cx="${x}" cy="${y}" r="5" fill="${c}"/>`;
    case 'checkpoint-abort':
      return html`<circle cx="${x}" cy="${y}" r="5" fill="#fff" stroke="${c}" stroke-width="2"/>`;
    case 'fault':
      return html`<path d="M${x - 6} ${y - 6} L${x + 6} ${y + 6} M${x + 6} ${y - 6} L${x - 6} ${y + 6}" stroke="${c}" stroke-width="3"/>`;
    case 'restart':
      return html`<polygon points="${x - 5},${y - 6} ${x + 6},${y} ${x - 5},${y + 6}" fill="${c}"/>`;
    case 'finish':
      return html`<rect x="${x - 3}" y="${y - 3}" width="6" height="6" fill="${c}"/>`;
    case 'write':
      return html`<rect x="${x - 4}" y="${y - 4}" width="8" height="8" fill="${c}"/>`;
    case 'begin':
      return html`<circle cx="${x}" cy="${y}" r="3" fill="${c}"/>`;
    case 'pre-commit':
      return html`<polygon points="${diamond(6)}" fill="#fff" stroke="${c}" stroke-width="2"/>`;
    case 'commit':
      return html`<polygon points="${diamond(7)}" fill="${c}"/>`;
    case 'recommit':
      return html`<polygon points="${diamond(7)}" fill="#fff" stroke="${c}" stroke-width="2"/>`;
    case 'abort':
      return html`<polygon points="${diamond(6)}" fill="#fff" stroke="${c}" stroke-width="2.5"/>`;
    case 'expire':
      return html`<polygon points="${diamond(6)}" fill="${c}"/>`;
    case 'wal':
      return html`<rect x="${x - 4}" y="${y - 4}" width="8" height="8" fill="none" stroke="${c}" stroke-width="2"/>`;
    case 'read':
      return html`<polygon points="${x},${y - 5} ${x + 5},${y + 4} ${x - 5},${y + 4}" fill="${c}"/>`;
    case 'other':
      return html`<circle cx="${x}" cy="${y}" r="3" fill="${c}"/>`;
  }
}

/** Labels worth printing next to the mark (others are in the tooltip only). */
const LABELLED = new Set<MarkKind>([
  'record',
  'barrier',
  'snapshot',
  'trigger',
  'fault',
  'restart',
  'write',
  'pre-commit',
  'commit',
  'recommit',
  'abort',
  'expire',
  'wal',
  'other',
]);

function x(step: number): number {
  return LABEL_WIDTH + step * COLUMN + COLUMN / 2;
}

/**
 * A timeline as an SVG swimlane picture: one lane per lane of the timeline
 * (job, subtasks, external system), one column per mark, time along the top;
 * checkpoint completions, aborts and failovers are lines across all lanes.
 * Every mark carries its sentence as a tooltip.
 */
export function renderTimelineSvg(timeline: Timeline, title: string): SafeHtml {
  const width = LABEL_WIDTH + Math.max(timeline.marks.length, 1) * COLUMN + 24;
  const height = HEADER + timeline.lanes.length * LANE + FOOTER;
  const laneIndex = new Map(timeline.lanes.map((l, i) => [l.id, i]));
  const laneY = (id: string) => HEADER + (laneIndex.get(id) ?? 0) * LANE + LANE / 2;
  const labels = new Map(timeline.lanes.map((l) => [l.id, l.label]));

  const lanes = timeline.lanes.map(
    (l, i) => html`<g class="lane" data-lane="${l.id}">
<rect x="0" y="${HEADER + i * LANE}" width="${width}" height="${LANE}" fill="${i % 2 === 0 ? '#f8fafc' : '#ffffff'}"/>
<line x1="${LABEL_WIDTH}" y1="${HEADER + i * LANE + LANE / 2}" x2="${width}" y2="${HEADER + i * LANE + LANE / 2}" stroke="#e2e8f0"/>
<text x="8" y="${HEADER + i * LANE + LANE / 2 + 4}" class="lane-label">${l.label}</text>
</g>`,
  );

  const ticks: SafeHtml[] = [];
  let lastTime: number | undefined;
  let lastTickX = Number.NEGATIVE_INFINITY;
  for (const m of timeline.marks) {
    if (m.time === lastTime) continue;
    lastTime = m.time;
    const at = x(m.step) - COLUMN / 2;
    if (at - lastTickX < 48) continue;
    lastTickX = at;
    ticks.push(
      html`<line x1="${at}" y1="18" x2="${at}" y2="${height - FOOTER}" stroke="#e5e7eb" stroke-dasharray="1 3"/><text x="${at + 2}" y="14" class="tick">t=${m.time}</text>`,
    );
  }

  const spans = timeline.marks
    .filter((m) => m.spansLanes)
    .map((m) => {
      const colour = MARK_COLOURS[m.kind];
      const dash = m.kind === 'restart' ? '' : '4 3';
      return html`<g class="span k-${m.kind}"><line x1="${x(m.step)}" y1="${HEADER - 4}" x2="${x(m.step)}" y2="${height - FOOTER}" stroke="${colour}" stroke-width="2" stroke-dasharray="${dash}"/>
<text transform="translate(${x(m.step) + 3},${HEADER - 8}) rotate(-40)" class="span-label" fill="${colour}">${m.label}</text></g>`;
    });

  const laneCount = new Map<string, number>();
  const marks = timeline.marks.map((m: TimelineMark) => {
    const y = laneY(m.lane);
    const n = laneCount.get(m.lane) ?? 0;
    laneCount.set(m.lane, n + 1);
    const showLabel = LABELLED.has(m.kind) && m.label !== '' && !m.spansLanes;
    // Alternate labels above and below the lane line so that neighbours do not overlap.
    const labelY = n % 2 === 0 ? y - 9 : y + 16;
    const tooltip = `t=${m.time} ${labels.get(m.lane) ?? m.lane}: ${m.detail}`;
    return html`<g class="mark k-${m.kind}" data-kind="${m.kind}" data-step="${m.step}"><title>${tooltip}</title>${markShape(m.kind, x(m.step), y)}${
      showLabel
        ? html`<text x="${x(m.step)}" y="${labelY}" class="mark-label" fill="${MARK_COLOURS[m.kind]}">${m.label}</text>`
        : ''
    }</g>`;
  });

  return html`<svg xmlns="http://www.w3.org/2000/svg" class="timeline" role="img" aria-label="${title}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<style>.lane-label{font:12px ui-monospace,monospace;fill:#1f2937}.tick{font:10px ui-monospace,monospace;fill:#6b7280}.span-label{font:bold 10px ui-monospace,monospace}.mark-label{font:9px ui-monospace,monospace;text-anchor:middle}</style>
${lanes}${ticks}${spans}${marks}
</svg>`;
}
