declare module '*/mutants-lib.mjs' {
  export function mutantsOf(text: string): unknown[];
  export function judgeMutants(text: string, mutants: unknown[]): unknown[];
}
