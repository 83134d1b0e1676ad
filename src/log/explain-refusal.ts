import { type Model, type RoleId, TO_MEMORY } from '../model/model.js';

/** Why the rules refuse a move: the nearest rule (if any), its section, and the condition that failed. */
export interface Refusal {
  rule?: string;
  section?: string;
  condition: string;
}

/**
 * Names, in plain words, the condition that stops a move: no rule from here
 * to there, or a rule that exists but is for the other role, needs another
 * partner state, or returns to a different remembered state.
 */
export function explainRefusal(
  model: Model,
  from: number,
  to: number,
  role: RoleId | undefined,
  partner: number | undefined,
  memories: readonly number[] | undefined,
): Refusal {
  const name = (id: number) => model.states[id]?.name ?? '?';
  const list = (ids: readonly number[]) => ids.map(name).join(', ');
  const candidates = model.rules.filter((r) => r.from === from && !r.stay && (r.to === to || r.to === TO_MEMORY));
  const stateRef = model.spec.states[from]?.ref;
  for (const rule of candidates) {
    const ref = model.spec.rules[rule.index]?.ref;
    const refusal = (condition: string): Refusal => (ref === undefined ? { rule: rule.id, condition } : { rule: rule.id, section: ref, condition });
    if (rule.role !== undefined && role !== undefined && rule.role !== role) {
      return refusal(`rule ${rule.id} is for the ${model.roles[rule.role]} only, and this server is the ${model.roles[role]}`);
    }
    if (rule.to === TO_MEMORY) {
      if (memories !== undefined && !memories.includes(to)) {
        return refusal(`rule ${rule.id} returns to the remembered state (${list(memories)}), not to ${name(to)}`);
      }
      continue;
    }
    if (rule.partner && partner !== undefined && !rule.partner[partner]) {
      const needed = model.states.filter((s) => rule.partner?.[s.id]).map((s) => s.id);
      return refusal(`rule ${rule.id} needs a partner in ${list(needed)}; the partner was in ${name(partner)}`);
    }
  }
  const first = candidates.find((r) => r.to === to);
  if (first) {
    const ref = model.spec.rules[first.index]?.ref;
    const condition = `the conditions of rule ${first.id} (link, flag or event) cannot all hold here`;
    return ref === undefined ? { rule: first.id, condition } : { rule: first.id, section: ref, condition };
  }
  const condition = `no rule moves ${name(from)} to ${name(to)}${partner === undefined ? '' : ` beside a partner in ${name(partner)}`}`;
  return stateRef === undefined ? { condition } : { section: stateRef, condition };
}
