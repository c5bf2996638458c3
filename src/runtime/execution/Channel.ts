import { FifoChannel, type FifoReceiver } from '../../sim/FifoChannel.ts';
import type { Scheduler } from '../../sim/Scheduler.ts';
import { RECORD, type StreamElement } from '../StreamElement.ts';

/** Reasons a channel stops delivering (bits of FifoChannel's block mask). */
export const BLOCKED_BY_ALIGNMENT = 1;
export const BLOCKED_BY_BACKPRESSURE = 2;
export const BLOCKED_BY_FAILURE = 4;

/** The sending side of a channel, told when its buffer fills up or frees. */
export interface ChannelSender {
  outputFull(): void;
  outputAvailable(): void;
}

/** The receiving side of a channel. */
export interface ChannelReceiver {
  /**
   * `handedOver`: passed along a chained edge inside the sender's step (not a
   * delivery of its own, so the receiver does not trace it).
   */
  processInput(channel: Channel, element: StreamElement, handedOver: boolean): void;
}

/**
 * A network channel from one sender subtask to one receiver subtask: FIFO,
 * delivering one element per scheduler choice, with a soft capacity in
 * records that models Flink's credit-based flow control (the sender stops
 * taking input while any of its output channels is full).
 */
export class Channel implements FifoReceiver<StreamElement> {
  readonly fifo: FifoChannel<StreamElement>;
  private records = 0;
  private full = false;
  sender: ChannelSender | undefined;
  receiver: ChannelReceiver | undefined;

  constructor(
    scheduler: Scheduler,
    /** Index among all input channels of the receiver subtask. */
    readonly gateIndex: number,
    /** Logical input of the receiver (0 or 1). */
    readonly input: number,
    /** Index among the channels of that logical input. */
    readonly indexInInput: number,
    readonly senderVertex: number,
    readonly senderSubtask: number,
    readonly receiverVertex: number,
    readonly receiverSubtask: number,
    private readonly capacity: number,
    /** A chained edge (see ExecutionGraph.isChained): elements are handed over at once, not queued. */
    readonly chained = false,
  ) {
    this.fifo = new FifoChannel<StreamElement>(scheduler, this);
  }

  send(element: StreamElement): void {
    if (this.handOver(element)) return;
    if (element.kind === RECORD) {
      this.records++;
      if (!this.full && this.records >= this.capacity) {
        this.full = true;
        this.sender?.outputFull();
      }
    }
    this.fifo.send(element);
  }

  /**
   * Sends an event ahead of everything queued and returns the records it
   * overtook (oldest first): Flink's priority events, used by unaligned
   * checkpoint barriers.
   */
  sendPriority(element: StreamElement): StreamElement[] {
    if (this.handOver(element)) return [];
    const overtaken = this.fifo.peekAll().filter((e) => e.kind === RECORD);
    this.fifo.sendFirst(element);
    return overtaken;
  }

  /**
   * A chained edge passes the element straight to the receiver, inside the sender's step. Only
   * when nothing is queued and the receiver takes input: otherwise (it is blocked, e.g. aligning
   * or failed) the element waits in the queue like any channel's, so order is kept.
   */
  private handOver(element: StreamElement): boolean {
    const receiver = this.receiver;
    if (!this.chained || receiver === undefined || this.fifo.size > 0 || this.fifo.isBlocked) return false;
    receiver.processInput(this, element, true);
    return true;
  }

  get size(): number {
    return this.fifo.size;
  }

  /** Records queued (for backpressure accounting). */
  get queuedRecords(): number {
    return this.records;
  }

  /** Called when queued records were removed outside of delivery (overtaken, dropped). */
  recount(): void {
    let n = 0;
    for (const e of this.fifo.peekAll()) if (e.kind === RECORD) n++;
    this.records = n;
    this.releaseIfBelowCapacity();
  }

  /** Called by its FifoChannel when the scheduler delivers the head element. */
  deliver(element: StreamElement): void {
    if (element.kind === RECORD) {
      this.records--;
      this.releaseIfBelowCapacity();
    }
    this.receiver?.processInput(this, element, false);
  }

  private releaseIfBelowCapacity(): void {
    if (this.full && this.records < this.capacity) {
      this.full = false;
      this.sender?.outputAvailable();
    }
  }
}
