/** One server as the notation `STATE[MEMORY]*` writes it: memory and flag are absent when not written. */
export interface WrittenServer {
  state: string;
  memory?: string;
  flag: boolean;
}

const NOTATION = /^([A-Z][A-Z0-9_]*)(?:\[([A-Z][A-Z0-9_]*)\])?(\*)?$/;

/**
 * Reads `STATE`, `STATE[MEMORY]`, `STATE*` or `STATE[MEMORY]*` (the way
 * traces print a server); `undefined` when the text has another shape.
 */
export function parseServerNotation(text: string): WrittenServer | undefined {
  const match = NOTATION.exec(text);
  if (!match) return undefined;
  const server: WrittenServer = { state: match[1] as string, flag: match[3] === '*' };
  if (match[2] !== undefined) server.memory = match[2];
  return server;
}

/** The notation of a server: the inverse of `parseServerNotation`. */
export function formatServerNotation(server: { state: string; memory?: string; flag?: boolean }): string {
  return `${server.state}${server.memory ? `[${server.memory}]` : ''}${server.flag ? '*' : ''}`;
}
