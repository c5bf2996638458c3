import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { recordCli } from '../CliRecorder.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../../report/fixtures/${name}`, import.meta.url));
const good = fixture('history-2pc-exactly-once.json');
const early = fixture('history-2pc-early-commit.json');

function broken(edit: (h: Record<string, unknown>) => void, text?: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'streamproof-check-')), 'history.json');
  const h = JSON.parse(readFileSync(good, 'utf8')) as Record<string, unknown>;
  edit(h);
  writeFileSync(file, text ?? JSON.stringify(h));
  return file;
}

describe('streamproof check', () => {
  it('accepts a good 2PC history and prints every verdict', async () => {
    const r = await recordCli(['check', good, '--expect', 'exactly-once']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      'guarantee (expected exactly-once): exactly-once: 4 inputs, each applied once, in order',
    );
    expect(r.out).toContain(
      '2PC protocol: ok, 2 transactions: 2 committed, 0 aborted, 0 idempotent re-commits',
    );
    expect(r.out).toContain('consistent cuts: 2 completed checkpoint(s) are consistent cuts');
    expect(r.out.at(-1)).toBe('ok');
  });

  it('exits 1 on a commit before its checkpoint completed, naming the transaction', async () => {
    const r = await recordCli(['check', early]);
    expect(r.code).toBe(1);
    expect(r.out.join('\n')).toMatch(/2PC protocol: VIOLATED: t2: committed at #7 before checkpoint 2/);
    expect(r.out).toContain('  seed 7, trace hash fedcba9876543210');
    const j = await recordCli(['check', early, '--json', '--expect', 'exactly-once']);
    const parsed = JSON.parse(j.out[0] as string);
    expect(parsed.ok).toBe(false);
    expect(parsed.guarantee.duplicated).toEqual([{ id: 'r3', count: 2 }]);
    expect(parsed.problems[0]).toMatch(/^guarantee: at-least-once, expected exactly-once/);
  });

  it.each([
    [
      'an unknown operation',
      broken((h) => (((h.operations as { op: string }[])[2] as { op: string }).op = 'prepare')),
      /operations\[2\]\.op: must be one of "write", "upsert"/,
    ],
    [
      'a missing key',
      broken((h) => delete (h.inputs as { src: Record<string, unknown>[] }).src[1]?.key),
      /inputs\.src\[1\]: missing property 'key'/,
    ],
    ['another version', broken((h) => (h.version = 2)), /version: must be 1/],
    ['not JSON', broken(() => {}, '{"version": 1,'), /is not valid JSON/],
    ['a missing file', '/nonexistent/history.json', /history \/nonexistent\/history\.json does not exist/],
  ])('rejects %s with one line saying what and where, exit 2', async (_what, file, message) => {
    const r = await recordCli(['check', file]);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(message);
  });

  it('rejects a bad --expect and a missing argument', async () => {
    expect((await recordCli(['check', good, '--expect', 'twice'])).err[0]).toMatch(
      /expected one of exactly-once/,
    );
    const r = await recordCli(['check']);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/missing required argument 'history'/);
  });
});
