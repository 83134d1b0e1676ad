// Mutation testing of a spec: every single-rule mutant (drop a rule, change
// its target, widen or narrow its partner guard, swap its role) is checked
// and explored; it is killed when the checker rejects it, a scenario of the
// spec fails on it, or some verdict differs from the original's. A survivor is equivalent when every
// configuration reaches exactly the same pair states with the same number
// of transitions; otherwise it is reported.

// The public entry: the built package under node, the source under vitest (see vitest.config.ts).
import { allConfigurations, checkSpec, explore, exploreMatrix, replayScenarios } from 'fsmkit';
import { parse, stringify } from 'yaml';

/** Every single-rule mutant of the spec text: { id, describe, spec (object) }. */
export function mutantsOf(text) {
  const original = parse(text);
  const states = original.states.map((s) => s.name);
  const rolesOf = new Map(original.states.map((s) => [s.name, s.roles]));
  const roles = original.roles.map((r) => r.name);
  const out = [];
  const mutate = (i, describe, change) => {
    const spec = structuredClone(original);
    change(spec.rules[i], spec);
    out.push({ id: `${original.rules[i].id}: ${describe}`, spec });
  };
  original.rules.forEach((rule, i) => {
    mutate(i, 'dropped', (_r, spec) => spec.rules.splice(i, 1));
    for (const to of states) {
      if (to === rule.to || to === rule.from) continue;
      const holders = rule.role ? [rule.role] : rolesOf.get(rule.from);
      if (!holders.every((r) => rolesOf.get(to).includes(r))) continue;
      mutate(i, `goes to ${to}`, (r) => {
        r.to = to;
      });
    }
    if (Array.isArray(rule.partner)) {
      for (const s of states.filter((s) => !rule.partner.includes(s))) mutate(i, `also for partner ${s}`, (r) => r.partner.push(s));
      if (rule.partner.length > 1) for (const s of rule.partner) mutate(i, `not for partner ${s}`, (r) => r.partner.splice(r.partner.indexOf(s), 1));
    } else if (rule.partner?.except) {
      for (const s of rule.partner.except) mutate(i, `also for partner ${s}`, (r) => r.partner.except.splice(r.partner.except.indexOf(s), 1));
      for (const s of states.filter((s) => !rule.partner.except.includes(s))) mutate(i, `not for partner ${s}`, (r) => r.partner.except.push(s));
    }
    if (rule.role) {
      const other = roles.find((r) => r !== rule.role);
      mutate(i, `for the ${other}`, (r) => {
        r.role = other;
      });
      mutate(i, 'for every role', (r) => {
        delete r.role;
      });
    } else {
      for (const role of roles)
        if (rolesOf.get(rule.from).includes(role))
          mutate(i, `only for the ${role}`, (r) => {
            r.role = role;
          });
    }
  });
  return out;
}

/** What a spec's exploration shows: per configuration, each verdict and what stays unreached. */
function signature(model) {
  return exploreMatrix(model).configurations.map((c) => ({
    configuration: c.configuration,
    verdicts: c.verdicts.map((v) => `${v.property}:${v.status}:${(v.unreached ?? []).join(',')}:${(v.unfired ?? []).join(',')}`),
  }));
}

function graphs(model) {
  return allConfigurations(model).map((c) => {
    const g = explore(model, c);
    // The pair states of the one relationship, by their packed keys: comparable across specs of the same size.
    return { keys: [...g.table.keys].sort((a, b) => a - b).join(','), transitions: g.transitions };
  });
}

/** Judges each mutant against the original; returns one row per mutant. */
export function judgeMutants(text, mutants) {
  const original = checkSpec('original.yaml', text);
  if (!original.model) throw new Error('the original spec is invalid');
  const want = JSON.stringify(signature(original.model));
  const wantGraphs = JSON.stringify(graphs(original.model));
  return mutants.map((m) => {
    const checked = checkSpec('mutant.yaml', stringify(m.spec, { aliasDuplicateObjects: false }));
    if (!checked.model) return { id: m.id, verdict: 'killed', by: `checker: ${checked.diagnostics[0]?.code}` };
    const failed = replayScenarios(checked.model, { file: 'mutant.yaml', locate: checked.locate }).runs.find((r) => !r.ok);
    if (failed) return { id: m.id, verdict: 'killed', by: `scenario: ${failed.name}` };
    const got = signature(checked.model);
    if (JSON.stringify(got) !== want) {
      const changed = got.find((c, i) => JSON.stringify(c) !== JSON.stringify(JSON.parse(want)[i]));
      return { id: m.id, verdict: 'killed', by: `explorer: ${changed?.configuration}` };
    }
    if (JSON.stringify(graphs(checked.model)) === wantGraphs)
      return { id: m.id, verdict: 'equivalent', by: 'identical reachable graph in every configuration' };
    return { id: m.id, verdict: 'survived', by: 'same verdicts, different reachable graph' };
  });
}
