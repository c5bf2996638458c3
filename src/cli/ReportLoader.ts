import type { ConsistencyReport } from '../matrix/types.ts';
import { ReportError } from '../report/ReportError.ts';
import { readJsonFile } from './JsonFile.ts';
import { SchemaValidator } from './SchemaValidator.ts';

const SCHEMA = new URL('../report/consistency.schema.json', import.meta.url);
let validator: SchemaValidator<ConsistencyReport> | undefined;

/** Reads a consistency.json and validates it against src/report/consistency.schema.json; errors are one line. */
export function loadReport(file: string): ConsistencyReport {
  const value = readJsonFile(file, 'report', (m) => new ReportError(m));
  validator ??= new SchemaValidator<ConsistencyReport>(SCHEMA);
  const problem = validator.firstError(value);
  if (problem !== undefined) throw new ReportError(`report ${file} is not a consistency report: ${problem}`);
  return value as ConsistencyReport;
}
