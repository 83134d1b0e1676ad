import type { Model } from '../model/model.js';
import type { Artifact, GenerateOptions } from './artifact.js';
import { bannerLines } from './banner.js';
import { escapeDocComment, tsStringLiteral } from './escape.js';

/**
 * The spec's TypeScript entry (`generated/<name>.ts`): one module that
 * re-exports the enum and the validator, so a project imports both from one
 * place (the package serves it as `fsmkit/<name>`). It re-exports whole
 * modules: both are generated, and everything they export is public; a name
 * exported twice would fail to compile, so a clash cannot go unnoticed.
 * Nothing when there is no TypeScript to gather, or when the entry's name
 * would be one of the modules it gathers.
 */
export function generateTsEntry(model: Model, options: GenerateOptions, modules: readonly string[]): Artifact[] {
  const spec = model.spec;
  const path = `${spec.name}.ts`;
  if (modules.length === 0 || modules.includes(path)) return [];
  const lines = [
    ...bannerLines(options).map((l) => `// ${l}`),
    '',
    '/**',
    ` * ${escapeDocComment(`${spec.title}: the enum and the validator in one module.`)}`,
    ' *',
    ' * @module',
    ' */',
    '',
    ...[...modules].sort().map((m) => `export * from ${tsStringLiteral(`./${m.replace(/\.ts$/, '.js')}`)};`),
  ];
  return [{ path, contents: `${lines.join('\n')}\n` }];
}
