import { MAX_WATERMARK } from '../StreamElement.ts';
import type { Window } from './Window.ts';

/** Flink's GlobalWindow: the one window of GlobalWindows, ending at the end of time. */
export class GlobalWindow implements Window {
  private static readonly INSTANCE = new GlobalWindow();

  private constructor() {}

  static get(): GlobalWindow {
    return GlobalWindow.INSTANCE;
  }

  maxTimestamp(): number {
    return MAX_WATERMARK;
  }

  /** A stable snapshot form, so that the window is a state namespace like any other. */
  toJSON(): { global: true } {
    return { global: true };
  }

  toString(): string {
    return 'GlobalWindow';
  }
}
