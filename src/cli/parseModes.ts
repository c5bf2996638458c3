import { InvalidArgumentError } from 'commander';
import type { CheckpointMode } from '../checkpoint/types.ts';
import { MODES } from '../report/TableLayout.ts';

/** Parses `--modes aligned,unaligned`: checkpoint modes, comma-separated, each once. */
export function parseModes(value: string): CheckpointMode[] {
  const parts = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const bad = parts.find((p) => !(MODES as readonly string[]).includes(p));
  if (parts.length === 0 || bad !== undefined) {
    throw new InvalidArgumentError(
      `${bad === undefined ? 'no mode given' : `unknown mode '${bad}'`}; expected some of ${MODES.join(',')}`,
    );
  }
  return [...new Set(parts)] as CheckpointMode[];
}
