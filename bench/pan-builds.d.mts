// Types of pan-builds.mjs, for the tests (TypeScript) that import it.
export const PAN_MODES: Record<string, string>;
export interface PanSettings {
  states: number;
  hashBits: number;
  maxMemLimitMb: number;
  depth: number;
  memLimitMb: number;
}
export interface PanBuild {
  name: string;
  mode: string;
  cores: number;
  gcc: string[];
  pan: string[];
}
export function panSettings(states: number, totalMemoryBytes: number): PanSettings;
export function panBuild(mode: string, settings: PanSettings, options: { cores: number; storage?: string; optimize?: string; vectorBytes?: number }): PanBuild;
