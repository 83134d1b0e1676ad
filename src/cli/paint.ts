import type { Paint } from '../diagnostics/format.js';
import { noPaint } from '../diagnostics/format.js';

const CODES = { error: [31, 39], warning: [33, 39], dim: [2, 22], bold: [1, 22] } as const;

/**
 * ANSI colours or none. --no-color and machine output always win; then
 * FORCE_COLOR (set and not 0 or false: colour even through a pipe, as CI
 * logs want; 0 or false: none); then NO_COLOR (https://no-color.org); then
 * whether stdout is a terminal.
 */
export function choosePaint(isTty: boolean, env: Readonly<Record<string, string | undefined>>, forceOff: boolean): Paint {
  return wantsColour(isTty, env, forceOff) ? ansi : noPaint;
}

function wantsColour(isTty: boolean, env: Readonly<Record<string, string | undefined>>, forceOff: boolean): boolean {
  if (forceOff) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTty;
}

const ansi: Paint = (style, text) => `\u001b[${CODES[style][0]}m${text}\u001b[${CODES[style][1]}m`;
