import { IndentationText, NewLineKind, Project, QuoteKind, VariableDeclarationKind } from 'ts-morph';
import type { Model } from '../model/model.js';
import type { ColumnSpec, Spec, StateSpec } from '../spec/spec-types.js';
import type { Artifact, GenerateOptions } from './artifact.js';
import { bannerLines } from './banner.js';
import { escapeDocComment, kebabCase, tsStringLiteral, upperSnake } from './escape.js';

/**
 * Generates the TypeScript enum of the states (values from the spec's enum
 * numbering) with a TSDoc comment per member, and lookup maps between the
 * enum and every other numbering and alias column.
 * @returns one artifact, `<enum-name>.ts`, or none when the spec asks for no enum
 */
export function generateTsEnum(model: Model, options: GenerateOptions): Artifact[] {
  const spec = model.spec;
  const config = spec.outputs?.enum;
  if (!config) return [];
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: {
      indentationText: IndentationText.TwoSpaces,
      newLineKind: NewLineKind.LineFeed,
      quoteKind: QuoteKind.Double,
    },
  });
  const path = `${kebabCase(config.name)}.ts`;
  const file = project.createSourceFile(path, '');
  const enumName = config.name;
  const prefix = upperSnake(enumName);
  const numberOf = (state: StateSpec, column: string) => state.values[column];

  file.addEnum({
    name: enumName,
    isExported: true,
    docs: [escapeDocComment(`${spec.title}.\n\nMember values are the "${config.numbering}" numbering of spec ${spec.name}.`)],
    members: spec.states.map((state) => ({
      name: state.name,
      value: numberOf(state, config.numbering) as number,
      docs: [escapeDocComment(memberDoc(spec, state))],
    })),
  });

  const columns: { column: ColumnSpec; kind: 'number' | 'string'; get: (s: StateSpec) => number | string | null | undefined }[] = [
    ...spec.numberings
      .filter((n) => n.name !== config.numbering)
      .map((column) => ({ column, kind: 'number' as const, get: (s: StateSpec) => numberOf(s, column.name) })),
    ...(spec.aliases ?? []).map((column) => ({ column, kind: 'string' as const, get: (s: StateSpec) => s.aliases?.[column.name] })),
  ];
  for (const { column, kind, get } of columns) {
    const literal = (v: number | string) => (typeof v === 'number' ? String(v) : tsStringLiteral(v));
    const rows = spec.states.filter((s) => get(s) !== null && get(s) !== undefined);
    const columnName = upperSnake(column.name);
    file.addVariableStatement({
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [
        escapeDocComment(
          `${column.description}\n\nMaps each member to its ${column.name} ${kind === 'number' ? 'value' : 'name'}; members without one are absent.`,
        ),
      ],
      declarations: [
        {
          name: `${columnName}_BY_${prefix}`,
          type: `ReadonlyMap<${enumName}, ${kind}>`,
          initializer: `new Map<${enumName}, ${kind}>([\n${rows.map((s) => `  [${enumName}.${s.name}, ${literal(get(s) as number | string)}],`).join('\n')}\n])`,
        },
      ],
    });
    file.addVariableStatement({
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [escapeDocComment(`The member for each ${column.name} ${kind === 'number' ? 'value' : 'name'}.`)],
      declarations: [
        {
          name: `${prefix}_BY_${columnName}`,
          type: `ReadonlyMap<${kind}, ${enumName}>`,
          initializer: `new Map<${kind}, ${enumName}>([\n${rows.map((s) => `  [${literal(get(s) as number | string)}, ${enumName}.${s.name}],`).join('\n')}\n])`,
        },
      ],
    });
  }
  // The TypeScript formatter settles the indentation of the map literals.
  file.formatText({ indentSize: 2, convertTabsToSpaces: true, ensureNewLineAtEndOfFile: true });
  const banner = bannerLines(options)
    .map((l) => `// ${l}\n`)
    .join('');
  return [{ path, contents: `${banner}\n${file.getFullText()}` }];
}

function memberDoc(spec: Spec, state: StateSpec): string {
  const facts = [
    ...spec.numberings.map((n) => `${n.name}: ${state.values[n.name] ?? 'none'}`),
    ...(spec.aliases ?? []).map((a) => `${a.name}: ${state.aliases?.[a.name] ?? 'none'}`),
    `service: ${state.service}`,
    `roles: ${state.roles.join(', ') || 'none'}`,
  ];
  return `${state.description}\n\n${facts.join('; ')}.${state.ref ? ` See section ${state.ref}.` : ''}`;
}
