/**
 * Node options for a worker thread or child process that loads this
 * package's `.ts` sources: they register bin/register-typescript.js (esbuild
 * hooks, no build step), as bin/streamproof.js does for the main process.
 */
export const TYPESCRIPT_EXEC_ARGV: readonly string[] = [
  '--import',
  new URL('../bin/register-typescript.js', import.meta.url).href,
];
