// C0 and C1 controls, DEL, and the invisible characters that reorder or hide
// text on a terminal (bidirectional overrides, line and paragraph separators).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Makes text taken from a log safe to print: every control character and
 * terminal escape becomes a visible escape (`\x1b`, `\u202e`), so a log can
 * never move the cursor, recolour or rewrite the reader's terminal.
 */
export function sanitize(text: string): string {
  UNSAFE.lastIndex = 0;
  if (!UNSAFE.test(text)) return text;
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Sanitizes and shortens a log line for a finding. */
export function quoteLine(text: string, max = 300): string {
  const short = text.length > max ? `${text.slice(0, max)}…` : text;
  return sanitize(short);
}
