import type { ConsistentCutVerdict } from '../check/ConsistentCutChecker.ts';
import type { GuaranteeLevel, GuaranteeVerdict } from '../check/GuaranteeChecker.ts';
import type { TwoPhaseVerdict } from '../check/TwoPhaseCommitChecker.ts';
import type { CheckpointMode } from '../checkpoint/types.ts';
import type { History } from '../history/types.ts';
import type { MatrixCell, MatrixEntryResult } from '../matrix/types.ts';
import type { TraceEvent } from '../sim/types.ts';
import { UsageError } from './UsageError.ts';

/** One generated case run again from its data (Counterexample.scenario). */
export interface ReplayedCase {
  readonly history: History;
  readonly traceHash: string;
  readonly events: readonly TraceEvent[];
  readonly guarantee: GuaranteeVerdict;
  readonly twoPhase?: TwoPhaseVerdict;
  readonly cuts: ConsistentCutVerdict;
  /** Operator names by vertex id, when the runner knows them (lane labels). */
  readonly vertexNames?: Readonly<Record<number, string>>;
}

/**
 * What the CLI needs from the matrix (src/matrix): its entries in their fixed
 * order, one entry's verdict, one case found by seed and path and replayed
 * from its data. A module
 * exporting these three is the matrix the commands run; workers load the same
 * module by its URL.
 */
export interface MatrixApi {
  matrixCells(modes?: CheckpointMode[]): MatrixCell[];
  runMatrixEntry(
    cell: MatrixCell,
    options: { runs: number; seed: number; stopwatch?: () => number },
  ): MatrixEntryResult;
  replayCase(scenario: unknown, options?: { keepTrace?: boolean }): ReplayedCase;
  /** The seed an entry runs with: derived from the master seed and its index among the cells. */
  entrySeed(seed: number, index: number): number;
  /** The generated case of an entry at a fast-check seed and path, as a printed replay command names it. */
  caseAt(cell: MatrixCell, seed: number, path: string): unknown;
  /** The level the table expects of a cell. */
  expectedLevel(cell: MatrixCell): GuaranteeLevel;
}

/** The module with the matrix streamproof ships. */
export const DEFAULT_MATRIX_MODULE = new URL('./DefaultMatrixApi.ts', import.meta.url).href;

/** The matrix runner is missing from this build, so matrix commands cannot run. */
export class MatrixUnavailableError extends UsageError {
  constructor(what: string) {
    super(`${what} needs the matrix runner (src/matrix/MatrixRunner.ts), which this build does not have yet`);
    this.name = 'MatrixUnavailableError';
  }
}

const loaded = new Map<string, Promise<MatrixApi>>();

/** Loads a matrix module once per URL. */
export function loadMatrixApi(moduleUrl: string = DEFAULT_MATRIX_MODULE): Promise<MatrixApi> {
  let api = loaded.get(moduleUrl);
  if (api === undefined) {
    // The shipped matrix by name, so that a build of the CLI (bin/cli-build.js) carries it; others by URL.
    api = (
      moduleUrl === DEFAULT_MATRIX_MODULE ? import('./DefaultMatrixApi.ts') : import(moduleUrl)
    ) as Promise<MatrixApi>;
    loaded.set(moduleUrl, api);
  }
  return api;
}
