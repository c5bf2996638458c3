import { ChoiceStream } from './ChoiceStream.ts';
import { ReadyQueue, type SimAction } from './ReadyQueue.ts';
import type { Rng } from './Rng.ts';
import { type TimedEvent, TimerQueue } from './TimerQueue.ts';
import type { Trace } from './Trace.ts';
import { TraceKind } from './TraceKind.ts';
import type { VirtualClock } from './VirtualClock.ts';

/** Recorded whenever processing time moves: a = from, b = to. */
export const CLOCK_ADVANCE = new TraceKind('clock', ['from', 'to']);

/**
 * When the clock may move:
 * - `choice`: "advance the clock" is one more ready option whenever timed
 *   events are pending, so time can pass while messages are still in flight
 *   (this is what lets a checkpoint trigger land between any two records);
 * - `when-idle`: only when nothing else is ready.
 */
export type ClockPolicy = 'choice' | 'when-idle';

export interface SchedulerOptions {
  readonly clock: VirtualClock;
  /** Generator used past the end of `choices`; pass `rng.fork('scheduler')`. */
  readonly rng: Rng;
  readonly choices?: readonly number[];
  readonly trace?: Trace;
  readonly clockPolicy?: ClockPolicy;
  /**
   * Under the `choice` policy, the longest a ready event may wait while
   * virtual time advances (ms): the clock may move to the next timed event
   * only if that is at most this long after the oldest ready event became
   * ready. It bounds message and RPC latency (default: unbounded).
   */
  readonly maxReadyDelay?: number;
}

/**
 * The seeded scheduler: the only place where a simulation decides what happens
 * next. Every pick among ready events and every "advance the clock" goes
 * through `step()`, which takes its choice from the given list first and from
 * the seeded generator after, so a run is a pure function of (seed, choices).
 *
 * It knows nothing of streams: callers hand it actions to run now
 * (`makeReady`) or at a virtual time (`scheduleAt`).
 */
export class Scheduler {
  readonly clock: VirtualClock;
  private readonly ready = new ReadyQueue();
  private readonly timers = new TimerQueue();
  private readonly choiceStream: ChoiceStream;
  private readonly trace: Trace | undefined;
  private readonly clockPolicy: ClockPolicy;
  private readonly maxReadyDelay: number;
  private seqCounter = 0;
  private stepCount = 0;

  constructor(options: SchedulerOptions) {
    this.clock = options.clock;
    this.choiceStream = new ChoiceStream(options.choices ?? [], options.rng);
    this.trace = options.trace;
    this.clockPolicy = options.clockPolicy ?? 'choice';
    this.maxReadyDelay = options.maxReadyDelay ?? Number.POSITIVE_INFINITY;
  }

  /** A fresh sequence number; stamps readiness order (e.g. a message's enqueue time). */
  nextSeq(): number {
    return this.seqCounter++;
  }

  /**
   * Makes an action ready. `seq` orders it among ready events (0 = oldest is
   * the FIFO choice); by default it is the newest. `since` is the virtual time
   * it has been waiting since (default now; a message: when it was sent). An
   * action must not be ready twice at once.
   */
  makeReady(action: SimAction, seq: number = this.seqCounter++, since: number = this.clock.now()): void {
    this.ready.insert(seq, action, since);
  }

  /** Withdraws a ready action (e.g. its task failed); returns whether it was ready. */
  cancelReady(action: SimAction): boolean {
    return this.ready.remove(action);
  }

  isReady(action: SimAction): boolean {
    return this.ready.has(action);
  }

  /** Runs `action` once processing time reaches `time` (it then becomes ready). */
  scheduleAt(time: number, action: SimAction): TimedEvent {
    if (time < this.clock.now()) {
      throw new RangeError(`Scheduler: cannot schedule at ${time}, the clock is at ${this.clock.now()}`);
    }
    const event: TimedEvent = { time, seq: this.seqCounter++, action, cancelled: false };
    this.timers.push(event);
    return event;
  }

  scheduleAfter(delay: number, action: SimAction): TimedEvent {
    return this.scheduleAt(this.clock.now() + delay, action);
  }

  cancelTimer(event: TimedEvent): void {
    this.timers.cancel(event);
  }

  /**
   * Moves processing time to `time` at once (a processing-time jump), making
   * every timed event due by then ready, in (time, sequence) order.
   */
  advanceClockTo(time: number): void {
    const from = this.clock.now();
    this.clock.advanceTo(time);
    this.trace?.add(CLOCK_ADVANCE, from, time);
    this.releaseDue();
  }

  /**
   * Takes one decision and runs it. Returns false when nothing is ready and no
   * timed event is pending (the simulation is quiescent).
   */
  step(): boolean {
    const readyCount = this.ready.size;
    const canTick =
      this.timers.size > 0 &&
      (readyCount === 0 ||
        (this.clockPolicy === 'choice' &&
          (this.timers.peek() as TimedEvent).time <= this.ready.oldestTime + this.maxReadyDelay));
    const options = readyCount + (canTick ? 1 : 0);
    if (options === 0) return false;
    const pick = options === 1 ? 0 : this.choiceStream.next(options);
    this.stepCount++;
    if (pick === readyCount) {
      this.tick();
    } else {
      this.ready.takeAt(pick).run();
    }
    return true;
  }

  /** Steps until quiescent or `maxSteps` decisions were taken; returns steps taken. */
  run(maxSteps = Number.POSITIVE_INFINITY): number {
    let n = 0;
    while (n < maxSteps && this.step()) n++;
    return n;
  }

  /** Drops every ready and timed event (e.g. a full restart of all tasks). */
  clear(): void {
    this.ready.clear();
    this.timers.clear();
  }

  /** Real choices taken so far (decisions between two or more options). */
  get choicesTaken(): number {
    return this.choiceStream.taken;
  }

  /** How many of the given choice list were consumed. */
  get choicesFromList(): number {
    return this.choiceStream.fromList;
  }

  get steps(): number {
    return this.stepCount;
  }

  get readyCount(): number {
    return this.ready.size;
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Time of the next timed event, or undefined. */
  nextTimerTime(): number | undefined {
    return this.timers.peek()?.time;
  }

  private tick(): void {
    const next = this.timers.peek();
    if (next === undefined) return;
    this.advanceClockTo(Math.max(next.time, this.clock.now()));
  }

  private releaseDue(): void {
    const now = this.clock.now();
    for (let e = this.timers.peek(); e !== undefined && e.time <= now; e = this.timers.peek()) {
      this.timers.pop();
      this.ready.insert(this.seqCounter++, e.action, now);
    }
  }
}
