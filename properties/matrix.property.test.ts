import { describe, expect, it } from 'vitest';
import { entryAgrees } from '../src/matrix/EntryAgreement.ts';
import { knownFinding } from '../src/matrix/KnownFindings.ts';
import { matrixCells, runMatrixEntry } from '../src/matrix/MatrixRunner.ts';
import type { MatrixCase } from '../src/matrix/MatrixScenario.ts';
import { caseAt, replayCase } from '../src/matrix/ReplayCase.ts';
import { propertyRuns } from './runCount.ts';

const runs = propertyRuns(30);

describe('the consistency matrix reproduces the seed table', () => {
  for (const cell of matrixCells()) {
    const id = `${cell.source}/${cell.sink}/${cell.mode}`;
    it(`${id} holds and is tight (${runs} runs), or fails only as a documented finding`, () => {
      const entry = runMatrixEntry(cell, { runs, seed: 1234 });
      const problem =
        entry.violation === undefined ? '' : ` — ${entry.violation.summary}; ${entry.violation.replay}`;
      expect(entryAgrees(entry), `${id}: holds ${entry.holds}, tight ${entry.tight}${problem}`).toBe(true);
      if (!entry.holds) expect(knownFinding(id)).toBeDefined();
      const ce = entry.counterexample;
      expect(ce, `${id}: the tightness search found nothing`).toBeDefined();
      if (ce === undefined) return;
      // Small, shrunk counterexamples (DESIGN §3 target: at most 10 records and 2 faults).
      expect(ce.records).toBeLessThanOrEqual(10);
      expect(ce.faults).toBeLessThanOrEqual(2);
      expect(ce.replay).toBe(`npx streamproof replay ${id} --seed ${ce.seed} --path ${ce.path}`);
      // The printed seed and path name the same case, which replays to the same trace hash.
      const again = caseAt(cell, ce.seed, ce.path);
      expect(again).toEqual(ce.scenario as MatrixCase);
      expect(replayCase(again).traceHash).toBe(ce.traceHash);
      expect(replayCase(ce.scenario).traceHash).toBe(ce.traceHash);
    });
  }
});
