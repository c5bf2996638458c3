import { readFileSync, statSync } from 'node:fs';

/**
 * Reads and parses a JSON file given on the command line; every failure
 * (missing, a directory, unreadable, not JSON) becomes one line built by
 * `fail`, which callers turn into their own error class.
 */
export function readJsonFile(file: string, what: string, fail: (message: string) => Error): unknown {
  let text: string;
  try {
    if (statSync(file).isDirectory()) throw fail(`${what} ${file} is a directory, not a JSON file`);
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof Error && !('code' in error)) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw fail(
      code === 'ENOENT'
        ? `${what} ${file} does not exist`
        : `cannot read ${what} ${file}: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw fail(`${what} ${file} is not valid JSON: ${(error as Error).message.split('\n')[0]}`);
  }
}
