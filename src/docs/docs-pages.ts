import type { Artifact, GenerateOptions } from '../codegen/artifact.js';
import { bannerLines } from '../codegen/banner.js';
import { renderScenarioDiagram, traceDiagramName } from '../diagram/diagram-set.js';
import { type PairGraph, pairMatrix, renderPairGroups } from '../diagram/pair-diagram.js';
import { ruleLabel } from '../diagram/state-diagram.js';
import { verdictCell } from '../explore/format-report.js';
import type { ScenarioRun } from '../explore/replay-scenarios.js';
import type { MatrixReport } from '../explore/run-explorer.js';
import { formatTrace } from '../explore/trace.js';
import { type Model, TO_MEMORY } from '../model/model.js';
import { md, table } from './markdown.js';

/**
 * The generated documentation: an overview (states, diagrams, the
 * configuration x property matrix), one page per state, and one page with
 * every counterexample. Mermaid sources are embedded (GitHub renders them)
 * and the rendered SVGs are linked beside them. No timings: the pages are
 * compared byte for byte by `fsmkit check`.
 */
export function generateDocs(
  model: Model,
  matrix: MatrixReport,
  diagrams: readonly Artifact[],
  options: GenerateOptions,
  pairs?: PairGraph,
  scenarios: readonly ScenarioRun[] = [],
): Artifact[] {
  const banner = `<!-- ${bannerLines(options).join(' ').replace(/--/g, '- -')} -->`;
  const mermaid = (path: string) => {
    const d = diagrams.find((x) => x.path === path);
    return d
      ? [
          '```mermaid',
          d.contents.trimEnd(),
          '```',
          '',
          `SVG: [${path.replace(/\.mmd$/, '.svg')}](${path.replace(/\.mmd$/, '.svg')}) (rendered by \`fsmkit diagrams\` or \`npm start\` when a browser is available)`,
          '',
        ]
      : [];
  };
  const spec = model.spec;
  // A spec without a source document cites no sections: no column of dashes.
  const cites = spec.states.some((s) => s.ref !== undefined);
  const stateRows = spec.states.map((s) => [
    `[${s.name}](states/${s.name}.md)`,
    ...spec.numberings.map((n) => String(s.values[n.name] ?? '-')),
    ...(spec.aliases ?? []).map((a) => md(s.aliases?.[a.name] ?? '-')),
    md(s.service),
    s.communicating ? '+' : '-',
    md(s.roles.join(', ') || 'none'),
    ...(cites ? [md(s.ref ?? '-')] : []),
  ]);
  const properties = matrix.configurations[0]?.verdicts.map((v) => v.property) ?? [];
  const matrixRows = matrix.configurations.map((c) => [
    md(c.configuration),
    String(c.states),
    String(c.transitions),
    String(c.diameter),
    ...c.verdicts.map((v) => (v.trace ? `[${md(verdictCell(v))}](traces.md#${anchor(`${c.configuration} ${v.property}`)})` : md(verdictCell(v)))),
  ]);
  const index = [
    banner,
    `# ${md(spec.title)}`,
    '',
    spec.source ? `Source: ${md(spec.source)}.` : '',
    '',
    '## States',
    '',
    ...table(
      [
        'state',
        ...spec.numberings.map((n) => md(n.name)),
        ...(spec.aliases ?? []).map((a) => md(a.name)),
        'service',
        'comm.',
        'roles',
        ...(cites ? ['section'] : []),
      ],
      stateRows,
    ),
    '',
    'The columns after the state are its numberings and aliases; *service* is what the state does for clients; *comm.* is + when communication with the partner is ongoing in the state and - when it is not; *roles* are the roles that can hold it; *section* is where the source describes it.',
    '',
    ...model.roles.flatMap((role) => [`## State diagram: ${md(role)}`, '', ...mermaid(`diagrams/state-${role}.mmd`)]),
    '## Configurations and properties',
    '',
    'Each cell is the verdict of the paired explorer; a violated property links to its shortest counterexample.',
    '',
    ...table(['configuration', 'states', 'transitions', 'diameter', ...properties.map(md)], matrixRows),
    '',
    ...(scenarios.length
      ? [
          '## Scenarios',
          '',
          `${scenarios.length} short runs written from the source document pin its behaviour step by step: [scenarios.md](scenarios.md).`,
          '',
        ]
      : []),
    ...(pairs ? pairSection(model, pairs) : []),
  ];
  const pages: Artifact[] = [{ path: 'index.md', contents: `${index.join('\n').replace(/\n{3,}/g, '\n\n')}\n` }];
  for (const s of spec.states) {
    const passing = scenarios.filter((run) => run.trace.some((step) => step.after.relationships.some((r) => Object.values(r).some((v) => v.state === s.name))));
    pages.push({ path: `states/${s.name}.md`, contents: statePage(model, s.name, banner, scenarioSection(model, passing)) });
  }
  if (scenarios.length > 0) pages.push({ path: 'scenarios.md', contents: scenariosPage(model, scenarios, banner) });
  pages.push({ path: 'traces.md', contents: tracesPage(model, matrix, diagrams, banner) });
  if (pairs) pages.push({ path: 'pairs.md', contents: pairsPage(pairs, mermaid, banner) });
  return pages;
}

