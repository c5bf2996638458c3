import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConsistencyReport } from '../../matrix/types.ts';
import { recordCli } from '../CliRecorder.ts';

const dir = mkdtempSync(join(tmpdir(), 'streamproof-run-'));
const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe('streamproof run <scenario>', () => {
  it('runs a list-append job, judges its state and cuts, and writes a history that check accepts', async () => {
    const history = join(dir, 'h.json');
    const r = await recordCli(['run', 'list-append-crash', '--history', history]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      'state (expected exactly-once): exactly-once: 8 inputs, each applied once, in order',
    );
    expect(r.out).toContain('consistent cuts: 5 completed checkpoint(s) are consistent cuts');
    expect(r.out.at(-1)).toMatch(/^trace hash [0-9a-f]{16}$/);
    // A history written out carries every completed checkpoint's snapshot digest.
    const written = JSON.parse(readFileSync(history, 'utf8')) as {
      checkpoints: { status: string; digest?: string }[];
    };
    const completed = written.checkpoints.filter((c) => c.status === 'completed');
    expect(completed).toHaveLength(5);
    for (const c of completed) expect(c.digest).toMatch(/^[0-9a-f]{16}$/);
    const check = await recordCli(['check', history, '--expect', 'exactly-once']);
    expect(check.code).toBe(0);
    expect(check.out.join('\n')).toContain(r.out.at(-1)?.replace('trace hash ', '') ?? '-');
  });

  it('exits 1 on a finding and prints seed, path and the replay command', async () => {
    const r = await recordCli(['run', 'list-append-no-alignment-finding']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('FAILED: the state is at-least-once, expected exactly-once');
    expect(r.out).toContain(
      "  replay: npx streamproof replay list-append-no-alignment-finding --seed 5 --path ''",
    );
    const other = await recordCli([
      'run',
      'list-append-no-alignment-finding',
      '--seed',
      '6',
      '--choices',
      '0,1',
    ]);
    expect(other.out.join('\n')).toMatch(/--seed 6 --path 0:1/);
  });

  it('runs one matrix entry by its id, writes its report and prints its counterexample replay command', async () => {
    const r = await recordCli(['run', 'not-resettable/any/aligned', '--runs', '3', '--out', dir]);
    const report = JSON.parse(
      readFileSync(join(dir, 'not-resettable-any-aligned.consistency.json'), 'utf8'),
    ) as ConsistencyReport;
    expect(report.entries.map((e) => e.id)).toEqual(['not-resettable/any/aligned']);
    expect(r.code).toBe(report.agrees ? 0 : 1);
    const c = report.entries[0]?.counterexample;
    expect(c).toBeDefined();
    expect(r.out).toContain(
      `  replay: npx streamproof replay not-resettable/any/aligned --seed ${c?.seed} --path ${c?.path}`,
    );
    // The same case as a case file: run replays it to the recorded trace hash.
    const caseFile = write(
      'case.json',
      JSON.stringify({
        kind: 'case',
        entry: 'not-resettable/any/aligned',
        traceHash: c?.traceHash,
        case: c?.scenario,
      }),
    );
    const replayed = await recordCli(['run', caseFile]);
    expect(replayed.out.at(-1)).toBe(`trace hash ${c?.traceHash}`);
  });

  it('lists the named scenarios: one per matrix entry and the examples', async () => {
    const r = await recordCli(['run', '--list']);
    expect(r.out.filter((l) => / Matrix entry: /.test(l))).toHaveLength(24);
    expect(r.out.some((l) => l.startsWith('list-append-crash '))).toBe(true);
  });

  it.each([
    [
      () => write('typo.json', '{"kind": "list-append", "jobs": {}}'),
      /typo\.json is invalid: the top level: (unknown property 'jobs'|missing property 'job')/,
    ],
    [
      () => write('kind.json', '{"kind": "movie"}'),
      /kind\.json is invalid: .*(unknown kind "movie"|must be one of)/,
    ],
    [
      () =>
        write(
          'records.json',
          '{"kind": "list-append", "job": {"records": 0, "keys": 1, "partitions": 1, "sourceParallelism": 1, "appendParallelism": 1, "mode": "aligned", "checkpointInterval": 5}}',
        ),
      /records\.json is invalid: job\.records: must be >= 1/,
    ],
    [() => write('broken.json', '{"kind":'), /broken\.json is not valid JSON/],
    [() => join(dir, 'absent.json'), /scenario .*absent\.json does not exist/],
  ])('rejects a bad scenario file with one line and exit code 2 (%#)', async (file, message) => {
    const r = await recordCli(['run', file()]);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(message);
  });
});
