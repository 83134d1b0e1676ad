import type { Artifact } from '../codegen/artifact.js';
import { mermaidId } from '../codegen/escape.js';
import type { ScenarioRun } from '../explore/replay-scenarios.js';
import type { MatrixReport } from '../explore/run-explorer.js';
import type { Model, RoleId } from '../model/model.js';
import { renderPairDiagram } from './pair-diagram.js';
import { renderStateDiagram } from './state-diagram.js';
import { renderTraceDiagram } from './trace-diagram.js';

/** File name (without folder) of the trace diagram of one violated property in one configuration. */
export function traceDiagramName(configuration: string, property: string): string {
  return `trace-${mermaidId(configuration)}-${mermaidId(property)}.mmd`.replace(/_/g, '-');
}

/**
 * Every diagram of a spec as Mermaid sources under `diagrams/`: the state
 * diagram per role, the pairs of one configuration, and one sequence
 * diagram per counterexample (of any number of relationships). The pairs
 * come from the configuration whose report kept them. Pure: the same inputs
 * give the same bytes.
 */
export function generateDiagrams(model: Model, matrix: MatrixReport): Artifact[] {
  const out: Artifact[] = [];
  ([0, 1] as RoleId[]).forEach((role) => {
    out.push({ path: `diagrams/state-${model.roles[role]}.mmd`, contents: renderStateDiagram(model, role) });
  });
  const pairs = matrix.configurations.find((c) => c.pairs)?.pairs;
  if (pairs) out.push({ path: `diagrams/pairs-${pairs.configuration}.mmd`, contents: renderPairDiagram(model, pairs) });
  for (const c of matrix.configurations) {
    for (const v of c.verdicts) {
      if (!v.trace) continue;
      out.push({
        path: `diagrams/${traceDiagramName(c.configuration, v.property)}`,
        contents: renderTraceDiagram(v.trace, model.roles, `${v.property} in ${c.configuration}`),
      });
    }
  }
  return out;
}

/**
 * A scenario's run as a sequence diagram. Scenarios are many, so their
 * diagrams live only inside the pages (GitHub draws them) and are not
 * rendered to SVG one by one.
 */
export function renderScenarioDiagram(model: Model, run: ScenarioRun): string {
  return renderTraceDiagram(run.trace, model.roles, `scenario ${run.name}${run.ref ? ` (${run.ref})` : ''}`);
}
