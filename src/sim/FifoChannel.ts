import type { SimAction } from './ReadyQueue.ts';
import type { Scheduler } from './Scheduler.ts';

/**
 * Where a FifoChannel's head goes when the scheduler delivers it. An object
 * with a method, not a callback: one class's method is the same function in
 * every run, which the optimizing compiler can inline into the delivery; a
 * closure made per channel is a different function every run, which it
 * cannot.
 */
export interface FifoReceiver<T> {
  deliver(item: T): void;
}

/**
 * A FIFO queue whose head delivery is a ready event of the scheduler.
 *
 * Each item is stamped with a scheduler sequence number when sent, and the
 * channel is ready with its head's stamp: so choice 0 always delivers the
 * oldest message in flight anywhere, and messages of one channel never
 * overtake each other. A channel can be blocked (e.g. during barrier
 * alignment): it then stays out of the ready set until unblocked.
 *
 * The queue is a ring buffer (power-of-two capacity, grown when full): a
 * channel fills and empties once per few records, and a ring does that
 * without allocating.
 */
export class FifoChannel<T> implements SimAction {
  private items: (T | undefined)[];
  private stamps: Float64Array;
  private sentAt: Float64Array;
  /** Capacity - 1; capacity is a power of two so that `& mask` wraps an index. */
  private mask: number;
  private head = 0;
  private count = 0;
  private blockMask = 0;
  private scheduled = false;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly receiver: FifoReceiver<T>,
  ) {
    this.items = new Array<T | undefined>(8).fill(undefined);
    this.stamps = new Float64Array(8);
    this.sentAt = new Float64Array(8);
    this.mask = 7;
  }

  get size(): number {
    return this.count;
  }

  get isBlocked(): boolean {
    return this.blockMask !== 0;
  }

  send(item: T): void {
    const seq = this.scheduler.nextSeq();
    if (this.count > this.mask) this.grow();
    const i = (this.head + this.count) & this.mask;
    this.items[i] = item;
    this.stamps[i] = seq;
    this.sentAt[i] = this.scheduler.clock.now();
    this.count++;
    if (this.count === 1) this.schedule();
  }

  /**
   * Puts an item at the head, ahead of everything queued (a priority event,
   * e.g. an unaligned checkpoint barrier overtaking in-flight data).
   */
  sendFirst(item: T): void {
    const seq = this.scheduler.nextSeq();
    if (this.scheduled) {
      this.scheduler.cancelReady(this);
      this.scheduled = false;
    }
    if (this.count > this.mask) this.grow();
    this.head = (this.head - 1) & this.mask;
    this.items[this.head] = item;
    this.stamps[this.head] = seq;
    this.sentAt[this.head] = this.scheduler.clock.now();
    this.count++;
    this.schedule();
  }

  /**
   * Stops delivering until every reason it was blocked for is lifted; queued
   * and new items stay queued. `reason` is a bit (e.g. alignment = 1,
   * backpressure = 2), so independent blockers do not unblock each other.
   */
  block(reason = 1): void {
    this.blockMask |= reason;
    if (this.scheduled) {
      this.scheduler.cancelReady(this);
      this.scheduled = false;
    }
  }

  unblock(reason = 1): void {
    this.blockMask &= ~reason;
    this.schedule();
  }

  /** The queued items, oldest first (for snapshots of in-flight data). */
  peekAll(): T[] {
    const out = new Array<T>(this.count);
    for (let k = 0; k < this.count; k++) out[k] = this.items[(this.head + k) & this.mask] as T;
    return out;
  }

  /** Removes every queued item and returns them, oldest first. */
  drain(): T[] {
    const out = this.peekAll();
    this.clear();
    return out;
  }

  /**
   * Removes the queued item at `index` (0 = head) and returns it; used when
   * a barrier overtakes queued data (unaligned checkpoints).
   */
  removeAt(index: number): T {
    if (index < 0 || index >= this.count) throw new RangeError(`FifoChannel: no item at ${index}`);
    const mask = this.mask;
    const item = this.items[(this.head + index) & mask] as T;
    // Close the gap by moving the later items one place towards the head.
    for (let k = index; k < this.count - 1; k++) {
      const to = (this.head + k) & mask;
      const from = (to + 1) & mask;
      this.items[to] = this.items[from];
      this.stamps[to] = this.stamps[from] as number;
      this.sentAt[to] = this.sentAt[from] as number;
    }
    this.count--;
    this.items[(this.head + this.count) & mask] = undefined;
    if (index === 0 && this.scheduled) {
      this.scheduler.cancelReady(this);
      this.scheduled = false;
      this.schedule();
    }
    return item;
  }

  clear(): void {
    if (this.scheduled) this.scheduler.cancelReady(this);
    this.scheduled = false;
    this.items.fill(undefined);
    this.head = 0;
    this.count = 0;
  }

  /** Called by the scheduler: delivers the head item. */
  run(): void {
    this.scheduled = false;
    const head = this.head;
    const item = this.items[head] as T;
    this.items[head] = undefined;
    this.head = (head + 1) & this.mask;
    this.count--;
    this.receiver.deliver(item);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.blockMask !== 0 || this.count === 0) return;
    this.scheduled = true;
    this.scheduler.makeReady(this, this.stamps[this.head] as number, this.sentAt[this.head] as number);
  }

  /** Doubles the capacity, laying the queue out from index 0. */
  private grow(): void {
    const capacity = (this.mask + 1) * 2;
    const items = new Array<T | undefined>(capacity).fill(undefined);
    const stamps = new Float64Array(capacity);
    const sentAt = new Float64Array(capacity);
    for (let k = 0; k < this.count; k++) {
      const from = (this.head + k) & this.mask;
      items[k] = this.items[from];
      stamps[k] = this.stamps[from] as number;
      sentAt[k] = this.sentAt[from] as number;
    }
    this.items = items;
    this.stamps = stamps;
    this.sentAt = sentAt;
    this.mask = capacity - 1;
    this.head = 0;
  }
}
