import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeOutputDirectory } from './OutputDirectory.ts';

describe('makeOutputDirectory', () => {
  it('makes missing parents and accepts an existing directory', () => {
    const base = mkdtempSync(join(tmpdir(), 'outdir-'));
    const dir = join(base, 'a', 'b');
    expect(makeOutputDirectory(dir)).toBeUndefined();
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(makeOutputDirectory(dir)).toBeUndefined();
  });

  it('says why when a file is in the way', () => {
    const base = mkdtempSync(join(tmpdir(), 'outdir-'));
    writeFileSync(join(base, 'f'), 'x');
    expect(makeOutputDirectory(join(base, 'f', 'sub'))).toMatch(/f exists and is not a directory/);
    expect(existsSync(join(base, 'f', 'sub'))).toBe(false);
  });

  it('returns, with a reason, for a path under /proc (where a recursive mkdir never returns)', () => {
    if (!existsSync('/proc/self')) return;
    expect(makeOutputDirectory('/proc/streamproof-nope/x')).toMatch(/cannot make \/proc\/streamproof-nope/);
  });
});
