import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

/** Where in a JSON document an error is, readable: `/operations/3/op` -> `operations[3].op`. */
function where(pointer: string): string {
  if (pointer === '') return 'the top level';
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce(
      (acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc === '' ? part : `${acc}.${part}`),
      '',
    );
}

/** One ajv error as "what is wrong where", with the allowed values when the schema lists them. */
export function describeSchemaError(error: ErrorObject): string {
  const at = where(error.instancePath);
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${at}: missing property '${String(p.missingProperty)}'`;
    case 'additionalProperties':
      return `${at}: unknown property '${String(p.additionalProperty)}'`;
    case 'enum':
      return `${at}: must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `${at}: must be ${JSON.stringify(p.allowedValue)}`;
    case 'discriminator':
      return `${at}: ${p.error === 'mapping' ? `unknown ${String(p.tag)} ${JSON.stringify(p.tagValue)}` : `needs a string '${String(p.tag)}'`}`;
    default:
      return `${at}: ${error.message ?? error.keyword}`;
  }
}

/**
 * A JSON schema compiled once with ajv; `firstError` returns one line saying
 * what is wrong and where, or undefined when the value is valid.
 */
export class SchemaValidator<T> {
  private readonly validate: ValidateFunction;

  constructor(schemaFile: URL) {
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as object;
    this.validate = new Ajv({ allErrors: false, strict: true, discriminator: true }).compile(schema);
  }

  firstError(value: unknown): string | undefined {
    if (this.validate(value)) return undefined;
    const error = this.validate.errors?.[0];
    return error === undefined ? 'does not match the schema' : describeSchemaError(error);
  }

  /** Narrows `value` to T when valid. */
  is(value: unknown): value is T {
    return this.validate(value) === true;
  }
}
