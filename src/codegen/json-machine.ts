import { eventScope, type Spec } from '../spec/spec-types.js';
import type { Artifact, GenerateOptions } from './artifact.js';
import { bannerLines } from './banner.js';
import { validatorRules } from './transition-table.js';

/** Identifies the JSON format; bump `MACHINE_FORMAT_VERSION` on any incompatible change. */
export const MACHINE_FORMAT = 'fsmkit-machine';
export const MACHINE_FORMAT_VERSION = 1;
/** The JSON Schema of the format, shipped in the package as spec/fsmkit-machine.schema.json. */
export const MACHINE_SCHEMA_FILE = 'fsmkit-machine.schema.json';

/**
 * The compiled spec as JSON for other languages: every default filled in,
 * guards spelt out, keys in a fixed order. Its schema is
 * spec/fsmkit-machine.schema.json; docs/generated-code.md explains it.
 */
export function generateJsonMachine(spec: Spec, options: GenerateOptions): Artifact[] {
  const serves = new Map(spec.services.map((s) => [s.name, s.serves]));
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
    states: spec.states.map((s) => ({
      name: s.name,
      values: Object.fromEntries(spec.numberings.map((n) => [n.name, s.values[n.name] ?? null])),
      aliases: Object.fromEntries((spec.aliases ?? []).map((a) => [a.name, s.aliases?.[a.name] ?? null])),
      service: s.service,
      serves: serves.get(s.service) ?? false,
      communicating: s.communicating,
      roles: s.roles,
      running: s.running ?? true,
      memory: s.memory ?? false,
      showsMemory: s.shows === 'memory',
      announced: s.announced ?? false,
      final: s.final ?? false,
      description: s.description,
      ref: s.ref,
    })),
    events: spec.events.map((e) => ({
      name: e.name,
      kind: e.kind,
      action: e.action ?? null,
      to: e.to ?? null,
      memory: e.memory ?? null,
      healing: e.kind === 'protocol' || (e.healing ?? false),
      partnerRunning: e.partner_running ?? null,
      scope: eventScope(e),
      description: e.description,
      ref: e.ref ?? null,
    })),
    rules: validatorRules(spec, false),
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
    configurations: (spec.configurations ?? []).map((c) => ({
      name: c.name,
      description: c.description,
      steps: c.steps,
      relationships: c.relationships ?? 1,
      symmetry: c.symmetry ?? true,
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
      mergesSteps: p.merges_steps ?? false,
      departures: (p.departures ?? []).map((d) => ({
        id: d.id,
        from: d.from,
        to: d.to,
        partner: d.partner ?? null,
        description: d.description,
        evidence: d.evidence,
      })),
    })),
  };
  return [{ path: `${spec.name}.json`, contents: `${JSON.stringify(machine, null, 2)}\n` }];
}
