import type { StateDescriptor } from '../state/StateDescriptor.ts';
import type { TriggerResult } from './TriggerResult.ts';
import type { Window } from './Window.ts';

/**
 * What a trigger may do for the (key, window) pane it is called for (Flink's
 * Trigger.TriggerContext): read the clocks, register or delete timers scoped
 * to this pane, and keep state scoped to this pane.
 */
export interface TriggerContext {
  getCurrentProcessingTime(): number;
  getCurrentWatermark(): number;
  registerProcessingTimeTimer(time: number): void;
  registerEventTimeTimer(time: number): void;
  deleteProcessingTimeTimer(time: number): void;
  deleteEventTimeTimer(time: number): void;
  /** State of the current key in the current window's namespace. */
  getPartitionedState<S>(descriptor: StateDescriptor<S, unknown>): S;
}

/** The context of Trigger.onMerge: also merges the trigger's state of the merged windows into the new one. */
export interface OnMergeContext extends TriggerContext {
  mergePartitionedState(descriptor: StateDescriptor<unknown, unknown>): void;
}

/**
 * Flink's Trigger: decides when a window pane is evaluated and purged. One
 * trigger object serves every pane; per-pane data lives in partitioned state
 * and timers, never in fields.
 */
export abstract class Trigger<T, W extends Window> {
  abstract onElement(
    element: T,
    timestamp: number | undefined,
    window: W,
    ctx: TriggerContext,
  ): TriggerResult;

  abstract onProcessingTime(time: number, window: W, ctx: TriggerContext): TriggerResult;

  abstract onEventTime(time: number, window: W, ctx: TriggerContext): TriggerResult;

  /** Whether the trigger supports merging windows (required by session assigners). */
  canMerge(): boolean {
    return false;
  }

  onMerge(_window: W, _ctx: OnMergeContext): void {
    throw new Error(
      `${this} does not support merging; merging window assigners need a trigger whose canMerge() is true`,
    );
  }

  /** Removes the pane's timers and state when the window is purged for good. */
  abstract clear(window: W, ctx: TriggerContext): void;

  toString(): string {
    return this.constructor.name;
  }
}
