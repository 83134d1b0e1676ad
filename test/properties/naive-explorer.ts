import type { Spec } from '../../src/spec/spec-types.js';

/**
 * A deliberately plain reference explorer for the fragment of the spec
 * format the random specs use (no memory, no flag, no halts): pair states as
 * strings, rules read straight from the spec. Written only to check the real
 * explorer against; it shares no code with src/.
 */
export function naiveExplore(spec: Spec, configuration: string): { states: number; transitions: number; stuck: boolean; recoverable: boolean } {
  const config = spec.configurations?.find((c) => c.name === configuration);
  const on = new Set(config?.steps ?? []);
  const state = (name: string) => spec.states.find((s) => s.name === name);
  const running = (name: string) => state(name)?.running !== false;
  const eventOf = (name: string) => spec.events.find((e) => e.name === name);
  const linkLost = new Map(spec.rules.filter((r) => [r.on].flat().some((e) => eventOf(e)?.kind === 'link-lost')).map((r) => [r.from, r.to]));
  const goal = spec.pair?.goal ?? {};
  const [r0, r1] = spec.roles.map((r) => r.name) as [string, string];
  type Pair = [string, string, boolean];
  const key = (p: Pair) => p.join('|');
  const linkOk = (p: Pair) => p[2] && running(p[0]) && running(p[1]);

  const successors = (p: Pair): { next: Pair; healing: boolean; protocol: boolean }[] => {
    const out: { next: Pair; healing: boolean; protocol: boolean }[] = [];
    const finish = (before: Pair, next: Pair) => {
      if (linkOk(before) && !linkOk(next))
        for (const i of [0, 1]) if (running(next[i] as string)) next[i] = linkLost.get(next[i] as string) ?? (next[i] as string);
      return next;
    };
    for (const i of [0, 1] as const) {
      const role = i === 0 ? r0 : r1;
      const me = p[i];
      const partner = p[1 - i] as string;
      for (const rule of spec.rules) {
        if (rule.from !== me || rule.to === me || (rule.role && rule.role !== role)) continue;
        for (const eventName of [rule.on].flat()) {
          const event = eventOf(eventName);
          if (!event || event.kind === 'link-lost' || (event.kind === 'environment' && !on.has(eventName))) continue;
          const link = rule.link ?? 'ok';
          if (link === 'ok' && !linkOk(p)) continue;
          if (link === 'down' && linkOk(p)) continue;
          if (rule.partner && Array.isArray(rule.partner) && !rule.partner.includes(partner)) continue;
          const next: Pair = [...p];
          next[i] = rule.to;
          out.push({ next: finish(p, next), healing: event.kind === 'protocol' || !!event.healing, protocol: event.kind === 'protocol' });
        }
      }
    }
    for (const e of spec.events) {
      if (e.kind !== 'environment' || !on.has(e.name)) continue;
      if (e.action === 'network-down' && p[2]) out.push({ next: finish(p, [p[0], p[1], false]), healing: !!e.healing, protocol: false });
      if (e.action === 'network-up' && !p[2]) out.push({ next: [p[0], p[1], true], healing: !!e.healing, protocol: false });
    }
    return out.filter((s) => key(s.next) !== key(p));
  };

  const init = spec.pair?.initial.state as string;
  const start: Pair = [init, init, spec.pair?.initial.network === 'up'];
  const seen = new Map<string, Pair>([[key(start), start]]);
  const queue = [start];
  const edges = new Set<string>();
  const healing: [string, string][] = [];
  let stuck = false;
  while (queue.length) {
    const p = queue.shift() as Pair;
    const next = successors(p);
    const isGoal = p[0] === goal[r0] && p[1] === goal[r1];
    if (linkOk(p) && !next.some((s) => s.protocol) && !isGoal) stuck = true;
    if (next.length === 0 && on.size > 0) stuck = true;
    for (const s of next) {
      edges.add(`${key(p)}>${key(s.next)}`);
      if (s.healing) healing.push([key(p), key(s.next)]);
      if (!seen.has(key(s.next))) {
        seen.set(key(s.next), s.next);
        queue.push(s.next);
      }
    }
  }
  // Recoverable: every state reaches the goal backwards over healing edges.
  const good = new Set([...seen.values()].filter((p) => p[0] === goal[r0] && p[1] === goal[r1]).map(key));
  let grew = true;
  while (grew) {
    grew = false;
    for (const [from, to] of healing) {
      if (good.has(to) && !good.has(from)) {
        good.add(from);
        grew = true;
      }
    }
  }
  return { states: seen.size, transitions: edges.size, stuck, recoverable: good.size === seen.size };
}
