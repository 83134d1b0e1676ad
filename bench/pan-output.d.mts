// Types of pan-output.mjs, for the tests (TypeScript) that import it.
export interface PanRun {
  states: number | undefined;
  matched: number | undefined;
  depth: number | undefined;
  stateVector: number | undefined;
  hashConflicts: number | undefined;
  errors: number | undefined;
  searchSeconds: number | undefined;
  memoryMb: number | undefined;
  hashCompact: boolean;
  hints: string[];
  truncations: string[];
}
export function parsePanOutput(text: string): PanRun;
export function disqualification(run: PanRun, exact: number, status: number): string | undefined;
