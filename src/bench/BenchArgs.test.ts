import { describe, expect, it } from 'vitest';
import { BenchUsageError, parseBenchArgs } from './BenchArgs.ts';

describe('parseBenchArgs', () => {
  it('takes --quick, --out and --help, with reports/ as the default directory', () => {
    expect(parseBenchArgs([], 'reports/')).toEqual({
      quick: false,
      out: 'reports/',
      help: false,
      json: false,
    });
    expect(parseBenchArgs(['--quick', '--out', '/tmp/b', '--json'], 'reports/')).toEqual({
      quick: true,
      out: '/tmp/b',
      help: false,
      json: true,
    });
    expect(parseBenchArgs(['-h'], 'reports/').help).toBe(true);
  });

  it('takes --compare with the file of an earlier report, and refuses an empty one', () => {
    expect(parseBenchArgs(['--compare', 'reports/bench.json'], 'reports/').compare).toBe(
      'reports/bench.json',
    );
    expect(parseBenchArgs([], 'reports/').compare).toBeUndefined();
    expect(() => parseBenchArgs(['--compare', ''], 'reports/')).toThrow(/^bench: --compare needs a file/);
    expect(() => parseBenchArgs(['--compare'], 'reports/')).toThrow(BenchUsageError);
  });

  it('turns an unknown flag or a missing value into one line that names the flags', () => {
    const unknown = () => parseBenchArgs(['--fast'], 'reports/');
    expect(unknown).toThrow(BenchUsageError);
    expect(unknown).toThrow(
      /^bench: .*'--fast'.*; the flags are --quick, --out <dir>, --json and --compare <bench.json>/,
    );
    expect(() => parseBenchArgs(['--out'], 'reports/')).toThrow(/^bench: .*--out.*the flags are/);
    expect(() => parseBenchArgs(['--out', ' '], 'reports/')).toThrow(/--out needs a directory/);
    for (const argv of [['--fast'], ['--out']]) {
      try {
        parseBenchArgs(argv, 'reports/');
      } catch (error) {
        expect((error as Error).message).not.toContain('\n');
      }
    }
  });
});
