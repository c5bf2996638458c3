import type { SimAction } from './ReadyQueue.ts';

/** A handle to a scheduled timed event; cancel it through the scheduler. */
export interface TimedEvent {
  readonly time: number;
  readonly seq: number;
  readonly action: SimAction;
  /** True once cancelled or fired: the event is no longer pending. */
  cancelled: boolean;
}

function earlier(a: TimedEvent, b: TimedEvent): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}

/**
 * Timed events ordered by (time, sequence): a binary min-heap. Ties in time are
 * broken by the order of scheduling, never by object identity, so the order is
 * a pure function of the run. Cancelled events are dropped lazily.
 */
export class TimerQueue {
  private readonly heap: TimedEvent[] = [];
  private live = 0;

  /** Number of scheduled, not cancelled events. */
  get size(): number {
    return this.live;
  }

  push(event: TimedEvent): void {
    const heap = this.heap;
    heap.push(event);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >>> 1;
      const p = heap[parent] as TimedEvent;
      if (!earlier(event, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = event;
    this.live++;
  }

  cancel(event: TimedEvent): void {
    if (!event.cancelled) {
      event.cancelled = true;
      this.live--;
    }
  }

  /** The earliest live event, or undefined. */
  peek(): TimedEvent | undefined {
    this.dropCancelled();
    return this.heap[0];
  }

  /** Removes and returns the earliest live event, or undefined. */
  pop(): TimedEvent | undefined {
    this.dropCancelled();
    const top = this.removeTop();
    if (top !== undefined) {
      this.live--;
      // No longer pending: cancelling it later (e.g. from its own action) must not count it twice.
      top.cancelled = true;
    }
    return top;
  }

  clear(): void {
    for (const e of this.heap) e.cancelled = true;
    this.heap.length = 0;
    this.live = 0;
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && (this.heap[0] as TimedEvent).cancelled) this.removeTop();
  }

  private removeTop(): TimedEvent | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let i = 0;
    const n = heap.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && earlier(heap[r] as TimedEvent, heap[l] as TimedEvent) ? r : l;
      const c = heap[child] as TimedEvent;
      if (!earlier(c, last)) break;
      heap[i] = c;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}
