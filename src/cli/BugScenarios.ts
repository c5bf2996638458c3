import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BugResult } from '../matrix/types.ts';
import { makeOutputDirectory } from './OutputDirectory.ts';
import type { CaseScenario } from './scenario/types.ts';

/** The regression scenario's name of a seeded bug: scenarios/seeded-bug-<defect>.json. */
export function bugScenarioName(defect: string): string {
  return `seeded-bug-${defect}`;
}

/**
 * A seeded bug's counterexample as a `case` scenario: the generated case
 * (with the bug switched on), its seed, path and trace hash, the level its
 * entry expects and the checkers that rejected it, so `streamproof run` and
 * `replay` reproduce the same verdict. Undefined when the bug escaped.
 */
export function bugScenario(b: BugResult): (CaseScenario & { readonly $schema: string }) | undefined {
  const c = b.counterexample;
  if (c === undefined) return undefined;
  return {
    $schema: './scenario.schema.json',
    kind: 'case',
    description: `Seeded bug ${b.defect}: ${b.what} (mirrors ${b.mirrors}). Counterexample: ${c.summary}. Replays to the same violation (exit 1).`,
    entry: b.entry,
    seed: c.seed,
    path: c.path,
    traceHash: c.traceHash,
    expect: b.expected,
    caughtBy: b.caughtBy,
    case: c.scenario,
  };
}

/** JSON as the repository's formatter (Biome) writes it: two-space indent, arrays of scalars on one line when they fit. */
function scenarioJson(value: unknown): string {
  const text = JSON.stringify(value, null, 2).replace(
    /^( *)("[^"]*": )?\[\n((?: *(?:"[^"\n]*"|-?[\d.e+-]+|true|false|null),?\n)+) *\]/gm,
    (whole, indent: string, key: string | undefined, items: string) => {
      const line = `${indent}${key ?? ''}[${items
        .split('\n')
        .map((item) => item.trim())
        .filter((item) => item !== '')
        .join(' ')}]`;
      return line.length <= 110 ? line : whole;
    },
  );
  return `${text}\n`;
}

/** Writes seeded-bug-<defect>.json for every caught bug into `dir`; returns the files written. */
export function writeBugScenarios(bugs: readonly BugResult[], dir: string): string[] {
  // Not a recursive mkdir: in Node 20 it never returns for a path under /proc (OutputDirectory.ts).
  const cannot = makeOutputDirectory(dir);
  if (cannot !== undefined) throw new Error(`cannot write to ${dir}: ${cannot}`);
  const files: string[] = [];
  for (const b of bugs) {
    const scenario = bugScenario(b);
    if (scenario === undefined) continue;
    const file = join(dir, `${bugScenarioName(b.defect)}.json`);
    writeFileSync(file, scenarioJson(scenario));
    files.push(file);
  }
  return files;
}
