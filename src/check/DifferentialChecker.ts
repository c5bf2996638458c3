import type { GuaranteeLevel } from './GuaranteeChecker.ts';

export interface DifferentialVerdict {
  readonly level: GuaranteeLevel;
  readonly holds: {
    readonly exactlyOnce: boolean;
    readonly atLeastOnce: boolean;
    readonly atMostOnce: boolean;
  };
  /** Outputs of the failure-free run missing from the faulty one (key, value, how many missing). */
  readonly missing: readonly { readonly key: string; readonly value: string; readonly count: number }[];
  /** Outputs of the faulty run beyond the failure-free one. */
  readonly extra: readonly { readonly key: string; readonly value: string; readonly count: number }[];
  /** Keys whose outputs match as multisets but not in order. */
  readonly reordered: readonly string[];
  readonly explanation: string;
}

function counts(values: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

/**
 * The verdict for user pipelines that are not list-append (DESIGN §4): the
 * faulty run's final output (key -> values) against the failure-free run of
 * the same scenario. Missing values = lost effects, extra values = duplicated
 * effects; exactly-once also needs the same order per key. Pure.
 */
export function checkDifferential(
  clean: Readonly<Record<string, readonly string[]>>,
  faulty: Readonly<Record<string, readonly string[]>>,
): DifferentialVerdict {
  const missing: { key: string; value: string; count: number }[] = [];
  const extra: { key: string; value: string; count: number }[] = [];
  const reordered: string[] = [];
  const keys = [...new Set([...Object.keys(clean), ...Object.keys(faulty)])].sort();
  for (const key of keys) {
    const a = clean[key] ?? [];
    const b = faulty[key] ?? [];
    const ca = counts(a);
    const cb = counts(b);
    for (const [value, n] of ca) {
      const m = cb.get(value) ?? 0;
      if (m < n) missing.push({ key, value, count: n - m });
    }
    for (const [value, m] of cb) {
      const n = ca.get(value) ?? 0;
      if (m > n) extra.push({ key, value, count: m - n });
    }
    const sameMultiset = a.length === b.length && [...ca].every(([v, n]) => cb.get(v) === n);
    if (sameMultiset && a.some((v, i) => v !== b[i])) reordered.push(key);
  }
  const atLeastOnce = missing.length === 0;
  const atMostOnce = extra.length === 0;
  const exactlyOnce = atLeastOnce && atMostOnce && reordered.length === 0;
  const level: GuaranteeLevel = exactlyOnce
    ? 'exactly-once'
    : atLeastOnce
      ? 'at-least-once'
      : atMostOnce
        ? 'at-most-once'
        : 'none';
  const parts: string[] = [];
  if (missing.length > 0)
    parts.push(`${missing.length} missing (e.g. ${missing[0]?.key}: ${missing[0]?.value})`);
  if (extra.length > 0) parts.push(`${extra.length} extra (e.g. ${extra[0]?.key}: ${extra[0]?.value})`);
  if (reordered.length > 0) parts.push(`${reordered.length} key(s) reordered (e.g. ${reordered[0]})`);
  return {
    level,
    holds: { exactlyOnce, atLeastOnce, atMostOnce },
    missing,
    extra,
    reordered,
    explanation: `${level} against the failure-free run${parts.length === 0 ? '' : `: ${parts.join('; ')}`}`,
  };
}
