import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../helpers/paths.js';

describe('generated/dhcpv4-failover.json', () => {
  const machine = JSON.parse(readFileSync(repoPath('generated/dhcpv4-failover.json'), 'utf8'));
  const schema = JSON.parse(readFileSync(repoPath('spec/fsmkit-machine.schema.json'), 'utf8'));

  it('validates against its versioned schema', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(machine), JSON.stringify(validate.errors)).toBe(true);
    expect([machine.format, machine.version]).toEqual(['fsmkit-machine', 1]);
  });

  it('keeps both numberings apart, by name', () => {
    const byName = Object.fromEntries(machine.states.map((s: { name: string; values: object }) => [s.name, s.values]));
    expect(byName.CONFLICT_DONE).toEqual({ windows: 7, wire: 11 });
    expect(byName.RECOVER_WAIT).toEqual({ windows: 10, wire: null });
  });

  it('spells out every rule with its guards and section', () => {
    const rule = machine.rules.find((r: { id: string }) => r.id === 'potential-conflict-secondary-resolved');
    expect(rule).toMatchObject({
      from: ['POTENTIAL_CONFLICT'],
      to: 'NORMAL',
      role: 'secondary',
      partner: ['CONFLICT_DONE'],
      partnerExcept: false,
      ref: '9.10.3',
    });
  });

  it('is rejected by the schema when a field is missing', () => {
    const validate = new Ajv({ strict: false }).compile(schema);
    const broken = { ...machine, states: machine.states.map((s: object, i: number) => (i === 0 ? { ...s, ref: undefined } : s)) };
    expect(validate(JSON.parse(JSON.stringify(broken)))).toBe(false);
  });
});

describe('every committed machine JSON', () => {
  it.each(['generated/dhcpv4-failover.json', 'test/golden/toy-pair/toy-pair.json'])('%s matches the schema', (file) => {
    const schema = JSON.parse(readFileSync(repoPath('spec/fsmkit-machine.schema.json'), 'utf8'));
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate(JSON.parse(readFileSync(repoPath(file), 'utf8')))).toBe(true);
  });
});
