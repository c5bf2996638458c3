import { InvalidArgumentError } from 'commander';
import type { GuaranteeLevel } from '../check/GuaranteeChecker.ts';

const LEVELS: readonly GuaranteeLevel[] = ['exactly-once', 'at-least-once', 'at-most-once', 'none'];

/** Parses `--expect exactly-once`: a guarantee level. */
export function parseLevel(value: string): GuaranteeLevel {
  if (!(LEVELS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${LEVELS.join(', ')}`);
  }
  return value as GuaranteeLevel;
}