function statePage(model: Model, name: string, banner: string, scenarios: readonly string[]): string {
  const spec = model.spec;
  const s = spec.states.find((x) => x.name === name);
  const id = model.stateByName.get(name) as number;
  if (!s) return '';
  const facts = [
    ...spec.numberings.map((n) => [md(n.name), String(s.values[n.name] ?? 'none')]),
    ...(spec.aliases ?? []).map((a) => [md(a.name), md(s.aliases?.[a.name] ?? 'none')]),
    ['service', md(s.service)],
    ['communicating', s.communicating ? 'yes (+)' : 'no (-)'],
    ['roles', md(s.roles.join(', ') || 'none')],
    ...(s.ref !== undefined ? [['section', md(s.ref)]] : []),
  ];
  const ruleRow = (index: number) => {
    const rule = model.rules[index];
    const r = spec.rules[index];
    if (!rule || !r) return [];
    const other = rule.to === TO_MEMORY ? 'the remembered state' : `[${model.states[rule.to]?.name}](${model.states[rule.to]?.name}.md)`;
    return [md(r.id), other, md(ruleLabel(model, index)), md(r.description)];
  };
  // Steps that stop a running server (crash, pause, ...) lead out of every running state and into their target.
  const halts = model.events.filter((e) => e.action === 'halt' && e.haltTo !== undefined);
  const haltRow = (e: (typeof halts)[number], other: string) => {
    const ev = spec.events.find((x) => x.name === e.name);
    return [`${md(e.name)} (environment step)`, other, md(ev?.ref ? `${e.name} (${ev.ref})` : e.name), md(ev?.description ?? '')];
  };
  const stateLink = (to: number) => `[${model.states[to]?.name}](${model.states[to]?.name}.md)`;
  const outgoing = [
    ...model.rules.filter((r) => r.from === id).map((r) => ruleRow(r.index)),
    ...(model.states[id]?.running ? halts.map((e) => haltRow(e, stateLink(e.haltTo as number))) : []),
  ];
  const incoming = model.rules
    .filter((r) => r.to === id && r.from !== id)
    .map((r) => {
      const row = ruleRow(r.index);
      row[1] = `from [${model.states[r.from]?.name}](${model.states[r.from]?.name}.md)`;
      return row;
    })
    .concat(halts.filter((e) => e.haltTo === id).map((e) => haltRow(e, 'from any running state')));
  const lines = [
    banner,
    `# ${md(name)}`,
    '',
    md(s.description),
    '',
    ...table(['', ''], facts),
    '',
    '## Ways out',
    '',
    ...(outgoing.length ? table(['rule', 'to', 'when', 'what'], outgoing) : ['None: no rule leaves this state.']),
    '',
    '## Ways in',
    '',
    ...(incoming.length ? table(['rule', 'from', 'when', 'what'], incoming) : ['None.']),
    '',
    ...(scenarios.length ? ['## Scenarios through this state', '', ...scenarios] : []),
    '[All states](../index.md)',
  ];
  return `${lines.join('\n')}\n`;
}

function tracesPage(model: Model, matrix: MatrixReport, diagrams: readonly Artifact[], banner: string): string {
  const lines = [
    banner,
    '# Counterexamples',
    '',
    'Every property the explorer refutes, with the shortest trace from the initial state.',
    '',
    ...traceNotation(model),
  ];
  let any = false;
  for (const c of matrix.configurations) {
    for (const v of c.verdicts) {
      const steps = v.trace;
      if (!steps) continue;
      any = true;
      const name = `diagrams/${traceDiagramName(c.configuration, v.property)}`;
      const d = diagrams.find((x) => x.path === name);
      lines.push(`## ${md(`${c.configuration} ${v.property}`)}`, '', `${md(v.summary ?? '')} (${steps.length - 1} steps)`, '');
      const text = formatTrace(steps, model.roles);
      lines.push('```text', ...text, '```', '');
      if (d) lines.push('```mermaid', d.contents.trimEnd(), '```', '', `SVG: [${name.replace(/\.mmd$/, '.svg')}](${name.replace(/\.mmd$/, '.svg')})`, '');
    }
  }
  if (!any) lines.push('No property is violated in any configuration.', '');
  lines.push('[Overview](index.md)');
  return `${lines.join('\n')}\n`;
}

