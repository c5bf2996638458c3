// The matrix streamproof ships (see MatrixApi): src/matrix's runner and case replay.

export { expectedLevel } from '../matrix/ExpectedTable.ts';
export { entrySeed, matrixCells, runMatrixEntry } from '../matrix/MatrixRunner.ts';
export { caseAt, replayCase } from '../matrix/ReplayCase.ts';
