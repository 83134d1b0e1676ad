import type { DataPath } from './read-yaml.js';
import type { Reporter } from './reporter.js';
import { parseServerNotation } from './server-notation.js';
import type { PairSpecState, Spec } from './spec-types.js';
import { didYouMean } from './suggest.js';

type NameCheck = (name: string, path: DataPath, what: string) => boolean;

/**
 * Checks the names a scenario uses (roles, states in the server notation,
 * rules, events) and that each step says who takes it, so that replaying it
 * can only fail on behaviour.
 */
export function checkScenarios(spec: Spec, report: Reporter, state: NameCheck, role: NameCheck): void {
  const roleNames = spec.roles.map((r) => r.name);
  const rules = new Map(spec.rules.map((r) => [r.id, r]));
  const events = new Map(spec.events.map((e) => [e.name, e]));
  const seen = new Map<string, number>();
  const pair = (p: PairSpecState, at: DataPath, what: string) => {
    for (const [key, text] of Object.entries(p)) {
      if (key === 'network') continue;
      if (!role(key, [...at, key], `${what} names role`)) continue;
      const server = parseServerNotation(text);
      if (!server) continue; // the schema's pattern reported it
      state(server.state, [...at, key], `${what} puts ${key} in`);
      if (server.memory !== undefined) state(server.memory, [...at, key], `${what} gives ${key} the memory`);
      if (server.memory !== undefined && !spec.memory) {
        report.error('MISUSED_FIELD', [...at, key], `${what} gives ${key} a memory, but the spec declares no \`memory\``, `write \`${server.state}\``);
      }
      if (server.flag && !spec.flag) {
        report.error(
          'MISUSED_FIELD',
          [...at, key],
          `${what} sets the flag of ${key}, but the spec declares no \`flag\``,
          `write \`${server.state}\` without *`,
        );
      }
    }
    const missing = roleNames.filter((r) => !(r in p));
    if (missing.length > 0) {
      report.error(
        'MISSING_FIELD',
        at,
        `${what} does not say where ${missing.join(' and ')} is`,
        `add \`${missing[0]}: STATE\` (every role, so the whole pair is pinned)`,
      );
    }
  };
  (spec.scenarios ?? []).forEach((scenario, i) => {
    const at: DataPath = ['scenarios', i];
    const first = seen.get(scenario.name);
    if (first !== undefined) {
      report.error('DUPLICATE_NAME', [...at, 'name'], `scenario ${scenario.name} is declared twice`, 'give each scenario its own name', [
        report.place(['scenarios', first, 'name'], 'first declared here'),
      ]);
    } else seen.set(scenario.name, i);
    if (scenario.from) pair(scenario.from, [...at, 'from'], `scenario ${scenario.name} starts from a pair that`);
    scenario.steps.forEach((step, j) => {
      const stepAt: DataPath = [...at, 'steps', j];
      const what = `step ${j + 1} of scenario ${scenario.name}`;
      if (step.server !== undefined) role(step.server, [...stepAt, 'server'], `${what} is taken by`);
      const rule = step.rule === undefined ? undefined : rules.get(step.rule);
      if (step.rule !== undefined && !rule) {
        report.error('INVALID_VALUE', [...stepAt, 'rule'], `${what} follows "${step.rule}", which is not a rule id`, didYouMean(step.rule, rules.keys()));
      }
      const event = step.event === undefined ? undefined : events.get(step.event);
      if (step.event !== undefined && !event) {
        report.error(
          'UNKNOWN_EVENT',
          [...stepAt, 'event'],
          `${what} names "${step.event}", which is not a declared event`,
          didYouMean(step.event, events.keys()),
        );
      }
      if (rule) {
        const ruleEvents = [rule.on].flat();
        if (event && !ruleEvents.includes(event.name)) {
          report.error(
            'INVALID_VALUE',
            [...stepAt, 'event'],
            `${what}: rule ${rule.id} does not fire on ${event.name}`,
            `its events are ${ruleEvents.join(', ')}`,
          );
        }
        if (!event && ruleEvents.length > 1 && step.event === undefined) {
          report.error('MISSING_FIELD', stepAt, `${what}: rule ${rule.id} fires on several events`, `add \`event:\` (one of ${ruleEvents.join(', ')})`);
        }
        if (step.server !== undefined && rule.role !== undefined && step.server !== rule.role) {
          report.error(
            'INVALID_VALUE',
            [...stepAt, 'server'],
            `${what}: rule ${rule.id} is only for the ${rule.role}`,
            `write \`server: ${rule.role}\`, or name another rule`,
          );
        }
        if (step.server === undefined && rule.role === undefined) {
          report.error('MISSING_FIELD', stepAt, `${what} does not say which server follows rule ${rule.id}`, 'add `server: <role>`');
        }
      } else if (event && step.rule === undefined) {
        const network = event.action === 'network-down' || event.action === 'network-up';
        if (event.kind === 'link-lost') {
          report.error(
            'MISUSED_FIELD',
            [...stepAt, 'event'],
            `${what}: ${event.name} is never a step of its own`,
            'take the step that ends the connection (a network failure or a halt)',
          );
        } else if (network && step.server !== undefined) {
          report.error('MISUSED_FIELD', [...stepAt, 'server'], `${what}: ${event.name} moves the network, not a server`, 'remove `server`');
        } else if (!network && step.server === undefined) {
          report.error('MISSING_FIELD', stepAt, `${what} does not say which server ${event.name} happens to`, 'add `server: <role>`');
        }
      }
      if (step.expect) pair(step.expect, [...stepAt, 'expect'], `${what} expects a pair that`);
      (step.next ?? []).forEach((entry, k) => {
        const [who = '', id = ''] = entry.split(':');
        role(who, [...stepAt, 'next', k], `${what} lists a next step of`);
        if (!rules.has(id))
          report.error('INVALID_VALUE', [...stepAt, 'next', k], `${what} lists "${id}", which is not a rule id`, didYouMean(id, rules.keys()));
      });
    });
  });
}
