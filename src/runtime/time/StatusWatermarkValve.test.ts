import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { propertyRuns } from '../../../properties/runCount.ts';
import { MIN_WATERMARK } from '../StreamElement.ts';
import { StatusWatermarkValve } from './StatusWatermarkValve.ts';

const runs = propertyRuns(300);

type ValveInput =
  | { readonly kind: 'wm'; readonly channel: number; readonly ts: number }
  | { readonly kind: 'status'; readonly channel: number; readonly idle: boolean };

type ValveOutput = { readonly wm: number } | { readonly idle: boolean };

/**
 * A plain reference model of Flink's StatusWatermarkValve, written from its
 * documented rules (flink-streaming-java .../watermarkstatus/StatusWatermarkValve):
 * - a watermark is ignored when its channel is idle or not larger than the
 *   channel's last one; a channel that was left behind ("unaligned") rejoins
 *   the minimum once its watermark reaches the last output;
 * - the output is the minimum over aligned channels, emitted only when it grows;
 * - a channel turning idle leaves the minimum; if it held the minimum, the
 *   others may move it on; if it was the last active channel and held the
 *   minimum, the maximum over all channels is flushed, then IDLE is emitted;
 * - a channel turning active rejoins the minimum only if its watermark is not
 *   behind the output; the first active channel of an idle valve emits ACTIVE.
 */
class ReferenceValve {
  readonly wm: number[];
  readonly idle: boolean[];
  readonly aligned: boolean[];
  out = MIN_WATERMARK;
  outIdle = false;
  readonly emitted: ValveOutput[] = [];

  constructor(n: number) {
    this.wm = Array.from({ length: n }, () => MIN_WATERMARK);
    this.idle = Array.from({ length: n }, () => false);
    this.aligned = Array.from({ length: n }, () => true);
  }

  apply(input: ValveInput): void {
    const c = input.channel;
    if (input.kind === 'wm') {
      if (this.outIdle || this.idle[c] || input.ts <= (this.wm[c] as number)) return;
      this.wm[c] = input.ts;
      if (!this.aligned[c] && input.ts >= this.out) this.aligned[c] = true;
      this.emitMinOfAligned();
    } else if (input.idle && !this.idle[c]) {
      this.idle[c] = true;
      this.aligned[c] = false;
      if (this.idle.every((i) => i)) {
        if (this.wm[c] === this.out) {
          const max = Math.max(...this.wm);
          if (max > this.out) this.emitWatermark(max);
        }
        this.outIdle = true;
        this.emitted.push({ idle: true });
      } else if (this.wm[c] === this.out) {
        this.emitMinOfAligned();
      }
    } else if (!input.idle && this.idle[c]) {
      this.idle[c] = false;
      if ((this.wm[c] as number) >= this.out) this.aligned[c] = true;
      if (this.outIdle) {
        this.outIdle = false;
        this.emitted.push({ idle: false });
      }
    }
  }

  private emitMinOfAligned(): void {
    let min = Number.POSITIVE_INFINITY;
    this.aligned.forEach((a, i) => {
      if (a) min = Math.min(min, this.wm[i] as number);
    });
    if (min !== Number.POSITIVE_INFINITY && min > this.out) this.emitWatermark(min);
  }

  private emitWatermark(ts: number): void {
    this.out = ts;
    this.emitted.push({ wm: ts });
  }
}

/** Runs `inputs` through the real valve, returning what it emitted after each input. */
function runValve(numChannels: number, inputs: readonly ValveInput[]): ValveOutput[][] {
  const emitted: ValveOutput[] = [];
  const valve = new StatusWatermarkValve(numChannels, {
    emitWatermark: (wm) => emitted.push({ wm }),
    emitWatermarkStatus: (idle) => emitted.push({ idle }),
  });
  return inputs.map((input) => {
    emitted.length = 0;
    if (input.kind === 'wm') valve.inputWatermark(input.ts, input.channel);
    else valve.inputWatermarkStatus(input.idle, input.channel);
    return [...emitted];
  });
}

/**
 * Up to 100 inputs on 1-4 channels (mostly 3-4: the idleness corners need
 * three channels), half watermarks from a wide range, half status changes.
 */
const scenarioArb = fc
  .constantFrom(1, 2, 3, 3, 4, 4)
  .chain((n) =>
    fc.tuple(
      fc.constant(n),
      fc.array(
        fc.oneof(
          fc.record({ kind: fc.constant('wm' as const), channel: fc.nat(n - 1), ts: fc.nat(100) }),
          fc.record({ kind: fc.constant('status' as const), channel: fc.nat(n - 1), idle: fc.boolean() }),
        ),
        { maxLength: 100, size: 'max' },
      ),
    ),
  );

/** The property: after every input, the valve emits exactly what the reference model emits. */
function valveMatchesReference() {
  return fc.property(scenarioArb, ([n, inputs]) => {
    const model = new ReferenceValve(n);
    const actual = runValve(n, inputs);
    inputs.forEach((input, i) => {
      const before = model.emitted.length;
      model.apply(input);
      expect(actual[i], `after input ${i} ${JSON.stringify(input)}`).toEqual(model.emitted.slice(before));
    });
  });
}

