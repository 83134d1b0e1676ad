import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Artifact } from '../codegen/artifact.js';
import { holdStopSignals } from '../io/signals.js';

/** Flags for a headless browser on a machine with no network beyond loopback. */
export const BROWSER_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/**
 * Finds a Chrome or Chromium the way users expect: an environment variable
 * (FSMKIT_BROWSER, PUPPETEER_EXECUTABLE_PATH, CHROME_PATH), then a system
 * install, then puppeteer's own cache. Returns where it looked when none.
 */
export async function findBrowser(
  env: Readonly<Record<string, string | undefined>>,
  where: { systemPaths?: readonly string[]; puppeteerCache?: boolean } = {},
): Promise<{ path?: string; tried: string[] }> {
  const systemPaths = where.systemPaths ?? SYSTEM_BROWSERS;
  const tried: string[] = [];
  for (const name of ['FSMKIT_BROWSER', 'PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH']) {
    const value = env[name];
    if (!value) continue;
    if (existsSync(value)) return { path: value, tried };
    tried.push(`${name}=${value} (no such file)`);
  }
  for (const path of systemPaths) {
    if (existsSync(path)) return { path, tried };
  }
  tried.push(...systemPaths);
  if (where.puppeteerCache === false) return { tried };
  try {
    const puppeteer = (await import('puppeteer')).default;
    const cached = await puppeteer.executablePath();
    if (cached && existsSync(cached)) return { path: cached, tried };
    tried.push(`puppeteer cache (${cached})`);
  } catch {
    tried.push('puppeteer cache (none)');
  }
  return { tried };
}

/** A rendered file: text for SVG and HTML, bytes for PNG. */
export interface RenderedFile {
  path: string;
  contents: string | Uint8Array;
}

export interface RenderResult {
  /** Rendered files (SVG, PNG, and the HTML page that shows them all). */
  artifacts: RenderedFile[];
  /** Diagrams that failed, with mermaid's message. */
  failures: { path: string; message: string }[];
}

/** Profile folders are named after the process that owns them, so a later run can tell a dead owner's. */
const PROFILE_PREFIX = 'fsmkit-browser-';

/**
 * Renders Mermaid sources to SVG (and PNG when asked) with mermaid-cli, all
 * in one browser session, with `securityLevel: strict`. Also returns an
 * HTML page with every SVG inline, for looking at them all at once. Writes
 * nothing itself.
 *
 * The browser cannot outlive fsmkit: it is driven over a pipe, and Chromium
 * quits when the pipe closes, even when fsmkit is killed outright. SIGINT,
 * SIGTERM or SIGHUP stop the rendering: the browser is closed, its profile
 * folder removed, and the signal raised again. Profile folders left by a
 * killed run are removed by the next one.
 * @throws Error when rendering was stopped by a signal
 */
export async function renderDiagrams(diagrams: readonly Artifact[], browserPath: string, formats: readonly ('svg' | 'png')[] = ['svg']): Promise<RenderResult> {
  const [{ default: puppeteer }, { renderMermaid }] = await Promise.all([import('puppeteer'), import('@mermaid-js/mermaid-cli')]);
  removeDeadProfiles();
  const guard = holdStopSignals();
  const profile = mkdtempSync(join(tmpdir(), `${PROFILE_PREFIX}${process.pid}-`));
  const artifacts: RenderedFile[] = [];
  const failures: RenderResult['failures'] = [];
  const svgs: { path: string; svg: string }[] = [];
  let stopped: NodeJS.Signals | undefined;
  try {
    const browser = await puppeteer.launch({
      executablePath: browserPath,
      headless: true,
      args: BROWSER_FLAGS,
      userDataDir: profile,
      pipe: true,
      // fsmkit decides what a signal does (stop, clean up, then die by it), not puppeteer.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    const stop = () => browser.process()?.kill('SIGKILL');
    guard.signal.addEventListener('abort', stop);
    try {
      for (const diagram of diagrams) {
        for (const format of formats) {
          if (guard.signal.aborted) break;
          try {
            const { data } = await renderMermaid(browser, diagram.contents, format, { mermaidConfig: { securityLevel: 'strict' } });
            const path = diagram.path.replace(/\.mmd$/, `.${format}`);
            if (format === 'svg') {
              const svg = new TextDecoder().decode(data);
              artifacts.push({ path, contents: svg });
              svgs.push({ path, svg });
            } else {
              artifacts.push({ path, contents: data });
            }
          } catch (error) {
            if (guard.signal.aborted) break;
            failures.push({ path: diagram.path, message: String((error as Error).message ?? error).split('\n')[0] ?? 'render failed' });
          }
        }
      }
    } finally {
      guard.signal.removeEventListener('abort', stop);
      await browser.close().catch(() => stop());
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
    stopped = guard.received();
    guard.release();
  }
  if (stopped) throw new Error(`rendering stopped by ${stopped}`);
  if (svgs.length > 0) artifacts.push({ path: 'diagrams/index.html', contents: galleryPage(svgs) });
  return { artifacts, failures };
}

/** Removes the profile folders of renders whose process no longer exists (killed before it could clean up). */
function removeDeadProfiles(): void {
  const owned = new RegExp(`^${PROFILE_PREFIX}(\\d+)-`);
  let names: string[] = [];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(owned.exec(name)?.[1] ?? Number.NaN);
    if (Number.isNaN(pid) || pid === process.pid || isAlive(pid)) continue;
    rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One page with every SVG inline. Each SVG gets its own id first: mermaid
 * gives them all the same one and scopes its styles by it, so inlined side
 * by side the last diagram's styles would restyle every other one.
 */
export function galleryPage(svgs: readonly { path: string; svg: string }[]): string {
  const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const sections = svgs.map(
    ({ path, svg }) => `<section class="diagram" data-file="${escapeHtml(path)}">\n<h2>${escapeHtml(path)}</h2>\n${withOwnId(svg, path)}\n</section>`,
  );
  return `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>fsmkit diagrams</title></head>\n<body>\n<h1>Diagrams</h1>\n${sections.join('\n')}\n</body>\n</html>\n`;
}

/** The SVG with its root id (and every reference to it: styles, markers, gradients) renamed after its file. */
export function withOwnId(svg: string, path: string): string {
  const id = /<svg\b[^>]*?\sid="([^"]+)"/.exec(svg)?.[1];
  if (!id) return svg;
  const own = `fsmkit-${path
    .replace(/^.*\//, '')
    .replace(/\.svg$/, '')
    .replace(/[^A-Za-z0-9_-]/g, '-')}`;
  return svg.replace(new RegExp(`(?<![A-Za-z0-9_-])${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9-])`, 'g'), own);
}
