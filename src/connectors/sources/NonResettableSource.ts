import type { Source, SourceReader, SourceReaderContext, SourceRecord } from '../../runtime/source/Source.ts';

/** The feed's read positions, kept in the run's services so they outlive task restarts. */
class FeedCursor {
  readonly next = new Map<number, number>();
}

/**
 * A source that cannot be rewound (a socket-like feed): what was read is
 * gone. Its reader reports positions for the history, but a restore does not
 * rewind it: after a failure it continues from wherever the feed is, so
 * records read after the last checkpoint are lost (DESIGN §1: "not
 * resettable" gives at-most-once).
 */
export class NonResettableSource<T> implements Source<T> {
  readonly boundedness = 'bounded' as const;
  private readonly feedKey: string;

  /**
   * `feed` names the feed in the run's services: a job stopped and resumed
   * against the same services reads on from where the feed is.
   */
  constructor(
    private readonly partitions: readonly (readonly T[])[],
    feed = 'feed',
  ) {
    this.feedKey = `non-resettable-feed:${feed}`;
    if (partitions.length === 0) throw new Error('NonResettableSource: give at least one partition');
  }

  get numPartitions(): number {
    return this.partitions.length;
  }

  createReader(context: SourceReaderContext): SourceReader<T> {
    const data = this.partitions;
    const cursor = context.services.get(this.feedKey, () => new FeedCursor());
    const at = (p: number) => cursor.next.get(p) ?? 0;
    return {
      hasNext: (p) => at(p) < (data[p]?.length ?? 0),
      next: (p): SourceRecord<T> => {
        const offset = at(p);
        cursor.next.set(p, offset + 1);
        return { value: (data[p] as readonly T[])[offset] as T };
      },
      isFinished: (p) => at(p) >= (data[p]?.length ?? 0),
      snapshotState: () => Object.fromEntries(context.partitions.map((p) => [p, at(p)])),
      // Nothing to rewind: the feed has moved on.
      restoreState: () => {},
    };
  }
}
