import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { TYPESCRIPT_EXEC_ARGV } from '../TypeScriptExecArgv.ts';

/**
 * Runs `runs` crash-and-restore list-append scenarios back to back in a fresh
 * process under --trace-gc-nvp and returns the share of allocated bytes that
 * young-generation collections found still reachable.
 */
function youngSurvival(runs: number): number {
  const script = `
    const { runListAppendScenario } = await import(${JSON.stringify(new URL('./ListAppendScenario.ts', import.meta.url).href)});
    const scenario = { records: 1000, keys: 10, partitions: 4, sourceParallelism: 2, appendParallelism: 2,
      mode: 'aligned', checkpointInterval: 100, crashes: [{ atStep: 1500 }] };
    for (let seed = 0; seed < ${runs}; seed++) runListAppendScenario(scenario, { seed });
  `;
  const out = execFileSync(
    process.execPath,
    ['--trace-gc-nvp', ...TYPESCRIPT_EXEC_ARGV, '--input-type=module', '-e', script],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  let allocated = 0;
  let survived = 0;
  for (const line of out.split('\n')) {
    if (!line.includes('gc=s ')) continue;
    allocated += Number(/ allocated=(\d+)/.exec(line)?.[1] ?? 0);
    survived += Number(/ new_space_survived=(\d+)/.exec(line)?.[1] ?? 0);
  }
  if (allocated === 0) throw new Error(`no young-generation collection was traced:\n${out.slice(0, 2000)}`);
  return survived / allocated;
}

describe('a finished run', () => {
  // A run's objects live exactly as long as the run. When something in the old generation points
  // into a finished run, young collections keep (and promote) all of it until the next full
  // collection: a function literal assigned straight to a property is such a thing, since V8
  // allocates it old (see JobRunner's captureFinalState). That made 40-55% of all allocated bytes
  // survive and garbage collection the largest cost of a short run; without it, about 3% survive.
  it('is garbage for young-generation collections: back-to-back runs keep little alive', () => {
    const survival = youngSurvival(400);
    expect(survival, `share of allocated bytes surviving young collections`).toBeLessThan(0.15);
  });
});
