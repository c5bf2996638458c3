import type { GuaranteeLevel } from '../check/GuaranteeChecker.ts';
import type { CheckpointMode } from '../checkpoint/types.ts';
import type { DefectName } from '../runtime/execution/Defects.ts';

export type SourceKind = 'resettable' | 'not-resettable';
export type SinkKind = 'any' | 'idempotent' | 'wal' | '2pc';

/** One cell of the consistency table in one checkpoint mode. */
export interface MatrixCell {
  readonly source: SourceKind;
  readonly sink: SinkKind;
  readonly mode: CheckpointMode;
}

/** A shrunk counterexample, with what is needed to replay it. */
export interface Counterexample {
  /** One line: what went wrong, e.g. "duplicate of r7 (key k3) after a crash between the WAL write and the marker". */
  readonly summary: string;
  /** The level the run showed. */
  readonly observed: GuaranteeLevel;
  readonly seed: number;
  /** fast-check's path to the shrunk case. */
  readonly path: string;
  /** The master seed of the run itself (part of the generated case). */
  readonly runSeed: number;
  readonly records: number;
  readonly faults: number;
  readonly traceHash: string;
  /** A copy-pasteable command that replays it. */
  readonly replay: string;
  /** The generated case as plain data (scenario, fault plan, choices), for `streamproof replay`. */
  readonly scenario: unknown;
}

/** The verdict on one matrix entry. */
export interface MatrixEntryResult extends MatrixCell {
  /** Short id, e.g. "resettable/2pc/aligned". */
  readonly id: string;
  readonly expected: GuaranteeLevel;
  /** The weakest level seen over all runs of the "holds" property (the expected one when it held). */
  readonly observed: GuaranteeLevel;
  /** The expected guarantee held in every run. */
  readonly holds: boolean;
  /** The next stronger guarantee was violated by a found, shrunk counterexample (or, for exactly-once, the guarantee was exercised by a replay). */
  readonly tight: boolean;
  /** What "tight" means for this entry, in one line. */
  readonly tightness: string;
  /** Runs of the holds property and of the tightness search. */
  readonly runs: number;
  readonly searchRuns: number;
  /** A run that broke the expected guarantee (a finding), when holds is false. */
  readonly violation?: Counterexample;
  /** The tightness counterexample. */
  readonly counterexample?: Counterexample;
  /** Set when the expectation failed for a documented reason (src/matrix/KnownFindings.ts). */
  readonly knownFinding?: string;
  /** Temporary inconsistency seen by readers (idempotent sinks), with an example. */
  readonly transient?: string;
  readonly millis: number;
}

/** A row for a real-system run (issue S7), next to the simulated entries. */
export interface RealRow {
  readonly system: string;
  readonly source: SourceKind;
  readonly sink: SinkKind;
  readonly trials: number;
  readonly expected: GuaranteeLevel;
  readonly observed: GuaranteeLevel;
  readonly agrees: boolean;
  readonly finding?: string;
  readonly history?: string;
}

/** The whole report: what `streamproof matrix` writes as consistency.json. */
export interface ConsistencyReport {
  readonly version: 1;
  readonly tool: 'streamproof';
  readonly seed: number;
  readonly runs: number;
  /** Shard i/n when this is a partial report, for `streamproof report --merge`. */
  readonly shard?: { readonly index: number; readonly count: number };
  readonly entries: readonly MatrixEntryResult[];
  readonly real?: readonly RealRow[];
  /** True when every entry holds and is tight, or fails only as a documented known finding. */
  readonly agrees: boolean;
  readonly millis: number;
}

/** A checker of the seeded-bug suites (DESIGN §7). */
export type BugChecker = 'guarantee' | '2pc-protocol' | 'consistent-cuts';

/** How one seeded bug fared against the suite that must catch it (what `streamproof bugs` reports). */
export interface BugResult {
  readonly defect: DefectName;
  /** What it does, in one line. */
  readonly what: string;
  /** The real behaviour or bug it mirrors, with the JIRA or issue where one exists. */
  readonly mirrors: string;
  /** The matrix entry whose holds property runs with the defect switched on. */
  readonly entry: string;
  readonly workload: 'list-append' | 'event-time-buffer';
  readonly expected: GuaranteeLevel;
  readonly caught: boolean;
  /** The checkers that reject the shrunk counterexample. */
  readonly caughtBy: readonly BugChecker[];
  /** Runs up to and including the first failing one (the budget when it escaped). */
  readonly runs: number;
  /** Wall time until the first failing run (ms); the catalogue's time to catch. */
  readonly millisToCatch: number;
  /** Wall time including shrinking the counterexample (ms). */
  readonly millis: number;
  readonly counterexample?: Counterexample;
}

/** The same suite with no defect switched on: it must report no violation (no false alarms). */
export interface BugControl {
  readonly entry: string;
  readonly workload: 'list-append' | 'event-time-buffer';
  readonly runs: number;
  readonly violations: number;
  /** The first violation, when there was one (a false alarm or a real finding). */
  readonly example?: Counterexample;
}

/** What `streamproof bugs` writes as bugs.json. */
export interface BugReport {
  readonly version: 1;
  readonly tool: 'streamproof';
  readonly seed: number;
  /** The run budget of each defect's search and of each control suite. */
  readonly runs: number;
  readonly bugs: readonly BugResult[];
  readonly controls: readonly BugControl[];
  readonly caught: number;
  /** Every defect caught and no control violated. */
  readonly ok: boolean;
  readonly medianMillisToCatch: number;
  readonly maxMillisToCatch: number;
  /** Largest counterexample over the caught defects. */
  readonly maxRecords: number;
  readonly maxFaults: number;
  readonly millis: number;
}
