import { describe, expect, it } from 'vitest';
import { type Finding, formatGithubAnnotations, formatSarif } from '../../src/cli/annotations.js';
import { runCli } from '../../src/cli/main.js';
import { repoPath } from '../helpers/paths.js';
import { captureIo } from '../helpers/project.js';

const finding: Finding = { rule: 'UNKNOWN_STATE', level: 'error', message: 'goes to "X"', file: 'spec/a.yaml', line: 3, col: 9, endLine: 3, endCol: 10 };

describe('GitHub workflow annotations', () => {
  it('puts each finding on its line and column with the rule as title', () => {
    expect(formatGithubAnnotations([finding, { rule: 'log-gap', level: 'warning', message: 'lines missing', file: 'x.log', line: 7 }])).toBe(
      '::error file=spec/a.yaml,line=3,col=9,endLine=3,endColumn=10,title=fsmkit UNKNOWN_STATE::goes to "X"\n' +
        '::warning file=x.log,line=7,title=fsmkit log-gap::lines missing\n',
    );
  });

  it('escapes what would end the command or start another', () => {
    const hostile = formatGithubAnnotations([{ ...finding, file: 'a,b:c.yaml', message: '100% sure\n::error::forged\r' }]);
    expect(hostile.split('\n')).toHaveLength(2);
    expect(hostile).toContain('file=a%2Cb%3Ac.yaml,');
    expect(hostile).toContain('::100%25 sure%0A::error::forged%0D\n');
  });
});

describe('SARIF 2.1.0', () => {
  it('holds one run, the rules used and one located result per finding', () => {
    const log = JSON.parse(formatSarif([finding], { name: 'fsmkit', version: '9.9.9', rules: { UNKNOWN_STATE: 'a state not declared' } }));
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].tool.driver).toEqual({
      name: 'fsmkit',
      version: '9.9.9',
      rules: [{ id: 'UNKNOWN_STATE', shortDescription: { text: 'a state not declared' } }],
    });
    expect(log.runs[0].results).toEqual([
      {
        ruleId: 'UNKNOWN_STATE',
        ruleIndex: 0,
        level: 'error',
        message: { text: 'goes to "X"' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'spec/a.yaml' }, region: { startLine: 3, startColumn: 9, endLine: 3, endColumn: 10 } } }],
      },
    ]);
  });

  it('is the same bytes for the same findings', () => {
    expect(formatSarif([finding, finding], { name: 'fsmkit', version: '1' })).toBe(formatSarif([finding, finding], { name: 'fsmkit', version: '1' }));
  });
});

describe('--format github and sarif on the commands', () => {
  it('check places spec findings at their line, hint included, and exits 1', async () => {
    const io = captureIo(repoPath(''));
    expect(await runCli(['check', 'test/fixtures/specs/invalid/unknown-state.yaml', '--format', 'github'], io)).toBe(1);
    expect(io.out()).toBe(
      '::error file=test/fixtures/specs/invalid/unknown-state.yaml,line=84,col=9,endLine=84,endColumn=15,title=fsmkit UNKNOWN_STATE::' +
        'rule solo-pairs goes to "PARIED", which is not a declared state (hint: did you mean "PAIRED"?)\n',
    );
  });

  it('check-log gives one SARIF result per log finding, at its log line', async () => {
    const io = captureIo(repoPath(''));
    expect(await runCli(['check-log', 'test/fixtures/logs/illegal.log', '--format', 'sarif'], io)).toBe(1);
    const results = JSON.parse(io.out()).runs[0].results as {
      ruleId: string;
      level: string;
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
    }[];
    expect(results.map((r) => [r.ruleId, r.level, r.locations[0]?.physicalLocation.region.startLine])).toEqual([
      ['log-violation', 'error', 5],
      ['log-violation', 'error', 6],
      ['log-malformed', 'warning', 7],
      ['log-malformed', 'warning', 8],
    ]);
    expect(results.every((r) => r.locations[0]?.physicalLocation.artifactLocation.uri === 'test/fixtures/logs/illegal.log')).toBe(true);
  });

  it('check-log reads a JSONL log with --log-format', async () => {
    const io = captureIo(repoPath(''));
    // An ISC syslog read as JSONL: every line is malformed, which says the format was taken.
    expect(await runCli(['check-log', 'test/fixtures/logs/illegal.log', '--log-format', 'jsonl', '--json'], io)).toBe(0);
    const report = JSON.parse(io.out());
    expect(report.format).toBe('jsonl');
    expect(report.findings[0]).toMatchObject({ line: 1, class: 'malformed', message: 'not valid JSON' });
  });
});
