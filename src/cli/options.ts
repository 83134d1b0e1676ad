import { UsageError } from './cli-io.js';

/** Output formats of findings: text for people, json for programs, github and sarif for code review. */
export const OUTPUT_FORMATS = ['text', 'json', 'github', 'sarif'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Options after parsing: only those the command accepts are ever set. */
export interface CliOptions {
  spec: string;
  /** True when the spec was named on the command line (positional or --spec). */
  specGiven?: boolean;
  out?: string;
  json: boolean;
  /** How findings are printed (check, check-log); json when --json is given. */
  output: OutputFormat;
  noColor: boolean;
  debug: boolean;
  /** explore, export: one configuration instead of the matrix (or the first). */
  config?: string;
  matrix?: boolean;
  maxStates?: number;
  maxMemoryMb?: number;
  /** explore, check, generate, start: worker threads for large explorations. */
  workers?: number;
  /** explore, export: K relationships between the two hosts. */
  relationships?: number;
  /** explore: merge states equal up to the order of relationships (false with --no-symmetry). */
  symmetry?: boolean;
  /** export: the target format (a positional). */
  target?: string;
  /** export promela: the property to assert. */
  check?: string;
  /** diagrams, start: render PNG beside SVG. */
  png?: boolean;
  /** start: false with --no-svg. */
  svg?: boolean;
  /** check-log: the log files, or "-" for stdin (positionals). */
  logs?: string[];
  /** check-log: the logs' own format (auto, or one of the log formats). */
  logFormat?: string;
  /** check-log: ROLE, or NAME=ROLE per relationship, host or host:relationship. */
  role?: string[];
  peer?: string;
  profile?: string;
  /** --format as written; `output` for findings, or the vectors' format (json, c). */
  format?: string;
  /** vectors: rules, states, pairs or transitions. */
  coverage?: string;
  /** help: the command to explain (a positional). */
  topic?: string;
  /** init: the new machine's name (a positional). */
  name?: string;
}

/** One command-line option: how `parseArgs` reads it, how help shows it, where its value goes. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  /** May be given several times; each value is applied in turn. */
  multiple?: boolean;
  short?: string;
  /** Placeholder of the value in help, e.g. `<n>`. */
  value?: string;
  /** One line of help; the command table adds which commands take it. */
  help: string;
  /** Stores the value into the options; throws a UsageError for a bad value. */
  apply: (options: CliOptions, value: string | boolean) => void;
}

/** More workers than this only add start-up and exchange: no machine fsmkit targets has more cores. */
export const MAX_WORKERS = 256;

/** As many relationships as the spec schema allows. */
export const MAX_RELATIONSHIPS = 8;

/**
 * Every option fsmkit knows, by flag name. Which command takes which is the
 * command table's business (`commands-table.ts`); adding a flag means one
 * entry here and its name in the commands that take it.
 */
