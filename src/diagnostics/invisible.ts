/**
 * Characters that change what a reader sees without being seen themselves:
 * C0 and C1 controls other than tab and line breaks (a terminal escape
 * sequence starts with one), DEL, the bidirectional marks, embeddings,
 * overrides and isolates ("Trojan Source"), zero-width characters and the
 * byte order mark. The checker refuses them in a spec (UNSAFE_CHARACTER);
 * every escaper in `codegen/escape.ts` and the diagnostic formatter still
 * make each one inert, in case text reaches them by another way.
 */
const INVISIBLE_SOURCE =
  '[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u061c\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufeff]';

/** A fresh global matcher, so that no caller shares `lastIndex` with another. */
export function invisiblePattern(): RegExp {
  return new RegExp(INVISIBLE_SOURCE, 'g');
}

/** Offsets (UTF-16 code units) and characters of every invisible character in `text`. */
export function findInvisible(text: string): { index: number; char: string }[] {
  return [...text.matchAll(invisiblePattern())].map((m) => ({ index: m.index, char: m[0] }));
}

/** The code point of `ch` as `U+202E`. */
export function codePointName(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

const NAMES: Record<string, string> = {
  '\u001b': 'ESCAPE, which starts terminal control sequences',
  '\u061c': 'ARABIC LETTER MARK, a bidirectional control',
  '\u200b': 'ZERO WIDTH SPACE',
  '\u200c': 'ZERO WIDTH NON-JOINER',
  '\u200d': 'ZERO WIDTH JOINER',
  '\u200e': 'LEFT-TO-RIGHT MARK, a bidirectional control',
  '\u200f': 'RIGHT-TO-LEFT MARK, a bidirectional control',
  '\u202a': 'LEFT-TO-RIGHT EMBEDDING, a bidirectional control',
  '\u202b': 'RIGHT-TO-LEFT EMBEDDING, a bidirectional control',
  '\u202c': 'POP DIRECTIONAL FORMATTING, a bidirectional control',
  '\u202d': 'LEFT-TO-RIGHT OVERRIDE, a bidirectional control',
  '\u202e': 'RIGHT-TO-LEFT OVERRIDE, a bidirectional control',
  '\u2066': 'LEFT-TO-RIGHT ISOLATE, a bidirectional control',
  '\u2067': 'RIGHT-TO-LEFT ISOLATE, a bidirectional control',
  '\u2068': 'FIRST STRONG ISOLATE, a bidirectional control',
  '\u2069': 'POP DIRECTIONAL ISOLATE, a bidirectional control',
  '\ufeff': 'ZERO WIDTH NO-BREAK SPACE (byte order mark)',
};

/** `U+202E (RIGHT-TO-LEFT OVERRIDE, a bidirectional control)`, or `U+0007 (a control character)`. */
export function describeInvisible(ch: string): string {
  return `${codePointName(ch)} (${NAMES[ch] ?? 'a control character'})`;
}

/** Shows every invisible character by name in angle brackets (`<U+202E>`), so the text displays as what it is. */
export function showInvisible(text: string): string {
  return text.replace(invisiblePattern(), (ch) => `<${codePointName(ch)}>`);
}
