import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import ts from 'typescript';

/**
 * Type-checks TypeScript files under --strict in a fresh folder (files are
 * named by base name, so they can import each other as "./name").
 * @returns the diagnostics as text, empty when the code compiles
 */
export function typeCheck(files: Record<string, string>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'fsmkit-tsc-'));
  const paths = Object.entries(files).map(([name, text]) => {
    const path = join(dir, basename(name));
    writeFileSync(path, text);
    return path;
  });
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ES2022,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts'],
    skipLibCheck: true,
    types: [],
  };
  const program = ts.createProgram(paths, options);
  return ts.getPreEmitDiagnostics(program).map((d) => `${basename(d.file?.fileName ?? '')}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

/** Transpiles one module and imports it, for checking what generated code does at run time. */
export async function importTs<T>(source: string): Promise<T> {
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } }).outputText;
  return (await import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`)) as T;
}
