import { Hash64 } from './Hash64.ts';
import type { TraceKind } from './TraceKind.ts';
import type { TraceEvent, TraceSummary } from './types.ts';

const PACKED = 0x40000000;
const WIDE = 0x80000001 | 0;

/** An integer in [0, 1024): fits a 10-bit field. */
function isSmall(x: number): boolean {
  return (x | 0) === x && x >= 0 && x < 1024;
}

export interface TraceOptions {
  /**
   * Keep the events themselves (for timelines and divergence reports), not only
   * the hash. `true` keeps all; a number keeps at most that many (the first ones).
   */
  readonly keep?: boolean | number;
  /** Where the trace reads the virtual time it stamps on events. */
  readonly now?: () => number;
}

/**
 * An append-only log of typed events with an incremental 64-bit hash.
 *
 * The hash covers kind and arguments of every event in order (small integer
 * arguments packed into one word), and the virtual time the trace started
 * at, so two runs have the same hash exactly when they recorded the same
 * events; it is the fingerprint printed with every run and compared by the
 * determinism checks. An event's time is not mixed in: in a
 * simulation the clock moves only by the scheduler's clock events, which are
 * traced with their from and to times, so every event's time already follows
 * from the events before it (and hashing it cost a fifth of every event).
 */
export class Trace {
  private readonly hash = new Hash64(0x7ace);
  private readonly kept: TraceEvent[] = [];
  private readonly keepLimit: number;
  private readonly now: () => number;
  private count = 0;

  constructor(options: TraceOptions = {}) {
    const keep = options.keep ?? false;
    this.keepLimit = keep === true ? Number.POSITIVE_INFINITY : keep === false ? 0 : keep;
    this.now = options.now ?? (() => 0);
    this.hash.number(this.now());
  }

  /** Records one event. Arguments default to 0; `note` is optional text. */
  add(kind: TraceKind, a = 0, b = 0, c = 0, note?: string): void {
    const h = this.hash;
    h.word(kind.word);
    // Nearly every event's arguments are small non-negative integers (vertex, subtask, channel,
    // checkpoint id): those go in as one word of three 10-bit fields (bit 30 set, bit 31 clear),
    // which halves the hashing per event. Anything else is marked by a word with bit 31 set and
    // mixed in full, so the two forms never read alike.
    if (isSmall(a) && isSmall(b) && isSmall(c)) {
      h.word(PACKED | a | (b << 10) | (c << 20));
    } else {
      h.word(WIDE);
      h.number(a);
      h.number(b);
      h.number(c);
    }
    if (note !== undefined) h.string(note);
    if (this.count < this.keepLimit) {
      const time = this.now();
      const event: TraceEvent =
        note === undefined
          ? { index: this.count, time, kind: kind.name, a, b, c }
          : { index: this.count, time, kind: kind.name, a, b, c, note };
      this.kept.push(event);
    }
    this.count++;
  }

  get length(): number {
    return this.count;
  }

  /** The hash of every event so far, 16 hex digits. */
  hex(): string {
    return this.hash.hex();
  }

  events(): readonly TraceEvent[] {
    return this.kept;
  }

  summary(): TraceSummary {
    const hash = this.hex();
    return this.keepLimit > 0
      ? { hash, length: this.count, events: this.kept.slice() }
      : { hash, length: this.count };
  }
}
