import type { Model } from '../model/model.js';
import { parseServerNotation } from '../spec/server-notation.js';
import type { PairSpecState, Spec } from '../spec/spec-types.js';
import type { Artifact, GenerateOptions } from './artifact.js';
import { bannerLines } from './banner.js';
import { escapeJsonText } from './escape.js';
import { validatorRules } from './transition-table.js';

/** Identifies the JSON format; bump `MACHINE_FORMAT_VERSION` on any incompatible change. */
export const MACHINE_FORMAT = 'fsmkit-machine';
export const MACHINE_FORMAT_VERSION = 1;
/** The JSON Schema of the format, shipped in the package as spec/fsmkit-machine.schema.json. */
export const MACHINE_SCHEMA_FILE = 'fsmkit-machine.schema.json';

/**
 * The compiled model as JSON for other languages: every default filled in
 * (by the model), guards spelt out, keys in a fixed order. Its schema is
 * spec/fsmkit-machine.schema.json; docs/generated-code.md explains it.
 */
export function generateJsonMachine(model: Model, options: GenerateOptions): Artifact[] {
  const spec = model.spec;
  const machine = {
    $schema: options.machineSchema ?? MACHINE_SCHEMA_FILE,
    format: MACHINE_FORMAT,
    version: MACHINE_FORMAT_VERSION,
    generated: bannerLines(options).join(' '),
    name: spec.name,
    title: spec.title,
    source: spec.source ?? null,
    roles: spec.roles.map((r) => ({ name: r.name, description: r.description, ref: r.ref ?? null })),
    numberings: spec.numberings.map((n) => ({ name: n.name, description: n.description, required: n.required ?? false, ref: n.ref ?? null })),
    aliases: (spec.aliases ?? []).map((a) => ({ name: a.name, description: a.description, ref: a.ref ?? null })),
    services: spec.services.map((s) => ({ name: s.name, description: s.description, serves: s.serves })),
    memory: spec.memory ? { name: spec.memory.name, description: spec.memory.description, ref: spec.memory.ref ?? null } : null,
    flag: spec.flag ? { name: spec.flag.name, description: spec.flag.description, watch: spec.flag.watch, ref: spec.flag.ref ?? null } : null,
    states: spec.states.map((s, i) => ({
      name: s.name,
      values: Object.fromEntries(spec.numberings.map((n) => [n.name, s.values[n.name] ?? null])),
      aliases: Object.fromEntries((spec.aliases ?? []).map((a) => [a.name, s.aliases?.[a.name] ?? null])),
      service: s.service,
      serves: model.states[i]?.serves,
      communicating: s.communicating,
      roles: s.roles,
      running: model.states[i]?.running,
      memory: model.states[i]?.memory,
      showsMemory: model.states[i]?.showsMemory,
      announced: model.states[i]?.announced,
      final: model.states[i]?.final,
      description: s.description,
      ref: s.ref ?? null,
    })),
    events: spec.events.map((e, i) => ({
      name: e.name,
      kind: e.kind,
      action: e.action ?? null,
      to: e.to ?? null,
      memory: e.memory ?? null,
      healing: model.events[i]?.healing,
      partnerRunning: model.events[i]?.partnerRunning ?? null,
      scope: model.events[i]?.scope,
      description: e.description,
      ref: e.ref ?? null,
    })),
    rules: validatorRules(model, false),
    // User mappings are rebuilt in a fixed key order: the order keys were written in changes no byte.
    pair: spec.pair
      ? {
          initial: { state: spec.pair.initial.state, network: spec.pair.initial.network },
          goal: Object.fromEntries(spec.roles.map((r) => [r.name, spec.pair?.goal[r.name] ?? null])),
        }
      : null,
    properties: (spec.properties ?? []).map((p) => ({
      name: p.name,
      kind: p.kind,
      never: p.never ? { one: p.never.one, other: p.never.other } : null,
      enters: p.enters ?? null,
      from: p.from ?? null,
      partner: p.partner ?? null,
      description: p.description,
      ref: p.ref ?? null,
    })),
    configurations: (spec.configurations ?? []).map((c, i) => ({
      name: c.name,
      description: c.description,
      steps: c.steps,
      relationships: model.shapes[i]?.relationships,
      symmetry: model.shapes[i]?.symmetry,
      expect: Object.fromEntries(
        (spec.properties ?? [])
          .filter((p) => c.expect?.[p.name] !== undefined)
          .map((p) => {
            const e = c.expect?.[p.name];
            return [p.name, typeof e === 'object' ? { unreached: e.unreached ?? [], unfired: e.unfired ?? [] } : e];
          }),
      ),
    })),
    profiles: (spec.profiles ?? []).map((p) => ({
      name: p.name,
      description: p.description,
      log: p.log
        ? {
            marker: p.log.marker,
            lines: p.log.lines.map((l) => ({ who: l.who, pattern: l.pattern, evidence: l.evidence })),
            mentions: p.log.mentions ?? null,
          }
        : null,
      mergesSteps: p.merges_steps ? { on: p.merges_steps.on, evidence: p.merges_steps.evidence } : null,
      departures: (p.departures ?? []).map((d) => ({
        id: d.id,
        from: d.from,
        to: d.to,
        partner: d.partner ?? null,
        role: d.role ?? null,
        memory: d.memory ?? null,
        description: d.description,
        evidence: d.evidence,
      })),
    })),
    scenarios: (spec.scenarios ?? []).map((sc) => ({
      name: sc.name,
      description: sc.description,
      ref: sc.ref ?? null,
      from: sc.from ? pairOf(spec, sc.from) : null,
      steps: sc.steps.map((step) => ({
        server: step.server ?? null,
        rule: step.rule ?? null,
        event: step.event ?? null,
        expect: step.expect ? pairOf(spec, step.expect) : null,
        next: step.next ?? null,
      })),
    })),
  };
  return [{ path: `${spec.name}.json`, contents: `${escapeJsonText(JSON.stringify(machine, null, 2))}\n` }];
}

/** A scenario's pair spelt out: each role's state, memory and flag, in role order, and the network (null: unchanged). */
function pairOf(spec: Spec, pair: PairSpecState) {
  return {
    servers: Object.fromEntries(
      spec.roles.map((r) => {
        const server = parseServerNotation(pair[r.name] ?? '');
        return [r.name, { state: server?.state ?? null, memory: server?.memory ?? null, flag: server?.flag ?? false }];
      }),
    ),
    network: pair.network ?? null,
  };
}
