import { escapeMermaidLabel, mermaidId } from '../codegen/escape.js';
import { type Model, type RoleId, TO_MEMORY } from '../model/model.js';

/** Fill colours per service kind (what a state does for clients), legend included. */
const SERVICE_STYLE = [
  'fill:#c8e6c9,stroke:#2e7d32',
  'fill:#bbdefb,stroke:#1565c0',
  'fill:#fff9c4,stroke:#f9a825',
  'fill:#eeeeee,stroke:#757575',
  'fill:#f8bbd0,stroke:#ad1457',
];

/**
 * The machine of one role as a Mermaid `stateDiagram-v2`: one edge per
 * (from, to) pair listing every rule that makes it, with its trigger and
 * guards in short form; states coloured by service, with a legend; the
 * return to the remembered state drawn as one pseudo-state. Environment
 * steps that stop a running server (crash, pause, shutdown) are listed in a
 * note rather than drawn from every state.
 */
export function renderStateDiagram(model: Model, role: RoleId): string {
  const lines = ['stateDiagram-v2', '  direction TB'];
  const services = model.spec.services.map((s) => s.name);
  services.forEach((service, i) => {
    lines.push(`  classDef ${mermaidId(`svc_${service}`)} ${SERVICE_STYLE[i % SERVICE_STYLE.length]}`);
  });
  const held = model.states.filter((s) => s.roles[role]);
  const initial = model.spec.pair?.initial.state;
  if (initial && held.some((s) => s.name === initial)) lines.push(`  [*] --> ${mermaidId(initial)}`);
  for (const state of held) {
    const spec = model.spec.states[state.id];
    lines.push(`  state "${escapeMermaidLabel(state.name)}" as ${mermaidId(state.name)}`);
    if (spec) lines.push(`  class ${mermaidId(state.name)} ${mermaidId(`svc_${spec.service}`)}`);
  }
  const memoryName = model.spec.memory?.name ?? 'memory';
  const memoryNode = 'MEMORY_TARGET';
  const edges = new Map<string, string[]>();
  for (const rule of model.rules) {
    if (rule.stay || (rule.role !== undefined && rule.role !== role) || !model.states[rule.from]?.roles[role]) continue;
    const to = rule.to === TO_MEMORY ? memoryNode : mermaidId(model.states[rule.to]?.name ?? '?');
    const key = `${mermaidId(model.states[rule.from]?.name ?? '?')} --> ${to}`;
    edges.set(key, [...(edges.get(key) ?? []), ruleLabel(model, rule.index)]);
  }
  if ([...edges.keys()].some((k) => k.endsWith(memoryNode))) lines.push(`  state "back to ${escapeMermaidLabel(memoryName)}" as ${memoryNode}`);
  for (const [edge, labels] of [...edges].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    lines.push(`  ${edge} : ${labels.map(escapeMermaidLabel).join(' / ')}`);
  }
  const halts = model.events.filter((e) => e.action === 'halt' && e.haltTo !== undefined);
  if (halts.length > 0 && held.length > 0) {
    const first = held.find((s) => s.running) ?? held[0];
    const text = `From any running state: ${halts.map((e) => `${e.name} to ${model.states[e.haltTo as number]?.name}`).join(', ')}`;
    lines.push(`  note right of ${mermaidId(first?.name ?? '')}`, `    ${escapeMermaidLabel(text)}`, '  end note');
  }
  // The colour key: one top-level box per service kind. Mermaid does not
  // colour states inside a composite state, so the key cannot be one.
  services.forEach((service) => {
    lines.push(
      `  state "${escapeMermaidLabel(`colour key: ${service}`)}" as ${mermaidId(`legend_${service}`)}`,
      `  class ${mermaidId(`legend_${service}`)} ${mermaidId(`svc_${service}`)}`,
    );
  });
  return `${lines.join('\n')}\n`;
}

/** "event [guards] (ref)" for one rule, short enough for an edge label. */
export function ruleLabel(model: Model, index: number): string {
  const rule = model.rules[index];
  const spec = model.spec.rules[index];
  if (!rule || !spec) return '?';
  const events = rule.events.map((e) => model.events[e]?.name).join(' or ');
  const guards: string[] = [];
  if (rule.role !== undefined) guards.push(model.roles[rule.role]);
  if (spec.partner) guards.push(Array.isArray(spec.partner) ? `partner ${spec.partner.join(' or ')}` : `partner not ${spec.partner.except.join(' or ')}`);
  if (rule.partnerShowsMemory !== undefined) guards.push(rule.partnerShowsMemory ? 'partner starting' : 'partner not starting');
  if (rule.partnerRunning !== undefined) guards.push(rule.partnerRunning ? 'partner running' : 'partner stopped');
  if (rule.flag !== undefined) guards.push(`${model.spec.flag?.name ?? 'flag'} ${rule.flag ? 'set' : 'unset'}`);
  if (rule.link === 'down') guards.push('link down');
  return `${events}${guards.length ? ` [${guards.join(', ')}]` : ''}${spec.ref ? ` (${spec.ref})` : ''}`;
}
