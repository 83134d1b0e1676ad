import type { Paint } from '../diagnostics/format.js';
import { noPaint } from '../diagnostics/format.js';

const CODES = { error: [31, 39], warning: [33, 39], dim: [2, 22], bold: [1, 22] } as const;

/** ANSI colours on a terminal, unless NO_COLOR is set (https://no-color.org). */
export function choosePaint(isTty: boolean, env: Readonly<Record<string, string | undefined>>, forceOff: boolean): Paint {
  if (forceOff || !isTty || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) return noPaint;
  return (style, text) => `\u001b[${CODES[style][0]}m${text}\u001b[${CODES[style][1]}m`;
}
