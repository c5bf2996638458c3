import type { RunServices } from './RunServices.ts';

/**
 * The seeded bugs (DESIGN §7): switchable defects that mirror real
 * checkpoint, recovery and two-phase-commit bugs, each hooked in at the place
 * where the real bug lived and commented there with what it mirrors. They
 * exist to prove that the property suites catch them (src/matrix/BugCatalogue.ts);
 * all are off unless a run switches them on.
 */
export const DEFECT_NAMES = [
  'no-alignment',
  'snapshot-on-first-barrier',
  'barrier-forwarded-before-snapshot',
  'source-offset-off-by-one',
  'commit-on-precommit',
  'recovery-aborts-pending',
  'non-idempotent-recommit',
  'lingering-not-aborted',
  'short-transaction-timeout',
  'wal-mark-before-write',
  'nondeterministic-idempotent-key',
  'restore-latest-triggered',
  'wrong-key-group-ranges',
  'timers-missing-from-snapshot',
  'watermark-max',
  'unaligned-drop-inflight',
] as const;

export type DefectName = (typeof DEFECT_NAMES)[number];

const KEY = 'seeded-defects';

export function isDefectName(name: string): name is DefectName {
  return (DEFECT_NAMES as readonly string[]).includes(name);
}

/** Switches the given defects on for the run that owns `services` (no-op for an empty list). */
export function installDefects(services: RunServices, defects: readonly DefectName[]): void {
  if (defects.length === 0) return;
  const on = services.get(KEY, () => new Set<DefectName>());
  for (const d of defects) on.add(d);
}

/** Whether a defect is switched on in this run; false unless a run installed it. */
export function hasDefect(services: RunServices, name: DefectName): boolean {
  if (!services.has(KEY)) return false;
  return services.get(KEY, () => new Set<DefectName>()).has(name);
}
