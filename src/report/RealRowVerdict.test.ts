import { describe, expect, it } from 'vitest';
import type { RealRow } from '../matrix/types.ts';
import { renderMarkdown } from './MarkdownReport.ts';
import { realRowVerdict } from './RealRowVerdict.ts';

const row: RealRow = {
  system: 'Kafka -> PostgreSQL (write-ahead log), source not resettable',
  source: 'not-resettable',
  sink: 'wal',
  trials: 4,
  expected: 'at-most-once',
  observed: 'none',
  agrees: true,
  finding: 'known finding: the WAL sink re-sends after a crash before the committer mark',
  history: 'reports/real/sp42403_6c04d7.history.json',
};

describe('realRowVerdict', () => {
  it('keeps a documented finding and links its history relative to the report', () => {
    expect(realRowVerdict(row)).toEqual({
      text: '✓ known finding: the WAL sink re-sends after a crash before the committer mark',
      history: 'real/sp42403_6c04d7.history.json',
    });
  });

  it('marks a disagreeing row and a plain agreeing one', () => {
    expect(realRowVerdict({ ...row, agrees: false, finding: 'lost r3', history: undefined }).text).toBe(
      '✗ lost r3',
    );
    const { finding: _f, history: _h, ...plain } = row;
    expect(realRowVerdict({ ...plain, observed: 'at-most-once' })).toEqual({ text: '✓' });
  });

  it('shows the finding and the history link in consistency.md', () => {
    const md = renderMarkdown({
      version: 1,
      tool: 'streamproof',
      seed: 1,
      runs: 1,
      entries: [],
      real: [row],
      agrees: true,
      millis: 0,
    });
    expect(md).toContain(
      '| ✓ known finding: the WAL sink re-sends after a crash before the committer mark ([history](real/sp42403_6c04d7.history.json)) |',
    );
  });
});
