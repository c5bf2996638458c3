import { stateKeyId } from '../state/StateKey.ts';
import type { InternalTimer } from './InternalTimer.ts';

function before(a: InternalTimer, b: InternalTimer): boolean {
  return a.timestamp < b.timestamp || (a.timestamp === b.timestamp && a.seq < b.seq);
}

function timerId(keyId: string, namespace: unknown, timestamp: number): string {
  return `${keyId}\u0000${stateKeyId(namespace)}\u0000${timestamp}`;
}

/**
 * The timers of one time domain: a min-heap by (timestamp, registration order)
 * plus a set that de-duplicates (key, namespace, timestamp), like Flink's
 * HeapPriorityQueueSet: registering the same timer twice keeps one.
 */
export class TimerHeap {
  private heap: InternalTimer[] = [];
  private readonly ids = new Map<string, InternalTimer>();

  get size(): number {
    return this.ids.size;
  }

  /** Adds a timer; returns false when the same (key, namespace, timestamp) is registered. */
  add(timer: InternalTimer, keyId: string): boolean {
    const id = timerId(keyId, timer.namespace, timer.timestamp);
    if (this.ids.has(id)) return false;
    this.ids.set(id, timer);
    this.heap.push(timer);
    this.siftUp(this.heap.length - 1);
    return true;
  }

  /** Removes a timer if registered; returns whether it was. */
  remove(keyId: string, namespace: unknown, timestamp: number): boolean {
    const id = timerId(keyId, namespace, timestamp);
    const timer = this.ids.get(id);
    if (timer === undefined) return false;
    this.ids.delete(id);
    const i = this.heap.indexOf(timer);
    const last = this.heap.pop() as InternalTimer;
    if (i < this.heap.length) {
      this.heap[i] = last;
      this.siftDown(i);
      this.siftUp(i);
    }
    return true;
  }

  peek(): InternalTimer | undefined {
    return this.heap[0];
  }

  /** Removes and returns the earliest timer. */
  poll(): InternalTimer | undefined {
    const top = this.heap[0];
    if (top === undefined) return undefined;
    this.ids.delete(timerId(stateKeyId(top.key), top.namespace, top.timestamp));
    const last = this.heap.pop() as InternalTimer;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  /** All timers in firing order (for snapshots and tests). */
  sorted(): InternalTimer[] {
    return [...this.heap].sort((a, b) => a.timestamp - b.timestamp || a.seq - b.seq);
  }

  clear(): void {
    this.heap = [];
    this.ids.clear();
  }

  private siftUp(i: number): void {
    const heap = this.heap;
    const t = heap[i] as InternalTimer;
    while (i > 0) {
      const p = (i - 1) >>> 1;
      if (!before(t, heap[p] as InternalTimer)) break;
      heap[i] = heap[p] as InternalTimer;
      i = p;
    }
    heap[i] = t;
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    const n = heap.length;
    const t = heap[i] as InternalTimer;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && before(heap[r] as InternalTimer, heap[l] as InternalTimer) ? r : l;
      if (!before(heap[c] as InternalTimer, t)) break;
      heap[i] = heap[c] as InternalTimer;
      i = c;
    }
    heap[i] = t;
  }
}
