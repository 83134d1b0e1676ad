/** One generated file: its path inside the output folder and its full text. */
export interface Artifact {
  path: string;
  contents: string;
}

/** Options every generator receives, resolved once by `generate`. */
export interface GenerateOptions {
  /** The spec's path as the banner shows it (relative to the project, `/`-separated). */
  specLabel: string;
  /**
   * Where the machine JSON's `$schema` points: a path relative to the output
   * folder. The project pipeline passes the schema shipped with fsmkit.
   * @default 'fsmkit-machine.schema.json'
   */
  machineSchema?: string;
}
