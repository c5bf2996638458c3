import { describe, expect, it } from 'vitest';
import type { MatrixEntryResult } from '../matrix/types.ts';
import { MatrixProgress, progressStyle } from './MatrixProgress.ts';

const io = (interactive: boolean, lines: string[] = []) => ({
  out: (l: string) => lines.push(l),
  err: (l: string) => lines.push(l),
  interactive,
});

describe('matrix progress', () => {
  it('draws a bar only on a terminal outside CI and without --json', () => {
    expect(progressStyle(false, io(true), {})).toBe('bar');
    expect(progressStyle(false, io(true), { CI: 'true' })).toBe('lines');
    expect(progressStyle(false, io(false), {})).toBe('lines');
    expect(progressStyle(true, io(true), {})).toBe('quiet');
  });

  it('prints one line per finished entry in logs, nothing when quiet', () => {
    const entry = {
      id: 'resettable/2pc/aligned',
      source: 'resettable',
      sink: '2pc',
      mode: 'aligned',
      expected: 'exactly-once',
      observed: 'exactly-once',
      holds: true,
      tight: true,
      tightness: '',
      runs: 10,
      searchRuns: 40,
      millis: 1234,
    } as MatrixEntryResult;
    const lines: string[] = [];
    new MatrixProgress('lines', 24, io(false, lines)).entryDone(entry);
    expect(lines).toEqual([
      '[ 1/24] resettable/2pc/aligned           exactly-once  holds, tight       10+40 runs 1.2 s',
    ]);
    const quiet: string[] = [];
    new MatrixProgress('quiet', 24, io(false, quiet)).entryDone(entry);
    expect(quiet).toEqual([]);
  });
});
