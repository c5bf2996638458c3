import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BugReport } from '../../matrix/types.ts';
import { recordCli } from '../CliRecorder.ts';
import { loadScenario } from '../scenario/ScenarioLoader.ts';
import type { CaseScenario } from '../scenario/types.ts';

const dir = mkdtempSync(join(tmpdir(), 'streamproof-bugs-'));
const scenarios = join(dir, 'scenarios');

describe('streamproof bugs', () => {
  it('hunts the chosen seeded bugs, writes bugs.json, bugs.md and regression scenarios, and exits 0 when all are caught', async () => {
    const r = await recordCli([
      'bugs',
      '--defects',
      'commit-on-precommit,watermark-max',
      '--runs',
      '30',
      '--out',
      dir,
      '--scenarios',
      scenarios,
    ]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(
      /^commit-on-precommit +caught by 2pc-protocol +\d+ ms, \d+ run\(s\), 1 record\(s\)/,
    );
    expect(r.out[1]).toMatch(/^watermark-max +caught by guarantee/);
    expect(r.out.filter((l) => l.startsWith('control '))).toEqual([
      expect.stringMatching(/^control resettable\/2pc\/aligned +no violation in 30 runs$/),
      expect.stringMatching(
        /^control resettable\/2pc\/aligned \(event-time-buffer\) +no violation in 30 runs$/,
      ),
    ]);
    expect(r.out).toContainEqual(
      expect.stringMatching(/^2\/2 seeded bugs caught \(seed 42, 30 runs per search/),
    );
    const report = JSON.parse(readFileSync(join(dir, 'bugs.json'), 'utf8')) as BugReport;
    expect(report.bugs.map((b) => [b.defect, b.caught])).toEqual([
      ['commit-on-precommit', true],
      ['watermark-max', true],
    ]);
    expect(report.ok).toBe(true);
    const md = readFileSync(join(dir, 'bugs.md'), 'utf8');
    expect(md).toMatch(/\*\*2 of 2 seeded bugs caught\*\*/);
    expect(md).toMatch(/\| `commit-on-precommit` \| FLINK-7210/);
    // The kept counterexample is a valid scenario that `run` replays to the same violation.
    const file = join(scenarios, 'seeded-bug-commit-on-precommit.json');
    const s = loadScenario(file).scenario as CaseScenario;
    expect(s.caughtBy).toEqual(['2pc-protocol']);
    const run = await recordCli(['run', file]);
    expect(run.code).toBe(1);
    expect(run.out).toContainEqual(
      expect.stringMatching(/^2PC protocol: VIOLATED: .*committed at #\d+ before checkpoint/),
    );
    expect(run.out).toContainEqual(`trace hash ${s.traceHash}`);
  });

  it('prints the replay command of each counterexample, which reproduces the recorded trace hash', async () => {
    const report = JSON.parse(readFileSync(join(dir, 'bugs.json'), 'utf8')) as BugReport;
    const ce = report.bugs.find((b) => b.defect === 'watermark-max')?.counterexample;
    if (ce === undefined) throw new Error('watermark-max had no counterexample');
    const argv = ce.replay.split(' ').slice(2);
    expect(argv.slice(-2)).toEqual(['--defect', 'watermark-max']);
    const r = await recordCli([...argv, '--report', join(dir, 'bugs.json'), '--no-records']);
    expect(r.code).toBe(1);
    expect(r.out[0]).toMatch(/with the seeded bug watermark-max \(event-time-buffer\)/);
    expect(r.out).toContainEqual(
      expect.stringMatching(/^guarantee \(expected exactly-once\): at-most-once: .* lost/),
    );
    expect(r.out.at(-1)).toBe(`trace hash ${ce.traceHash} (as recorded)`);
    // The same case without the defect passes: the defect is what the checkers caught.
    const clean = await recordCli([...argv.slice(0, -2), '--workload', 'event-time-buffer', '--no-records']);
    expect(clean.out[0]).toMatch(/resettable\/2pc\/aligned case \(event-time-buffer\)$/);
    expect(clean.code).toBe(0);
  });

  it('prints only the report with --json', async () => {
    const out = join(dir, 'json');
    const r = await recordCli([
      'bugs',
      '--defects',
      'lingering-not-aborted',
      '--runs',
      '20',
      '--json',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(1);
    const report = JSON.parse(r.out[0] as string) as BugReport;
    expect(report.bugs[0]?.caughtBy).toEqual(['2pc-protocol']);
    expect(existsSync(join(out, 'bugs.md'))).toBe(true);
  });

  it.each([
    [['bugs', '--defects', 'nope'], /unknown seeded bug 'nope'/],
    [['bugs', '--runs', '0'], /expected a positive integer/],
    [
      ['replay', 'list-append-crash', '--seed', '1', '--defect', 'no-alignment'],
      /--defect and --workload apply to matrix entries/,
    ],
    [['replay', 'resettable/2pc/aligned', '--seed', '1', '--defect', 'typo'], /unknown seeded bug 'typo'/],
  ])('rejects %j with one line and exit code 2', async (argv, message) => {
    const r = await recordCli(argv);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(message);
  });
});
