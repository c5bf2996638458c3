import type { Spread } from './types.ts';

/**
 * What the two absolute targets of issue [S8] ask of the code on the host the
 * benchmark ran on. The hosts this 2-core VM lands on differ about 3x in
 * speed (the bare loop has run at 1.9M-8.1M records/s), and the same code
 * keeps about the same ratio to that loop on all of them, so whether 1M
 * records/s holds is mostly a property of the host; these figures say how far
 * the code itself would have to move on this one.
 */
export interface HostHeadroom {
  /** The records/s target (1M). */
  readonly recordsTarget: number;
  /**
   * The ratioToBaseline at which the canonical job would reach the records/s
   * target here: the bare loop's median records/s over the target (job
   * records/s = loop records/s / ratio). Below 1: not even the loop does.
   */
  readonly ratioNeeded: number;
  /** The scenario runs/s target (1000). */
  readonly scenarioTarget: number;
  /** How many times faster the scenario would have to run here to reach its target (<= 1: it does). */
  readonly scenarioSpeedupNeeded: number;
}

export function hostHeadroom(
  baselineRecordsPerSecond: Spread,
  scenarioRunsPerSecond: Spread,
  targets: { readonly records: number; readonly scenarioRuns: number },
): HostHeadroom {
  return {
    recordsTarget: targets.records,
    ratioNeeded: baselineRecordsPerSecond.median / targets.records,
    scenarioTarget: targets.scenarioRuns,
    scenarioSpeedupNeeded: targets.scenarioRuns / scenarioRunsPerSecond.median,
  };
}

/** The headroom in two sentences for the report's notes, given the measured median ratioToBaseline. */
export function hostHeadroomNote(
  h: HostHeadroom,
  ratioToBaseline: number,
  loopRecordsPerSecond: number,
): string {
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  const throughput =
    h.ratioNeeded < 1
      ? `not even the bare loop reaches ${n(h.recordsTarget)} records/s here`
      : ratioToBaseline <= h.ratioNeeded
        ? `the measured ${ratioToBaseline.toFixed(2)} is within it`
        : `the measured ${ratioToBaseline.toFixed(2)} would have to come down x${(ratioToBaseline / h.ratioNeeded).toFixed(2)}`;
  const scenario =
    h.scenarioSpeedupNeeded <= 1
      ? `the crash-and-restore scenario reaches ${n(h.scenarioTarget)} runs/s here`
      : `the crash-and-restore scenario would have to run x${h.scenarioSpeedupNeeded.toFixed(2)} faster to reach ${n(h.scenarioTarget)} runs/s`;
  return (
    `This host's headroom: the bare loop runs ${n(loopRecordsPerSecond)} records/s here, so ` +
    `${n(h.recordsTarget)} records/s needs ratioToBaseline <= ${h.ratioNeeded.toFixed(2)} (bare loop records/s / ` +
    `${n(h.recordsTarget)}); ${throughput}. On the same code, ${scenario}.`
  );
}
