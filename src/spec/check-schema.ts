import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { Diagnostic, DiagnosticCode } from '../diagnostics/diagnostic.js';
import { describePath } from './describe-path.js';
import type { DataPath, YamlSource } from './read-yaml.js';
import { didYouMean } from './suggest.js';

const SCHEMA_URL = new URL('../../spec/fsmkit.schema.json', import.meta.url);

let compiled: ValidateFunction | undefined;

/** Where the JSON Schema of the spec format lies on disk (for an editor's `$schema` line). */
export function specSchemaPath(): string {
  return fileURLToPath(SCHEMA_URL);
}

/** The JSON Schema of the spec format, as shipped with the package. */
export function specSchema(): object {
  return JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as object;
}

function validator(): ValidateFunction {
  // verbose keeps each failing sub-schema, whose description makes a better hint.
  compiled ??= new Ajv({ allErrors: true, verbose: true, strict: false }).compile(specSchema());
  return compiled;
}

/** Checks the shape of the data against the schema; one diagnostic per problem. */
export function checkSchema(source: YamlSource): Diagnostic[] {
  const validate = validator();
  if (validate(source.data)) return [];
  const errors = pruneOneOfNoise(validate.errors ?? []);
  return errors.map((error) => toDiagnostic(source, error));
}

function pathOf(error: ErrorObject): (string | number)[] {
  if (error.instancePath === '') return [];
  return error.instancePath
    .slice(1)
    .split('/')
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/**
 * A value matching no branch of a `oneOf` produces one error per branch.
 * Keep the errors below the value when there are any (they are precise);
 * otherwise keep only the `oneOf` error itself.
 */
function pruneOneOfNoise(errors: ErrorObject[]): ErrorObject[] {
  const oneOfPaths = errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath);
  const hasDeeper = (p: string) => errors.some((e) => e.instancePath.startsWith(`${p}/`));
  return errors.filter((e) => {
    const inside = oneOfPaths.find((p) => e.instancePath === p && e.schemaPath.includes('/oneOf/'));
    if (inside !== undefined) return false;
    if (e.keyword === 'oneOf') return !hasDeeper(e.instancePath);
    return true;
  });
}

function toDiagnostic(source: YamlSource, error: ErrorObject): Diagnostic {
  const path = pathOf(error);
  const where = describePath(source.data, path);
  const at = (p: DataPath, key = false) => (key ? source.locateKey(p) : source.locate(p));
  const make = (code: DiagnosticCode, message: string, hint: string | undefined, p: DataPath = path, key = false) => {
    const span = at(p, key);
    const d: Diagnostic = { code, severity: 'error', message, file: source.file, start: span.start, end: span.end };
    if (hint) d.hint = hint;
    return d;
  };
  const schemaDescription = (error.parentSchema as { description?: string } | undefined)?.description;

  switch (error.keyword) {
    case 'required': {
      const field = (error.params as { missingProperty: string }).missingProperty;
      if (field === 'description') {
        return make('MISSING_DESCRIPTION', `${where} has no description`, 'add `description:` with one or two sentences in your own words');
      }
      if (field === 'ref') {
        return make('MISSING_REF', `${where} does not cite its section`, 'add `ref: "9.9.3"` (the section of the source document it comes from)');
      }
      return make('MISSING_FIELD', `${where} has no \`${field}\``, `add \`${field}:\``);
    }
    case 'additionalProperties': {
      const field = (error.params as { additionalProperty: string }).additionalProperty;
      const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const hint = didYouMean(field, allowed) ?? (allowed.length ? `allowed here: ${allowed.join(', ')}` : undefined);
      return make('UNKNOWN_FIELD', `\`${field}\` is not a field of ${where}`, hint, [...path, field], true);
    }
    case 'type': {
      const expected = (error.params as { type: string | string[] }).type;
      return make('WRONG_TYPE', `${where} must be ${typeWords(expected)}, not ${kindOf(error.data)}`, schemaDescription);
    }
    case 'const':
    case 'enum': {
      const allowed =
        error.keyword === 'const' ? [(error.params as { allowedValue: unknown }).allowedValue] : (error.params as { allowedValues: unknown[] }).allowedValues;
      const words = allowed.map((v) => JSON.stringify(v));
      const hint = typeof error.data === 'string' ? didYouMean(error.data, allowed.map(String)) : undefined;
      return make('INVALID_VALUE', `${where} is ${JSON.stringify(error.data)}; expected ${words.join(' or ')}`, hint ?? schemaDescription);
    }
    case 'pattern':
      return make(
        'INVALID_VALUE',
        `${where} ${JSON.stringify(error.data)} is not well formed`,
        schemaDescription ?? `it must match ${(error.params as { pattern: string }).pattern}`,
      );
    case 'minLength':
      if (path[path.length - 1] === 'description') {
        return make('MISSING_DESCRIPTION', `${where} is empty`, 'write one or two sentences in your own words');
      }
      return make('INVALID_VALUE', `${where} must not be empty`, schemaDescription);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const { comparison, limit } = error.params as { comparison: string; limit: number };
      const written = writtenAs(source, path) ?? String(error.data);
      const below = comparison.startsWith('>');
      const message = `${where} is ${written}, ${below ? 'below' : 'above'} the ${below ? 'smallest' : 'largest'} value allowed here (${limit})`;
      const negative = typeof error.data === 'number' && error.data < 0;
      const hint = negative
        ? `values here count from ${limit}: write a number of ${limit} or more, without the minus sign${path.includes('values') ? ', or null for a state without one' : ''}`
        : schemaDescription;
      return make('INVALID_VALUE', message, hint);
    }
    case 'oneOf':
      return make('WRONG_TYPE', `${where} has the wrong form`, schemaDescription ?? 'see spec/fsmkit.schema.json for the forms allowed here');
    default:
      return make('INVALID_VALUE', `${where} ${error.message ?? 'is not valid'}`, schemaDescription);
  }
}

/**
 * The value at `path` as the spec writes it, when it fits on one line: a
 * huge number reads better as typed than as JavaScript prints it (1e+23).
 */
function writtenAs(source: YamlSource, path: DataPath): string | undefined {
  const { start, end } = source.locate(path);
  if (start.line !== end.line) return undefined;
  const line = source.text.split(/\r?\n/)[start.line - 1];
  const text = line?.slice(start.col - 1, end.col - 1).trim();
  return text ? text : undefined;
}

function typeWords(type: string | string[]): string {
  const names: Record<string, string> = {
    array: 'a list',
    object: 'a mapping',
    string: 'a string',
    integer: 'a whole number',
    number: 'a number',
    boolean: 'true or false',
    null: 'null',
  };
  return (Array.isArray(type) ? type : [type]).map((t) => names[t] ?? t).join(' or ');
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}
