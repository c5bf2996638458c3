import { type OnMergeContext, Trigger, type TriggerContext } from './Trigger.ts';
import { TriggerResult } from './TriggerResult.ts';
import type { Window } from './Window.ts';

/** Flink's PurgingTrigger: turns every FIRE of the wrapped trigger into FIRE_AND_PURGE. */
export class PurgingTrigger<T, W extends Window> extends Trigger<T, W> {
  private constructor(private readonly nested: Trigger<T, W>) {
    super();
  }

  static of<T, W extends Window>(nested: Trigger<T, W>): PurgingTrigger<T, W> {
    return new PurgingTrigger(nested);
  }

  private static purging(result: TriggerResult): TriggerResult {
    return result.isFire() ? TriggerResult.FIRE_AND_PURGE : result;
  }

  onElement(element: T, timestamp: number | undefined, window: W, ctx: TriggerContext): TriggerResult {
    return PurgingTrigger.purging(this.nested.onElement(element, timestamp, window, ctx));
  }

  onEventTime(time: number, window: W, ctx: TriggerContext): TriggerResult {
    return PurgingTrigger.purging(this.nested.onEventTime(time, window, ctx));
  }

  onProcessingTime(time: number, window: W, ctx: TriggerContext): TriggerResult {
    return PurgingTrigger.purging(this.nested.onProcessingTime(time, window, ctx));
  }

  override canMerge(): boolean {
    return this.nested.canMerge();
  }

  override onMerge(window: W, ctx: OnMergeContext): void {
    this.nested.onMerge(window, ctx);
  }

  clear(window: W, ctx: TriggerContext): void {
    this.nested.clear(window, ctx);
  }

  override toString(): string {
    return `PurgingTrigger(${this.nested})`;
  }
}
