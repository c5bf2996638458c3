import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The README's "Example: a session timeout" must run as printed: this test
 * takes the first ```ts block under that heading, runs it with tsx in a fresh
 * Node process and compares what it prints with the ```text block after it.
 */

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const HEADING = '## Example: a session timeout';

/** The body of the first fenced block of `language` in `text` at or after `from`. */
function fencedBlock(text: string, language: string, from: number): { body: string; end: number } {
  const open = text.indexOf(`\`\`\`${language}\n`, from);
  if (open < 0) throw new Error(`README: no \`\`\`${language} block under '${HEADING}'`);
  const start = open + language.length + 4;
  const close = text.indexOf('\n```', start - 1);
  if (close < 0) throw new Error(`README: the \`\`\`${language} block under '${HEADING}' is not closed`);
  return { body: text.slice(start, close + 1), end: close + 4 };
}

function exampleSection() {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const at = readme.indexOf(`\n${HEADING}\n`);
  if (at < 0) throw new Error(`README.md has no '${HEADING}' section`);
  const next = readme.indexOf('\n## ', at + HEADING.length + 1);
  const section = readme.slice(at, next < 0 ? readme.length : next);
  const code = fencedBlock(section, 'ts', 0);
  const printed = fencedBlock(section, 'text', code.end);
  return { code: code.body, printed: printed.body.trimEnd().split('\n') };
}

function runTs(file: string): string {
  return execFileSync(process.execPath, ['--import', 'tsx', file], {
    cwd: repo,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

const scratch = mkdtempSync(join(tmpdir(), 'streamproof-readme-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('README example: a session timeout', () => {
  const { code, printed } = exampleSection();

  it("imports from 'streamproof', which resolves inside the repo (package self-reference)", () => {
    expect(code).toMatch(/from 'streamproof';/);
    const out = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        "const m = await import('streamproof'); console.log(typeof m.simulate, typeof m.KeyedProcessFunction);",
      ],
      { cwd: repo, encoding: 'utf8', timeout: 60_000 },
    );
    expect(out.trim()).toBe('function function');
  });

  it('runs and prints the timeout alerts shown in the README', () => {
    // Outside the repo the package name does not resolve, so point the import at the sources.
    const source = code.replace(
      /from 'streamproof';/g,
      `from '${pathToFileURL(join(repo, 'src/index.ts')).href}';`,
    );
    const file = join(scratch, 'sessionTimeout.ts');
    writeFileSync(file, source);
    const lines = runTs(file).trimEnd().split('\n');
    // Every user times out once, 30 ms after their last click; earlier timers find a newer click.
    const alerts = lines.filter((l) => l.includes('timed out')).sort();
    expect(alerts).toEqual([
      'ann timed out at 55',
      'bob timed out at 60',
      'cid timed out at 90',
      'dan timed out at 75',
    ]);
    expect(lines[0]).toBe('finished: 8 clicks');
    // The README shows exactly these lines (their order is the run's, fixed by the seed).
    expect([...lines].sort()).toEqual([...printed].sort());
  });
});
