import type { ListState } from '../state/State.ts';
import { stateKeyId } from '../state/StateKey.ts';
import type { MergingWindowAssigner } from './MergingWindowAssigner.ts';
import type { Window } from './Window.ts';

/** Called when adding a window merged others (Flink's MergingWindowSet.MergeFunction). */
export type MergeFunction<W> = (
  mergeResult: W,
  mergedWindows: W[],
  stateWindowResult: W,
  mergedStateWindows: W[],
) => void;

/**
 * Flink's MergingWindowSet: the in-flight windows of one key, each mapped to
 * its state window, the namespace that holds its contents. A merge keeps one
 * of the merged windows' state windows for the result, so that only the
 * others' state moves. Read from and persisted to keyed list state of
 * [window, stateWindow] pairs, as Flink's "merging-window-set".
 */
export class MergingWindowSet<W extends Window> {
  /** window id -> [window, state window], in insertion order (Flink uses a HashMap). */
  private readonly windows = new Map<string, [W, W]>();
  private changed = false;

  constructor(
    private readonly assigner: MergingWindowAssigner<unknown, W>,
    private readonly state: ListState<[W, W]>,
  ) {
    for (const [w, s] of state.get()) {
      const window = assigner.restoreWindow(w);
      this.windows.set(stateKeyId(window), [window, assigner.restoreWindow(s)]);
    }
  }

  /** Writes the mapping back to state if it changed since it was read. */
  persist(): void {
    if (!this.changed) return;
    this.state.update([...this.windows.values()].map(([w, s]): [W, W] => [w, s]));
    this.changed = false;
  }

  getStateWindow(window: W): W | undefined {
    return this.windows.get(stateKeyId(window))?.[1];
  }

  retireWindow(window: W): void {
    if (!this.windows.delete(stateKeyId(window))) {
      throw new Error(`Window ${window} is not in in-flight window set.`);
    }
    this.changed = true;
  }

  /** In-flight windows, for tests and the operator's diagnostics. */
  inFlight(): W[] {
    return [...this.windows.values()].map(([w]) => w);
  }

  /**
   * Adds a new window, merging it with in-flight windows as the assigner
   * says; returns the window it ended up in (itself, or the merge result).
   * The merge function is not told about the new window: it never had state.
   */
  addWindow(newWindow: W, mergeFunction: MergeFunction<W>): W {
    const newId = stateKeyId(newWindow);
    const candidates = [...this.windows.values()].map(([w]) => w);
    candidates.push(newWindow);
    const merges: [W, W[]][] = [];
    this.assigner.mergeWindows(candidates, (toBeMerged, mergeResult) => {
      merges.push([mergeResult, toBeMerged]);
    });

    let resultWindow = newWindow;
    for (const [mergeResult, group] of merges) {
      const mergedWindows = group.filter((w) => stateKeyId(w) !== newId);
      if (mergedWindows.length !== group.length) resultWindow = mergeResult;

      // Keep the first merged window's state window (Flink takes "any") as the result's.
      const first = mergedWindows[0] as W;
      const keptStateWindow = (this.windows.get(stateKeyId(first)) as [W, W])[1];
      const keptId = stateKeyId(keptStateWindow);
      const mergedStateWindows: W[] = [];
      for (const m of mergedWindows) {
        const entry = this.windows.get(stateKeyId(m));
        if (entry === undefined) continue;
        this.windows.delete(stateKeyId(m));
        if (stateKeyId(entry[1]) !== keptId) mergedStateWindows.push(entry[1]);
      }
      this.windows.set(stateKeyId(mergeResult), [mergeResult, keptStateWindow]);
      this.changed = true;

      // A new window that falls inside one in-flight window changes nothing.
      const swallowed = mergedWindows.length === 1 && stateKeyId(first) === stateKeyId(mergeResult);
      if (!swallowed) mergeFunction(mergeResult, mergedWindows, keptStateWindow, mergedStateWindows);
    }

    if (stateKeyId(resultWindow) === newId) {
      this.windows.set(newId, [newWindow, newWindow]);
      this.changed = true;
    }
    return resultWindow;
  }
}
