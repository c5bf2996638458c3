import type { GuaranteeLevel } from '../../check/GuaranteeChecker.ts';
import type { ListAppendScenario } from '../../checkpoint/ListAppendScenario.ts';
import type { CheckpointMode } from '../../checkpoint/types.ts';
import type { SinkKind, SourceKind } from '../../matrix/types.ts';

/** The kernel's producer/consumer demo job. */
export interface DemoScenario {
  readonly kind: 'demo';
  readonly description?: string;
  readonly seed?: number;
  readonly records?: number;
  readonly producers?: number;
  readonly choices?: readonly number[];
}

/** One list-append job with checkpoints, crashes and savepoints, judged by the checkers. */
export interface ListAppendJobScenario {
  readonly kind: 'list-append';
  readonly description?: string;
  readonly seed?: number;
  readonly choices?: readonly number[];
  /** The level the operator's final state must show (default: exactly-once, at-least-once without alignment). */
  readonly expect?: GuaranteeLevel;
  readonly job: ListAppendScenario;
}

/** One entry of the consistency matrix: a source, a sink and a checkpoint mode. */
export interface MatrixEntryScenario {
  readonly kind: 'matrix-entry';
  readonly description?: string;
  readonly source: SourceKind;
  readonly sink: SinkKind;
  readonly mode: CheckpointMode;
  readonly seed?: number;
  readonly runs?: number;
}

/** One generated case, as the matrix recorded it (a counterexample's data). */
export interface CaseScenario {
  readonly kind: 'case';
  readonly description?: string;
  readonly entry?: string;
  readonly seed?: number;
  readonly path?: string;
  readonly traceHash?: string;
  /** The level the case's entry must meet; when given, run and replay judge the guarantee against it. */
  readonly expect?: GuaranteeLevel;
  /** The checkers that rejected the case when it was recorded (a seeded-bug regression, scenarios/seeded-bug-*.json). */
  readonly caughtBy?: readonly ('guarantee' | '2pc-protocol' | 'consistent-cuts')[];
  readonly case: unknown;
}

/** A scenario file's content (scenarios/scenario.schema.json). */
export type Scenario = DemoScenario | ListAppendJobScenario | MatrixEntryScenario | CaseScenario;

/** A scenario with where it came from. */
export interface LoadedScenario {
  /** The name it was asked by (a named scenario) or the file's base name. */
  readonly name: string;
  readonly file: string;
  /** Loaded by name from scenarios/ (else from a file path). */
  readonly named: boolean;
  readonly scenario: Scenario;
}
