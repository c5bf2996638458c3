import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { TYPESCRIPT_EXEC_ARGV } from './TypeScriptExecArgv.ts';

const scratch = mkdtempSync(join(tmpdir(), 'streamproof-ts-hooks-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function runNode(args: readonly string[]): { stdout: string; stderr: string; status: number } {
  try {
    const stdout = execFileSync(process.execPath, [...TYPESCRIPT_EXEC_ARGV, ...args], {
      encoding: 'utf8',
      timeout: 60_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { stdout, stderr: '', status: 0 };
  } catch (e) {
    const err = e as { stdout: string; stderr: string; status: number };
    return { stdout: err.stdout, stderr: err.stderr, status: err.status };
  }
}

describe('bin/register-typescript.js (the hooks every process of the CLI loads .ts sources with)', () => {
  it('loads the package entry point and the TypeScript it imports', () => {
    const entry = new URL('./index.ts', import.meta.url).href;
    const { stdout, status } = runNode([
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(entry)}); console.log(typeof m.simulate, typeof m.KeyedProcessFunction);`,
    ]);
    expect(status).toBe(0);
    expect(stdout.trim()).toBe('function function');
  });

  it('compiles type-only syntax and class fields as TypeScript with target ES2022 does', () => {
    const file = join(scratch, 'fields.ts');
    writeFileSync(
      file,
      [
        'interface Shape { readonly n: number }',
        'class Base { constructor() { (this as { seen?: unknown }).seen = (this as unknown as { x: unknown }).x; } }',
        // With define semantics (ES2022) the field exists, undefined, after the base constructor ran.
        'class Derived extends Base implements Shape { readonly n: number = 1; x!: number; }',
        'const d = new Derived();',
        "console.log(JSON.stringify({ n: d.n, hasX: 'x' in d, seen: (d as { seen?: unknown }).seen ?? null }));",
      ].join('\n'),
    );
    const { stdout, status, stderr } = runNode([file]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ n: 1, hasX: true, seen: null });
  });

  it('reports an error at its line in the .ts source (source maps are on)', () => {
    const file = join(scratch, 'throws.ts');
    writeFileSync(
      file,
      ['type Id = string;', 'const id: Id = "x";', '', 'throw new Error("boom " + id);'].join('\n'),
    );
    const { stderr, status } = runNode([file]);
    expect(status).not.toBe(0);
    expect(stderr).toContain('boom x');
    expect(stderr).toMatch(/throws\.ts:4/);
  });

  it('caches each compiled file by its source text, and compiles an edited file again', () => {
    const cacheDir = fileURLToPath(new URL('../node_modules/.cache/streamproof/compiled/', import.meta.url));
    // Unique to this run (mkdtemp's name), so that no earlier run's cached file holds it.
    const marker = `cache-test-${basename(scratch)}`;
    const file = join(scratch, 'cached.ts');
    writeFileSync(file, `const m: string = '${marker}'; console.log(m);\n`);
    expect(runNode([file]).stdout.trim()).toBe(marker);
    const entries = readdirSync(cacheDir).filter((n) =>
      readFileSync(join(cacheDir, n), 'utf8').includes(marker),
    );
    expect(entries).toHaveLength(1);
    // The next run reads the cached file instead of compiling: what it holds is what runs.
    writeFileSync(join(cacheDir, entries[0] as string), "console.log('served from the cache');\n");
    expect(runNode([file]).stdout.trim()).toBe('served from the cache');
    writeFileSync(file, `const m: string = '${marker}-edited'; console.log(m);\n`);
    expect(runNode([file]).stdout.trim()).toBe(`${marker}-edited`);
  });

  it('reports a file that does not compile as one line with its position, not an esbuild stack', () => {
    const file = join(scratch, 'broken.ts');
    writeFileSync(file, 'const x: number = ;\n');
    const { stderr, status } = runNode([file]);
    expect(status).not.toBe(0);
    expect(stderr).toContain(`cannot compile ${file}: ${file}:1:19: Unexpected ";"`);
    expect(stderr).not.toContain('node_modules/esbuild');
  });
});
