export {
  type ConsistentCutVerdict,
  type CutViolation,
  checkConsistentCuts,
} from './ConsistentCutChecker.ts';
export { checkDeterminism, type DeterminismVerdict } from './DeterminismChecker.ts';
export { checkDifferential, type DifferentialVerdict } from './DifferentialChecker.ts';
export { checkGuarantee, type GuaranteeLevel, type GuaranteeVerdict } from './GuaranteeChecker.ts';
export {
  checkTwoPhaseCommit,
  type TwoPhaseVerdict,
  type TwoPhaseViolation,
} from './TwoPhaseCommitChecker.ts';
