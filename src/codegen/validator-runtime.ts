/**
 * The functions of the generated validator, as TypeScript source. They are
 * the same for every spec; only the data tables above them change. Kept as
 * text so the generated file has no dependency, fsmkit included.
 */
export const VALIDATOR_RUNTIME = `
const STATE_BY_VALUE = new Map<number, StateName>(Object.entries(STATE_VALUES).map(([name, value]) => [value, name as StateName]));

/**
 * The name of a state given by name or by enum member.
 * @throws RangeError for a name or number that is no state of this machine
 */
export function stateName(state: StateLike): StateName {
  const name = typeof state === "number" ? STATE_BY_VALUE.get(state) : (STATES as readonly string[]).includes(state) ? state : undefined;
  if (name === undefined) throw new RangeError("not a state of this machine: " + JSON.stringify(state));
  return name;
}

/** What one server observes when a move is judged. Unknown fields do not constrain. */
export interface TransitionContext {
  /** Role of the server that moves. */
  role: RoleName;
  /** The state the partner shows (its previous state while it shows its memory). */
  partner?: StateLike;
  /** Whether the partner shows a remembered state (its state shows memory) rather than its own. */
  partnerShowsMemory?: boolean;
  /** Whether the partner is running. */
  partnerRunning?: boolean;
  /** ok: both running and connected; up: network up but the partner not running; down: no link. */
  link?: LinkStatus;
  /** The server's flag (see the spec's \\\`flag\\\`). */
  flag?: boolean;
  /** The server's remembered state, for rules that return to it. */
  memory?: StateLike;
  /** The event that triggered the move. */
  event?: EventName;
}

export type LinkStatus = "ok" | "up" | "down";

/** A rule that allows a move, and the state it leads to. */
export interface RuleMatch {
  rule: Rule;
  to: StateName;
}

export interface TransitionVerdict {
  legal: boolean;
  /** The rules that allow the move (empty when illegal, or when staying put without a rule). */
  rules: readonly RuleMatch[];
}

function linkMatches(required: Rule["link"], actual: LinkStatus | undefined): boolean {
  if (actual === undefined || required === "any") return true;
  if (required === "ok") return actual === "ok";
  if (required === "up") return actual !== "down";
  return actual !== "ok";
}

function partnerRunningMatches(rule: Rule, ctx: TransitionContext): boolean {
  if (ctx.partnerRunning === undefined) return true;
  if (rule.partnerRunning !== null && rule.partnerRunning !== ctx.partnerRunning) return false;
  const events = ctx.event === undefined ? rule.on : rule.on.filter((e) => e === ctx.event);
  return events.some((e) => {
    const required = EVENTS[e].partnerRunning;
    return required === null || required === ctx.partnerRunning;
  });
}

/** The rules leaving each state, indexed once at load so a lookup scans only its own rows. */
const RULES_FROM = new Map<StateName, readonly Rule[]>(STATES.map((s) => [s, RULES.filter((r) => (r.from as readonly StateName[]).includes(s))]));

/** The context with its states as names. */
interface NamedContext extends TransitionContext {
  partner?: StateName;
  memory?: StateName;
}

function named(ctx: TransitionContext): NamedContext {
  const { partner, memory, ...rest } = ctx;
  const out: NamedContext = rest;
  if (partner !== undefined) out.partner = stateName(partner);
  if (memory !== undefined) out.memory = stateName(memory);
  return out;
}

function applies(rule: Rule, from: StateName, ctx: NamedContext): boolean {
  if (!(STATE_INFO[from].roles as readonly RoleName[]).includes(ctx.role)) return false;
  if (rule.role !== null && rule.role !== ctx.role) return false;
  if (ctx.event !== undefined && !(rule.on as readonly EventName[]).includes(ctx.event)) return false;
  if (!linkMatches(rule.link, ctx.link)) return false;
  if (rule.flag !== null && ctx.flag !== undefined && rule.flag !== ctx.flag) return false;
  if (rule.partnerShowsMemory !== null && ctx.partnerShowsMemory !== undefined && rule.partnerShowsMemory !== ctx.partnerShowsMemory) return false;
  if (!partnerRunningMatches(rule, ctx)) return false;
  if (rule.partner !== null && ctx.partner !== undefined) {
    const listed = (rule.partner as readonly StateName[]).includes(ctx.partner);
    if (listed === rule.partnerExcept) return false;
  }
  return true;
}

function targets(rule: Rule, ctx: NamedContext): readonly StateName[] {
  if (rule.to !== "@memory") return [rule.to];
  if (ctx.memory !== undefined) return [ctx.memory];
  // Unknown memory: any state this role could have remembered.
  return MEMORY_STATES.filter((s) => (STATE_INFO[s].roles as readonly RoleName[]).includes(ctx.role));
}

/**
 * Every move the rules allow from \\\`from\\\` in \\\`ctx\\\`, with the rule that allows it.
 * Moves that stay in \\\`from\\\` are included (they document "do nothing" lines).
 * States may be given by name or by enum member; the result names them.
 * @throws RangeError when a state given is no state of this machine
 */
export function nextStates(from: StateLike, ctx: TransitionContext): readonly RuleMatch[] {
  const source = stateName(from);
  const known = named(ctx);
  const matches: RuleMatch[] = [];
  for (const rule of RULES_FROM.get(source) ?? []) {
    if (!applies(rule, source, known)) continue;
    for (const to of targets(rule, known)) matches.push({ rule, to });
  }
  return matches;
}

/**
 * Whether a server may move from \\\`from\\\` to \\\`to\\\` in \\\`ctx\\\`, and by which rules.
 * Staying in the same state is always legal.
 */
export function canTransition(from: StateLike, to: StateLike, ctx: TransitionContext): TransitionVerdict {
  const source = stateName(from);
  const target = stateName(to);
  const rules = nextStates(source, ctx).filter((m) => m.to === target);
  return { legal: rules.length > 0 || source === target, rules };
}

/** One observed state change: of this server ("local") or of its partner. */
export interface ObservedStep {
  who: "local" | "partner";
  to: StateLike;
  link?: LinkStatus;
  event?: EventName;
}

export interface TraceOptions {
  /** Role of the local server. */
  role: RoleName;
  /** Known states at the start; unknown ones are learnt from the first observation. */
  local?: StateLike;
  partner?: StateLike;
}

export type TraceResult =
  | { ok: true; checked: number }
  | {
      ok: false;
      /** Index of the first illegal step. */
      index: number;
      step: ObservedStep;
      from: StateName;
      reason: string;
      /** The moves that would have been legal there. */
      legal: readonly RuleMatch[];
    };

/**
 * Judges a sequence of observed state changes of a server and its partner.
 * Each move is checked against the partner state known at that moment;
 * repeating the current state is not a move.
 */
export function checkTrace(steps: readonly ObservedStep[], options: TraceOptions): TraceResult {
  const roles = ROLES as readonly RoleName[];
  const partnerRole = roles.find((r) => r !== options.role) ?? options.role;
  let local = options.local === undefined ? undefined : stateName(options.local);
  let partner = options.partner === undefined ? undefined : stateName(options.partner);
  for (let index = 0; index < steps.length; index++) {
    const step = steps[index] as ObservedStep;
    const to = stateName(step.to);
    const mover = step.who === "local" ? local : partner;
    const other = step.who === "local" ? partner : local;
    const role = step.who === "local" ? options.role : partnerRole;
    if (mover !== undefined && mover !== to) {
      const ctx: TransitionContext = { role };
      if (other !== undefined) {
        if (STATE_INFO[other].showsMemory) ctx.partnerShowsMemory = true;
        else ctx.partner = other;
        ctx.partnerRunning = STATE_INFO[other].running;
      }
      if (step.link !== undefined) ctx.link = step.link;
      if (step.event !== undefined) ctx.event = step.event;
      if (!canTransition(mover, to, ctx).legal) {
        const seen = other === undefined ? "an unknown partner" : "a partner in " + other;
        return {
          ok: false,
          index,
          step,
          from: mover,
          reason: "no rule moves a " + role + " from " + mover + " to " + to + " with " + seen,
          legal: nextStates(mover, ctx).filter((m) => m.to !== mover),
        };
      }
    }
    if (step.who === "local") local = to;
    else partner = to;
  }
  return { ok: true, checked: steps.length };
}
`;
