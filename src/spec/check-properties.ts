import type { DataPath } from './read-yaml.js';
import type { Reporter } from './reporter.js';
import type { Spec, StateSet } from './spec-types.js';
import { didYouMean } from './suggest.js';

/**
 * Checks properties (the fields each kind takes, the states they name) and
 * configurations (switched-on steps are environment events; expected
 * verdicts name declared properties, in the form their kind takes).
 */
export function checkPropertiesAndConfigurations(
  spec: Spec,
  report: Reporter,
  stateList: (names: readonly string[], path: DataPath, what: string) => void,
): void {
  const stateSet = (set: StateSet, path: DataPath) => {
    if (Array.isArray(set)) stateList(set, path, 'the invariant names');
  };
  (spec.properties ?? []).forEach((p, i) => {
    if (p.kind === 'invariant' && !p.never) {
      report.error(
        'MISSING_FIELD',
        ['properties', i],
        `invariant ${p.name} says nothing about what must never happen`,
        'add `never: { one: [...], other: [...] }`',
      );
    }
    if (p.kind !== 'invariant' && p.never) {
      report.error(
        'MISUSED_FIELD',
        ['properties', i, 'never'],
        `property ${p.name} is of kind ${p.kind}, which takes no \`never\``,
        'use `kind: invariant`, or remove `never`',
      );
    }
    if (p.kind === 'entry' && (!p.enters || !p.partner)) {
      report.error(
        'MISSING_FIELD',
        ['properties', i],
        `entry property ${p.name} needs \`enters\` and \`partner\``,
        'add `enters: [STATE]` and `partner: [STATE, ...]`',
      );
    }
    if (p.kind !== 'entry' && (p.enters || p.partner)) {
      report.error(
        'MISUSED_FIELD',
        ['properties', i, p.enters ? 'enters' : 'partner'],
        `property ${p.name} is of kind ${p.kind}, which takes no \`enters\` or \`partner\``,
        'use `kind: entry`, or remove them',
      );
    }
    if (p.enters) stateList(p.enters, ['properties', i, 'enters'], `property ${p.name} names`);
    if (p.partner) stateList(p.partner, ['properties', i, 'partner'], `property ${p.name} names`);
    if (p.from) stateList(p.from, ['properties', i, 'from'], `property ${p.name} names`);
    if (p.kind !== 'entry' && p.from)
      report.error(
        'MISUSED_FIELD',
        ['properties', i, 'from'],
        `property ${p.name} is of kind ${p.kind}, which takes no \`from\``,
        'use `kind: entry`, or remove it',
      );
    if (p.never) {
      stateSet(p.never.one, ['properties', i, 'never', 'one']);
      stateSet(p.never.other, ['properties', i, 'never', 'other']);
    }
    if (p.kind !== 'invariant' && !spec.pair) {
      report.error('MISSING_FIELD', ['properties', i], `property ${p.name} needs the pair's initial state and goal`, 'add `pair: { initial: ..., goal: ... }`');
    }
  });
  const events = new Map(spec.events.map((e) => [e.name, e]));
  const properties = new Map((spec.properties ?? []).map((p) => [p.name, p]));
  const ruleIds = spec.rules.map((r) => r.id);
  (spec.configurations ?? []).forEach((c, i) => {
    c.steps.forEach((step, j) => {
      const event = events.get(step);
      if (!event) {
        report.error(
          'UNKNOWN_EVENT',
          ['configurations', i, 'steps', j],
          `configuration ${c.name} switches on "${step}", which is not a declared event`,
          didYouMean(step, events.keys()),
        );
      } else if (event.kind !== 'environment') {
        report.error(
          'MISUSED_FIELD',
          ['configurations', i, 'steps', j],
          `configuration ${c.name} switches on ${step}, a ${event.kind} event that is always on`,
          'list only environment events under `steps`',
        );
      }
    });
    for (const [name, verdict] of Object.entries(c.expect ?? {})) {
      const at: DataPath = ['configurations', i, 'expect', name];
      const property = properties.get(name);
      if (!property) {
        report.error(
          'UNKNOWN_PROPERTY',
          at,
          `configuration ${c.name} expects a verdict for "${name}", which is not a declared property`,
          didYouMean(name, properties.keys()),
        );
        continue;
      }
      const isReach = property.kind === 'reachability';
      if (isReach !== (typeof verdict === 'object')) {
        report.error(
          'WRONG_TYPE',
          at,
          isReach ? `the expectation for ${name} lists what stays unreached` : `the expectation for ${name} is holds or violated`,
          isReach ? 'write `{ unreached: [role:STATE, ...], unfired: [rule-id, ...] }`' : 'write `holds` or `violated`',
        );
        continue;
      }
      if (typeof verdict !== 'object') continue;
      (verdict.unreached ?? []).forEach((entry, k) => {
        const [roleName, stateName] = entry.split(':');
        const ok = spec.roles.some((r) => r.name === roleName) && spec.states.some((s) => s.name === stateName && s.roles.includes(roleName ?? ''));
        if (!ok) report.error('INVALID_VALUE', [...at, 'unreached', k], `"${entry}" is not a role:STATE pair that role may hold`, exampleHint(spec));
      });
      (verdict.unfired ?? []).forEach((id, k) => {
        if (!ruleIds.includes(id)) report.error('INVALID_VALUE', [...at, 'unfired', k], `"${id}" is not a rule id`, didYouMean(id, ruleIds));
      });
    }
  });
}

/** "write it like `role:STATE`", with a pair the spec declares (the last role and a state it may hold). */
function exampleHint(spec: Spec): string {
  const role = spec.roles.at(-1)?.name ?? 'role';
  const state = spec.states.find((s) => s.roles.includes(role))?.name ?? 'STATE';
  return `write it like \`${role}:${state}\``;
}
