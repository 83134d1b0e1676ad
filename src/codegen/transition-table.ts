import { type Model, NO_MEMORY, TO_MEMORY } from '../model/model.js';
import { rememberedStates } from '../model/remembered-states.js';
import { MEMORY_TARGET } from '../spec/spec-types.js';
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
 * The model's rules, then (unless `withHalts` is false) one row per halting
 * environment event, from every running state. Link-lost rules happen as the
 * link goes down, so their link condition reads "down". Defaults come from
 * the model; only the spec's wording (partner lists as written, refs,
 * descriptions) is read from the spec.
 */
export function validatorRules(model: Model, withHalts = true): TableRule[] {
  const name = (id: number) => model.states[id]?.name as string;
  const rows: TableRule[] = model.rules.map((r) => {
    const written = model.spec.rules[r.index];
    const kinds = r.events.map((e) => model.events[e]?.kind);
    const kind = kinds.includes('link-lost') ? 'link-lost' : kinds.every((k) => k === 'protocol') ? 'protocol' : 'environment';
    const partner = written?.partner;
    return {
      id: r.id,
      from: [name(r.from)],
      to: r.to === TO_MEMORY ? MEMORY_TARGET : name(r.to),
      on: r.events.map((e) => model.events[e]?.name as string),
      kind,
      role: r.role === undefined ? null : model.roles[r.role],
      link: kind === 'link-lost' ? 'down' : r.link,
      partner: partner === undefined ? null : Array.isArray(partner) ? partner : partner.except,
      partnerExcept: partner !== undefined && !Array.isArray(partner),
      partnerShowsMemory: r.partnerShowsMemory ?? null,
      partnerRunning: r.partnerRunning ?? null,
      flag: r.flag ?? null,
      setMemory: r.setMemory === NO_MEMORY ? null : name(r.setMemory),
      ref: written?.ref ?? null,
      description: written?.description ?? '',
    };
  });
  if (!withHalts) return rows;
  const running = model.states.filter((s) => s.running && s.roles.some(Boolean)).map((s) => s.name);
  for (const e of model.events) {
    if (e.action !== 'halt' || e.haltTo === undefined) continue;
    const written = model.spec.events[e.id];
    rows.push({
      id: e.name,
      from: running,
      to: name(e.haltTo),
      on: [e.name],
      kind: 'environment',
      role: null,
      link: 'any',
      partner: null,
      partnerExcept: false,
      partnerShowsMemory: null,
      partnerRunning: e.partnerRunning ?? null,
      flag: null,
      setMemory: e.haltMemory === undefined ? null : name(e.haltMemory),
      ref: written?.ref ?? null,
      description: written?.description ?? '',
    });
  }
  return rows;
}

/** Names of the states a memory may hold (see `rememberedStates`). */
export function memoryStates(model: Model): string[] {
  return rememberedStates(model).map((id) => model.states[id]?.name as string);
}

/** Every (from, to) pair a rule of `rules` (the table with halts) allows, self-moves excluded, in state order. */
export function legalTransitions(model: Model, rules: readonly TableRule[]): [string, string][] {
  const order = new Map(model.states.map((s) => [s.name, s.id as number]));
  const memory = memoryStates(model);
  const pairs = new Set<string>();
  for (const r of rules) {
    for (const from of r.from) {
      for (const to of r.to === MEMORY_TARGET ? memory : [r.to]) if (from !== to) pairs.add(`${from} ${to}`);
    }
  }
  return [...pairs]
    .map((p) => p.split(' ') as [string, string])
    .sort((a, b) => (order.get(a[0]) ?? 0) - (order.get(b[0]) ?? 0) || (order.get(a[1]) ?? 0) - (order.get(b[1]) ?? 0));
}
