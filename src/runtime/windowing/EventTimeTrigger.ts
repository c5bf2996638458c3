import { type OnMergeContext, Trigger, type TriggerContext } from './Trigger.ts';
import { TriggerResult } from './TriggerResult.ts';
import type { Window } from './Window.ts';

/**
 * Flink's EventTimeTrigger: fires once the watermark passes the window's end,
 * and at once for an element that joins a window the watermark already
 * passed (a late firing within the allowed lateness). It never purges: the
 * window operator clears the window at its cleanup time.
 */
export class EventTimeTrigger extends Trigger<unknown, Window> {
  private static readonly INSTANCE = new EventTimeTrigger();

  private constructor() {
    super();
  }

  static create(): EventTimeTrigger {
    return EventTimeTrigger.INSTANCE;
  }

  onElement(
    _element: unknown,
    _timestamp: number | undefined,
    window: Window,
    ctx: TriggerContext,
  ): TriggerResult {
    if (window.maxTimestamp() <= ctx.getCurrentWatermark()) return TriggerResult.FIRE;
    ctx.registerEventTimeTimer(window.maxTimestamp());
    return TriggerResult.CONTINUE;
  }

  onEventTime(time: number, window: Window, _ctx: TriggerContext): TriggerResult {
    return time === window.maxTimestamp() ? TriggerResult.FIRE : TriggerResult.CONTINUE;
  }

  onProcessingTime(_time: number, _window: Window, _ctx: TriggerContext): TriggerResult {
    return TriggerResult.CONTINUE;
  }

  override canMerge(): boolean {
    return true;
  }

  /** No timer when the watermark already passed the merged window: onElement fires it, a timer would fire twice. */
  override onMerge(window: Window, ctx: OnMergeContext): void {
    if (window.maxTimestamp() > ctx.getCurrentWatermark()) ctx.registerEventTimeTimer(window.maxTimestamp());
  }

  clear(window: Window, ctx: TriggerContext): void {
    ctx.deleteEventTimeTimer(window.maxTimestamp());
  }

  override toString(): string {
    return 'EventTimeTrigger()';
  }
}
