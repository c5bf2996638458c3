export { CheckpointCoordinator } from './CheckpointCoordinator.ts';
export type { CheckpointObserver } from './CheckpointObserver.ts';
export { CheckpointStorage, type UploadOutcome, type UploadPolicy } from './CheckpointStorage.ts';
export {
  type CrashSpec,
  JobFailedError,
  type JobOptions,
  type JobResult,
  JobRunner,
  type JobStatus,
  type SavepointSpec,
  simulate,
} from './JobRunner.ts';
export type { NotificationDelivery, NotificationPolicy } from './NotificationPolicy.ts';
export { SavepointError } from './SavepointError.ts';
export type {
  ChannelState,
  CheckpointConfig,
  CheckpointMode,
  CompletedCheckpoint,
  RestartStrategy,
  Savepoint,
  TaskSnapshot,
} from './types.ts';
