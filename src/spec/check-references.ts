import { checkPropertiesAndConfigurations } from './check-properties.js';
import { checkScenarios } from './check-scenarios.js';
import type { DataPath } from './read-yaml.js';
import type { Reporter } from './reporter.js';
import { eventScope, MEMORY_TARGET, type Spec } from './spec-types.js';
import { didYouMean } from './suggest.js';

/**
 * Checks every name that points elsewhere in the spec (states, events, roles,
 * services, numberings, properties, rules) and the fields that only make
 * sense together (a halt event's target, a rule returning to memory).
 */
export function checkReferences(spec: Spec, report: Reporter): void {
  const stateNames = spec.states.map((s) => s.name);
  const states = new Map(spec.states.map((s) => [s.name, s]));
  const roleNames = spec.roles.map((r) => r.name);
  const eventNames = spec.events.map((e) => e.name);
  const events = new Map(spec.events.map((e) => [e.name, e]));

  const state = (name: string, path: DataPath, what: string): boolean => {
    if (states.has(name)) return true;
    report.error(
      'UNKNOWN_STATE',
      path,
      `${what} "${name}", which is not a declared state`,
      didYouMean(name, stateNames) ?? 'declare it under `states:` or fix the name',
    );
    return false;
  };
  const role = (name: string, path: DataPath, what: string): boolean => {
    if (roleNames.includes(name)) return true;
    report.error(
      'UNKNOWN_ROLE',
      path,
      `${what} "${name}", which is not a declared role`,
      didYouMean(name, roleNames) ?? `roles are ${roleNames.join(' and ')}`,
    );
    return false;
  };
  const stateList = (names: readonly string[], path: DataPath, what: string) => {
    names.forEach((n, i) => {
      state(n, [...path, i], what);
    });
  };

  const services = spec.services.map((s) => s.name);
  spec.states.forEach((s, i) => {
    if (!services.includes(s.service)) {
      report.error(
        'UNKNOWN_SERVICE',
        ['states', i, 'service'],
        `state ${s.name} has service "${s.service}", which is not declared`,
        didYouMean(s.service, services) ?? `services are ${services.join(', ')}`,
      );
    }
    s.roles.forEach((r, j) => {
      role(r, ['states', i, 'roles', j], `state ${s.name} names role`);
    });
    if (s.memory && !spec.memory) {
      report.error(
        'MISUSED_FIELD',
        ['states', i, 'memory'],
        `state ${s.name} keeps memory, but the spec declares no \`memory:\``,
        'declare `memory:` with a name and description at the top level',
      );
    }
    if (s.shows === 'memory' && !s.memory) {
      report.error('MISUSED_FIELD', ['states', i, 'shows'], `state ${s.name} shows its memory but does not keep one`, 'add `memory: true` to the state');
    }
    if (s.announced && s.running !== false) {
      report.error(
        'MISUSED_FIELD',
        ['states', i, 'announced'],
        `state ${s.name} is announced, which only matters for a state that is not running`,
        'remove `announced`, or add `running: false`',
      );
    }
  });

  spec.events.forEach((e, i) => {
    const at = (field: string): DataPath => ['events', i, field];
    if (e.action === 'halt') {
      if (!e.to)
        report.error('MISSING_FIELD', ['events', i], `event ${e.name} halts a server but has no \`to\``, 'add `to:` with the state the server goes to');
      else if (state(e.to, at('to'), `event ${e.name} goes to`) && !states.get(e.to)?.memory) {
        report.error(
          'MEMORY_NOT_KEPT',
          at('to'),
          `event ${e.name} goes to ${e.to}, which keeps no memory to record the state in`,
          `add \`memory: true\` to state ${e.to}`,
        );
      }
      if (!e.memory)
        report.error('MISSING_FIELD', ['events', i], `event ${e.name} halts a server but has no \`memory\``, 'add `memory: recorded` or `memory: <STATE>`');
      else if (e.memory !== 'recorded') state(e.memory, at('memory'), `event ${e.name} remembers`);
    } else {
      for (const field of ['to', 'memory'] as const) {
        if (e[field] !== undefined)
          report.error(
            'MISUSED_FIELD',
            at(field),
            `event ${e.name} has \`${field}\`, which only applies with \`action: halt\``,
            `remove \`${field}\` or add \`action: halt\``,
          );
      }
    }
    if (e.action !== undefined && e.kind !== 'environment') {
      report.error(
        'MISUSED_FIELD',
        at('action'),
        `event ${e.name} has an action but is of kind ${e.kind}`,
        'only environment events act on the pair directly; use `kind: environment`',
      );
    }
    const network = eventScope(e) === 'network';
    if (e.scope !== undefined && (e.kind !== 'environment' || network)) {
      report.error(
        'MISUSED_FIELD',
        at('scope'),
        `event ${e.name} has \`scope\`, but ${network ? 'network events always act on every relationship' : `${e.kind} events always act on one relationship`}`,
        'remove `scope`; only environment events that are not network events choose between `host` and `relationship`',
      );
    }
    if (e.kind === 'protocol' && e.healing === false) {
      report.error(
        'MISUSED_FIELD',
        at('healing'),
        `protocol event ${e.name} cannot be non-healing`,
        'protocol events are always allowed when recovering; remove `healing`',
      );
    }
  });

  const rolesKnown = spec.states.every((s) => s.roles.every((r) => roleNames.includes(r)));
  spec.rules.forEach((r, i) => {
    const at = (...more: (string | number)[]): DataPath => ['rules', i, ...more];
    const fromOk = state(r.from, at('from'), `rule ${r.id} starts from`);
    const toOk = r.to === MEMORY_TARGET || state(r.to, at('to'), `rule ${r.id} goes to`);
    const on = Array.isArray(r.on) ? r.on : [r.on];
    on.forEach((name, j) => {
      if (!events.has(name)) {
        report.error(
          'UNKNOWN_EVENT',
          Array.isArray(r.on) ? at('on', j) : at('on'),
          `rule ${r.id} is triggered by "${name}", which is not a declared event`,
          didYouMean(name, eventNames) ?? 'declare it under `events:` or fix the name',
        );
      }
    });
    if (r.role !== undefined) role(r.role, at('role'), `rule ${r.id} is for role`);
    if (r.partner !== undefined) {
      const list = Array.isArray(r.partner) ? r.partner : r.partner.except;
      const listPath = Array.isArray(r.partner) ? at('partner') : at('partner', 'except');
      stateList(list, listPath, `rule ${r.id} guards on partner state`);
      const coversAll = !Array.isArray(r.partner) && stateNames.every((n) => list.includes(n));
      if ((Array.isArray(r.partner) && list.length === 0) || coversAll) {
        report.error(
          'EMPTY_GUARD',
          at('partner'),
          `rule ${r.id} has a partner guard that names no state it could match`,
          'list the partner states it applies to, or remove `partner` to match any',
        );
      }
    }
    const partnerGuarded = r.partner !== undefined || r.partner_shows_memory !== undefined;
    if (partnerGuarded && (r.link === 'down' || r.link === 'any')) {
      report.error(
        'MISUSED_FIELD',
        at('link'),
        `rule ${r.id} guards on the partner's state but its link condition is "${r.link}", where the partner cannot be seen`,
        'use `link: ok` (or `up` for a partner that announced its state), or drop the partner guard',
      );
    }
    if (r.flag !== undefined && !spec.flag) {
      report.error(
        'MISUSED_FIELD',
        at('flag'),
        `rule ${r.id} tests the flag, but the spec declares no \`flag:\``,
        'declare `flag:` at the top level or remove `flag` from the rule',
      );
    }
    if (on.some((name) => events.get(name)?.kind === 'link-lost')) {
      if (
        on.length > 1 ||
        partnerGuarded ||
        r.link !== undefined ||
        r.to === MEMORY_TARGET ||
        r.role !== undefined ||
        r.flag !== undefined ||
        r.partner_running !== undefined ||
        r.set_memory !== undefined
      ) {
        report.error(
          'MISUSED_FIELD',
          at('on'),
          `rule ${r.id} is a link-lost rule with extra conditions`,
          'a link-lost rule maps one state to another: keep only from, to and on',
        );
      }
    }
    if (!fromOk) return;
    const from = states.get(r.from);
    if (r.to === MEMORY_TARGET && !from?.memory) {
      report.error(
        'MEMORY_NOT_KEPT',
        at('to'),
        `rule ${r.id} returns to the remembered state, but ${r.from} keeps no memory`,
        `add \`memory: true\` to ${r.from}, or name a target state`,
      );
    }
    if (r.set_memory !== undefined && state(r.set_memory, at('set_memory'), `rule ${r.id} remembers`) && toOk) {
      const target = r.to === MEMORY_TARGET ? undefined : states.get(r.to);
      if (!target?.memory)
        report.error(
          'MEMORY_NOT_KEPT',
          at('set_memory'),
          `rule ${r.id} sets the memory, but its target ${r.to} keeps none`,
          `add \`memory: true\` to ${r.to}, or remove \`set_memory\``,
        );
    }
    // A misspelt role is reported once as UNKNOWN_ROLE, not again for every rule.
    if (rolesKnown) checkRuleRoles(spec, report, i);
  });

  if (spec.flag) stateList(spec.flag.watch, ['flag', 'watch'], 'the flag watches');
  if (spec.outputs?.enum) {
    const numbering = spec.outputs.enum.numbering;
    const column = spec.numberings.find((n) => n.name === numbering);
    if (!column) {
      report.error(
        'UNKNOWN_NUMBERING',
        ['outputs', 'enum', 'numbering'],
        `the enum takes its values from "${numbering}", which is not a declared numbering`,
        didYouMean(
          numbering,
          spec.numberings.map((n) => n.name),
        ),
      );
    } else if (!column.required) {
      report.error(
        'MISUSED_FIELD',
        ['outputs', 'enum', 'numbering'],
        `numbering "${numbering}" is optional, so some enum members could have no value`,
        `add \`required: true\` to numbering ${numbering}`,
      );
    }
  }
  if (spec.pair) checkPair(spec, report, state, role);
  const pairsConfig = spec.outputs?.docs?.pairs;
  if (pairsConfig !== undefined && !(spec.configurations ?? []).some((c) => c.name === pairsConfig)) {
    report.error(
      'INVALID_VALUE',
      ['outputs', 'docs', 'pairs'],
      `the docs draw the pairs of "${pairsConfig}", which is not a declared configuration`,
      didYouMean(
        pairsConfig,
        (spec.configurations ?? []).map((c) => c.name),
      ),
    );
  }
  (spec.profiles ?? []).forEach((profile, i) => {
    (profile.departures ?? []).forEach((d, j) => {
      const at = (field: string): DataPath => ['profiles', i, 'departures', j, field];
      state(d.from, at('from'), `departure ${d.id} starts from`);
      state(d.to, at('to'), `departure ${d.id} goes to`);
      stateList(d.partner ?? [], at('partner'), `departure ${d.id} guards on partner state`);
    });
  });
  checkPropertiesAndConfigurations(spec, report, stateList);
  checkScenarios(spec, report, state, role);
}

