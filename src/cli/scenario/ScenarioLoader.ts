import { existsSync, readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readJsonFile } from '../JsonFile.ts';
import { SchemaValidator } from '../SchemaValidator.ts';
import { ScenarioError } from './ScenarioError.ts';
import type { LoadedScenario, Scenario } from './types.ts';

/** The named scenarios shipped with streamproof. */
export const SCENARIOS_DIR = fileURLToPath(new URL('../../../scenarios/', import.meta.url));
const SCHEMA = new URL('../../../scenarios/scenario.schema.json', import.meta.url);

let validator: SchemaValidator<Scenario> | undefined;

/** Names of the scenarios in scenarios/, sorted. */
export function namedScenarios(dir: string = SCENARIOS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

function unknown(ref: string, dir: string): ScenarioError {
  const names = namedScenarios(dir);
  const shown = names.slice(0, 6).join(', ');
  const more = names.length > 6 ? `, … (${names.length} in all: 'streamproof run --list' shows them)` : '';
  return new ScenarioError(
    `unknown scenario '${ref}'; known scenarios: ${shown}${more}; or give a scenario file's path`,
  );
}

/** Validates parsed JSON against scenarios/scenario.schema.json. */
export function parseScenario(value: unknown, file: string): Scenario {
  validator ??= new SchemaValidator<Scenario>(SCHEMA);
  const problem = validator.firstError(value);
  if (problem !== undefined) throw new ScenarioError(`scenario ${file} is invalid: ${problem}`);
  return value as Scenario;
}

/**
 * Loads a scenario by file path or by name from scenarios/ (a matrix entry's
 * id such as "resettable/wal/aligned" names its scenario too), and validates
 * it against the schema. Errors are one line.
 */
export function loadScenario(ref: string, dir: string = SCENARIOS_DIR): LoadedScenario {
  const named = `${dir}${ref.replaceAll('/', '-')}.json`;
  const isPath = ref.endsWith('.json') || (ref.includes('/') && existsSync(ref));
  const file = isPath ? ref : named;
  if (!isPath && !existsSync(named)) throw unknown(ref, dir);
  const value = readJsonFile(file, 'scenario', (m) => new ScenarioError(m));
  return {
    name: isPath ? basename(file, '.json') : ref.replaceAll('/', '-'),
    file,
    named: !isPath,
    scenario: parseScenario(value, file),
  };
}
