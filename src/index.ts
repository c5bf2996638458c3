/**
 * streamproof's public API. Everything not exported here is internal and may move.
 */

export * from './check/index.ts';
export * from './checkpoint/index.ts';
export * from './connectors/index.ts';
export * from './faults/index.ts';
export type { History } from './history/types.ts';
export * from './matrix/index.ts';
export * from './runtime/index.ts';
export {
  ChoiceStream,
  CLOCK_ADVANCE,
  type ClockPolicy,
  FifoChannel,
  type FifoReceiver,
  Hash64,
  hashString,
  Rng,
  runProducerConsumerDemo,
  Scheduler,
  type SchedulerOptions,
  type SimAction,
  Simulation,
  type SimulationOptions,
  type SimulationSeed,
  Trace,
  type TraceEvent,
  TraceKind,
  type TraceSummary,
  VirtualClock,
} from './sim/index.ts';
