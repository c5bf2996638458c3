import { CollectionSource } from '../../runtime/source/CollectionSource.ts';

/**
 * A replayable source (Kafka-like): partitions are read in offset order, the
 * reader's positions (partition -> next offset) are part of every checkpoint,
 * and a restore rewinds to them, so records after the checkpoint are read
 * again (DESIGN §1: "resettable").
 */
export class ResettableSource<T> extends CollectionSource<T> {}
