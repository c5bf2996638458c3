import type { SinkWriteContext } from '../../runtime/sink/Sink.ts';
import type { ListAppendOutput } from '../../runtime/workload/ListAppend.ts';
import { AppendOnlyStore } from '../systems/AppendOnlyStore.ts';
import { SinkBase } from './SinkBase.ts';

/**
 * A sink with no consistency mechanism: it writes every record at once
 * (Flink's plain SinkFunction). Subclass it and implement invoke() for your
 * own system.
 */
export abstract class AnySink<IN> extends SinkBase<IN> {}

export const APPEND_ONLY_STORE = 'append-only-store';

/** The "any" sink of the list-append workload: appends each result to an AppendOnlyStore. */
export class AppendOnlySink extends AnySink<ListAppendOutput> {
  private store!: AppendOnlyStore;

  override open(): void {
    const { services, now } = this.context;
    this.store = services.get(APPEND_ONLY_STORE, () => new AppendOnlyStore(services, now));
  }

  invoke(value: ListAppendOutput, _ctx: SinkWriteContext): void {
    this.store.append([value], this.context.subtaskIndex);
  }
}
