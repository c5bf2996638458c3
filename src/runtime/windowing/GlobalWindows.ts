import { GlobalWindow } from './GlobalWindow.ts';
import { NeverTrigger } from './NeverTrigger.ts';
import type { Trigger } from './Trigger.ts';
import { WindowAssigner, type WindowAssignerContext } from './WindowAssigner.ts';

/** Flink's GlobalWindows: every element of a key in one window; only a custom trigger (e.g. CountTrigger) fires it. */
export class GlobalWindows extends WindowAssigner<unknown, GlobalWindow> {
  private constructor() {
    super();
  }

  static create(): GlobalWindows {
    return new GlobalWindows();
  }

  assignWindows(
    _element: unknown,
    _timestamp: number | undefined,
    _context: WindowAssignerContext,
  ): GlobalWindow[] {
    return [GlobalWindow.get()];
  }

  getDefaultTrigger(): Trigger<unknown, GlobalWindow> {
    return new NeverTrigger();
  }

  isEventTime(): boolean {
    return false;
  }

  restoreWindow(_data: unknown): GlobalWindow {
    return GlobalWindow.get();
  }

  override toString(): string {
    return 'GlobalWindows()';
  }
}
