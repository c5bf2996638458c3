import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BugReport } from '../matrix/types.ts';
import { renderBugMarkdown } from '../report/BugReportMarkdown.ts';

/** Writes bugs.json and bugs.md into `dir` (made if missing). */
export function writeBugReportFiles(report: BugReport, dir: string): { json: string; md: string } {
  mkdirSync(dir, { recursive: true });
  const files = { json: join(dir, 'bugs.json'), md: join(dir, 'bugs.md') };
  writeFileSync(files.json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(files.md, renderBugMarkdown(report, { reportFile: files.json }));
  return files;
}
