import type { RunServices } from '../execution/RunServices.ts';
import type { KeyGroupRange } from '../KeyGroupRangeAssignment.ts';
import type { ProcessingTimeService } from '../time/ProcessingTimeService.ts';
import type { Output } from './Output.ts';

export type KeySelector<T = unknown, K = unknown> = (value: T) => K;

/** Everything an operator subtask is given when deployed. */
export interface OperatorSetup {
  readonly output: Output;
  readonly taskName: string;
  readonly subtaskIndex: number;
  readonly parallelism: number;
  readonly maxParallelism: number;
  readonly attemptNumber: number;
  readonly processingTime: ProcessingTimeService;
  /** Per-run registry of simulated external systems. */
  readonly services: RunServices;
  /** For keyed operators: the key groups this subtask owns. */
  readonly keyGroupRange?: KeyGroupRange;
  /** For keyed operators: the key selector of each input (undefined for a non-keyed input). */
  readonly keySelectors?: readonly (KeySelector | undefined)[];
}
