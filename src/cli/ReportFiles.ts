import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConsistencyReport } from '../matrix/types.ts';
import { renderHtml } from '../report/HtmlReport.ts';
import { renderMarkdown } from '../report/MarkdownReport.ts';
import type { CaseTimeline } from '../report/types.ts';
import { makeOutputDirectory } from './OutputDirectory.ts';

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
  // Not a recursive mkdir: in Node 20 it never returns for a path under /proc (OutputDirectory.ts).
  const cannot = makeOutputDirectory(dir);
  if (cannot !== undefined) throw new Error(`cannot write to ${dir}: ${cannot}`);
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
