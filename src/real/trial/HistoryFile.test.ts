import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { historyFileFor } from './HistoryFile.ts';

const dir = mkdtempSync(join(tmpdir(), 'streamproof-history-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('historyFileFor', () => {
  it("removes earlier runs' histories of the same seed only, and names the new one by run id", () => {
    for (const f of [
      'sp42_aaaaaa.history.json',
      'sp421_bbbbbb.history.json',
      'sp4_cccccc.history.json',
      'notes.md',
    ]) {
      writeFileSync(join(dir, f), '{}');
    }
    const path = historyFileFor(dir, 42, 'sp42_123abc');
    expect(path).toBe(join(dir, 'sp42_123abc.history.json'));
    expect(readdirSync(dir).sort()).toEqual([
      'notes.md',
      'sp421_bbbbbb.history.json',
      'sp4_cccccc.history.json',
    ]);
  });

  it('creates the folder when it does not exist', () => {
    const nested = join(dir, 'real');
    historyFileFor(nested, 7, 'sp7_000000');
    expect(existsSync(nested)).toBe(true);
  });
});
