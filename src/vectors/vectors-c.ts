import { cStringLiteral, escapeCComment } from '../codegen/escape.js';
import type { VectorFile, VectorServer } from './vector-types.js';

/** Options of the C rendering. */
export interface VectorsCOptions {
  /** The header that defines the state enum (its members are the state names), as `#include` writes it. */
  stateHeader: string;
  /** Lines of the banner comment. */
  banner: readonly string[];
}

const identifier = (text: string) => text.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
const cString = (text: string | null) => (text === null ? 'NULL' : cStringLiteral(text));

/**
 * The vectors as a C99 header of static arrays: a test includes it (after
 * the state enum header) and loops over them without any JSON parser.
 * States are the enum's members, "no previous-state" is -1, events and
 * links are enums of their own, prefixed by the spec's name.
 */
export function formatVectorsC(file: VectorFile, options: VectorsCOptions): string {
  const p = identifier(file.spec).toLowerCase();
  const P = p.toUpperCase();
  const guard = `FSMKIT_${P}_VECTORS_${file.coverage.toUpperCase()}_H`;
  const eventConst = (name: string) => `${P}_EV_${identifier(name).toUpperCase()}`;
  const previous = (s: VectorServer) => (s.previous === null ? '-1' : s.previous);
  const banner = options.banner.flatMap((l) => escapeCComment(l));
  const out: string[] = ['/*', ...banner.map((l) => (l ? ` * ${l}` : ' *')), ' */', '', `#ifndef ${guard}`, `#define ${guard}`, ''];
  out.push(`#include ${options.stateHeader}`, '#include <stddef.h>', '');
  out.push(`#ifndef ${P}_VECTOR_TYPES`, `#define ${P}_VECTOR_TYPES`, '');
  out.push(`/* Events, in the spec's order. */`, `enum ${p}_event {`);
  for (const [i, e] of file.events.entries()) out.push(`  ${eventConst(e)} = ${i}${i < file.events.length - 1 ? ',' : ''}`);
  out.push('};', '');
  out.push(`static const char *const ${p}_event_names[] = {`, ...file.events.map((e) => `  ${cString(e)},`), '};', '');
  out.push(`/* The roles, in the spec's order. */`, `static const char *const ${p}_role_names[] = {`, ...file.roles.map((r) => `  ${cString(r)},`), '};', '');
  out.push(`/* The link as the server sees it. */`, `enum ${p}_link { ${P}_LINK_OK = 0, ${P}_LINK_UP = 1, ${P}_LINK_DOWN = 2 };`, '');
  out.push(
    `/* One input and the server it must leave: previous is -1 for none. */`,
    `struct ${p}_vector_step {`,
    '  int event;',
    '  int partner;',
    '  int partner_startup;',
    '  int link;',
    '  int watch;',
    '  int expect_state;',
    '  int expect_previous;',
    '  int expect_flag;',
    '  const char *rule;',
    '  const char *ref;',
    '};',
    '',
    `/* A vector: the role and starting server, then steps[first .. first + count). */`,
    `struct ${p}_vector {`,
    '  const char *id;',
    '  int role;',
    '  int start_state;',
    '  int start_previous;',
    '  int start_flag;',
    '  size_t first;',
    '  size_t count;',
    '};',
    '',
    `#endif /* ${P}_VECTOR_TYPES */`,
    '',
  );
  const n = p;
  const link = { ok: `${P}_LINK_OK`, up: `${P}_LINK_UP`, down: `${P}_LINK_DOWN` } as const;
  out.push(`static const struct ${p}_vector_step ${n}_steps[] = {`);
  for (const v of file.vectors) {
    for (const s of v.steps) {
      const i = s.input;
      out.push(
        `  { ${eventConst(i.event)}, ${i.partner}, ${i.partnerStartup ? 1 : 0}, ${link[i.link]}, ${i.watch ? 1 : 0}, ${s.expect.state}, ${previous(s.expect)}, ${s.expect.flag ? 1 : 0}, ${cString(s.rule)}, ${cString(s.ref)} },`,
      );
    }
  }
  out.push('};', '');
  out.push(`static const struct ${p}_vector ${n}_vectors[] = {`);
  let first = 0;
  for (const v of file.vectors) {
    const role = file.roles.indexOf(v.role);
    out.push(`  { ${cString(v.id)}, ${role}, ${v.start.state}, ${previous(v.start)}, ${v.start.flag ? 1 : 0}, ${first}, ${v.steps.length} },`);
    first += v.steps.length;
  }
  out.push('};', '', `#define ${P}_VECTOR_COUNT ${file.vectors.length}`, '', `#endif /* ${guard} */`, '');
  return out.join('\n');
}
