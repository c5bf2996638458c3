import { InvalidArgumentError } from 'commander';

/** Parses `--seed`: a decimal integer in [0, 2^32 - 1]. */
export function parseSeed(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 0xffffffff) {
    throw new InvalidArgumentError(`expected an integer from 0 to 4294967295, e.g. --seed 42`);
  }
  return Number(value);
}

/** Parses a positive integer flag such as `--records`. */
export function parsePositiveInt(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 1_000_000_000) {
    throw new InvalidArgumentError(`expected a positive integer, e.g. 20`);
  }
  return Number(value);
}

/** Parses `--choices 0,1,0`: comma-separated non-negative integers. */
export function parseChoices(value: string): number[] {
  if (value.trim() === '') return [];
  const parts = value.split(',').map((s) => s.trim());
  if (!parts.every((p) => /^\d+$/.test(p))) {
    throw new InvalidArgumentError(`expected comma-separated non-negative integers, e.g. --choices 0,2,1`);
  }
  return parts.map(Number);
}
