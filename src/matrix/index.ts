export { BUG_CATALOGUE, type BugCatalogueEntry, bugCatalogueEntry, withDefect } from './BugCatalogue.ts';
export { failingCheckers } from './BugJudgement.ts';
export { bugReplayCommand, runBug, runBugCatalogue, runBugControl } from './BugRunner.ts';
export { entryAgrees } from './EntryAgreement.ts';
export { expectedLevel } from './ExpectedTable.ts';
export { KNOWN_FINDINGS, type KnownFinding } from './KnownFindings.ts';
export { matrixCaseArbitrary } from './MatrixCaseArbitrary.ts';
export {
  DEFAULT_RUNS,
  DEFAULT_SEED,
  entryId,
  matrixCells,
  parseEntryId,
  replayCommand,
  runMatrix,
  runMatrixEntry,
} from './MatrixRunner.ts';
export { type MatrixCase, type MatrixRun, runMatrixCase } from './MatrixScenario.ts';
export { caseAt, type ReplayedCase, replayCase } from './ReplayCase.ts';
export type {
  BugChecker,
  BugControl,
  BugReport,
  BugResult,
  ConsistencyReport,
  Counterexample,
  MatrixCell,
  MatrixEntryResult,
  RealRow,
  SinkKind,
  SourceKind,
} from './types.ts';
export {
  VerificationError,
  type VerifiedPipeline,
  type VerifyInput,
  type VerifyOptions,
  verify,
} from './verify.ts';
