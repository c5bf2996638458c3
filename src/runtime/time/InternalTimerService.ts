import { MIN_WATERMARK } from '../StreamElement.ts';
import type { KeyedStateBackend } from '../state/KeyedStateBackend.ts';
import { copyPlainData } from '../state/PlainDataCopy.ts';
import { stateKeyId } from '../state/StateKey.ts';
import type { InternalTimer, TimersSnapshot } from './InternalTimer.ts';
import type { ProcessingTimeHandle, ProcessingTimeService } from './ProcessingTimeService.ts';
import { TimerHeap } from './TimerHeap.ts';

/** What fires timers: the operator (Flink's Triggerable). */
export interface Triggerable {
  onEventTime(timer: InternalTimer): void;
  onProcessingTime(timer: InternalTimer): void;
}

/**
 * Timers of one keyed operator subtask, after Flink's InternalTimerServiceImpl:
 * one timer per (key, namespace, timestamp) and domain; event-time timers fire
 * when a watermark >= their timestamp arrives, before the watermark is
 * forwarded; processing-time timers fire when the virtual clock reaches them
 * (one callback is kept registered for the earliest one).
 */
export class InternalTimerService {
  private readonly eventTimers = new TimerHeap();
  private readonly processingTimers = new TimerHeap();
  private currentWatermark = MIN_WATERMARK;
  private nextProcessingCallback: { timestamp: number; handle: ProcessingTimeHandle } | undefined;
  private seq = 0;
  private quiesced = false;

  constructor(
    private readonly backend: KeyedStateBackend,
    private readonly processingTime: ProcessingTimeService,
    private readonly target: Triggerable,
  ) {}

  currentProcessingTime(): number {
    return this.processingTime.now();
  }

  getCurrentWatermark(): number {
    return this.currentWatermark;
  }

  registerEventTimeTimer(namespace: unknown, timestamp: number): void {
    this.eventTimers.add(this.newTimer(namespace, timestamp), stateKeyId(this.backend.getCurrentKey()));
  }

  deleteEventTimeTimer(namespace: unknown, timestamp: number): void {
    this.eventTimers.remove(stateKeyId(this.backend.getCurrentKey()), namespace, timestamp);
  }

  registerProcessingTimeTimer(namespace: unknown, timestamp: number): void {
    const added = this.processingTimers.add(
      this.newTimer(namespace, timestamp),
      stateKeyId(this.backend.getCurrentKey()),
    );
    if (added) this.rescheduleProcessingCallback();
  }

  deleteProcessingTimeTimer(namespace: unknown, timestamp: number): void {
    this.processingTimers.remove(stateKeyId(this.backend.getCurrentKey()), namespace, timestamp);
  }

  /** Fires every event-time timer with timestamp <= `watermark`, in timestamp order. */
  advanceWatermark(watermark: number): void {
    this.currentWatermark = watermark;
    for (
      let t = this.eventTimers.peek();
      t !== undefined && t.timestamp <= watermark;
      t = this.eventTimers.peek()
    ) {
      this.eventTimers.poll();
      this.backend.setCurrentKey(t.key);
      this.target.onEventTime(t);
    }
  }

  numEventTimeTimers(): number {
    return this.eventTimers.size;
  }

  numProcessingTimeTimers(): number {
    return this.processingTimers.size;
  }

  /** Stops firing processing-time timers (end of input / task finish), as Flink quiesces its service. */
  quiesce(): void {
    this.quiesced = true;
    this.nextProcessingCallback?.handle.cancel();
    this.nextProcessingCallback = undefined;
  }

  snapshot(): TimersSnapshot {
    const out: TimersSnapshot = {};
    const group = (g: number) => {
      let timers = out[g];
      if (timers === undefined) {
        timers = { eventTime: [], processingTime: [] };
        out[g] = timers;
      }
      return timers;
    };
    for (const t of this.eventTimers.sorted())
      group(t.keyGroup).eventTime.push([t.timestamp, t.key, t.namespace]);
    for (const t of this.processingTimers.sorted()) {
      group(t.keyGroup).processingTime.push([t.timestamp, t.key, t.namespace]);
    }
    // No timers (the common case outside windows and timeouts): nothing to copy.
    return this.eventTimers.size === 0 && this.processingTimers.size === 0 ? out : copyPlainData(out);
  }

  /** Loads the timers of the key groups this subtask owns from one or more snapshots. */
  restore(snapshots: readonly TimersSnapshot[]): void {
    this.eventTimers.clear();
    this.processingTimers.clear();
    const range = this.backend.keyGroupRange;
    for (const snap of snapshots) {
      for (const [groupText, timers] of Object.entries(snap)) {
        const g = Number(groupText);
        if (!range.contains(g)) continue;
        for (const [ts, key, ns] of timers.eventTime) {
          this.eventTimers.add(
            { timestamp: ts, key, namespace: ns, keyGroup: g, seq: this.seq++ },
            stateKeyId(key),
          );
        }
        for (const [ts, key, ns] of timers.processingTime) {
          this.processingTimers.add(
            { timestamp: ts, key, namespace: ns, keyGroup: g, seq: this.seq++ },
            stateKeyId(key),
          );
        }
      }
    }
    this.rescheduleProcessingCallback();
  }

  private newTimer(namespace: unknown, timestamp: number): InternalTimer {
    return {
      timestamp,
      key: this.backend.getCurrentKey(),
      namespace,
      keyGroup: this.backend.getCurrentKeyGroup(),
      seq: this.seq++,
    };
  }

  private rescheduleProcessingCallback(): void {
    if (this.quiesced) return;
    const head = this.processingTimers.peek();
    const scheduled = this.nextProcessingCallback;
    if (head === undefined) return;
    if (scheduled !== undefined && scheduled.timestamp <= head.timestamp) return;
    scheduled?.handle.cancel();
    const timestamp = Math.max(head.timestamp, this.processingTime.now());
    this.nextProcessingCallback = {
      timestamp,
      handle: this.processingTime.registerTimer(timestamp, () => this.onProcessingTime()),
    };
  }

  private onProcessingTime(): void {
    this.nextProcessingCallback = undefined;
    const now = this.processingTime.now();
    for (
      let t = this.processingTimers.peek();
      t !== undefined && t.timestamp <= now && !this.quiesced;
      t = this.processingTimers.peek()
    ) {
      this.processingTimers.poll();
      this.backend.setCurrentKey(t.key);
      this.target.onProcessingTime(t);
    }
    this.rescheduleProcessingCallback();
  }
}
