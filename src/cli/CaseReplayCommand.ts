import { shellWord } from '../report/ShellWord.ts';
import type { LoadedScenario } from './scenario/types.ts';

/**
 * The replay command of one case of a scenario that is not a matrix entry (a
 * list-append job, a case file): the scenario as it was given (its name, or
 * its file), the seed and the path.
 */
export function caseReplayCommand(loaded: LoadedScenario, seed: number, path: string): string {
  const ref = loaded.named ? loaded.name : loaded.file;
  return ['npx', 'streamproof', 'replay', ref, '--seed', String(seed), '--path', path]
    .map(shellWord)
    .join(' ');
}
