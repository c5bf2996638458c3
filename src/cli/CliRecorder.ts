import { type CliOptions, runCli } from './main.ts';

export interface CliRun {
  readonly code: number;
  readonly out: string[];
  readonly err: string[];
}

/** Runs the CLI in this process and records what it printed (for tests). */
export async function recordCli(argv: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, options);
  return { code, out, err };
}
