/**
 * Real systems (DESIGN §8, issue S7): the list-append job against real
 * Kafka, PostgreSQL and Redis, killed with SIGKILL at seeded points, judged
 * by the same checkers as the simulation. Not exported from src/index.ts:
 * the CLI's `matrix --real` and the report use it from here.
 */
export { BrokerUnavailableError } from './BrokerUnavailableError.ts';
export type { KillPoint, RealSinkKind, RealSourceMode } from './job/types.ts';
export { type KafkaHandle, type KafkaLaunchOptions, startKafka } from './kafka/KafkaLauncher.ts';
export {
  judgeRealRow,
  type RealMatrixOptions,
  type RealRowResult,
  type RealTrialSummary,
  runRealMatrix,
  transactionTimeoutTrial,
} from './RealMatrix.ts';
export {
  DEFAULT_REAL_WORKLOAD,
  planRealTrials,
  REAL_ROWS,
  type RealRowSpec,
  type RealWorkload,
  seedExpectation,
} from './RealTrialPlan.ts';
export {
  type OpenRealEnvironment,
  openRealEnvironment,
  type RealEnvironment,
} from './trial/RealEnvironment.ts';
export { type RealTrialResult, type RealTrialSpec, runRealTrial } from './trial/RealTrial.ts';
