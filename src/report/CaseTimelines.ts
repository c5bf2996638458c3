import type { History } from '../history/types.ts';
import type { ConsistencyReport } from '../matrix/types.ts';
import type { TraceEvent } from '../sim/types.ts';
import { caseAnchor } from './MarkdownReport.ts';
import { buildTimeline } from './TimelineBuilder.ts';
import type { CaseTimeline } from './types.ts';

/** Runs one case again from its data, keeping its trace events. */
export type CaseReplayer = (scenario: unknown) => {
  readonly history: History;
  readonly events: readonly TraceEvent[];
  readonly traceHash: string;
  readonly vertexNames?: Readonly<Record<number, string>>;
};

/**
 * Replays every counterexample and violation of a report for its timeline
 * (the report keeps only the case's data, not its trace). A case that cannot
 * be replayed gets the reason instead, so one bad case never hides the rest.
 */
export function collectCaseTimelines(
  report: ConsistencyReport,
  replay: CaseReplayer,
): Map<string, CaseTimeline> {
  const timelines = new Map<string, CaseTimeline>();
  for (const entry of report.entries) {
    for (const role of ['violation', 'counterexample'] as const) {
      const c = entry[role];
      if (c === undefined) continue;
      try {
        const r = replay(c.scenario);
        timelines.set(caseAnchor(entry.id, role), {
          timeline: buildTimeline(
            r.history,
            r.events,
            r.vertexNames === undefined ? {} : { vertexNames: r.vertexNames },
          ),
          traceHash: r.traceHash,
        });
      } catch (error) {
        timelines.set(caseAnchor(entry.id, role), {
          unavailable: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }
  return timelines;
}
