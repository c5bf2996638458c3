import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where a real trial writes its history: `<dir>/<runId>.history.json`. The run id is
 * `sp<seed>_<6 hex digits>` (random, so topics and tables never clash); the files of earlier runs
 * of the same seed in `dir` are superseded by this one and removed, so rerunning
 * `streamproof matrix --real` does not pile up stale histories next to the report.
 */
export function historyFileFor(dir: string, seed: number, runId: string): string {
  mkdirSync(dir, { recursive: true });
  const earlier = new RegExp(`^sp${seed}_[0-9a-f]{6}\\.history\\.json$`);
  for (const f of readdirSync(dir)) if (earlier.test(f)) rmSync(join(dir, f));
  return join(dir, `${runId}.history.json`);
}
