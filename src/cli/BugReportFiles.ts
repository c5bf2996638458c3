import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BugReport } from '../matrix/types.ts';
import { renderBugMarkdown } from '../report/BugReportMarkdown.ts';
import { makeOutputDirectory } from './OutputDirectory.ts';

/** Writes bugs.json and bugs.md into `dir` (made if missing). */
export function writeBugReportFiles(report: BugReport, dir: string): { json: string; md: string } {
  // Not a recursive mkdir: in Node 20 it never returns for a path under /proc (OutputDirectory.ts).
  const cannot = makeOutputDirectory(dir);
  if (cannot !== undefined) throw new Error(`cannot write to ${dir}: ${cannot}`);
  const files = { json: join(dir, 'bugs.json'), md: join(dir, 'bugs.md') };
  writeFileSync(files.json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(files.md, renderBugMarkdown(report, { reportFile: files.json }));
  return files;
}
