import type { ReducingState } from '../state/State.ts';
import { ReducingStateDescriptor } from '../state/StateDescriptor.ts';
import { type OnMergeContext, Trigger, type TriggerContext } from './Trigger.ts';
import { TriggerResult } from './TriggerResult.ts';
import type { Window } from './Window.ts';

/** Flink's CountTrigger: fires (without purging) every time a pane has received `maxCount` more elements. */
export class CountTrigger<W extends Window> extends Trigger<unknown, W> {
  private readonly countDescriptor = new ReducingStateDescriptor<number>('count', (a, b) => a + b);

  private constructor(private readonly maxCount: number) {
    super();
  }

  static of<W extends Window>(maxCount: number): CountTrigger<W> {
    if (!Number.isInteger(maxCount) || maxCount < 1) {
      throw new RangeError(`CountTrigger.of: the count must be a positive integer, got ${maxCount}`);
    }
    return new CountTrigger<W>(maxCount);
  }

  onElement(
    _element: unknown,
    _timestamp: number | undefined,
    _window: W,
    ctx: TriggerContext,
  ): TriggerResult {
    const count: ReducingState<number> = ctx.getPartitionedState(this.countDescriptor);
    count.add(1);
    if ((count.get() ?? 0) >= this.maxCount) {
      count.clear();
      return TriggerResult.FIRE;
    }
    return TriggerResult.CONTINUE;
  }

  onEventTime(_time: number, _window: W, _ctx: TriggerContext): TriggerResult {
    return TriggerResult.CONTINUE;
  }

  onProcessingTime(_time: number, _window: W, _ctx: TriggerContext): TriggerResult {
    return TriggerResult.CONTINUE;
  }

  override canMerge(): boolean {
    return true;
  }

  override onMerge(_window: W, ctx: OnMergeContext): void {
    ctx.mergePartitionedState(this.countDescriptor);
  }

  clear(_window: W, ctx: TriggerContext): void {
    ctx.getPartitionedState(this.countDescriptor).clear();
  }

  override toString(): string {
    return `CountTrigger(${this.maxCount})`;
  }
}
