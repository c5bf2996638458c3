// `node --import ./bin/register-typescript.js file.ts`: runs TypeScript
// sources through the hooks in typescript-hooks.js (esbuild, no build step).
// Used by the CLI, the benchmark, the matrix's worker threads and the real
// job processes.
import { register } from 'node:module';

register(new URL('./typescript-hooks.js', import.meta.url));
// Stack traces then point at lines of the .ts sources (each compiled file carries its source map).
process.setSourceMapsEnabled(true);
