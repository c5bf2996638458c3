import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI_BUILD_OPTIONS, CLI_SPEC, currentBuild, currentCliBuild } from '../../bin/cli-build.js';
import { buildModule, type CliBuild, cliBuild, STALE_AFTER_MS } from './CliBuild.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'streamproof-cli-build-'));
const bin = fileURLToPath(new URL('../../bin/streamproof.js', import.meta.url));

interface Manifest {
  build: string;
  inputs: Record<string, string>;
  outputs: Record<string, string>;
}
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'latest.json'), 'utf8')) as Manifest;

/** A package of two small modules, `entry` throwing from a line of its own, to build apart from the CLI. */
function smallPackage(): {
  root: string;
  dir: string;
  options: { dir: string; root: URL; spec: { entries: Record<string, string> } };
} {
  const root = tmp();
  const dir = join(root, 'builds');
  writeFileSync(
    join(root, 'entry.ts'),
    [
      "import { word } from './dep.ts';",
      'export const here: string = import.meta.url;',
      'export const said = (): string => word;',
      'export function fail(): never {',
      "  throw new Error('failed in entry');",
      '}',
      '',
    ].join('\n'),
  );
  writeFileSync(join(root, 'dep.ts'), "export const word: string = 'first';\n");
  return {
    root,
    dir,
    options: { dir, root: pathToFileURL(`${root}/`), spec: { entries: { main: 'entry.ts' } } },
  };
}

/** The code of a build's module and of every chunk it imports statically, transitively. */
function staticClosure(dir: string, module: string): string {
  const seen = new Set<string>();
  const code: string[] = [];
  const stack = [module];
  while (stack.length > 0) {
    const file = stack.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(join(dir, file), 'utf8');
    code.push(text);
    for (const m of text.matchAll(/^(?:import|} from)\s*(?:[^"'\n]*from\s*)?["']\.\/([\w.-]+\.js)["']/gm)) {
      stack.push(m[1] as string);
    }
  }
  return code.join('\n');
}

let loads = 0; // a fresh module instance per import
const load = async (build: CliBuild | undefined) =>
  (await import(`${build === undefined ? '' : buildModule(build, 'main')}?${loads++}`)) as {
    here: string;
    said: () => string;
    fail: () => never;
  };

