import type { DataPath } from './read-yaml.js';
import type { Reporter } from './reporter.js';
import type { Spec } from './spec-types.js';
import { didYouMean } from './suggest.js';

/** Named groups a log line pattern must have, and those it may have. */
const REQUIRED_GROUPS = ['relationship', 'to'] as const;
const KNOWN_GROUPS = ['relationship', 'to', 'from', 'host'];

type StateCheck = (name: string, path: DataPath, what: string) => boolean;

/**
 * Checks the `profiles:` section: every state, role and event a departure or
 * a merge names, and every log pattern (it must compile and carry the named
 * groups check-log reads).
 */
export function checkProfiles(spec: Spec, report: Reporter, state: StateCheck): void {
  const roles = spec.roles.map((r) => r.name);
  const events = spec.events.map((e) => e.name);
  const keepsMemory = new Set(spec.states.filter((s) => s.memory).map((s) => s.name));
  (spec.profiles ?? []).forEach((profile, i) => {
    const at = (...path: (string | number)[]): DataPath => ['profiles', i, ...path];
    (profile.departures ?? []).forEach((d, j) => {
      const what = `departure ${d.id}`;
      state(d.from, at('departures', j, 'from'), `${what} starts from`);
      state(d.to, at('departures', j, 'to'), `${what} goes to`);
      (d.partner ?? []).forEach((p, k) => {
        state(p, at('departures', j, 'partner', k), `${what} guards on partner state`);
      });
      (d.memory ?? []).forEach((m, k) => {
        state(m, at('departures', j, 'memory', k), `${what} guards on the remembered state`);
      });
      if (d.role !== undefined && !roles.includes(d.role)) {
        report.error(
          'UNKNOWN_ROLE',
          at('departures', j, 'role'),
          `${what} is for role "${d.role}", which is not a declared role`,
          didYouMean(d.role, roles) ?? `roles are ${roles.join(' and ')}`,
        );
      }
      if (d.memory !== undefined && !keepsMemory.has(d.from)) {
        report.error(
          'MISUSED_FIELD',
          at('departures', j, 'memory'),
          `${what} guards on the remembered state, but ${d.from} keeps no memory`,
          'drop `memory`, or start the departure from a state with `memory: true`',
        );
      }
    });
    (profile.merges_steps?.on ?? []).forEach((e, k) => {
      if (events.includes(e)) return;
      report.error(
        'UNKNOWN_EVENT',
        at('merges_steps', 'on', k),
        `profile ${profile.name} merges the steps of "${e}", which is not a declared event`,
        didYouMean(e, events) ?? 'declare it under `events:` or fix the name',
      );
    });
    const log = profile.log;
    if (!log) return;
    log.lines.forEach((line, j) => {
      const path = at('log', 'lines', j, 'pattern');
      const compiled = compile(line.pattern);
      if (typeof compiled === 'string') {
        report.error(
          'INVALID_VALUE',
          path,
          `profile ${profile.name}: log pattern ${j + 1} is not a valid regular expression: ${compiled}`,
          'fix the pattern (JavaScript syntax; escape backslashes in double-quoted YAML)',
        );
        return;
      }
      const groups = namedGroups(line.pattern);
      const missing = REQUIRED_GROUPS.filter((g) => !groups.includes(g));
      if (missing.length > 0) {
        report.error(
          'INVALID_VALUE',
          path,
          `profile ${profile.name}: log pattern ${j + 1} has no named group ${missing.map((g) => `(?<${g}>...)`).join(' or ')}`,
          'name the groups check-log reads: (?<relationship>...) and (?<to>...), optionally (?<from>...) and (?<host>...)',
        );
      }
      const unknown = groups.filter((g) => !KNOWN_GROUPS.includes(g));
      if (unknown.length > 0) {
        report.error(
          'INVALID_VALUE',
          path,
          `profile ${profile.name}: log pattern ${j + 1} has the named group "${unknown[0]}", which check-log does not read`,
          didYouMean(unknown[0] as string, KNOWN_GROUPS) ?? `named groups: ${KNOWN_GROUPS.join(', ')}`,
        );
      }
    });
    if (log.mentions !== undefined) {
      const compiled = compile(log.mentions);
      if (typeof compiled === 'string') {
        report.error(
          'INVALID_VALUE',
          at('log', 'mentions'),
          `profile ${profile.name}: \`mentions\` is not a valid regular expression: ${compiled}`,
          'fix the pattern',
        );
      }
    }
  });
}

function compile(pattern: string): RegExp | string {
  try {
    return new RegExp(pattern);
  } catch (error) {
    return (error as Error).message.replace(/^Invalid regular expression: /, '');
  }
}

function namedGroups(pattern: string): string[] {
  return [...pattern.matchAll(/\(\?<([A-Za-z_$][\w$]*)>/g)].map((m) => m[1] as string);
}
