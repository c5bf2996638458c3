import { InvalidArgumentError } from 'commander';
import { DEFECT_NAMES, type DefectName, isDefectName } from '../runtime/execution/Defects.ts';

/** Parses `--defect commit-on-precommit`: one seeded bug's name. */
export function parseDefect(value: string): DefectName {
  const name = value.trim();
  if (!isDefectName(name)) {
    throw new InvalidArgumentError(
      `unknown seeded bug '${name}'; expected one of ${DEFECT_NAMES.join(', ')}`,
    );
  }
  return name;
}

/** Parses `--defects a,b`: seeded bug names, comma-separated, each once. */
export function parseDefects(value: string): DefectName[] {
  const parts = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (parts.length === 0)
    throw new InvalidArgumentError(`no seeded bug given; expected some of ${DEFECT_NAMES.join(',')}`);
  return [...new Set(parts.map(parseDefect))];
}

/** Parses `--workload event-time-buffer`: the keyed function of a matrix case. */
export function parseWorkload(value: string): 'list-append' | 'event-time-buffer' {
  if (value !== 'list-append' && value !== 'event-time-buffer') {
    throw new InvalidArgumentError(`unknown workload '${value}'; expected list-append or event-time-buffer`);
  }
  return value;
}
