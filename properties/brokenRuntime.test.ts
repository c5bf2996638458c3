import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AbstractStreamOperator } from '../src/runtime/operators/AbstractStreamOperator.ts';
import { MIN_WATERMARK } from '../src/runtime/StreamElement.ts';
import { InternalTimerService } from '../src/runtime/time/InternalTimerService.ts';
import { StatusWatermarkValve } from '../src/runtime/time/StatusWatermarkValve.ts';
import { TimerHeap } from '../src/runtime/time/TimerHeap.ts';
import { keyedProcessProperty } from './keyedProcessProperty.ts';
import { propertyRuns } from './runCount.ts';
import { operatorWatermarkProperty, sourceWatermarkProperty } from './watermarkProperties.ts';

/**
 * The property suites must fail on a deliberately broken runtime: each case
 * swaps one runtime method for a wrong version (the kind of defect they exist
 * to catch) and runs the same property with fc.check.
 */

const runs = Math.min(propertyRuns(200), 300);

/** Private members reached for by the broken versions (TypeScript privacy is compile-time only). */
interface TimerServiceInternals {
  currentWatermark: number;
  eventTimers: TimerHeap;
  backend: { setCurrentKey(key: unknown): void };
  target: { onEventTime(timer: unknown): void };
}

interface ValveInternals {
  channels: { watermark: number; idle: boolean; aligned: boolean }[];
  lastOutputWatermark: number;
  output: { emitWatermark(ts: number): void };
}

function expectFails<Ts extends [unknown]>(property: fc.IProperty<Ts>): fc.RunDetails<Ts> {
  const result = fc.check(property, { numRuns: runs });
  expect(result.failed).toBe(true);
  // What fast-check needs to replay the counterexample.
  expect(result.counterexamplePath).toEqual(expect.any(String));
  return result;
}

describe('the properties catch a broken runtime', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('timers firing one millisecond early fail the keyed-process property', () => {
    vi.spyOn(InternalTimerService.prototype, 'advanceWatermark').mockImplementation(function (
      this: InternalTimerService,
      watermark: number,
    ) {
      const self = this as unknown as TimerServiceInternals;
      self.currentWatermark = watermark;
      for (
        let t = self.eventTimers.peek();
        t !== undefined && t.timestamp <= watermark + 1;
        t = self.eventTimers.peek()
      ) {
        self.eventTimers.poll();
        self.backend.setCurrentKey(t.key);
        self.target.onEventTime(t);
      }
    });
    const result = expectFails(keyedProcessProperty());
    expect(String(result.errorInstance)).toMatch(/fired at watermark/);
  });

  it('timers that are not de-duplicated fail the keyed-process property', () => {
    const add = TimerHeap.prototype.add;
    vi.spyOn(TimerHeap.prototype, 'add').mockImplementation(function (this: TimerHeap, timer, keyId) {
      return add.call(this, timer, `${keyId}#${timer.seq}`);
    });
    expectFails(keyedProcessProperty());
  });

  it('a valve taking the maximum of its channels fails the operator watermark property', () => {
    vi.spyOn(
      StatusWatermarkValve.prototype as unknown as { outputMinOfAligned(): void },
      'outputMinOfAligned',
    ).mockImplementation(function (this: unknown) {
      const self = this as ValveInternals;
      let max = MIN_WATERMARK;
      for (const c of self.channels) if (c.aligned && !c.idle) max = Math.max(max, c.watermark);
      if (max > self.lastOutputWatermark) {
        self.lastOutputWatermark = max;
        self.output.emitWatermark(max);
      }
    });
    const result = expectFails(operatorWatermarkProperty());
    expect(String(result.errorInstance)).toMatch(/above the/);
  });

  it('an operator combining its two inputs by maximum fails the operator watermark property', () => {
    const proto = AbstractStreamOperator.prototype as unknown as {
      updateCombinedWatermark(): void;
    };
    vi.spyOn(proto, 'updateCombinedWatermark').mockImplementation(function (this: unknown) {
      const self = this as {
        inputWatermarks: number[];
        inputIdle: boolean[];
        combinedWatermark: number;
        onWatermark(ts: number): void;
      };
      let max = MIN_WATERMARK;
      self.inputWatermarks.forEach((w, i) => {
        if (!self.inputIdle[i]) max = Math.max(max, w);
      });
      if (max > self.combinedWatermark) {
        self.combinedWatermark = max;
        self.onWatermark(max);
      }
    });
    expectFails(operatorWatermarkProperty());
  });

  it('a watermark generator that forgets the -1 fails the source watermark property', async () => {
    const { BoundedOutOfOrdernessWatermarks } = await import('../src/runtime/time/WatermarkGenerator.ts');
    vi.spyOn(BoundedOutOfOrdernessWatermarks.prototype, 'onPeriodicEmit').mockImplementation(function (
      this: unknown,
      output,
    ) {
      const self = this as { maxTimestamp: number; outOfOrdernessMs: number };
      output.emitWatermark(self.maxTimestamp - self.outOfOrdernessMs);
    });
    expectFails(sourceWatermarkProperty());
  });
});