describe('cliBuild (the CLI run from one esbuild build)', () => {
  it("builds this package's CLI and matrix worker into a directory named by its files, reused while the sources are unchanged", async () => {
    const dir = tmp();
    const build = await cliBuild({ dir });
    expect(build?.reused).toBe(false);
    const file = fileURLToPath(build === undefined ? 'file:///none' : buildModule(build, 'main'));
    expect(file).toMatch(/\/cli-[0-9a-f]{16}\/main\.js$/);
    const manifest = manifestOf(dir);
    expect(build?.dir).toBe(join(dir, manifest.build));
    for (const modules of [CLI_SPEC.entries, CLI_SPEC.standalone ?? {}]) {
      for (const source of Object.values(modules)) expect(Object.keys(manifest.inputs)).toContain(source);
    }
    expect(Object.keys(manifest.inputs)).toContain('src/matrix/MatrixRunner.ts');
    expect(Object.keys(manifest.outputs)).toEqual(expect.arrayContaining(['main.js', 'matrix-worker.js']));
    // The CLI's packages stay in node_modules (kafkajs and the rest load only where a command uses
    // them); the standalone worker carries the one it needs.
    const packages = Object.keys(manifest.inputs).filter((p) => p.startsWith('node_modules/'));
    expect(packages.length).toBeGreaterThan(0);
    expect(packages.every((p) => /^node_modules\/(fast-check|pure-rand)\//.test(p))).toBe(true);
    const worker = readFileSync(join(build?.dir ?? '', 'matrix-worker.js'), 'utf8');
    expect(worker).not.toMatch(/\bfrom\s+["'](fast-check|\.\/chunk-[\w-]+\.js)["']/);
    const code = readFileSync(file, 'utf8');
    expect(code).not.toMatch(/\bfrom\s+["'][^"']*\.ts["']/);
    expect(code).toContain('sourceMappingURL=data:application/json');
    // What a command imports when it runs is a chunk of its own, not part of the startup: main.js
    // and the chunks it imports statically hold the command definitions, not the simulation (as
    // StartupImports.test.ts checks of the sources).
    expect(Object.keys(manifest.outputs).some((p) => p.startsWith('real-'))).toBe(true);
    const startup = staticClosure(build?.dir ?? '', 'main.js');
    const everything = Object.keys(manifest.outputs)
      .map((p) => readFileSync(join(build?.dir ?? '', p), 'utf8'))
      .join('\n');
    expect(startup).toContain('// src/cli/commands/runCommand.ts');
    expect(startup.length).toBeLessThan(everything.length / 3);
    for (const module of [
      'src/sim/Scheduler.ts',
      'src/matrix/MatrixRunner.ts',
      'src/real/trial/RealTrial.ts',
    ]) {
      expect(everything).toContain(`// ${module}`);
      expect(startup).not.toContain(`// ${module}`);
    }
    expect(startup).not.toMatch(/from\s+["'](kafkajs|pg|ioredis|fast-check)["']/);

    expect(currentBuild(dir)).toBe(build?.dir);
    expect(await cliBuild({ dir })).toEqual({ dir: build?.dir, reused: true });
    expect(readdirSync(dir).sort()).toEqual([manifest.build, 'latest.json']);
  }, 60_000);

  it('is not current once an input changes; the same sources again give the same build', async () => {
    const { dir, options, root } = smallPackage();
    const current = () => currentBuild(dir, options.root, options.spec);
    const first = await cliBuild(options);
    expect((await load(first)).said()).toBe('first');
    expect(Object.keys(manifestOf(dir).inputs).sort()).toEqual(['dep.ts', 'entry.ts']);
    expect(current()).toBe(first?.dir);

    writeFileSync(join(root, 'dep.ts'), "export const word: string = 'second';\n");
    expect(current()).toBeUndefined();
    const second = await cliBuild(options);
    expect(second?.dir).not.toBe(first?.dir);
    expect((await load(second)).said()).toBe('second');

    writeFileSync(join(root, 'dep.ts'), "export const word: string = 'first';\n");
    expect(await cliBuild(options)).toEqual({ dir: first?.dir, reused: false });
    // Other entries are another build, even from the same cache directory.
    expect(currentBuild(dir, options.root, { entries: { main: 'dep.ts' } })).toBeUndefined();
    // An input that is gone: no build (the CLI runs from the sources).
    rmSync(join(root, 'dep.ts'));
    expect(current()).toBeUndefined();
    expect(await cliBuild(options)).toBeUndefined();
  }, 60_000);

  it('is not current when a file of the build was altered, and writes it again', async () => {
    const { dir, options } = smallPackage();
    const build = await cliBuild(options);
    const file = fileURLToPath(build === undefined ? 'file:///none' : buildModule(build, 'main'));
    const code = readFileSync(file, 'utf8');
    writeFileSync(file, code.slice(0, 100));
    expect(currentBuild(dir, options.root, options.spec)).toBeUndefined();
    expect(await cliBuild(options)).toEqual({ dir: build?.dir, reused: false });
    expect(readFileSync(file, 'utf8')).toBe(code);
  }, 30_000);

  it('finds no current build in a manifest that is not one of its own (damaged, another compiler, a path out of the cache)', async () => {
    const { dir, options } = smallPackage();
    const build = await cliBuild(options);
    const current = () => currentBuild(dir, options.root, options.spec);
    expect(current()).toBe(build?.dir);
    const manifest = readFileSync(join(dir, 'latest.json'), 'utf8');
    const parsed = JSON.parse(manifest) as Record<string, unknown>;
    for (const bad of [
      '',
      'null',
      '{',
      JSON.stringify({ ...parsed, compiler: 'another' }),
      JSON.stringify({ ...parsed, build: '../builds' }),
      JSON.stringify({ ...parsed, outputs: {} }),
      JSON.stringify({ ...parsed, inputs: null }),
    ]) {
      writeFileSync(join(dir, 'latest.json'), bad);
      expect(current(), bad).toBeUndefined();
    }
    writeFileSync(join(dir, 'latest.json'), manifest);
    expect(current()).toBe(build?.dir);
  }, 30_000);

  it("keeps each source's import.meta.url, and its stack traces point at the .ts lines", async () => {
    const { root, options } = smallPackage();
    const build = await cliBuild(options);
    expect((await load(build)).here).toBe(pathToFileURL(join(root, 'entry.ts')).href);
    const main = build === undefined ? '' : buildModule(build, 'main');
    const run = spawnSync(
      process.execPath,
      ['--enable-source-maps', '--input-type=module', '-e', `(await import(${JSON.stringify(main)})).fail()`],
      { encoding: 'utf8' },
    );
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('failed in entry');
    expect(run.stderr).toContain(`${join(root, 'entry.ts')}:5:`);
  }, 30_000);

  it('gives concurrent builders the same intact build, and leaves no partial file behind', async () => {
    const { dir, options } = smallPackage();
    const built = await Promise.all([1, 2, 3, 4].map(() => cliBuild(options)));
    expect(new Set(built.map((b) => b?.dir)).size).toBe(1);
    expect(readdirSync(dir).sort()).toEqual([manifestOf(dir).build, 'latest.json']);
    expect((await load(built[0])).said()).toBe('first');
  }, 30_000);

  it('deletes builds and partial leftovers unused for a day when it writes one, and keeps the rest', async () => {
    const { dir, options } = smallPackage();
    mkdirSync(dir);
    const old = 'cli-00000000000000aa';
    const recent = 'cli-00000000000000bb';
    const leftover = '123-0-0.partial';
    for (const name of [old, recent, leftover]) mkdirSync(join(dir, name));
    writeFileSync(join(dir, 'notes.txt'), '');
    const twoDaysAgo = new Date(Date.now() - 2 * STALE_AFTER_MS);
    for (const name of [old, leftover, 'notes.txt']) utimesSync(join(dir, name), twoDaysAgo, twoDaysAgo);
    await cliBuild(options);
    expect(readdirSync(dir).sort()).toEqual(
      [manifestOf(dir).build, 'latest.json', 'notes.txt', recent].sort(),
    );
  }, 30_000);

  it('compiles with the TypeScript options of the hooks the sources load with', async () => {
    const hooks = (await import(new URL('../../bin/typescript-hooks.js', import.meta.url).href)) as {
      TSCONFIG: unknown;
    };
    expect(CLI_BUILD_OPTIONS.tsconfigRaw).toEqual(hooks.TSCONFIG);
  });

  it('gives no build when the cache cannot be written', async () => {
    const { root, options } = smallPackage();
    writeFileSync(join(root, 'file'), '');
    expect(await cliBuild({ ...options, dir: join(root, 'file', 'sub') })).toBeUndefined();
  });
});

describe('bin/streamproof.js', () => {
  it('prints the same report from its build as from the sources (STREAMPROOF_FROM_SOURCES=1)', () => {
    const matrix = (env: Record<string, string>) => {
      const out = tmp();
      const run = spawnSync(
        process.execPath,
        [bin, 'matrix', '--runs', '3', '--modes', 'aligned', '--json', '--out', out],
        { encoding: 'utf8', env: { ...process.env, ...env } },
      );
      expect(run.status, run.stderr).toBe(0); // every entry agrees with the table, or is a documented finding
      return JSON.stringify(JSON.parse(run.stdout), (k, v: unknown) => (k === 'millis' ? 0 : v));
    };
    const fromBuild = matrix({});
    // The run made (or found) a current build of the CLI in the package's cache.
    expect(currentCliBuild()).toMatch(/\/cli-[0-9a-f]{16}\/main\.js$/);
    expect(fromBuild).toBe(matrix({ STREAMPROOF_FROM_SOURCES: '1' }));
    expect(fromBuild).toContain('"entries"');
  }, 120_000);
});
