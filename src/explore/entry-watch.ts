import { shownState } from '../model/guard.js';
import type { Model, RoleId } from '../model/model.js';
import { memoryOf, type PairState, partnerOf, stateOf } from './pair-codec.js';

/** An entry property as bitmaps over states: which entries are watched, from where, and which partners are allowed. */
export interface EntryWatch {
  name: string;
  enters: readonly boolean[];
  from: readonly boolean[];
  partner: readonly boolean[];
}

/** A step that broke an entry property: who entered what, beside which shown partner state. */
export interface EntryBreach {
  server: RoleId;
  entered: number;
  shown: number;
}

export function entryWatches(model: Model): EntryWatch[] {
  return (model.spec.properties ?? [])
    .filter((p) => p.kind === 'entry')
    .map((p) => ({
      name: p.name,
      enters: model.states.map((s) => p.enters?.includes(s.name) ?? false),
      from: model.states.map((s) => p.from?.includes(s.name) ?? true),
      partner: model.states.map((s) => p.partner?.includes(s.name) ?? false),
    }));
}

/** Whether the step from `before` to `after` enters a watched state beside a partner the property does not allow. */
export function entryBreach(model: Model, watch: EntryWatch, before: PairState, after: PairState): EntryBreach | undefined {
  for (const server of [0, 1] as const) {
    const entered = stateOf(after, server);
    const left = stateOf(before, server);
    const other = partnerOf(server);
    // The partner counts by the state it shows (its memory while it shows memory).
    const shown = shownState(model, stateOf(after, other), memoryOf(after, other));
    if (entered !== left && watch.enters[entered] && watch.from[left] && !watch.partner[shown]) return { server, entered, shown };
  }
  return undefined;
}
