import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConsistencyReport } from '../../matrix/types.ts';
import { recordCli } from '../CliRecorder.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'streamproof-matrix-'));
const read = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'consistency.json'), 'utf8')) as ConsistencyReport;
/** A file where --out expects a directory (an output directory that cannot be made). */
const aFile = () => {
  const file = join(tmp(), 'not-a-directory');
  writeFileSync(file, 'x');
  return file;
};
const withoutMillis = (r: ConsistencyReport) => ({
  ...r,
  millis: 0,
  entries: r.entries.map((e) => ({ ...e, millis: 0 })),
});

describe('streamproof matrix', () => {
  it('writes consistency.json, .md and .html, one line per entry, and exits 1 exactly when an entry disagrees', async () => {
    const out = tmp();
    const r = await recordCli(['matrix', '--modes', 'aligned', '--runs', '3', '--seed', '7', '--out', out]);
    const report = read(out);
    expect(report.entries.map((e) => e.mode)).toEqual(Array(8).fill('aligned'));
    expect(report.seed).toBe(7);
    expect(r.code).toBe(report.agrees ? 0 : 1);
    expect(r.out.filter((l) => /^\[[ \d]+\/8\] /.test(l))).toHaveLength(8);
    expect(existsSync(join(out, 'consistency.md'))).toBe(true);
    expect(readFileSync(join(out, 'consistency.html'), 'utf8')).toContain(
      '<table class="matrix" data-mode="aligned">',
    );
    for (const e of report.entries.filter((x) => !x.holds && x.violation)) {
      expect(r.out).toContain(
        `  replay: npx streamproof replay ${e.id} --seed ${e.violation?.seed} --path ${e.violation?.path}`,
      );
    }
  });

  it('prints only the JSON report with --json, and gives the same entries with 2 workers as with 1', async () => {
    const one = await recordCli(['matrix', '--modes', 'unaligned', '--runs', '2', '--json', '--out', tmp()]);
    const two = await recordCli([
      'matrix',
      '--modes',
      'unaligned',
      '--runs',
      '2',
      '--json',
      '--workers',
      '2',
      '--out',
      tmp(),
    ]);
    expect(one.out).toHaveLength(1);
    const a = JSON.parse(one.out[0] as string) as ConsistencyReport;
    const b = JSON.parse(two.out[0] as string) as ConsistencyReport;
    expect(a.entries).toHaveLength(8);
    expect(withoutMillis(b)).toEqual(withoutMillis(a));
    expect(b.entries.map((e) => e.counterexample?.traceHash)).toEqual(
      a.entries.map((e) => e.counterexample?.traceHash),
    );
  });

  it('splits the entries into shards whose merge equals the unsharded run', async () => {
    const [whole, s1, s2] = [tmp(), tmp(), tmp()];
    await recordCli(['matrix', '--modes', 'at-least-once', '--runs', '2', '--json', '--out', whole]);
    await recordCli([
      'matrix',
      '--modes',
      'at-least-once',
      '--runs',
      '2',
      '--json',
      '--shard',
      '1/2',
      '--out',
      s1,
    ]);
    await recordCli([
      'matrix',
      '--modes',
      'at-least-once',
      '--runs',
      '2',
      '--json',
      '--shard',
      '2/2',
      '--out',
      s2,
    ]);
    expect(read(s1).entries).toHaveLength(4);
    expect(read(s1).shard).toEqual({ index: 1, count: 2 });
    const merged = await recordCli([
      'report',
      join(s2, 'consistency.json'),
      join(s1, 'consistency.json'),
      '--merge',
      '--format',
      'json',
    ]);
    expect(merged.code).toBe(0);
    expect(withoutMillis(JSON.parse(merged.out.join('\n')))).toEqual(withoutMillis(read(whole)));
  });

  it.each([
    [
      ['matrix', '--modes', 'aligned,sideways'],
      /unknown mode 'sideways'; expected some of aligned,unaligned,at-least-once/,
    ],
    [['matrix', '--shard', '3/2'], /expected i\/n with 1 <= i <= n/],
    [['matrix', '--workers', '0'], /--workers.*expected a positive integer/],
    [['matrix', '--runs', 'many'], /--runs.*expected a positive integer/],
    [['matrix', '--seed', '-3'], /seed|unknown option/],
    // Checked before the run (no progress line), not after every entry ran.
    [['matrix', '--out', join(aFile(), 'sub')], /--out .*not-a-directory exists and is not a directory/],
  ])('rejects %j with one line and exit code 2', async (argv, message) => {
    const r = await recordCli(argv);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(message);
    expect(r.err[0]).toMatch(/\(see 'streamproof matrix --help'\)$/);
  });
});
