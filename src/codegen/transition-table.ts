import { compileModel } from '../model/compile-model.js';
import { rememberedStates } from '../model/remembered-states.js';
import { MEMORY_TARGET, type Spec } from '../spec/spec-types.js';

/** A rule as the generated artifacts (validator, JSON, C) present it: halts expanded, defaults filled. */
export interface TableRule {
  id: string;
  from: string[];
  to: string;
  on: string[];
  kind: 'protocol' | 'environment' | 'link-lost';
  role: string | null;
  link: 'ok' | 'up' | 'down' | 'any';
  partner: string[] | null;
  partnerExcept: boolean;
  partnerShowsMemory: boolean | null;
  partnerRunning: boolean | null;
  flag: boolean | null;
  setMemory: string | null;
  ref: string | null;
  description: string;
}

/**
 * The spec's rules, then (unless `withHalts` is false) one row per halting
 * environment event, from every running state. Link-lost rules happen as the link goes down, so their
 * link condition reads "down".
 */
export function validatorRules(spec: Spec, withHalts = true): TableRule[] {
  const kindOf = new Map(spec.events.map((e) => [e.name, e.kind]));
  const rows: TableRule[] = spec.rules.map((r) => {
    const on = Array.isArray(r.on) ? r.on : [r.on];
    const kind = on.some((e) => kindOf.get(e) === 'link-lost') ? 'link-lost' : on.every((e) => kindOf.get(e) === 'protocol') ? 'protocol' : 'environment';
    return {
      id: r.id,
      from: [r.from],
      to: r.to,
      on,
      kind,
      role: r.role ?? null,
      link: kind === 'link-lost' ? 'down' : (r.link ?? 'ok'),
      partner: r.partner === undefined ? null : Array.isArray(r.partner) ? r.partner : r.partner.except,
      partnerExcept: r.partner !== undefined && !Array.isArray(r.partner),
      partnerShowsMemory: r.partner_shows_memory ?? null,
      partnerRunning: r.partner_running ?? null,
      flag: r.flag === undefined ? null : r.flag === 'set',
      setMemory: r.set_memory ?? null,
      ref: r.ref ?? null,
      description: r.description,
    };
  });
  if (!withHalts) return rows;
  const running = spec.states.filter((s) => s.running !== false && s.roles.length > 0).map((s) => s.name);
  for (const e of spec.events) {
    if (e.action !== 'halt' || !e.to) continue;
    rows.push({
      id: e.name,
      from: running,
      to: e.to,
      on: [e.name],
      kind: 'environment',
      role: null,
      link: 'any',
      partner: null,
      partnerExcept: false,
      partnerShowsMemory: null,
      partnerRunning: e.partner_running ?? null,
      flag: null,
      setMemory: e.memory && e.memory !== 'recorded' ? e.memory : null,
      ref: e.ref ?? null,
      description: e.description,
    });
  }
  return rows;
}

/** Names of the states a memory may hold (see `rememberedStates`). */
export function memoryStates(spec: Spec): string[] {
  const model = compileModel(spec);
  return rememberedStates(model).map((id) => model.states[id]?.name as string);
}

/** Every (from, to) pair a rule allows, self-moves excluded, in spec state order. */
export function legalTransitions(spec: Spec): [string, string][] {
  const order = new Map(spec.states.map((s, i) => [s.name, i]));
  const memory = memoryStates(spec);
  const pairs = new Set<string>();
  for (const r of validatorRules(spec)) {
    for (const from of r.from) {
      for (const to of r.to === MEMORY_TARGET ? memory : [r.to]) if (from !== to) pairs.add(`${from} ${to}`);
    }
  }
  return [...pairs]
    .map((p) => p.split(' ') as [string, string])
    .sort((a, b) => (order.get(a[0]) ?? 0) - (order.get(b[0]) ?? 0) || (order.get(a[1]) ?? 0) - (order.get(b[1]) ?? 0));
}
