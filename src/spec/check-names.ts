import type { Reporter } from './reporter.js';
import type { Spec } from './spec-types.js';
import { didYouMean } from './suggest.js';

/** The named lists of a spec and the key that names their items. */
const NAMED_LISTS = [
  ['roles', 'name', 'role'],
  ['numberings', 'name', 'numbering'],
  ['aliases', 'name', 'alias column'],
  ['services', 'name', 'service'],
  ['states', 'name', 'state'],
  ['events', 'name', 'event'],
  ['rules', 'id', 'rule'],
  ['properties', 'name', 'property'],
  ['configurations', 'name', 'configuration'],
  ['profiles', 'name', 'profile'],
] as const;

/** Reports two items of one list that share a name (two states with one name, say). */
export function checkDuplicateNames(spec: Spec, report: Reporter): void {
  for (const [list, key, noun] of NAMED_LISTS) {
    const items = (spec[list] ?? []) as unknown as Record<string, string>[];
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const name = item[key] as string;
      const first = seen.get(name);
      if (first === undefined) {
        seen.set(name, i);
        return;
      }
      report.error('DUPLICATE_NAME', [list, i, key], `${noun} "${name}" is declared twice`, `rename or remove one; names must be unique among ${list}`, [
        report.place([list, first, key], 'first declared here'),
      ]);
    });
  }
}

/** Checks that each state fills every declared column once and that values are unique per column. */
export function checkColumns(spec: Spec, report: Reporter): void {
  const columns = [
    { field: 'values', declared: spec.numberings, list: 'numberings' },
    { field: 'aliases', declared: spec.aliases ?? [], list: 'aliases' },
  ] as const;
  for (const { field, declared, list } of columns) {
    const names = declared.map((c) => c.name);
    const byColumn = new Map<string, Map<unknown, number>>(names.map((n) => [n, new Map()]));
    spec.states.forEach((state, i) => {
      const row = (state[field] ?? {}) as Record<string, unknown>;
      for (const key of Object.keys(row)) {
        if (!byColumn.has(key)) {
          report.error(
            'UNKNOWN_COLUMN',
            ['states', i, field, key],
            `state ${state.name} gives "${key}" in ${field}, which is not one of the declared ${list}`,
            didYouMean(key, names) ?? `declare it under \`${list}:\` or remove it`,
          );
        }
      }
      for (const column of declared) {
        if (!(column.name in row)) {
          report.error(
            'MISSING_COLUMN',
            ['states', i, field],
            `state ${state.name} has no ${field}.${column.name}`,
            `add \`${column.name}: <value>\`, or \`${column.name}: null\` if the state has none`,
          );
          continue;
        }
        const value = row[column.name];
        if (value === null) {
          if ('required' in column && column.required) {
            report.error(
              'INVALID_VALUE',
              ['states', i, field, column.name],
              `state ${state.name} must have a ${column.name} value`,
              `numbering "${column.name}" is declared \`required: true\``,
            );
          }
          continue;
        }
        const seen = byColumn.get(column.name) as Map<unknown, number>;
        const first = seen.get(value);
        if (first === undefined) {
          seen.set(value, i);
        } else {
          const other = spec.states[first]?.name;
          report.error(
            'DUPLICATE_VALUE',
            ['states', i, field, column.name],
            `state ${state.name} has ${column.name} ${JSON.stringify(value)}, already used by ${other}`,
            `each ${column.name} value names one state; give one of them another value`,
            [report.place(['states', first, field, column.name], `${other} uses it here`)],
          );
        }
      }
    });
  }
}
