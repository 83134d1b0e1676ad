import { describe, expect, it } from 'vitest';
import { allConfigurations, type Configuration, resolveConfiguration } from '../../src/explore/configuration.js';
import { exploreConfiguration } from '../../src/explore/run-explorer.js';
import { generatePromela } from '../../src/export/promela.js';
import { loadSpec } from '../../src/model/check-spec.js';
import type { Model } from '../../src/model/model.js';
import { BUNDLED_SPEC } from '../helpers/paths.js';
import { runSpin, spinAvailable } from '../helpers/spin.js';
import { toyModel } from '../helpers/toy.js';

const hasSpin = spinAvailable();
// CI sets FSMKIT_REQUIRE_SPIN so that a missing SPIN fails the run instead of skipping.
if (!hasSpin && process.env.FSMKIT_REQUIRE_SPIN) throw new Error('FSMKIT_REQUIRE_SPIN is set but spin or cc is not installed');
if (!hasSpin) process.stderr.write('spin.test.ts: SPIN or cc not found, the SPIN cross-check is skipped (apt-get install spin)\n');

/**
 * Two independent engines on the same model: fsmkit's explorer and SPIN on
 * the exported Promela must agree on the number of reachable states and on
 * every invariant and no-stuck verdict, in every configuration.
 */
async function crossCheck(model: Model): Promise<void> {
  const invariants = (model.spec.properties ?? []).filter((p) => p.kind === 'invariant');
  const configurations = allConfigurations(model);
  await Promise.all(
    configurations.map(async (config) => {
      // SPIN has no symmetry reduction: compare with the full count.
      const k = config.spec?.relationships ?? 1;
      const ours = exploreConfiguration(model, config, undefined, k > 1 ? { relationships: k, symmetry: false } : undefined);
      const status = (name: string) => ours.verdicts.find((v) => v.property === name)?.status;
      // Where no environment step exists, the goal has no step at all: not a deadlock for fsmkit.
      const endFlags = config.hasEnvironment ? [] : ['-E'];
      const [count] = await runSpin(generatePromela(model, config, { check: { kind: 'none' }, banner: [], relationships: k }), [['-A', '-E']]);
      expect(count?.states, `${config.name}: reachable states`).toBe(ours.states);
      for (const property of invariants) {
        const [run] = await runSpin(generatePromela(model, config, { check: { kind: 'invariant', property: property.name }, banner: [], relationships: k }), [
          ['-E'],
        ]);
        expect(run?.errors === 0 ? 'holds' : 'violated', `${config.name}: ${property.name}`).toBe(status(property.name));
      }
      const noStuck = (model.spec.properties ?? []).find((p) => p.kind === 'no-stuck');
      if (noStuck) {
        const [run] = await runSpin(generatePromela(model, config, { check: { kind: 'no-stuck' }, banner: [], relationships: k }), [endFlags]);
        expect(run?.errors === 0 ? 'holds' : 'violated', `${config.name}: ${noStuck.name}`).toBe(status(noStuck.name));
      }
    }),
  );
}

describe.skipIf(!hasSpin)('SPIN agrees with the explorer', () => {
  it('on the failover spec, in every configuration', async () => {
    await crossCheck((await loadSpec(BUNDLED_SPEC)).model as Model);
  }, 300_000);

  it('with three relationships: the same count, and a careless operator breaks the premise for both', async () => {
    const model = (await loadSpec(BUNDLED_SPEC)).model as Model;
    for (const name of ['network-faults', 'crashes']) {
      const config = resolveConfiguration(model, name) as Configuration;
      const ours = exploreConfiguration(model, config, undefined, { relationships: 3, symmetry: false });
      const [count] = await runSpin(generatePromela(model, config, { check: { kind: 'none' }, banner: [], relationships: 3 }), [['-A', '-E']]);
      expect(count?.states, name).toBe(ours.states);
    }
    const careless = resolveConfiguration(model, 'careless-operator') as Configuration;
    const [run] = await runSpin(
      generatePromela(model, careless, { check: { kind: 'invariant', property: 'partner-down-alone' }, banner: [], relationships: 3 }),
      [['-E']],
    );
    expect(run?.errors).toBe(1);
  }, 300_000);

  it('on the toy pair', async () => {
    await crossCheck(toyModel());
  });

  it('on a toy with a stuck state and a broken invariant', async () => {
    const model = toyModel((t) =>
      t
        .replace('partner: [SOLO, PAIRED]', 'partner: [PAIRED]')
        .replace(
          '  - name: no-stuck\n',
          '  - name: never-both-solo\n    kind: invariant\n    never: { one: [SOLO], other: [SOLO] }\n    description: x\n  - name: no-stuck\n',
        ),
    );
    const ours = allConfigurations(model).map((c) => exploreConfiguration(model, c).verdicts.map((v) => `${c.name}:${v.property}:${v.status}`));
    expect(ours.flat()).toEqual(expect.arrayContaining(['steady:no-stuck:violated', 'steady:never-both-solo:violated']));
    await crossCheck(model);
  });
});
