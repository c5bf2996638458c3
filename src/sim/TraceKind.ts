import { Hash64 } from './Hash64.ts';

/**
 * A named kind of trace event. The name's hash is computed once here so that
 * recording an event on the hot path mixes one word, not a string.
 */
export class TraceKind {
  readonly name: string;
  /** 32-bit fingerprint of the name, mixed into the trace hash per event. */
  readonly word: number;
  /** Names of the numeric arguments a, b, c, for readable timelines. */
  readonly args: readonly string[];

  constructor(name: string, args: readonly string[] = []) {
    if (args.length > 3) throw new RangeError(`TraceKind ${name}: at most three numeric arguments`);
    this.name = name;
    this.args = args;
    const h = new Hash64(0x5eed);
    h.string(name);
    this.word = Number.parseInt(h.hex().slice(8), 16) | 0;
  }
}
