import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSpec } from '../../src/model/check-spec.js';
import { TOY_SPEC } from '../helpers/paths.js';

// The communications-failed transition maps a state to a state for whoever holds it:
// a condition on it would be silently ignored by the explorer, so the checker refuses it.
describe('link-lost rules', () => {
  const toy = readFileSync(TOY_SPEC, 'utf8');
  const lost = '    on: link-lost\n';

  it.each([
    ['a role', '    role: left\n'],
    ['a flag guard', '    flag: set\n'],
    ['a partner-running guard', '    partner_running: true\n'],
  ])('refuses %s on a link-lost rule, at its trigger', (_name, extra) => {
    expect(toy).toContain(lost);
    const found = checkSpec('toy.yaml', toy.replace(lost, `${lost}${extra}`)).diagnostics;
    expect(found.map((d) => [d.code, d.message])).toContainEqual(['MISUSED_FIELD', 'rule paired-loses-link is a link-lost rule with extra conditions']);
  });
});