describe('StatusWatermarkValve against a reference model of Flink', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it(`emits exactly the reference model's watermarks and statuses (${runs} input sequences)`, () => {
    fc.assert(valveMatchesReference(), { numRuns: runs });
  });

  it('never emits a smaller watermark, and every emitted watermark is some channel watermark', () => {
    fc.assert(
      fc.property(scenarioArb, ([n, inputs]) => {
        const out = runValve(n, inputs).flat();
        const seen = new Set(inputs.flatMap((i) => (i.kind === 'wm' ? [i.ts] : [])));
        let last = MIN_WATERMARK;
        for (const o of out) {
          if ('wm' in o) {
            expect(o.wm).toBeGreaterThan(last);
            expect(seen.has(o.wm)).toBe(true);
            last = o.wm;
          }
        }
      }),
      { numRuns: runs },
    );
  });

  it('fails on a valve that takes the maximum instead of the minimum (the property has teeth)', () => {
    const proto = StatusWatermarkValve.prototype as unknown as {
      outputMinOfAligned: () => void;
    };
    vi.spyOn(proto, 'outputMinOfAligned').mockImplementation(function (this: unknown) {
      const self = this as {
        channels: { watermark: number; idle: boolean; aligned: boolean }[];
        lastOutputWatermark: number;
        output: { emitWatermark(ts: number): void };
      };
      let max = MIN_WATERMARK;
      for (const c of self.channels) if (c.aligned && !c.idle) max = Math.max(max, c.watermark);
      if (max > self.lastOutputWatermark) {
        self.lastOutputWatermark = max;
        self.output.emitWatermark(max);
      }
    });
    const result = fc.check(valveMatchesReference(), { numRuns: runs });
    expect(result.failed).toBe(true);
  });
});

describe("StatusWatermarkValve, Flink's StatusWatermarkValveTest scenarios", () => {
  const wm = (channel: number, ts: number): ValveInput => ({ kind: 'wm', channel, ts });
  const idle = (channel: number): ValveInput => ({ kind: 'status', channel, idle: true });
  const active = (channel: number): ValveInput => ({ kind: 'status', channel, idle: false });

  it('single input: increasing watermarks pass, decreasing ones are dropped', () => {
    expect(runValve(1, [wm(0, 0), wm(0, 25), wm(0, 18), wm(0, 42)])).toEqual([
      [{ wm: 0 }],
      [{ wm: 25 }],
      [],
      [{ wm: 42 }],
    ]);
  });

  it('single input: status toggling, and a watermark while idle is ignored', () => {
    expect(runValve(1, [active(0), wm(0, 25), idle(0), idle(0), wm(0, 50), active(0), wm(0, 50)])).toEqual([
      [],
      [{ wm: 25 }],
      [{ idle: true }],
      [],
      [],
      [{ idle: false }],
      [{ wm: 50 }],
    ]);
  });

  it('multiple inputs: output only once every channel has a watermark, then the minimum', () => {
    expect(
      runValve(3, [wm(0, 0), wm(1, 0), wm(2, 0), wm(0, 12), wm(2, 8), wm(2, 10), wm(1, 15), wm(2, 17)]),
    ).toEqual([[], [], [{ wm: 0 }], [], [], [], [{ wm: 10 }], [{ wm: 12 }]]);
  });

  it('multiple inputs: channels going idle one by one move the minimum, the last flushes the maximum', () => {
    expect(runValve(3, [wm(0, 10), wm(1, 5), wm(2, 3), idle(2), idle(1), idle(0)])).toEqual([
      [],
      [],
      [{ wm: 3 }],
      [{ wm: 5 }],
      [{ wm: 10 }],
      [{ idle: true }],
    ]);
  });

  it('a channel that turns active behind the output waits until it catches up', () => {
    expect(
      runValve(2, [wm(0, 10), wm(1, 5), idle(1), wm(0, 20), active(1), wm(1, 15), wm(0, 30), wm(1, 25)]),
    ).toEqual([[], [{ wm: 5 }], [{ wm: 10 }], [{ wm: 20 }], [], [], [{ wm: 30 }], []]);
  });

  it('the last channel turning idle while left behind flushes nothing (Flink flushes only from the minimum)', () => {
    // Channel 2 went idle ahead (20); channel 1 came back behind the output (5 < 10) and is unaligned;
    // channel 0 held the minimum and went idle; then channel 1 goes idle: Flink emits IDLE only.
    expect(
      runValve(3, [wm(0, 10), wm(1, 5), wm(2, 20), idle(1), idle(2), active(1), idle(0), idle(1)]),
    ).toEqual([[], [], [{ wm: 5 }], [{ wm: 10 }], [], [], [], [{ idle: true }]]);
  });
});
