import { describe, expect, it } from 'vitest';
import { EventTimeTrigger } from './EventTimeTrigger.ts';
import { ProcessingTimeTrigger } from './ProcessingTimeTrigger.ts';
import type { OnMergeContext } from './Trigger.ts';
import { TriggerResult } from './TriggerResult.ts';
import { TimeWindow } from './Window.ts';

/** A trigger context that records what the trigger asked for. */
function context(watermark: number, now = 0) {
  const calls: string[] = [];
  const ctx: OnMergeContext = {
    getCurrentProcessingTime: () => now,
    getCurrentWatermark: () => watermark,
    registerEventTimeTimer: (t) => calls.push(`+event ${t}`),
    registerProcessingTimeTimer: (t) => calls.push(`+proc ${t}`),
    deleteEventTimeTimer: (t) => calls.push(`-event ${t}`),
    deleteProcessingTimeTimer: (t) => calls.push(`-proc ${t}`),
    getPartitionedState: () => {
      throw new Error('not used');
    },
    mergePartitionedState: () => {},
  };
  return { ctx, calls };
}

describe('EventTimeTrigger', () => {
  const trigger = EventTimeTrigger.create();
  const w = new TimeWindow(0, 10);

  it('registers a timer at the window end while the watermark is before it, else fires at once', () => {
    const early = context(8);
    expect(trigger.onElement('x', 3, w, early.ctx)).toBe(TriggerResult.CONTINUE);
    expect(early.calls).toEqual(['+event 9']);
    const late = context(9);
    expect(trigger.onElement('x', 3, w, late.ctx)).toBe(TriggerResult.FIRE);
    expect(late.calls).toEqual([]);
  });

  it('fires on its own timer only, never on processing time, and never purges', () => {
    const { ctx } = context(0);
    expect(trigger.onEventTime(9, w, ctx)).toBe(TriggerResult.FIRE);
    expect(trigger.onEventTime(14, w, ctx)).toBe(TriggerResult.CONTINUE);
    expect(trigger.onProcessingTime(9, w, ctx)).toBe(TriggerResult.CONTINUE);
    expect(TriggerResult.FIRE.isPurge()).toBe(false);
  });

  it('on merge registers a timer only if the watermark is before the merged window end', () => {
    const before = context(5);
    trigger.onMerge(w, before.ctx);
    expect(before.calls).toEqual(['+event 9']);
    const after = context(9);
    trigger.onMerge(w, after.ctx);
    expect(after.calls).toEqual([]);
    const cleared = context(0);
    trigger.clear(w, cleared.ctx);
    expect(cleared.calls).toEqual(['-event 9']);
  });
});

describe('ProcessingTimeTrigger', () => {
  const trigger = ProcessingTimeTrigger.create();
  const w = new TimeWindow(0, 10);

  it('registers a processing-time timer at the window end and fires on it', () => {
    const { ctx, calls } = context(1000, 3);
    expect(trigger.onElement('x', undefined, w, ctx)).toBe(TriggerResult.CONTINUE);
    expect(trigger.onProcessingTime(9, w, ctx)).toBe(TriggerResult.FIRE);
    expect(trigger.onEventTime(9, w, ctx)).toBe(TriggerResult.CONTINUE);
    trigger.onMerge(w, ctx);
    trigger.onMerge(w, context(0, 9).ctx);
    trigger.clear(w, ctx);
    expect(calls).toEqual(['+proc 9', '+proc 9', '-proc 9']);
  });
});