/** A rule may only move a role between states that role may hold. */
function checkRuleRoles(spec: Spec, report: Reporter, i: number): void {
  const r = spec.rules[i];
  if (!r) return;
  const from = spec.states.find((s) => s.name === r.from);
  const to = r.to === MEMORY_TARGET ? undefined : spec.states.find((s) => s.name === r.to);
  if (!from) return;
  if (r.role !== undefined) {
    if (!from.roles.includes(r.role)) {
      report.error(
        'ROLE_NOT_ALLOWED',
        ['rules', i, 'role'],
        `rule ${r.id} is for the ${r.role}, which never holds ${r.from}`,
        `add ${r.role} to the roles of ${r.from}, or change the rule's role`,
      );
      return;
    }
    if (to && !to.roles.includes(r.role)) {
      report.error(
        'ROLE_NOT_ALLOWED',
        ['rules', i, 'to'],
        `rule ${r.id} moves the ${r.role} into ${r.to}, which the ${r.role} may not hold`,
        `restrict the rule to another role, or add ${r.role} to the roles of ${r.to}`,
      );
    }
    return;
  }
  if (!to) return;
  const barred = from.roles.filter((role) => !to.roles.includes(role));
  if (barred.length > 0) {
    report.error(
      'ROLE_NOT_ALLOWED',
      ['rules', i, 'to'],
      `rule ${r.id} would move the ${barred.join(' and the ')} into ${r.to}, which only ${to.roles.join(', ') || 'no role'} may hold`,
      `add \`role: ${to.roles[0] ?? '<role>'}\` to the rule`,
    );
  }
}

function checkPair(
  spec: Spec,
  report: Reporter,
  state: (name: string, path: DataPath, what: string) => boolean,
  role: (name: string, path: DataPath, what: string) => boolean,
): void {
  const pair = spec.pair;
  if (!pair) return;
  state(pair.initial.state, ['pair', 'initial', 'state'], 'the initial state');
  for (const [roleName, goal] of Object.entries(pair.goal)) {
    if (!role(roleName, ['pair', 'goal', roleName], 'the goal names role')) continue;
    if (!state(goal, ['pair', 'goal', roleName], `the goal of the ${roleName}`)) continue;
    if (!spec.states.find((s) => s.name === goal)?.roles.includes(roleName)) {
      report.error(
        'ROLE_NOT_ALLOWED',
        ['pair', 'goal', roleName],
        `the ${roleName}'s goal ${goal} is a state the ${roleName} may not hold`,
        `choose a goal state whose roles include ${roleName}`,
      );
    }
  }
  for (const r of spec.roles) {
    if (!(r.name in pair.goal)) report.error('MISSING_FIELD', ['pair', 'goal'], `the goal gives no state for the ${r.name}`, `add \`${r.name}: <STATE>\``);
  }
}
