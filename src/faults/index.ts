export { FaultInjector } from './FaultInjector.ts';
export { type FaultPlanShape, faultArbitrary, faultPlanArbitrary } from './FaultPlanArbitrary.ts';
export type { Fault, FaultKind, FaultPlan } from './types.ts';
