import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ConsistencyReport } from '../matrix/types.ts';
import { renderMarkdown } from './MarkdownReport.ts';

const report = JSON.parse(
  readFileSync(new URL('./fixtures/consistency.json', import.meta.url), 'utf8'),
) as ConsistencyReport;

describe('renderMarkdown', () => {
  const md = renderMarkdown(report);

  it('draws the seed table (sinks down, sources across) once per mode', () => {
    for (const title of [
      '## aligned exactly-once',
      '## unaligned exactly-once',
      '## at-least-once (BarrierTracker',
    ]) {
      expect(md).toContain(title);
    }
    expect(md.match(/^\| sink \\ source \| not resettable \| resettable \|$/gm)).toHaveLength(3);
    const rows = md.split('\n').filter((l) => /^\| (any|idempotent|WAL|2PC) \|/.test(l));
    expect(rows).toHaveLength(12);
    expect(rows[0]).toMatch(
      /^\| any \| \*\*at-most-once\*\*<br>✓ holds · ✓ \[tight\]\(#cx-not-resettable-any-aligned\)/,
    );
  });

  it('marks the disagreeing entry and links its finding with seed, path and replay command', () => {
    expect(md).toContain('1 entry disagrees with the table.** 1 documented finding');
    expect(md).toContain('✗ [does not hold](#finding-not-resettable-wal-aligned) (known finding)');
    expect(md).toContain("> **Known finding:** Flink's GenericWriteAheadSink re-sends");
    expect(md).toMatch(
      /\*\*none\*\* \(expected at-least-once\)<br>✗ \[does not hold\]\(#finding-resettable-wal-unaligned\)/,
    );
    expect(md).toContain('<a id="finding-resettable-wal-unaligned"></a>');
    expect(md).toContain('- seed 4242, path `3:2`, run seed 99');
    expect(md).toContain(
      '- replay: `npx streamproof replay resettable/wal/unaligned --seed 4242 --path 3:2`',
    );
  });

  it('does not call a report with documented findings one where every entry agrees', () => {
    const onlyKnown: ConsistencyReport = {
      ...report,
      entries: report.entries.filter((e) => e.id !== 'resettable/wal/unaligned'),
      agrees: true,
    };
    const text = renderMarkdown(onlyKnown);
    const n = onlyKnown.entries.length;
    expect(text).toContain(
      `**${n - 1} of ${n} entries agree with the table; the others are documented findings.**`,
    );
    expect(text).not.toContain('Every entry agrees');
  });

  it('lists every counterexample with its anchor and escapes table pipes', () => {
    const anchors = md.match(/<a id="cx-[^"]+"><\/a>/g) ?? [];
    expect(anchors).toHaveLength(report.entries.filter((e) => e.counterexample).length);
    expect(md).toContain('quotes" & ampersands \\| pipes');
    expect(md).toContain('## Temporary inconsistency seen by readers');
  });
});
