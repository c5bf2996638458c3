import type { MarkKind, Timeline } from './types.ts';

/** Short tags that make a plain-text timeline scannable by eye. */
const TAGS: Readonly<Record<MarkKind, string>> = {
  record: 'record',
  deliver: 'process',
  trigger: 'trigger',
  barrier: 'barrier',
  snapshot: 'snapshot',
  notify: 'notify',
  complete: 'COMPLETE',
  'checkpoint-abort': 'ABORTED',
  fault: 'FAULT',
  restart: 'RESTART',
  finish: 'finish',
  write: 'write',
  begin: 'begin',
  'pre-commit': 'pre-commit',
  commit: 'COMMIT',
  recommit: 're-commit',
  abort: 'ABORT',
  expire: 'EXPIRED',
  wal: 'wal',
  read: 'read',
  other: 'event',
};

/**
 * A timeline as text, one line per mark: time, lane, what happened. With
 * `records: false` the per-record lines (emit, process) are left out, which
 * keeps long runs readable while barriers, snapshots, faults and commits stay.
 */
export function formatTimeline(timeline: Timeline, options: { records?: boolean } = {}): string[] {
  const showRecords = options.records ?? true;
  const labels = new Map(timeline.lanes.map((l) => [l.id, l.label]));
  const width = Math.max(...timeline.lanes.map((l) => l.label.length), 3);
  const lines: string[] = [];
  let hidden = 0;
  for (const m of timeline.marks) {
    if (!showRecords && (m.kind === 'record' || m.kind === 'deliver')) {
      hidden++;
      continue;
    }
    const lane = (labels.get(m.lane) ?? m.lane).padEnd(width);
    lines.push(`t=${String(m.time).padStart(6)}  ${lane}  ${TAGS[m.kind].padEnd(10)} ${m.detail}`);
  }
  if (hidden > 0) lines.push(`(${hidden} record emit/process lines left out; --records shows them)`);
  return lines;
}
