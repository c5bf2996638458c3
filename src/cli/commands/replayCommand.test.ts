import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConsistencyReport } from '../../matrix/types.ts';
import { recordCli } from '../CliRecorder.ts';

const dir = mkdtempSync(join(tmpdir(), 'streamproof-replay-'));

describe('streamproof replay', () => {
  it('replays a list-append case as a timeline with the verdict and the run trace hash', async () => {
    const run = await recordCli(['run', 'list-append-no-alignment-finding']);
    const r = await recordCli(['replay', 'list-append-no-alignment-finding', '--seed', '5', '--path', '']);
    expect(r.code).toBe(1);
    const text = r.out.join('\n');
    for (const tag of ['record', 'trigger', 'barrier', 'snapshot', 'COMPLETE', 'FAULT', 'RESTART']) {
      expect(text).toMatch(new RegExp(`^t=\\s*\\d+  .+  ${tag} `, 'm'));
    }
    expect(r.out).toContain('verdict: FAILED');
    expect(r.out.at(-1)).toBe(run.out.find((l) => l.startsWith('trace hash')));
    const short = await recordCli([
      'replay',
      'list-append-no-alignment-finding',
      '--seed',
      '5',
      '--no-records',
    ]);
    expect(short.out.length).toBeLessThan(r.out.length);
    expect(short.out.join('\n')).toMatch(/record emit\/process lines left out/);
  });

  it('regenerates a matrix case from seed and path and reproduces the recorded trace hash', async () => {
    await recordCli(['run', 'resettable/any/aligned', '--runs', '3', '--out', dir]);
    const file = join(dir, 'resettable-any-aligned.consistency.json');
    const c = (JSON.parse(readFileSync(file, 'utf8')) as ConsistencyReport).entries[0]?.counterexample;
    if (c === undefined) throw new Error('the entry had no counterexample');
    const r = await recordCli([
      'replay',
      'resettable/any/aligned',
      '--seed',
      String(c.seed),
      '--path',
      c.path,
      '--report',
      file,
    ]);
    expect(r.out[0]).toMatch(/^replay resettable\/any\/aligned tightness counterexample: /);
    expect(r.out.at(-1)).toBe(`trace hash ${c.traceHash} (as recorded)`);
    expect(r.out.some((l) => /external system/.test(l))).toBe(true);
    // A tightness counterexample breaks only the stronger guarantee: the expected one holds.
    expect(r.code).toBe(0);
  });

  it.each([
    [['replay', 'list-append-crash', '--seed', '3', '--path', '1:x'], /--path '1:x' is not a case path/],
    [['replay', 'list-append-crash'], /required option '--seed <n>' not specified/],
    [['replay', 'nowhere', '--seed', '1'], /unknown scenario 'nowhere'/],
    [
      ['replay', 'resettable/2pc/aligned', '--seed', '1', '--path', '0:99999'],
      /entry resettable\/2pc\/aligned has no case at seed 1 path 0:99999/,
    ],
    [
      ['replay', 'resettable/2pc/aligned', '--seed', '1', '--path', 'abc'],
      /has no case at seed 1 path abc: Unable to replay, got invalid path=abc/,
    ],
  ])('rejects %j with one line and exit code 2', async (argv, message) => {
    const r = await recordCli(argv);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(message);
  });

  it('refuses a case file replayed with another seed than it was recorded with', async () => {
    const file = join(dir, 'case.json');
    writeFileSync(file, JSON.stringify({ kind: 'case', seed: 4, path: '1', case: {} }));
    const r = await recordCli(['replay', file, '--seed', '5', '--path', '1']);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/was recorded with seed 4, not 5/);
  });
});