/** Every scenario: what it shows, its section, and the run as text and as a sequence diagram. */
function scenariosPage(model: Model, runs: readonly ScenarioRun[], banner: string): string {
  const lines = [
    banner,
    '# Scenarios',
    '',
    "Short runs of the pair written from the source document and replayed by `fsmkit check` through the explorer's stepper; each must end where the spec says after every step.",
    '',
    ...scenarioSection(model, runs, (run) => ['```text', ...formatTrace(run.trace, model.roles), '```', '']),
    '[Overview](index.md)',
  ];
  return `${lines.join('\n')}\n`;
}

/** Each run as a heading, its description and section, then `extra` lines and its sequence diagram. */
function scenarioSection(model: Model, runs: readonly ScenarioRun[], extra: (run: ScenarioRun) => string[] = () => []): string[] {
  return runs.flatMap((run) => [
    `### Scenario ${md(run.name)}`,
    '',
    `${md(run.description)}${run.ref ? ` (section ${md(run.ref)})` : ''}`,
    '',
    ...extra(run),
    '```mermaid',
    renderScenarioDiagram(model, run).trimEnd(),
    '```',
    '',
  ]);
}

/** How to read a trace line, in the spec's own words for the remembered state and the flag. */
function traceNotation(model: Model): string[] {
  const memory = model.spec.memory?.name;
  const flag = model.spec.flag?.name;
  const marks = [
    ...(memory ? [`\`STATE[OTHER]\` is a server in STATE that remembers OTHER as its ${md(memory)}`] : []),
    ...(flag ? [`a trailing \`*\` means the server's ${md(flag)} is set`] : []),
  ];
  return [
    "How to read a trace: line 0 is the initial pair state; each following line names the step taken (the server that moved, the rule, its trigger and section, or the environment step), then the pair state after it: each server's state, then the network." +
      (marks.length ? ` In a state, ${marks.join('; ')}.` : ''),
    '',
  ];
}

/** GitHub's heading anchor: lower case, spaces to hyphens, punctuation but underscores and hyphens dropped. */
function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-');
}

/** The reachable pairs of one configuration as a matrix, with a link to the page of moves between them. */
function pairSection(model: Model, pairs: PairGraph): string[] {
  const { rows, columns, cells } = pairMatrix(pairs);
  const [r0, r1] = model.roles;
  const matrixRows = rows.map((row, i) => [md(row), ...columns.map((_, j) => String(cells[i]?.[j] ?? ''))]);
  return [
    `## Reachable pairs: ${md(pairs.configuration)}`,
    '',
    `Rows: the ${md(r0)}'s state; columns: the ${md(r1)}'s. A number is how many pair states (memory, flag, network) reach that pair of states; an empty cell is never reached.`,
    '',
    ...table([`${md(r0)} \\ ${md(r1)}`, ...columns.map(md)], matrixRows),
    '',
    `How the pair moves between them: [the protocol moves, one diagram per state of the ${md(r0)}](pairs.md).`,
  ];
}

/** The protocol moves between reachable pairs: one small diagram per state of the first role. */
function pairsPage(pairs: PairGraph, mermaid: (path: string) => string[], banner: string): string {
  const [r0, r1] = pairs.roles;
  const groups = renderPairGroups(pairs);
  const lines = [
    banner,
    `# Protocol moves between pairs: ${md(pairs.configuration)}`,
    '',
    `One diagram per state of the ${md(r0)}. Its box holds the pairs in which the ${md(r0)} is in that state: one node per state of the ${md(r1)}, with how many pair states (memory, flag, network) stand behind it and the states the ${md(r0)} can move to from there (such a move leaves the box, the ${md(r1)} staying where it was; that state's diagram goes on). An arrow is a protocol move of the ${md(r1)}. Faults, operators and timers are left out, so pairs only they reach have no arrow in.`,
    '',
    ...groups.map((g) => `- [${md(`${r0} ${g.state}`)}](#${anchor(`${r0} ${g.state}`)})`),
    '',
  ];
  for (const g of groups) lines.push(`## ${md(`${r0} ${g.state}`)}`, '', ...mermaid(`diagrams/${g.file}`));
  lines.push('[Overview](index.md)');
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}
