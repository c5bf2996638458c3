/**
 * Names a side output, as Flink's OutputTag: `ctx.output(tag, value)` inside a
 * process function, `stream.getSideOutput(tag)` to read it. Two tags are the
 * same side output when their ids are equal.
 */
export class OutputTag<T> {
  /** Phantom field that carries the element type. */
  declare readonly __type?: T;

  constructor(readonly id: string) {
    if (id.length === 0) throw new Error('OutputTag: the id must not be empty');
  }

  equals(other: OutputTag<unknown>): boolean {
    return other.id === this.id;
  }

  toString(): string {
    return `OutputTag(${this.id})`;
  }
}
