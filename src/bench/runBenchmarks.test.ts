import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const bench = fileURLToPath(new URL('../../bin/bench.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'streamproof-bench-args-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `npm run bench -- <args>` as a user runs it; these fail before measuring anything. */
function runBench(args: string[]) {
  return spawnSync(process.execPath, [bench, ...args, '--out', join(dir, 'out')], { encoding: 'utf8' });
}

describe('npm run bench --compare', () => {
  it('refuses a baseline it cannot read with one line and exit code 2, before measuring', () => {
    const missing = join(dir, 'missing.json');
    const run = runBench(['--compare', missing]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      `bench: --compare ${missing}: cannot read it (ENOENT); give a bench.json an earlier npm run bench wrote, e.g. --compare reports/bench.json`,
    ]);
    expect(run.stdout).toBe('');
  });

  it('refuses a file that is not a benchmark report the same way', () => {
    const notReport = join(dir, 'consistency.json');
    writeFileSync(notReport, JSON.stringify({ version: 1, tool: 'streamproof', entries: [] }));
    const run = runBench(['--compare', notReport]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe(
      `bench: --compare ${notReport}: not a benchmark report (no figures.recordsPerSecond); give a bench.json an earlier npm run bench wrote`,
    );
  });
});
