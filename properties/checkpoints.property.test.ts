import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkConsistentCuts } from '../src/check/ConsistentCutChecker.ts';
import { type ListAppendScenario, runListAppendScenario } from '../src/checkpoint/ListAppendScenario.ts';
import type { CheckpointMode } from '../src/checkpoint/types.ts';
import { expectedFinalState, normalise } from './listAppendModel.ts';
import { propertyRuns } from './runCount.ts';

const runs = propertyRuns(150);

const seedArb = fc.nat({ max: 0xffffffff });
const choicesArb = fc.array(fc.nat({ max: 7 }), { maxLength: 200 });
const crashesArb = fc.array(fc.record({ atStep: fc.nat({ max: 400 }), task: fc.nat({ max: 8 }) }), {
  maxLength: 2,
});

function scenarioArb(mode: CheckpointMode, crashes = crashesArb): fc.Arbitrary<ListAppendScenario> {
  return fc.record({
    records: fc.integer({ min: 1, max: 30 }),
    keys: fc.integer({ min: 1, max: 4 }),
    partitions: fc.integer({ min: 1, max: 3 }),
    sourceParallelism: fc.integer({ min: 1, max: 3 }),
    appendParallelism: fc.integer({ min: 1, max: 3 }),
    checkpointInterval: fc.integer({ min: 2, max: 30 }),
    bufferCapacity: fc.integer({ min: 1, max: 6 }),
    maxConcurrentCheckpoints: fc.integer({ min: 1, max: 2 }),
    crashes,
    mode: fc.constant(mode),
  });
}

/** Every completed checkpoint is a consistent cut, and the job ends with every id applied once. */
function consistentAndComplete(mode: CheckpointMode) {
  return fc.property(scenarioArb(mode), seedArb, choicesArb, (scenario, seed, choices) => {
    const run = runListAppendScenario(scenario, { seed, choices });
    const cuts = checkConsistentCuts(run.history);
    if (!cuts.ok) throw new Error(cuts.explanation);
    expect(run.result.status).toBe('finished');
    expect(normalise(run.finalState)).toEqual(normalise(expectedFinalState(run.history)));
  });
}

describe.each(['aligned', 'unaligned'] as const)('%s checkpoints', (mode) => {
  it(`every completed checkpoint is a consistent cut, and recovery ends in the failure-free state (${runs} runs)`, () => {
    fc.assert(consistentAndComplete(mode), { numRuns: runs });
  });

  it('a crashed run ends in the same final keyed state as the failure-free run', () => {
    fc.assert(
      fc.property(scenarioArb(mode, fc.constant([])), crashesArb, seedArb, (scenario, crashes, seed) => {
        const clean = runListAppendScenario(scenario, { seed });
        const crashed = runListAppendScenario({ ...scenario, crashes }, { seed });
        expect(normalise(crashed.finalState)).toEqual(normalise(clean.finalState));
      }),
      { numRuns: Math.ceil(runs / 2) },
    );
  });

  it('stop-with-savepoint and resume, with the same or another parallelism, equals an uninterrupted run', () => {
    fc.assert(
      fc.property(
        scenarioArb(mode, fc.constant([])),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        seedArb,
        (scenario, at, appendParallelism, sourceParallelism, seed) => {
          const uninterrupted = runListAppendScenario(scenario, { seed });
          const first = runListAppendScenario({ ...scenario, savepoints: [{ at, stop: true }] }, { seed });
          if (first.result.status === 'stopped') {
            const savepoint = first.result.stoppedWith;
            expect(savepoint?.kind).toBe('savepoint');
            const resumed = runListAppendScenario(
              { ...scenario, appendParallelism, sourceParallelism },
              { seed, ...(savepoint === undefined ? {} : { restoreFrom: savepoint }) },
            );
            expect(resumed.result.status).toBe('finished');
            expect(normalise(resumed.finalState)).toEqual(normalise(uninterrupted.finalState));
          } else {
            // The job finished before the savepoint time: nothing to resume.
            expect(first.result.status).toBe('finished');
            expect(normalise(first.finalState)).toEqual(normalise(uninterrupted.finalState));
          }
        },
      ),
      { numRuns: Math.ceil(runs / 2) },
    );
  });
});

