import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConsistencyReport } from '../matrix/types.ts';
import { renderHtml } from '../report/HtmlReport.ts';
import { renderMarkdown } from '../report/MarkdownReport.ts';
import type { CaseTimeline } from '../report/types.ts';

export interface WrittenReport {
  readonly json: string;
  readonly md: string;
  readonly html: string;
}

/** Writes consistency.json, .md and .html into `dir` (made if missing). */
export function writeReportFiles(
  report: ConsistencyReport,
  dir: string,
  timelines: ReadonlyMap<string, CaseTimeline>,
  baseName = 'consistency',
): WrittenReport {
  mkdirSync(dir, { recursive: true });
  const files = {
    json: join(dir, `${baseName}.json`),
    md: join(dir, `${baseName}.md`),
    html: join(dir, `${baseName}.html`),
  };
  writeFileSync(files.json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(files.md, renderMarkdown(report, { reportFile: files.json }));
  writeFileSync(files.html, renderHtml(report, { reportFile: files.json, timelines }));
  return files;
}
