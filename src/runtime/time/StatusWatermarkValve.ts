import { MIN_WATERMARK } from '../StreamElement.ts';

/** Where a valve sends what it decides. */
export interface ValveOutput {
  emitWatermark(timestamp: number): void;
  emitWatermarkStatus(idle: boolean): void;
}

interface ChannelStatus {
  watermark: number;
  idle: boolean;
  /** Whether this channel takes part in the min (Flink: "aligned" with the output watermark). */
  aligned: boolean;
}

/**
 * Combines the watermarks and idleness of the channels of one input, after
 * Flink's StatusWatermarkValve: the output watermark is the minimum over the
 * active, aligned channels and never goes back; an idle channel is left out of
 * the minimum; when every channel is idle the input becomes idle (after
 * flushing the maximum watermark seen, if the last channel to go idle held the
 * minimum); a channel that turns active again rejoins the minimum only once
 * its watermark caught up with the output.
 */
export class StatusWatermarkValve {
  private readonly channels: ChannelStatus[];
  private lastOutputWatermark = MIN_WATERMARK;
  private lastOutputIdle = false;

  constructor(
    numChannels: number,
    private readonly output: ValveOutput,
    /**
     * Seeded bug 'watermark-max': combine the channels by maximum instead of minimum, so the
     * watermark overtakes the slowest channel and its records arrive late (dropped by windows,
     * timers fired early). Mirrors FLINK-7721 (the valve emitted a watermark not aggregated from
     * the aligned channels) and a max-for-min review finding in apache/paimon#8401.
     */
    private readonly maxOfChannels = false,
  ) {
    this.channels = Array.from({ length: numChannels }, () => ({
      watermark: MIN_WATERMARK,
      idle: false,
      aligned: true,
    }));
  }

  get outputWatermark(): number {
    return this.lastOutputWatermark;
  }

  get isIdle(): boolean {
    return this.lastOutputIdle;
  }

  channelWatermark(channel: number): number {
    return (this.channels[channel] as ChannelStatus).watermark;
  }

  inputWatermark(timestamp: number, channelIndex: number): void {
    const ch = this.channels[channelIndex] as ChannelStatus;
    if (ch.idle || timestamp <= ch.watermark) return;
    ch.watermark = timestamp;
    if (!ch.aligned && timestamp >= this.lastOutputWatermark) ch.aligned = true;
    this.outputMinOfAligned();
  }

  inputWatermarkStatus(idle: boolean, channelIndex: number): void {
    const ch = this.channels[channelIndex] as ChannelStatus;
    if (idle && !ch.idle) {
      ch.idle = true;
      ch.aligned = false;
      if (this.channels.every((c) => c.idle)) {
        // As Flink: flush the maximum only if the channel that went idle last held the output
        // watermark (one left behind, rejoining after idleness, does not flush).
        if (ch.watermark === this.lastOutputWatermark) this.outputMaxOfAll();
        this.lastOutputIdle = true;
        this.output.emitWatermarkStatus(true);
      } else if (ch.watermark === this.lastOutputWatermark) {
        // The channel that held the minimum went idle: the others may move it on.
        this.outputMinOfAligned();
      }
    } else if (!idle && ch.idle) {
      ch.idle = false;
      if (ch.watermark >= this.lastOutputWatermark) ch.aligned = true;
      if (this.lastOutputIdle) {
        this.lastOutputIdle = false;
        this.output.emitWatermarkStatus(false);
      }
    }
  }

  private outputMinOfAligned(): void {
    if (this.maxOfChannels) {
      this.outputMaxOfAligned();
      return;
    }
    let min = Number.POSITIVE_INFINITY;
    let any = false;
    for (const c of this.channels) {
      if (c.aligned && !c.idle) {
        any = true;
        if (c.watermark < min) min = c.watermark;
      }
    }
    if (any && min > this.lastOutputWatermark) {
      this.lastOutputWatermark = min;
      this.output.emitWatermark(min);
    }
  }

  /** The seeded bug 'watermark-max' only: the maximum over the active, aligned channels. */
  private outputMaxOfAligned(): void {
    let max = MIN_WATERMARK;
    for (const c of this.channels) if (c.aligned && !c.idle && c.watermark > max) max = c.watermark;
    if (max > this.lastOutputWatermark) {
      this.lastOutputWatermark = max;
      this.output.emitWatermark(max);
    }
  }

  private outputMaxOfAll(): void {
    let max = MIN_WATERMARK;
    for (const c of this.channels) if (c.watermark > max) max = c.watermark;
    if (max > this.lastOutputWatermark) {
      this.lastOutputWatermark = max;
      this.output.emitWatermark(max);
    }
  }
}
