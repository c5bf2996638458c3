import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './main.ts';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

const bin = fileURLToPath(new URL('../../bin/streamproof.js', import.meta.url));

describe('streamproof run', () => {
  it('prints the same trace hash for the same seed, another for another seed', async () => {
    const a = await cli('run', '--seed', '42');
    const b = await cli('run', '--seed', '42');
    const c = await cli('run', '--seed', '43');
    expect(a.code).toBe(0);
    expect(a.err).toEqual([]);
    const hash = (r: { out: string[] }) => r.out.find((l) => l.startsWith('trace hash'));
    expect(hash(a)).toMatch(/^trace hash [0-9a-f]{16}$/);
    expect(hash(a)).toBe(hash(b));
    expect(hash(a)).not.toBe(hash(c));
  });

  it('prints machine-readable JSON with --json and the events with --trace', async () => {
    const j = await cli('run', '--seed', '7', '--json', '--records', '3');
    const parsed = JSON.parse(j.out.join('\n'));
    expect(parsed.seed).toBe(7);
    expect(parsed.received).toHaveLength(6);
    expect(parsed.trace.hash).toMatch(/^[0-9a-f]{16}$/);
    const t = await cli('run', '--seed', '7', '--trace', '--records', '3');
    expect(t.out.filter((l) => / emit /.test(l))).toHaveLength(6);
  });

  it('follows given choices: all zeros is FIFO for any seed', async () => {
    const zeros = new Array(100).fill(0).join(',');
    const a = await cli('run', '--seed', '1', '--choices', zeros, '--json');
    const b = await cli('run', '--seed', '2', '--choices', zeros, '--json');
    expect(JSON.parse(a.out[0]!).received.slice(0, 2)).toEqual(['p0-0', 'p1-0']);
    expect(JSON.parse(b.out[0]!).received.slice(0, 2)).toEqual(['p0-0', 'p1-0']);
  });

  it.each([
    [['run', '--seed', 'nope'], /argument 'nope' is invalid\. expected an integer/],
    [['run', '--seed', '-1'], /unknown option '-1'|argument '-1' is invalid/],
    [['run', '--bogus'], /unknown option '--bogus'/],
    [['run', '--seed', 'nope', '--bogus'], /seed|bogus/],
    [['run', '--records', '0'], /expected a positive integer/],
    [['run', '--choices', '1,x'], /comma-separated non-negative integers/],
    [['run', 'nosuch'], /unknown scenario 'nosuch'; known scenarios: demo/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('rejects %j with one line and exit code 2', async (argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(message);
    expect(r.err[0]).toMatch(/^streamproof: .*\(see 'streamproof( run)? --help'\)$/);
  });

  it('lists the five commands in --help and exits 0', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    const help = r.out.join('\n');
    expect(help).toMatch(/run \[options\] \[scenario\]/);
    expect(help).toMatch(/matrix \[options\]/);
    expect(help).toMatch(/replay \[options\] <scenario>/);
    expect(help).toMatch(/check \[options\] <history>/);
    expect(help).toMatch(/report \[options\] <reports\.\.\.>/);
  });
});

describe('the streamproof binary', () => {
  it('runs from a clean checkout without a build and is reproducible across processes', () => {
    const run = () => execFileSync(process.execPath, [bin, 'run', '--seed', '42'], { encoding: 'utf8' });
    const first = run();
    expect(first).toMatch(/trace hash [0-9a-f]{16}/);
    expect(run()).toBe(first);
  });

  it('exits 2 with a single stderr line on bad flags', () => {
    const r = spawnSync(process.execPath, [bin, 'run', '--seed', 'nope', '--bogus'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
