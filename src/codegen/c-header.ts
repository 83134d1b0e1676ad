import type { Model } from '../model/model.js';
import type { StateSpec } from '../spec/spec-types.js';
import type { Artifact, GenerateOptions } from './artifact.js';
import { bannerLines } from './banner.js';
import { cStringLiteral, escapeCComment, upperSnake } from './escape.js';

/**
 * Generates a C header whose enum is exactly the spec's enum numbering
 * (`typedef enum _FSM_STATE { ... } FSM_STATE;`, in the style of the Windows SDK headers),
 * with lookups to and from every other numbering and alias as static inline
 * functions (unused ones cost nothing and warn about nothing).
 */
export function generateCHeader(model: Model, options: GenerateOptions): Artifact[] {
  const spec = model.spec;
  const config = spec.outputs?.enum;
  if (!config) return [];
  const type = upperSnake(config.name);
  const prefix = type.toLowerCase();
  const guard = `FSMKIT_${upperSnake(spec.name)}_H`;
  const states = spec.states;
  const enumValue = (s: StateSpec) => s.values[config.numbering] as number;
  const comment = (text: string, indent = '') => {
    const lines = escapeCComment(text);
    return lines.length === 1 ? [`${indent}/* ${lines[0]} */`] : [`${indent}/*`, ...lines.map((l) => `${indent} * ${l}`.trimEnd()), `${indent} */`];
  };
  const out: string[] = [...comment(bannerLines(options).join('\n')), '', `#ifndef ${guard}`, `#define ${guard}`, '', '#include <string.h>', ''];
  out.push(...comment(`${spec.title}. Values: the "${config.numbering}" numbering.`));
  out.push(`typedef enum _${type} {`);
  states.forEach((s, i) => {
    out.push(...comment(s.ref ? `${s.description} (section ${s.ref})` : s.description, '  '));
    out.push(`  ${s.name} = ${enumValue(s)}${i === states.length - 1 ? '' : ','}`);
  });
  out.push(`} ${type};`, '');

  out.push(`/* The state's name, as the enum spells it; NULL for a value that is not a member. */`);
  out.push(`static inline const char *${prefix}_name(${type} state) {`, '  switch (state) {');
  for (const s of states) out.push(`  case ${s.name}: return ${cStringLiteral(s.name)};`);
  out.push('  default: return NULL;', '  }', '}', '');

  for (const numbering of spec.numberings.filter((n) => n.name !== config.numbering)) {
    const name = numbering.name.replace(/-/g, '_');
    const rows = states.filter((s) => s.values[numbering.name] !== null && s.values[numbering.name] !== undefined);
    out.push(...comment(`${numbering.description} Returns -1 for a state without one.`));
    out.push(`static inline int ${prefix}_to_${name}(${type} state) {`, '  switch (state) {');
    for (const s of rows) out.push(`  case ${s.name}: return ${s.values[numbering.name]};`);
    out.push('  default: return -1;', '  }', '}', '');
    out.push(`/* The member for a ${numbering.name} value; returns 0 and leaves *state alone when none has it. */`);
    out.push(`static inline int ${prefix}_from_${name}(int value, ${type} *state) {`, '  switch (value) {');
    for (const s of rows) out.push(`  case ${s.values[numbering.name]}: *state = ${s.name}; return 1;`);
    out.push('  default: return 0;', '  }', '}', '');
  }
  for (const alias of spec.aliases ?? []) {
    const name = alias.name.replace(/-/g, '_');
    const rows = states.filter((s) => s.aliases?.[alias.name] !== null && s.aliases?.[alias.name] !== undefined);
    out.push(...comment(`${alias.description} Returns NULL for a state without one.`));
    out.push(`static inline const char *${prefix}_to_${name}(${type} state) {`, '  switch (state) {');
    for (const s of rows) out.push(`  case ${s.name}: return ${cStringLiteral(s.aliases?.[alias.name] as string)};`);
    out.push('  default: return NULL;', '  }', '}', '');
    out.push(`/* The member for a ${alias.name} name; returns 0 and leaves *state alone when none has it. */`);
    out.push(`static inline int ${prefix}_from_${name}(const char *text, ${type} *state) {`);
    for (const s of rows) out.push(`  if (strcmp(text, ${cStringLiteral(s.aliases?.[alias.name] as string)}) == 0) { *state = ${s.name}; return 1; }`);
    out.push('  return 0;', '}', '');
  }
  out.push(`#endif /* ${guard} */`, '');
  return [{ path: `${type.toLowerCase()}.h`, contents: out.join('\n') }];
}
