import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * The modules `streamproof` loads before any command runs: main.ts and what it
 * imports statically (dynamic `import()`s load only when a command runs them).
 */
async function startupModules(): Promise<string[]> {
  const { metafile } = await build({
    entryPoints: ['src/cli/main.ts'],
    bundle: true,
    write: false,
    metafile: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    logLevel: 'silent',
  });
  const inputs: Metafile['inputs'] = metafile.inputs;
  const seen = new Set<string>();
  const stack = ['src/cli/main.ts'];
  while (stack.length > 0) {
    const file = stack.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const i of inputs[file]?.imports ?? []) {
      if (i.kind === 'import-statement' && !i.external) stack.push(i.path);
    }
  }
  return [...seen].sort();
}

describe('CLI start-up', () => {
  it('loads the command definitions, not the simulation: commands import it when they run', async () => {
    const modules = await startupModules();
    // What the static graph does reach: every command's definition.
    expect(modules).toContain('src/cli/commands/runCommand.ts');
    expect(modules).toContain('src/cli/commands/bugsCommand.ts');
    // What it must not: the runtime, the scheduler, the matrix runner, the scenario runners.
    const simulation = modules.filter(
      (m) =>
        // (Defects.ts, the seeded bugs' names for --defects, holds names only.)
        (m.startsWith('src/runtime/execution/') && m !== 'src/runtime/execution/Defects.ts') ||
        m.startsWith('src/connectors/') ||
        m.startsWith('src/checkpoint/') ||
        m === 'src/sim/Scheduler.ts' ||
        m === 'src/matrix/MatrixRunner.ts' ||
        m === 'src/matrix/BugRunner.ts' ||
        m === 'src/cli/commands/runScenario.ts' ||
        m === 'src/cli/commands/replayScenario.ts',
    );
    expect(simulation).toEqual([]);
    // It was 200 source files before the commands loaded their work lazily.
    expect(modules.length).toBeLessThan(80);
  });
});
