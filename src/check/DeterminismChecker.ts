import type { TraceEvent, TraceSummary } from '../sim/types.ts';

export interface DeterminismVerdict {
  readonly deterministic: boolean;
  readonly hashes: readonly [string, string];
  /** First event index where the two traces differ, when events were kept. */
  readonly divergesAt?: number;
  readonly left?: TraceEvent;
  readonly right?: TraceEvent;
  /** One line saying what differs, for failure messages. */
  readonly explanation: string;
}

function sameEvent(a: TraceEvent, b: TraceEvent): boolean {
  return (
    a.time === b.time && a.kind === b.kind && a.a === b.a && a.b === b.b && a.c === b.c && a.note === b.note
  );
}

function describe(e: TraceEvent | undefined): string {
  if (e === undefined) return '(end of trace)';
  const note = e.note === undefined ? '' : ` ${e.note}`;
  return `#${e.index} t=${e.time} ${e.kind}(${e.a}, ${e.b}, ${e.c})${note}`;
}

/**
 * Judges two runs of the same scenario with the same seed and choices: they
 * must have recorded the same trace. A pure function of the two traces; when
 * both kept their events it also names the first event where they diverge.
 */
export function checkDeterminism(first: TraceSummary, second: TraceSummary): DeterminismVerdict {
  const hashes: [string, string] = [first.hash, second.hash];
  if (first.hash === second.hash && first.length === second.length) {
    return { deterministic: true, hashes, explanation: `same trace hash ${first.hash}` };
  }
  const a = first.events;
  const b = second.events;
  if (a === undefined || b === undefined) {
    return {
      deterministic: false,
      hashes,
      explanation: `trace hashes differ (${first.hash} vs ${second.hash}); keep trace events to see where`,
    };
  }
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && sameEvent(a[i] as TraceEvent, b[i] as TraceEvent)) i++;
  const left = a[i];
  const right = b[i];
  return {
    deterministic: false,
    hashes,
    divergesAt: i,
    ...(left === undefined ? {} : { left }),
    ...(right === undefined ? {} : { right }),
    explanation: `traces diverge at event ${i}: ${describe(left)} vs ${describe(right)}`,
  };
}
