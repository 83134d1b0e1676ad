import { describe, expect, it } from 'vitest';
import { EndpointAdapter } from '../../examples/ts-server/vector-adapter.js';
import { loadSpec } from '../../src/model/check-spec.js';
import { formatReport, runVectors } from '../../src/testing/index.js';
import { ruleVectorFile } from '../../src/vectors/vector-file.js';
import { BUNDLED_SPEC } from '../helpers/paths.js';

const checked = await loadSpec(BUNDLED_SPEC);
if (!checked.model) throw new Error('the bundled spec did not check');
const vectors = ruleVectorFile(checked.model);

describe('examples/ts-server', () => {
  it('passes every rules vector of the bundled spec, positive and negative', async () => {
    const report = await runVectors(vectors, new EndpointAdapter());
    expect(report.failures, formatReport(report)).toEqual([]);
    expect(report.vectors).toBe(vectors.summary.vectors);
    expect(report.steps).toBe(vectors.summary.steps);
  });
});
