import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runListAppendScenario } from '../checkpoint/ListAppendScenario.ts';
import type { ConsistencyReport } from '../matrix/types.ts';
import { renderHtml } from './HtmlReport.ts';
import { buildTimeline } from './TimelineBuilder.ts';
import type { CaseTimeline } from './types.ts';

const report = JSON.parse(
  readFileSync(new URL('./fixtures/consistency.json', import.meta.url), 'utf8'),
) as ConsistencyReport;

const run = runListAppendScenario(
  {
    records: 6,
    keys: 2,
    partitions: 2,
    sourceParallelism: 2,
    appendParallelism: 2,
    mode: 'aligned',
    checkpointInterval: 10,
    crashes: [{ atStep: 60 }],
  },
  { seed: 9, keepTrace: true },
);
const timeline = buildTimeline(run.history, run.result.trace.events ?? []);
const timelines = new Map<string, CaseTimeline>([
  ['cx-resettable-any-aligned', { timeline, traceHash: '0000000000000002' }],
  ['cx-not-resettable-any-aligned', { timeline, traceHash: 'ffffffffffffffff' }],
  ['finding-resettable-wal-unaligned', { unavailable: 'the case <data> is from another version' }],
]);

describe('renderHtml', () => {
  const page = renderHtml(report, { timelines, reportFile: 'reports/consistency.json' });

  it('is one self-contained page: no scripts, nothing fetched', () => {
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    const external = [...page.matchAll(/(?:src|href)="([^"#][^"]*)"/g)].map((m) => m[1]);
    expect(external).toEqual([]);
    expect([...page.matchAll(/https?:\/\/[^"\s]*/g)].map((m) => m[0])).toEqual(
      Array(page.match(/<svg xmlns=/g)?.length ?? 0).fill('http://www.w3.org/2000/svg'),
    );
  });

  it('renders a table per mode with one cell per entry and links to the cases', () => {
    expect(page.match(/<table class="matrix" data-mode=/g)).toHaveLength(3);
    expect(page.match(/<td class="cell (ok|bad|finding)" data-entry=/g)).toHaveLength(24);
    expect(page.match(/<td class="cell bad"/g)).toHaveLength(1);
    expect(page.match(/<td class="cell finding" data-entry="not-resettable\/wal\/aligned"/g)).toHaveLength(1);
    expect(page).toContain('<strong>Known finding:</strong> Flink&#39;s GenericWriteAheadSink re-sends');
    expect(page).toContain('1 documented finding');
    expect(page).toContain('href="#finding-resettable-wal-unaligned"');
    expect(page).toContain('id="cx-resettable-any-aligned"');
  });

  it('draws a swimlane timeline for replayed cases and says why others have none', () => {
    expect(page.match(/<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="timeline"/g)).toHaveLength(2);
    expect(page).toContain('data-kind="fault"');
    expect(page).toContain('data-kind="snapshot"');
    expect(page).toContain('No timeline: the case &lt;data&gt; is from another version');
    expect(page).toContain('No timeline: this report was rendered without replaying the case.');
  });

  it('warns when a replay gave another trace hash than the report', () => {
    expect(page).toContain('The replay gave trace hash ffffffffffffffff, the report says 0000000000000001');
    expect(page).not.toContain('The replay gave trace hash 0000000000000002');
    expect(page.match(/class="warning"/g)).toHaveLength(1);
  });

  it('escapes the data and prints each replay command', () => {
    expect(page).toContain('&lt;with&gt; &quot;quotes&quot; &amp; ampersands | pipes');
    expect(page).not.toContain('<with>');
    expect(page).toContain(
      '<pre class="replay">npx streamproof replay resettable/wal/unaligned --seed 4242 --path 3:2</pre>',
    );
  });
});
