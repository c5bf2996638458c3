import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SIMULATION_V8_FLAGS } from './GarbageCollectionTuning.ts';

describe('SIMULATION_V8_FLAGS', () => {
  // v8.setFlagsFromString ignores a flag it does not know, so a renamed flag would silently stop
  // working; on the command line Node rejects it ("bad option"), which is what this checks.
  it('lists only flags this Node accepts', () => {
    const out = execFileSync(process.execPath, [...SIMULATION_V8_FLAGS, '-e', 'process.stdout.write("ok")'], {
      encoding: 'utf8',
    });
    expect(out).toBe('ok');
  });

  it('fails the check above for a flag Node does not know', () => {
    expect(() =>
      execFileSync(process.execPath, ['--no-such-v8-flag-at-all', '-e', '0'], { stdio: 'pipe' }),
    ).toThrow(/bad option/);
  });
});
