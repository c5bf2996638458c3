import type { History } from '../history/types.ts';
import { HistoryError } from './HistoryError.ts';
import { readJsonFile } from './JsonFile.ts';
import { SchemaValidator } from './SchemaValidator.ts';

const SCHEMA = new URL('../history/history.schema.json', import.meta.url);
let validator: SchemaValidator<History> | undefined;

/** Validates parsed JSON against the documented History schema; the error names what and where. */
export function parseHistory(value: unknown, file: string): History {
  validator ??= new SchemaValidator<History>(SCHEMA);
  const problem = validator.firstError(value);
  if (problem !== undefined) throw new HistoryError(`history ${file} is invalid: ${problem}`);
  return value as History;
}

/** Reads a history file (JSON, src/history/history.schema.json). */
export function loadHistory(file: string): History {
  return parseHistory(
    readJsonFile(file, 'history', (m) => new HistoryError(m)),
    file,
  );
}
