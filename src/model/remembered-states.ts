import type { Model } from './model.js';
import { NO_MEMORY } from './model.js';

/**
 * States a server's memory can hold: what stopping records (a running state
 * without memory, after its link-lost transition), and what halt events and
 * rules set explicitly. A partner can only ever show one of these, so
 * checks and judges need not consider any other. Sorted by state index.
 */
export function rememberedStates(model: Model): number[] {
  const found = new Set<number>();
  for (const s of model.states) if (s.running && !s.memory && s.roles.some(Boolean)) found.add(model.linkLost[s.id] as number);
  for (const e of model.events) if (e.haltMemory !== undefined && e.haltMemory !== NO_MEMORY) found.add(e.haltMemory);
  for (const r of model.rules) if (r.setMemory !== NO_MEMORY) found.add(r.setMemory);
  return [...found].sort((a, b) => a - b);
}

/**
 * The state a server remembers when it stops in `state`: its memory if that
 * state keeps one (NO_MEMORY when unknown), otherwise the state itself after
 * the link-lost transition.
 */
export function recordedMemory(model: Model, state: number, memory: number): number {
  return model.states[state]?.memory ? memory : (model.linkLost[state] as number);
}
