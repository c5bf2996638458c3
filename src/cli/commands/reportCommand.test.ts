import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ConsistencyReport } from '../../matrix/types.ts';
import { recordCli } from '../CliRecorder.ts';

const fixture = fileURLToPath(new URL('../../report/fixtures/consistency.json', import.meta.url));
const whole = JSON.parse(readFileSync(fixture, 'utf8')) as ConsistencyReport;
const dir = mkdtempSync(join(tmpdir(), 'streamproof-report-'));

function write(name: string, value: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

function shard(index: number, count: number): string {
  const entries = whole.entries.filter((_, k) => k % count === index - 1);
  return write(`shard-${index}-${count}.json`, { ...whole, shard: { index, count }, entries });
}

describe('streamproof report', () => {
  it('renders Markdown by default and self-contained HTML with --format html --out', async () => {
    const md = await recordCli(['report', fixture]);
    expect(md.code).toBe(0);
    expect(md.out.join('\n')).toContain('## unaligned exactly-once');
    const out = join(dir, 'r.html');
    const html = await recordCli(['report', fixture, '--format', 'html', '--out', out]);
    expect(html.code).toBe(0);
    expect(html.err).toEqual([`wrote ${out}`]);
    const page = readFileSync(out, 'utf8');
    expect(page.match(/data-entry=/g)?.length).toBeGreaterThanOrEqual(24);
    // The fixture's cases are not real matrix cases: the page says so instead of drawing them.
    expect(page).toContain('No timeline:');
  });

  it('merges shards into the whole report', async () => {
    const r = await recordCli(['report', '--merge', '--format', 'json', shard(2, 2), shard(1, 2)]);
    expect(r.code).toBe(0);
    const merged = JSON.parse(r.out.join('\n')) as ConsistencyReport;
    expect(merged.entries.map((e) => e.id).sort()).toEqual(whole.entries.map((e) => e.id).sort());
    expect(merged.shard).toBeUndefined();
    expect(merged.agrees).toBe(false);
  });

  it.each([
    [() => ['report', shard(1, 2), shard(2, 2)], /2 reports given: add --merge/],
    [() => ['report', '--merge', shard(1, 3), shard(2, 3)], /shard 3\/3 missing/],
    [
      () => ['report', write('bad.json', { ...whole, tool: 'other' })],
      /bad\.json is not a consistency report: tool: must be "streamproof"/,
    ],
    [
      () => ['report', write('entry.json', { ...whole, entries: [{ id: 'x' }] })],
      /entries\[0\]: missing property 'source'/,
    ],
    [() => ['report', fixture, '--format', 'pdf'], /expected md, html or json/],
    [() => ['report', join(dir, 'none.json')], /report .*none\.json does not exist/],
  ])('rejects bad input with one line and exit code 2 (%#)', async (argv, message) => {
    const r = await recordCli(argv());
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(message);
  });
});
