import type { Task } from '../runtime/execution/Task.ts';

/** How one checkpoint notification to one task travels: lost, delayed, duplicated. */
export interface NotificationDelivery {
  /** Copies delivered (0 = lost, 2 = duplicated). */
  readonly copies: number;
  /** Extra delay in ms before each copy becomes ready. */
  readonly delay: number;
}

export type NotificationPolicy = (
  task: Task,
  checkpointId: number,
  kind: 'complete' | 'aborted',
) => NotificationDelivery;

/** Every notification delivered once, as soon as the scheduler picks it. */
export const RELIABLE_NOTIFICATIONS: NotificationPolicy = () => ({ copies: 1, delay: 0 });