describe('at-least-once checkpoints (barrier tracker)', () => {
  it('recover to at-least-once state: every id present, possibly duplicated', () => {
    fc.assert(
      fc.property(scenarioArb('at-least-once'), seedArb, choicesArb, (scenario, seed, choices) => {
        const run = runListAppendScenario(scenario, { seed, choices });
        expect(run.result.status).toBe('finished');
        const final = new Set(Object.values(run.finalState).flat());
        for (const ids of Object.values(expectedFinalState(run.history))) {
          for (const id of ids) expect(final.has(id)).toBe(true);
        }
      }),
      { numRuns: runs },
    );
  });

  it('are not consistent cuts: the search finds, shrinks and replays a counterexample (the engine column is tight)', () => {
    const property = consistentAndComplete('at-least-once');
    const found = fc.check(property, { numRuns: Math.max(runs, 300) });
    expect(found.failed).toBe(true);
    const [scenario, seed, choices] = found.counterexample as [ListAppendScenario, number, number[]];
    const message =
      `at-least-once counterexample: ${String(found.errorInstance)}\n` +
      `  scenario ${JSON.stringify(scenario)}\n` +
      `  replay: fc.check(property, { seed: ${found.seed}, path: '${found.counterexamplePath}' })`;
    console.log(message);
    expect(String(found.errorInstance)).toMatch(/includes r\d+ .*after the barrier is inside the cut/);
    // Shrunk to a handful of records and at most two faults, and needing several input channels.
    expect(scenario.records).toBeLessThanOrEqual(10);
    expect(scenario.sourceParallelism).toBeGreaterThanOrEqual(2);
    expect((scenario.crashes ?? []).length).toBeLessThanOrEqual(2);
    // Replaying from the printed seed and path gives the same counterexample.
    const replay = fc.check(property, {
      seed: found.seed,
      path: found.counterexamplePath ?? '',
      numRuns: 1,
    });
    expect(replay.failed).toBe(true);
    expect(replay.counterexample).toEqual(found.counterexample);
    const again = runListAppendScenario(scenario, { seed, choices });
    const once = runListAppendScenario(scenario, { seed, choices });
    expect(again.history.traceHash).toBe(once.history.traceHash);
    expect(checkConsistentCuts(again.history).ok).toBe(false);
  });
});

describe('determinism with checkpoints and crashes', () => {
  /** A case of any checkpoint mode: scenario, seed and scheduler choices. */
  const anyCase = (check: (scenario: ListAppendScenario, seed: number, choices: readonly number[]) => void) =>
    fc.property(
      fc.constantFrom<CheckpointMode>('aligned', 'unaligned', 'at-least-once').chain(scenarioArb),
      seedArb,
      choicesArb,
      check,
    );

  it('same scenario, seed and choices give the same trace hash and history', () => {
    fc.assert(
      anyCase((scenario, seed, choices) => {
        const a = runListAppendScenario(scenario, { seed, choices });
        const b = runListAppendScenario(scenario, { seed, choices });
        expect(a.history).toEqual(b.history);
      }),
      { numRuns: Math.ceil(runs / 2) },
    );
  });

  it('recording snapshot digests changes nothing else: same trace hash, same records plus a digest per completed checkpoint', () => {
    fc.assert(
      anyCase((scenario, seed, choices) => {
        const plain = runListAppendScenario(scenario, { seed, choices });
        const digested = runListAppendScenario(scenario, { seed, choices, digests: true });
        expect(digested.history.traceHash).toBe(plain.history.traceHash);
        expect(digested.history.checkpoints.map(({ digest: _, ...rest }) => rest)).toEqual(
          plain.history.checkpoints,
        );
        for (const c of plain.history.checkpoints) expect(c.digest).toBeUndefined();
        for (const c of digested.history.checkpoints) {
          if (c.status === 'completed') expect(c.digest).toMatch(/^[0-9a-f]{16}$/);
          else expect(c.digest).toBeUndefined();
        }
      }),
      { numRuns: Math.ceil(runs / 4) },
    );
  });
});
