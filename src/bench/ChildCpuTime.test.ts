import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { childrenCpuSeconds, childrenTicksOf } from './ChildCpuTime.ts';

// A /proc/<pid>/stat line (proc(5)) with cutime 250 and cstime 13 in fields 16 and 17.
const STAT =
  '4242 (node) S 1 4242 4242 0 -1 4194304 1000 2000 0 0 700 30 250 13 20 0 11 0 123456 1000000 5000 18446744073709551615';

describe('childrenTicksOf', () => {
  it('adds cutime and cstime', () => {
    expect(childrenTicksOf(STAT)).toBe(263);
  });

  it('counts fields after the last parenthesis of a command name with spaces and parentheses', () => {
    expect(childrenTicksOf(STAT.replace('(node)', '(my (odd) name)'))).toBe(263);
  });

  it('is undefined for text without the fields', () => {
    expect(childrenTicksOf('4242 (node) S 1 4242')).toBeUndefined();
    expect(childrenTicksOf('no parenthesis here')).toBeUndefined();
  });
});

describe.runIf(process.platform === 'linux')('childrenCpuSeconds', () => {
  it("grows by a busy child's CPU time once the child has been waited for", () => {
    const before = childrenCpuSeconds() as number;
    const child = spawnSync(process.execPath, [
      '-e',
      'const end = process.cpuUsage().user + 300000; let x = 0; while (process.cpuUsage().user < end) x++;',
    ]);
    expect(child.status).toBe(0);
    const used = (childrenCpuSeconds() as number) - before;
    expect(used).toBeGreaterThanOrEqual(0.25);
    expect(used).toBeLessThan(5);
  });
});
