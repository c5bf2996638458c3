/** Something the simulation can do now: deliver a message, emit a record, fire a timer. */
export interface SimAction {
  run(): void;
}

/**
 * The ready events, ordered by the sequence number at which each became ready,
 * so that index 0 is always the oldest one (the FIFO choice).
 *
 * Plain arrays with binary insertion: the ready set holds tens of entries (one
 * per channel head, source and due timer), where this beats a heap and keeps
 * positional choice O(1). Entries are moved by hand rather than with
 * splice/shift, which allocate on every call of the hottest path.
 */
export class ReadyQueue {
  private readonly seqs: number[] = [];
  private readonly times: number[] = [];
  private readonly actions: SimAction[] = [];

  get size(): number {
    return this.actions.length;
  }

  /** Virtual time since which the oldest ready event has been waiting (+Infinity when empty). */
  get oldestTime(): number {
    return this.times.length === 0 ? Number.POSITIVE_INFINITY : (this.times[0] as number);
  }

  /**
   * Adds an action with its readiness sequence number and the virtual time it
   * has been waiting since. Sequence numbers are handed out as time moves
   * forward, so seq order is also time order.
   */
  insert(seq: number, action: SimAction, time = 0): void {
    const { seqs, times, actions } = this;
    const n = seqs.length;
    seqs.push(seq);
    times.push(time);
    actions.push(action);
    // Most insertions are the newest event and stay at the end.
    if (n === 0 || (seqs[n - 1] as number) <= seq) return;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((seqs[mid] as number) <= seq) lo = mid + 1;
      else hi = mid;
    }
    for (let j = n; j > lo; j--) {
      seqs[j] = seqs[j - 1] as number;
      times[j] = times[j - 1] as number;
      actions[j] = actions[j - 1] as SimAction;
    }
    seqs[lo] = seq;
    times[lo] = time;
    actions[lo] = action;
  }

  /** Removes and returns the action at position i (0 = oldest). */
  takeAt(i: number): SimAction {
    const { seqs, times, actions } = this;
    const action = actions[i];
    if (action === undefined) throw new RangeError(`ReadyQueue: no ready event at ${i}`);
    const last = actions.length - 1;
    for (let j = i; j < last; j++) {
      seqs[j] = seqs[j + 1] as number;
      times[j] = times[j + 1] as number;
      actions[j] = actions[j + 1] as SimAction;
    }
    seqs.pop();
    times.pop();
    actions.pop();
    return action;
  }

  /** Removes an action if it is ready; returns whether it was. */
  remove(action: SimAction): boolean {
    const i = this.actions.indexOf(action);
    if (i < 0) return false;
    this.takeAt(i);
    return true;
  }

  has(action: SimAction): boolean {
    return this.actions.includes(action);
  }

  clear(): void {
    this.seqs.length = 0;
    this.times.length = 0;
    this.actions.length = 0;
  }
}
