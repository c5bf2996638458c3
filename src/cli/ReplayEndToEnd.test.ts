import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin/streamproof.js');

/** Runs a printed `npx streamproof ...` command line through a shell, with the local binary for npx streamproof. */
function shell(command: string) {
  const local = command.replace(
    /^npx streamproof /,
    `${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} `,
  );
  return spawnSync('/bin/sh', ['-c', local], { cwd: root, encoding: 'utf8' });
}

function traceHash(stdout: string): string | undefined {
  return /^trace hash ([0-9a-f+]+)/m.exec(stdout)?.[1];
}

describe('a failing case printed by the CLI replays to the same trace hash', () => {
  it('list-append finding: the printed replay command, run twice as pasted, gives the run trace hash', () => {
    const run = spawnSync(process.execPath, [bin, 'run', 'list-append-no-alignment-finding'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    const replay = /^ {2}replay: (npx streamproof replay .+)$/m.exec(run.stdout)?.[1];
    expect(replay).toBe("npx streamproof replay list-append-no-alignment-finding --seed 5 --path ''");
    const first = shell(replay as string);
    const second = shell(replay as string);
    expect(first.status).toBe(1);
    expect(first.stderr).toBe('');
    expect(traceHash(first.stdout)).toBe(traceHash(run.stdout));
    expect(traceHash(second.stdout)).toBe(traceHash(first.stdout));
    expect(second.stdout).toBe(first.stdout);
  });

  it('matrix counterexample: the replay command printed by `run <entry>` reproduces the recorded trace hash twice', () => {
    const out = mkdtempSync(join(tmpdir(), 'streamproof-e2e-'));
    const run = spawnSync(
      process.execPath,
      [bin, 'run', 'not-resettable-any-aligned', '--runs', '3', '--out', out],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect(run.stderr).toBe('');
    const replay = /^ {2}replay: (npx streamproof replay .+)$/m.exec(run.stdout)?.[1];
    expect(replay).toMatch(/^npx streamproof replay not-resettable\/any\/aligned --seed \d+ --path [\d:]+$/);
    const report = `${replay} --report ${join(out, 'not-resettable-any-aligned.consistency.json')}`;
    const first = shell(report);
    const second = shell(report);
    expect(first.stdout).toMatch(/^trace hash [0-9a-f+]+ \(as recorded\)$/m);
    expect(traceHash(second.stdout)).toBe(traceHash(first.stdout));
    expect(second.stdout).toBe(first.stdout);
  });
});
