import { hasDefect } from '../../runtime/execution/Defects.ts';
import type { SinkWriteContext } from '../../runtime/sink/Sink.ts';
import type { ListAppendOutput } from '../../runtime/workload/ListAppend.ts';
import { KeyValueStore } from '../systems/KeyValueStore.ts';
import { SinkBase } from './SinkBase.ts';

/**
 * A sink whose writes are idempotent upserts under a key computed
 * deterministically from the record: replaying a record after recovery writes
 * the same value under the same key again. Implement keyOf() and upsert().
 */
export abstract class IdempotentSink<IN> extends SinkBase<IN> {
  /** Must be a pure function of the record, or replays write elsewhere (see the seeded defect). */
  abstract keyOf(value: IN): string;
  abstract upsert(key: string, value: IN): void;

  invoke(value: IN, _ctx: SinkWriteContext): void {
    this.upsert(this.keyOf(value), value);
  }
}

export const KEY_VALUE_STORE = 'key-value-store';

/** The idempotent sink of the list-append workload: upserts "key/position" -> id into a KeyValueStore. */
export class KeyValueSink extends IdempotentSink<ListAppendOutput> {
  private store!: KeyValueStore;
  /**
   * Seeded bug 'nondeterministic-idempotent-key': the upsert key includes the attempt number, so a
   * record replayed after a restore lands under a new key next to its first write: a duplicate.
   * Mirrors record keys from non-deterministic values (apache/hudi#7829: monotonically_increasing_id
   * keys duplicated rows on upsert).
   */
  private attemptInKey = false;

  override open(): void {
    const { services, now } = this.context;
    this.store = services.get(KEY_VALUE_STORE, () => new KeyValueStore(services, now));
    this.attemptInKey = hasDefect(services, 'nondeterministic-idempotent-key');
  }

  keyOf(value: ListAppendOutput): string {
    if (this.attemptInKey) return `${value.key}/${value.position}@${this.context.attemptNumber}`;
    return `${value.key}/${value.position}`;
  }

  upsert(key: string, value: ListAppendOutput): void {
    this.store.upsert(key, value.key, value.position, value.id, this.context.subtaskIndex);
  }
}
