import type { ReadRecord } from '../../history/types.ts';

/** key -> ids, in the order the external system holds them. */
export type Contents = Record<string, string[]>;

/**
 * The external system a real sink writes to, seen from outside the job:
 * made ready before the run, sampled by a reader during it, read for its
 * final committed contents after it, and cleaned up (nothing left behind).
 */
export interface OutputSystem {
  readonly name: string;
  /** The isolation the reader reads with. */
  readonly isolation: ReadRecord['isolation'];
  setup(): Promise<void>;
  sample(): Promise<Contents>;
  final(): Promise<Contents>;
  cleanup(): Promise<void>;
  /** What of this run is still in the system (names), for the leave-nothing-behind check. */
  leftovers(): Promise<string[]>;
}
