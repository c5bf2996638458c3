import { describe, expect, it } from 'vitest';
import { bugScenarioName } from '../src/cli/BugScenarios.ts';
import { judgeHistory } from '../src/cli/HistoryJudgement.ts';
import { loadScenario, namedScenarios } from '../src/cli/scenario/ScenarioLoader.ts';
import type { CaseScenario } from '../src/cli/scenario/types.ts';
import { BUG_CATALOGUE, withDefect } from '../src/matrix/BugCatalogue.ts';
import { failingCheckers } from '../src/matrix/BugJudgement.ts';
import { bugSeed, bugSuites, runBug, runBugControl } from '../src/matrix/BugRunner.ts';
import { expectedLevel } from '../src/matrix/ExpectedTable.ts';
import { parseEntryId } from '../src/matrix/MatrixRunner.ts';
import { type MatrixCase, runMatrixCase } from '../src/matrix/MatrixScenario.ts';
import { caseAt } from '../src/matrix/ReplayCase.ts';
import { DEFECT_NAMES } from '../src/runtime/execution/Defects.ts';
import { propertyRuns } from './runCount.ts';

/**
 * The harness's own test (DESIGN §7): every seeded bug must be caught by the
 * suite the catalogue names, with a small counterexample that its printed
 * replay command regenerates; the same suites with no bug must stay silent
 * (no false alarms) under several master seeds; and every bug's kept
 * counterexample (scenarios/seeded-bug-*.json) must replay to the same verdict.
 */

const runs = propertyRuns(100);
const MASTER_SEED = 42;

describe('seeded bugs are caught', () => {
  it('the catalogue covers every defect switch', () => {
    expect(BUG_CATALOGUE.map((e) => e.defect).sort()).toEqual([...DEFECT_NAMES].sort());
    expect(BUG_CATALOGUE.length).toBeGreaterThanOrEqual(16);
  });

  for (const [index, entry] of BUG_CATALOGUE.entries()) {
    it(`${entry.defect} is caught by the ${entry.cell.source}/${entry.cell.sink}/${entry.cell.mode} suite (${runs} runs at most)`, () => {
      const result = runBug(entry, { runs, seed: bugSeed(MASTER_SEED, index) });
      expect(result.caught, `${entry.defect} escaped ${result.runs} runs`).toBe(true);
      expect(result.caughtBy.length).toBeGreaterThan(0);
      const ce = result.counterexample;
      if (ce === undefined) throw new Error('caught without a counterexample');
      // Small, shrunk counterexamples (DESIGN §3 target: at most 10 records and 2 faults).
      expect(ce.records).toBeLessThanOrEqual(10);
      expect(ce.faults).toBeLessThanOrEqual(2);
      // Time to catch (Done-when: max 10 s on this machine).
      expect(result.millisToCatch).toBeLessThanOrEqual(10_000);
      expect(ce.replay).toBe(
        `npx streamproof replay ${result.entry} --seed ${ce.seed} --path ${ce.path} --defect ${entry.defect}`,
      );
      // The printed seed and path name the same case, with the defect on, which fails the same checkers.
      const again = withDefect(caseAt(entry.cell, ce.seed, ce.path), entry.defect);
      expect(again).toEqual(ce.scenario as MatrixCase);
      const run = runMatrixCase(again);
      expect(run.traceHash).toBe(ce.traceHash);
      expect(failingCheckers(run, entry.cell, result.expected)).toEqual(result.caughtBy);
      // Without the defect the same case passes: the defect, not the case, is what the checkers caught.
      const { defects: _, ...clean } = again;
      expect(failingCheckers(runMatrixCase(clean), entry.cell, result.expected)).toEqual([]);
    });
  }
});

describe('no false alarms: the same suites with no defect report no violation', () => {
  const controlRuns = Math.max(1, Math.round(runs / 2));
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`master seed ${seed}: every suite passes ${controlRuns} runs`, () => {
      bugSuites().forEach((suite, index) => {
        const control = runBugControl(suite, {
          runs: controlRuns,
          seed: bugSeed(seed, BUG_CATALOGUE.length + index),
        });
        expect(control.runs).toBe(controlRuns);
        expect(control.violations, control.example?.summary).toBe(0);
      });
    });
  }
});

describe('regression scenarios: each bug counterexample replays to the same verdict', () => {
  const names = namedScenarios().filter((n) => n.startsWith('seeded-bug-'));

  it('every seeded bug has a regression scenario', () => {
    expect(names.sort()).toEqual(DEFECT_NAMES.map(bugScenarioName).sort());
  });

  for (const name of names) {
    it(`${name} replays to its recorded trace hash and is rejected by the recorded checkers`, () => {
      const s = loadScenario(name).scenario as CaseScenario;
      expect(s.kind).toBe('case');
      const cell = parseEntryId(s.entry ?? '');
      if (cell === undefined || s.expect === undefined) throw new Error(`${name}: no entry or expectation`);
      expect(s.expect).toBe(expectedLevel(cell));
      const c = s.case as MatrixCase;
      expect(c.defects?.length).toBe(1);
      const run = runMatrixCase(c);
      expect(run.traceHash).toBe(s.traceHash);
      expect(failingCheckers(run, cell, s.expect)).toEqual(s.caughtBy);
      // What `streamproof run <name>` judges: the same case fails against the entry's level.
      expect(judgeHistory(run.history, s.expect).problems.length).toBeGreaterThan(0);
      expect(c.records).toBeLessThanOrEqual(10);
      expect(c.plan.faults.length).toBeLessThanOrEqual(2);
    });
  }
});
