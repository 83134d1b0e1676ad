import type { Model } from '../model/model.js';
import type { Artifact, GenerateOptions } from './artifact.js';
import { bannerLines } from './banner.js';
import { escapeDocComment, kebabCase, tsStringLiteral } from './escape.js';
import { legalTransitions, memoryStates, validatorRules } from './transition-table.js';
import { VALIDATOR_RUNTIME } from './validator-runtime.js';

/**
 * Generates a dependency-free TypeScript validator: the transition table as
 * `as const` data, `canTransition`, `nextStates`, `checkTrace`, and a
 * `LegalTransition` type that rejects illegal literal moves at compile time.
 */
export function generateTsValidator(model: Model, options: GenerateOptions): Artifact[] {
  const spec = model.spec;
  if (!spec.outputs?.enum) return [];
  const lit = (v: unknown): string => {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'string') return tsStringLiteral(v);
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (Array.isArray(v)) return `[${v.map(lit).join(', ')}]`;
    return `{ ${Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : tsStringLiteral(k)}: ${lit(x)}`)
      .join(', ')} }`;
  };
  // The table is built once and serves both RULES and LegalTransition.
  const rules = validatorRules(model);
  const legal = legalTransitions(model, rules);
  // The doc comment's example is a move this spec allows, so it names no state of another spec.
  const example = legal.find(([from, to]) => from !== to) ?? legal[0] ?? [spec.states[0]?.name ?? '', spec.states[0]?.name ?? ''];
  const { name: enumName, numbering } = spec.outputs.enum;
  const lines: string[] = [
    ...bannerLines(options).map((l) => `// ${l}`),
    '',
    '/**',
    ` * ${escapeDocComment(`Transition table and validator of ${spec.title}: which moves the spec allows, as data and as functions that take a state by name or by ${enumName} member.`)}`,
    ' *',
    ` * @module ${escapeDocComment(`${enumName} validator`)}`,
    ' */',
    '',
    `export const STATES = ${lit(spec.states.map((s) => s.name))} as const;`,
    'export type StateName = (typeof STATES)[number];',
    '',
    `/** ${escapeDocComment(`The value of each state in the "${numbering}" numbering, the one enum ${enumName} uses: every function below takes a state by name or by enum member.`)} */`,
    'export const STATE_VALUES = {',
    ...spec.states.flatMap((s) => (typeof s.values[numbering] === 'number' ? [`  ${s.name}: ${s.values[numbering]},`] : [])),
    '} as const;',
    'export type StateValue = (typeof STATE_VALUES)[keyof typeof STATE_VALUES];',
    `/** ${escapeDocComment(`A state by name (${tsStringLiteral(example[0])}) or by its enum member (${enumName}.${example[0]}).`)} */`,
    'export type StateLike = StateName | StateValue;',
    '',
    `export const ROLES = ${lit(spec.roles.map((r) => r.name))} as const;`,
    'export type RoleName = (typeof ROLES)[number];',
    '',
    '/** Events: protocol (always on), environment (faults, operators, timers), link-lost. */',
    'export const EVENTS = {',
    ...model.events.map(
      (e) => `  ${tsStringLiteral(e.name)}: ${lit({ kind: e.kind, partnerRunning: e.partnerRunning ?? null, ref: spec.events[e.id]?.ref ?? null })},`,
    ),
    '} as const;',
    'export type EventName = keyof typeof EVENTS;',
    '',
    '/** What each state means for the pair: whether it runs, what the partner sees, which roles hold it. */',
    'export const STATE_INFO = {',
    ...spec.states.map((s, i) => {
      const state = model.states[i];
      return `  ${s.name}: ${lit({ roles: s.roles, running: state?.running, showsMemory: state?.showsMemory, announced: state?.announced, service: s.service, serves: state?.serves, ref: s.ref ?? null })},`;
    }),
    '} as const;',
    '',
    '/** States a server can remember; a rule going to "@memory" may lead to any of them. */',
    `export const MEMORY_STATES: readonly StateName[] = ${lit(memoryStates(model))};`,
    '',
    '/** One row of the transition table. `partner` lists states the partner shows (or, with `partnerExcept`, must not show); null fields do not constrain. */',
    'export interface Rule {',
    '  readonly id: string;',
    '  readonly from: readonly StateName[];',
    '  readonly to: StateName | "@memory";',
    '  readonly on: readonly EventName[];',
    '  readonly kind: "protocol" | "environment" | "link-lost";',
    '  readonly role: RoleName | null;',
    '  readonly link: "ok" | "up" | "down" | "any";',
    '  readonly partner: readonly StateName[] | null;',
    '  readonly partnerExcept: boolean;',
    '  readonly partnerShowsMemory: boolean | null;',
    '  readonly partnerRunning: boolean | null;',
    '  readonly flag: boolean | null;',
    '  readonly setMemory: StateName | null;',
    '  readonly ref: string | null;',
    '  readonly description: string;',
    '}',
    '',
    '/** The transition table: every rule of the spec, plus one row per environment step that stops a server. */',
    'export const RULES = [',
    ...rules.map((r) => `  ${lit(r)},`),
    '] as const satisfies readonly Rule[];',
    '',
    '/** Every (from, to) pair some rule allows; a literal pair outside it is a compile error where this type is used. */',
    'export type LegalTransition =',
    ...legal.map(([from, to], i, all) => `  | readonly [${tsStringLiteral(from)}, ${tsStringLiteral(to)}]${i === all.length - 1 ? ';' : ''}`),
    '',
    '/** The states some rule allows from `F`. */',
    'export type LegalTarget<F extends StateName> = Extract<LegalTransition, readonly [F, StateName]>[1];',
    '',
    `/** ${escapeDocComment(`Names a move whose legality the compiler checks: \`transition(${tsStringLiteral(example[0])}, ${tsStringLiteral(example[1])})\`.`)} */`,
    'export function transition<F extends StateName>(from: F, to: LegalTarget<F>): readonly [F, LegalTarget<F>] {',
    '  return [from, to];',
    '}',
    VALIDATOR_RUNTIME,
  ];
  return [{ path: `${kebabCase(spec.outputs.enum.name).split('-')[0]}-validator.ts`, contents: `${lines.join('\n').trimEnd()}\n` }];
}
