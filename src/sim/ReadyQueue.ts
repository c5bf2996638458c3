/** Something the simulation can do now: deliver a message, emit a record, fire a timer. */
export interface SimAction {
  run(): void;
}

/** One slot of the ready queue; slots are reused, never allocated per event. */
interface Slot {
  seq: number;
  time: number;
  action: SimAction | undefined;
}

/**
 * The ready events, ordered by the sequence number at which each became ready,
 * so that index 0 is always the oldest one (the FIFO choice).
 *
 * One array of reusable slots with binary insertion: the ready set holds tens
 * of entries (one per channel head, source and due timer), where this beats a
 * heap and keeps positional choice O(1). Taking or inserting in the middle
 * rotates slot references by hand (one move per position, not one per field,
 * and no push/pop/splice), the hottest path of every scheduler step.
 */
export class ReadyQueue {
  private slots: Slot[] = ReadyQueue.newSlots(16);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Virtual time since which the oldest ready event has been waiting (+Infinity when empty). */
  get oldestTime(): number {
    return this.count === 0 ? Number.POSITIVE_INFINITY : (this.slots[0] as Slot).time;
  }

  /**
   * Adds an action with its readiness sequence number and the virtual time it
   * has been waiting since. Sequence numbers are handed out as time moves
   * forward, so seq order is also time order.
   */
  insert(seq: number, action: SimAction, time = 0): void {
    const n = this.count;
    if (n === this.slots.length) this.grow();
    const slots = this.slots;
    const slot = slots[n] as Slot;
    slot.seq = seq;
    slot.time = time;
    slot.action = action;
    this.count = n + 1;
    // Most insertions are the newest event and stay at the end.
    if (n === 0 || (slots[n - 1] as Slot).seq <= seq) return;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((slots[mid] as Slot).seq <= seq) lo = mid + 1;
      else hi = mid;
    }
    for (let j = n; j > lo; j--) slots[j] = slots[j - 1] as Slot;
    slots[lo] = slot;
  }

  /** Removes and returns the action at position i (0 = oldest). */
  takeAt(i: number): SimAction {
    const slots = this.slots;
    const last = this.count - 1;
    const slot = i <= last ? slots[i] : undefined;
    if (slot === undefined || i < 0) throw new RangeError(`ReadyQueue: no ready event at ${i}`);
    const action = slot.action as SimAction;
    for (let j = i; j < last; j++) slots[j] = slots[j + 1] as Slot;
    // The freed slot goes to the end, where the next insertion reuses it.
    slot.action = undefined;
    slots[last] = slot;
    this.count = last;
    return action;
  }

  /** Removes an action if it is ready; returns whether it was. */
  remove(action: SimAction): boolean {
    const i = this.indexOf(action);
    if (i < 0) return false;
    this.takeAt(i);
    return true;
  }

  has(action: SimAction): boolean {
    return this.indexOf(action) >= 0;
  }

  clear(): void {
    for (let i = 0; i < this.count; i++) (this.slots[i] as Slot).action = undefined;
    this.count = 0;
  }

  private indexOf(action: SimAction): number {
    const slots = this.slots;
    for (let i = 0; i < this.count; i++) if ((slots[i] as Slot).action === action) return i;
    return -1;
  }

  private grow(): void {
    this.slots = this.slots.concat(ReadyQueue.newSlots(this.slots.length));
  }

  private static newSlots(n: number): Slot[] {
    return Array.from({ length: n }, () => ({ seq: 0, time: 0, action: undefined }));
  }
}
