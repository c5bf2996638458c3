import { type OnMergeContext, Trigger, type TriggerContext } from './Trigger.ts';
import { TriggerResult } from './TriggerResult.ts';
import type { Window } from './Window.ts';

/** Flink's GlobalWindows.NeverTrigger: the default of GlobalWindows, which only fire with a custom trigger. */
export class NeverTrigger extends Trigger<unknown, Window> {
  onElement(
    _element: unknown,
    _timestamp: number | undefined,
    _window: Window,
    _ctx: TriggerContext,
  ): TriggerResult {
    return TriggerResult.CONTINUE;
  }

  onEventTime(_time: number, _window: Window, _ctx: TriggerContext): TriggerResult {
    return TriggerResult.CONTINUE;
  }

  onProcessingTime(_time: number, _window: Window, _ctx: TriggerContext): TriggerResult {
    return TriggerResult.CONTINUE;
  }

  override canMerge(): boolean {
    return true;
  }

  override onMerge(_window: Window, _ctx: OnMergeContext): void {}

  clear(_window: Window, _ctx: TriggerContext): void {}

  override toString(): string {
    return 'NeverTrigger()';
  }
}
