import { shellWord } from './ShellWord.ts';

/** Where `streamproof matrix` writes its report unless told otherwise. */
export const DEFAULT_REPORT_FILE = 'reports/consistency.json';

/** The named scenario of a matrix entry: "resettable/wal/aligned" -> "resettable-wal-aligned". */
export function entryScenarioName(entryId: string): string {
  return entryId.replaceAll('/', '-');
}

/**
 * The command that replays one case of a matrix entry: the entry names the
 * scenario, fast-check's seed and path name the case (the matrix regenerates
 * it from them), e.g. `npx streamproof replay resettable/wal/aligned --seed 7 --path 3:0:1`.
 */
export function replayCommand(
  entryId: string,
  failure: { readonly seed: number; readonly path: string },
): string {
  return ['npx', 'streamproof', 'replay', entryId, '--seed', String(failure.seed), '--path', failure.path]
    .map(shellWord)
    .join(' ');
}