export const OPTIONS = {
  spec: { type: 'string', value: '<file>', help: 'the spec to use (instead of the [spec] argument)', apply: (o, v) => setSpec(o, String(v)) },
  out: {
    type: 'string',
    value: '<path>',
    help: 'check, generate: folder for the generated code instead of outputs.dir; the docs pages and diagrams are left out (they only go to outputs.docs.dir). export: the file to write instead of stdout',
    apply: (o, v) => {
      o.out = String(v);
    },
  },
  config: {
    type: 'string',
    value: '<name>',
    help: 'one configuration of the spec (explore: with its counterexample traces; export: default the first)',
    apply: (o, v) => {
      o.config = String(v);
    },
  },
  matrix: {
    type: 'boolean',
    help: 'every configuration in one table (the default)',
    apply: (o) => {
      o.matrix = true;
    },
  },
  'max-states': {
    type: 'string',
    value: '<n>',
    help: 'stop after n states (default 1000000000)',
    apply: (o, v) => {
      o.maxStates = decimal('--max-states', String(v));
    },
  },
  'max-memory': {
    type: 'string',
    value: '<mb>',
    help: 'stop when the process uses more memory, in MB (default 8192)',
    apply: (o, v) => {
      o.maxMemoryMb = decimal('--max-memory', String(v));
    },
  },
  workers: {
    type: 'string',
    value: '<n>',
    help: 'explore with n worker threads once a breadth-first level holds 50000 states (default: every core; 1: one thread). Counts, verdicts and traces are the same for any n',
    apply: (o, v) => {
      const n = decimal('--workers', String(v));
      if (n > MAX_WORKERS) throw new UsageError(`--workers takes at most ${MAX_WORKERS}, not ${n}`, 'one worker per core is enough');
      o.workers = n;
    },
  },
  relationships: {
    type: 'string',
    value: '<k>',
    help: `k relationships between the same two hosts, 1 to ${MAX_RELATIONSHIPS} (host and network events act on all of them at once)`,
    apply: (o, v) => {
      const k = decimal('--relationships', String(v));
      if (k > MAX_RELATIONSHIPS)
        throw new UsageError(`--relationships takes at most ${MAX_RELATIONSHIPS}, not ${k}`, 'a system state must fit in one 52-bit key');
      o.relationships = k;
    },
  },
  symmetry: {
    type: 'boolean',
    help: 'count states that differ only by the order of relationships once (the default)',
    apply: (o) => setSymmetry(o, true),
  },
  'no-symmetry': {
    type: 'boolean',
    help: 'count states that differ only by the order of relationships separately',
    apply: (o) => setSymmetry(o, false),
  },
  check: {
    type: 'string',
    value: '<name>',
    help: 'assert this invariant or no-stuck property after every step',
    apply: (o, v) => {
      o.check = String(v);
    },
  },
  'log-format': {
    type: 'string',
    value: '<f>',
    help: 'the log format: auto (the default: detected line by line), syslog, rfc5424, journald, docker, plain or jsonl',
    apply: (o, v) => {
      o.logFormat = String(v);
    },
  },
  role: {
    type: 'string',
    multiple: true,
    value: '<[name=]role>',
    help: "a server's role when the log does not reveal it: ROLE, or NAME=ROLE for one relationship, host or host:relationship (repeatable)",
    apply: (o, v) => {
      o.role = [...(o.role ?? []), String(v)];
    },
  },
  peer: {
    type: 'string',
    value: '<name>',
    help: 'judge only this failover relationship',
    apply: (o, v) => {
      o.peer = String(v);
    },
  },
  profile: {
    type: 'string',
    value: '<name>',
    help: 'read the log with this profile of the spec and accept its known departures',
    apply: (o, v) => {
      o.profile = String(v);
    },
  },
  png: {
    type: 'boolean',
    help: 'render PNG beside SVG',
    apply: (o) => {
      o.png = true;
    },
  },
  'no-svg': {
    type: 'boolean',
    help: 'do not start a browser to render SVG',
    apply: (o) => {
      o.svg = false;
    },
  },
  format: {
    type: 'string',
    value: '<f>',
    help: 'check, check-log: how findings are printed: text (default), json, github (workflow annotations) or sarif (SARIF 2.1.0); vectors: json (default) or c',
    apply: (o, v) => {
      o.format = String(v);
    },
  },
  coverage: {
    type: 'string',
    value: '<c>',
    help: 'what the vectors cover: rules (default, with negative vectors), states, pairs or transitions of a configuration',
    apply: (o, v) => {
      o.coverage = String(v);
    },
  },
  json: {
    type: 'boolean',
    help: 'print a machine-readable result on stdout',
    apply: (o) => {
      o.json = true;
    },
  },
  'no-color': {
    type: 'boolean',
    help: 'no ANSI colours (NO_COLOR is honoured too; FORCE_COLOR=1 forces them)',
    apply: (o) => {
      o.noColor = true;
    },
  },
  debug: {
    type: 'boolean',
    help: 'show stack traces of internal errors',
    apply: (o) => {
      o.debug = true;
    },
  },
  help: { type: 'boolean', short: 'h', help: 'show the usage of fsmkit or of the command', apply: () => {} },
  version: { type: 'boolean', short: 'v', help: 'print the version', apply: () => {} },
} as const satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTIONS;

/** Options every command takes. */
export const GLOBAL_OPTIONS: readonly OptionName[] = ['no-color', 'debug', 'help'];

function setSpec(options: CliOptions, spec: string): void {
  if (options.specGiven && options.spec !== spec) throw new UsageError(`two specs given: ${options.spec} and ${spec}`, 'name the spec once');
  options.spec = spec;
  options.specGiven = true;
}

function setSymmetry(options: CliOptions, on: boolean): void {
  if (options.symmetry !== undefined && options.symmetry !== on) throw new UsageError('--symmetry and --no-symmetry exclude each other');
  options.symmetry = on;
}

const LOG_FORMAT_VALUES = ['jsonl', 'auto', 'syslog', 'rfc5424', 'journald', 'docker', 'plain'];

/** Reads --format as the output format of findings (every command but vectors, whose --format is the vectors' own). */
export function setOutput(options: CliOptions, value: string): void {
  if (!(OUTPUT_FORMATS as readonly string[]).includes(value)) {
    // --format once named the log's format; it now names the output format of every command that has one.
    const renamed = LOG_FORMAT_VALUES.includes(value) ? `the log's format is now --log-format: write --log-format ${value}` : undefined;
    throw new UsageError(`--format takes ${OUTPUT_FORMATS.join(', ')}, not "${value}"`, renamed);
  }
  options.output = value as OutputFormat;
}

/**
 * A count from the command line: decimal digits only, above 0, and exact
 * (`0x2`, `1e3`, `2.0`, ` 2` and `-1` are refused; JavaScript's `Number`
 * would take most of them).
 */
export function decimal(flag: string, text: string): number {
  const value = Number(text);
  if (!/^[0-9]+$/.test(text) || !Number.isSafeInteger(value) || value <= 0) {
    throw new UsageError(`${flag} takes a whole number above 0 written in decimal digits, not "${text}"`);
  }
  return value;
}
