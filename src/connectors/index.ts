export { AnySink, APPEND_ONLY_STORE, AppendOnlySink } from './sinks/AnySink.ts';
export { type CheckpointCommitter, GenericWriteAheadSink } from './sinks/GenericWriteAheadSink.ts';
export { IdempotentSink, KEY_VALUE_STORE, KeyValueSink } from './sinks/IdempotentSink.ts';
export {
  type KafkaTransaction,
  KafkaTransactionalSink,
  type KafkaTransactionalSinkOptions,
  OUTPUT_LOG,
} from './sinks/KafkaTransactionalSink.ts';
export { SinkBase } from './sinks/SinkBase.ts';
export {
  TRANSACTIONAL_STORE,
  TransactionalStoreSink,
  type TransactionalStoreSinkOptions,
} from './sinks/TransactionalStoreSink.ts';
export { TwoPhaseCommitSink, type TwoPhaseCommitState } from './sinks/TwoPhaseCommitSink.ts';
export { WAL_STORE, WalSink } from './sinks/WalSink.ts';
export { NonResettableSource } from './sources/NonResettableSource.ts';
export { ResettableSource } from './sources/ResettableSource.ts';
export { AppendOnlyStore } from './systems/AppendOnlyStore.ts';
export { ExternalSystem } from './systems/ExternalSystem.ts';
export { KeyValueStore } from './systems/KeyValueStore.ts';
export { PartitionedLog } from './systems/PartitionedLog.ts';
export { TransactionalStore } from './systems/TransactionalStore.ts';
export { WalStore } from './systems/WalStore.ts';
export { ExternalSystemError, type Row } from './types.ts';
