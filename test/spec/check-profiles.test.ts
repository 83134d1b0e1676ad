import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSpec } from '../../src/model/check-spec.js';
import { repoPath } from '../helpers/paths.js';

const toy = readFileSync(repoPath('test/fixtures/specs/toy-pair.yaml'), 'utf8');
const withProfile = (profile: string) => `${toy}profiles:\n${profile}`;
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('profile checks', () => {
  it('accepts log patterns with the named groups check-log reads', () => {
    const text = withProfile(`  - name: toy-node
    description: A toy implementation.
    log:
      marker: "node "
      lines:
        - who: local
          pattern: 'node (?<relationship>\\S+) goes (?<from>\\S+) -> (?<to>\\S+)'
          evidence: "toy.c, log_move()"
`);
    expect(checkSpec('toy.yaml', text).diagnostics).toEqual([]);
  });

  it.each([
    ['a pattern that is not a regular expression', "'node (?<relationship>\\S+ goes (?<to>\\S+)'", 'not a valid regular expression'],
    ['a pattern without the target state', "'node (?<relationship>\\S+) goes (?<state>\\S+)'", 'no named group (?<to>...)'],
  ])('reports %s at the pattern', (_name, pattern, says) => {
    const text = withProfile(`  - name: toy-node
    description: A toy implementation.
    log:
      marker: "node "
      lines:
        - who: local
          pattern: ${pattern}
          evidence: "toy.c, log_move()"
`);
    const [first] = checkSpec('toy.yaml', text).diagnostics;
    expect(first).toMatchObject({ code: 'INVALID_VALUE', start: { line: lineOf(text, 'pattern: '), col: 20 } });
    expect(first?.message).toContain(says);
  });

  it('reports a departure naming an unknown role or a memory on a state that keeps none', () => {
    const text = withProfile(`  - name: toy-node
    description: A toy implementation.
    departures:
      - id: solo-to-down
        from: SOLO
        to: DOWN
        role: lft
        memory: [PAIRED]
        description: Drops out.
        evidence: "toy.c, drop()"
`);
    expect(checkSpec('toy.yaml', text).diagnostics.map((d) => [d.code, d.start.line])).toEqual([
      ['UNKNOWN_ROLE', lineOf(text, 'role: lft')],
      ['MISUSED_FIELD', lineOf(text, 'memory: [PAIRED]')],
    ]);
  });
});
