import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Makes `dir` (and its missing parents) before a long run, so that an output
 * directory that cannot be made fails at once with a one-line reason instead
 * of after minutes of work. Each level is made with a plain mkdir, not
 * `mkdirSync(dir, { recursive: true })`: in Node 20 that never returns for a
 * path under /proc (mkdir answers ENOENT for a parent that exists, and it
 * retries forever). Returns the reason it cannot, or undefined when `dir` is
 * a directory.
 */
export function makeOutputDirectory(dir: string): string | undefined {
  const path = resolve(dir);
  const missing: string[] = [];
  let at = path;
  for (;;) {
    const kind = kindOf(at);
    if (kind === 'directory') break;
    if (kind === 'other') return `${at} exists and is not a directory`;
    const parent = dirname(at);
    if (parent === at) break;
    missing.unshift(at);
    at = parent;
  }
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      return `cannot make ${d} (${code})`;
    }
  }
  return undefined;
}

function kindOf(path: string): 'directory' | 'other' | 'missing' {
  try {
    return statSync(path).isDirectory() ? 'directory' : 'other';
  } catch {
    return 'missing';
  }
}
