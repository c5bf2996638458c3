import { existsSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { recordCli } from '../cli/CliRecorder.ts';

const CHROMIUM = '/usr/bin/chromium';
const reports = fileURLToPath(new URL('../../reports/', import.meta.url));

describe('the HTML report in headless Chromium', () => {
  it('shows the table and the swimlane timelines, fetches nothing, and leaves a screenshot in reports/', async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`).toBe(true);
    const out = mkdtempSync(join(tmpdir(), 'streamproof-browser-'));
    await recordCli(['matrix', '--modes', 'aligned', '--runs', '3', '--out', out]);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      const fetched: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith('file:')) fetched.push(r.url());
      });
      await page.goto(pathToFileURL(join(out, 'consistency.html')).href);
      expect(await page.title()).toBe('streamproof consistency report');

      const table = page.locator('table.matrix[data-mode="aligned"]');
      expect(await table.locator('thead th').allTextContents()).toEqual([
        'sink \\ source',
        'not resettable',
        'resettable',
      ]);
      expect(await table.locator('tbody th').allTextContents()).toEqual(['any', 'idempotent', 'WAL', '2PC']);
      const observed = await table.locator('td.cell .observed').allTextContents();
      expect(observed).toHaveLength(8);
      for (const level of observed)
        expect(['exactly-once', 'at-least-once', 'at-most-once', 'none']).toContain(level);

      const svg = page.locator('svg.timeline').first();
      await svg.scrollIntoViewIfNeeded();
      const box = await svg.boundingBox();
      expect(box?.width).toBeGreaterThan(300);
      expect(box?.height).toBeGreaterThan(150);
      const lanes = await svg.locator('.lane-label').allTextContents();
      expect(lanes[0]).toBe('job (coordinator)');
      expect(lanes.some((l) => / #0$/.test(l))).toBe(true);
      expect(await svg.locator('g.mark').count()).toBeGreaterThan(10);
      // Marks are drawn inside the picture, with their sentence as a tooltip.
      const mark = svg.locator('g.mark').first();
      expect(await mark.locator('title').textContent()).toMatch(/^t=\d+ /);
      const markBox = await mark.boundingBox();
      expect(markBox?.x).toBeGreaterThanOrEqual(box?.x ?? 0);

      // A "tight" link leads to its counterexample's section with a timeline.
      const link = table.locator('a', { hasText: 'tight' }).first();
      const target = await link.getAttribute('href');
      await link.click();
      expect(await page.evaluate('location.hash')).toBe(target);
      expect(await page.locator(`${target} svg.timeline`).count()).toBe(1);

      expect(fetched).toEqual([]);
      mkdirSync(reports, { recursive: true });
      const shot = join(reports, 'consistency.png');
      await page.evaluate('window.scrollTo(0, 0)');
      await page.screenshot({ path: shot, fullPage: true });
      expect(statSync(shot).size).toBeGreaterThan(20_000);
    } finally {
      await browser.close();
    }
  });
});
