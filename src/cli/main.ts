import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { didYouMean } from '../spec/suggest.js';
import { runCheckLog } from './check-log-command.js';
import { type CliIo, EXIT, type ExitCode, UsageError } from './cli-io.js';
import { runCheck, runDiagrams, runGenerate, runStart } from './commands.js';
import { runExplore } from './explore-command.js';
import { runExport } from './export-command.js';
import { DEFAULT_SPEC, HELP } from './help.js';
import { choosePaint } from './paint.js';
import { runVectors } from './vectors-command.js';

const COMMANDS = ['check', 'generate', 'explore', 'diagrams', 'export', 'vectors', 'check-log', 'start', 'help', 'version'] as const;
type Command = (typeof COMMANDS)[number];

/** Options after parsing, shared by every command. */
export interface CliOptions {
  spec: string;
  out?: string;
  json: boolean;
  noColor: boolean;
  debug: boolean;
  /** explore: one configuration instead of the matrix. */
  config?: string;
  maxStates?: number;
  maxMemoryMb?: number;
  /** explore, export: K relationships between the two hosts. */
  relationships?: number;
  /** explore: merge states equal up to the order of relationships (false with --no-symmetry). */
  symmetry?: boolean;
  /** export: the target format. */
  format?: string;
  /** vectors: rules, states, pairs or transitions. */
  coverage?: string;
  /** export promela: the property to assert. */
  check?: string;
  /** diagrams, start: render PNG beside SVG. */
  png?: boolean;
  /** start: false with --no-svg. */
  svg?: boolean;
  /** check-log: the log file, or "-" for stdin. */
  log?: string;
  role?: string;
  peer?: string;
  profile?: string;
}

/**
 * Runs the command line in-process: parses `argv` (without node and the
 * script), runs one command, writes to the injected streams.
 * @returns the exit code
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let debug = argv.includes('--debug');
  try {
    const { command, options } = parse(argv);
    debug = options.debug;
    const paint = choosePaint(io.isTty, io.env, options.noColor || options.json);
    switch (command) {
      case 'help':
        io.stdout(HELP);
        return EXIT.ok;
      case 'version':
        io.stdout(`${version()}\n`);
        return EXIT.ok;
      case 'check':
        return await runCheck(options, io, paint);
      case 'generate':
        return await runGenerate(options, io, paint);
      case 'explore':
        return await runExplore(options, io, paint);
      case 'diagrams':
        return await runDiagrams(options, io, paint);
      case 'export':
        return await runExport(options.format ?? '', options, io, paint);
      case 'vectors':
        return await runVectors(options, io, paint);
      case 'check-log':
        return await runCheckLog(options.log ?? '', options, io, paint);
      case 'start':
        return await runStart(options, io, paint);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`fsmkit: ${error.message}\n`);
      if (error.hint) io.stderr(`hint: ${error.hint}\n`);
      io.stderr('Run `fsmkit help` for usage.\n');
      return EXIT.usage;
    }
    io.stderr(`fsmkit: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    io.stderr(
      debug ? `${(error as Error)?.stack ?? ''}\n` : 'This is a bug in fsmkit; please report it with the command you ran (add --debug for the stack).\n',
    );
    return EXIT.internal;
  }
}

function parse(argv: readonly string[]): { command: Command; options: CliOptions } {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; args: string[] }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(message.charAt(0).toLowerCase() + message.slice(1));
  }
  const { values, positionals } = parsed;
  const [first, ...rest] = positionals;
  if (values.version) return { command: 'version', options: defaults(values) };
  if (values.help || first === undefined) return { command: 'help', options: defaults(values) };
  if (!COMMANDS.includes(first as Command)) {
    throw new UsageError(`unknown command "${first}"`, didYouMean(first, COMMANDS) ?? `commands: ${COMMANDS.join(', ')}`);
  }
  const options = defaults(values);
  if (first === 'check-log') {
    const log = rest.shift();
    if (log === undefined) throw new UsageError('check-log needs a log file, or - for standard input', 'write `fsmkit check-log /var/log/syslog`');
    options.log = log;
    if (values.format !== undefined) options.format = values.format;
    if (rest.length > 0) throw new UsageError(`check-log takes one log file, got more: ${rest.join(' ')}`, 'name the spec with --spec');
    return { command: first, options };
  }
  if (first === 'vectors') {
    if (values.format !== undefined) options.format = values.format;
    if (values.coverage !== undefined) options.coverage = values.coverage;
  } else if (values.format !== undefined) throw new UsageError('--format only applies to check-log and vectors');
  else if (values.coverage !== undefined) throw new UsageError('--coverage only applies to vectors');
  if (first === 'export') {
    const format = rest.shift();
    if (format === undefined) throw new UsageError('export needs a format', 'write `fsmkit export promela [spec]`');
    options.format = format;
  }
  if (rest.length > 1) throw new UsageError(`${first} takes one spec file, got ${rest.length}: ${rest.join(' ')}`);
  if (rest[0] !== undefined) options.spec = rest[0];
  return { command: first as Command, options };
}

const OPTIONS = {
  out: { type: 'string' },
  config: { type: 'string' },
  check: { type: 'string' },
  format: { type: 'string' },
  coverage: { type: 'string' },
  role: { type: 'string' },
  peer: { type: 'string' },
  profile: { type: 'string' },
  spec: { type: 'string' },
  png: { type: 'boolean', default: false },
  'no-svg': { type: 'boolean', default: false },
  matrix: { type: 'boolean', default: false },
  'max-states': { type: 'string' },
  'max-memory': { type: 'string' },
  relationships: { type: 'string' },
  symmetry: { type: 'boolean', default: false },
  'no-symmetry': { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  'no-color': { type: 'boolean', default: false },
  debug: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} as const;

interface ParsedValues {
  out?: string;
  png?: boolean;
  'no-svg'?: boolean;
  format?: string;
  coverage?: string;
  role?: string;
  peer?: string;
  profile?: string;
  spec?: string;
  check?: string;
  config?: string;
  matrix?: boolean;
  'max-states'?: string;
  'max-memory'?: string;
  relationships?: string;
  symmetry?: boolean;
  'no-symmetry'?: boolean;
  json?: boolean;
  'no-color'?: boolean;
  debug?: boolean;
}

function defaults(values: ParsedValues): CliOptions {
  const options: CliOptions = { spec: DEFAULT_SPEC, json: values.json ?? false, noColor: values['no-color'] ?? false, debug: values.debug ?? false };
  if (values.out !== undefined) options.out = values.out;
  if (values.check !== undefined) options.check = values.check;
  if (values.role !== undefined) options.role = values.role;
  if (values.peer !== undefined) options.peer = values.peer;
  if (values.profile !== undefined) options.profile = values.profile;
  if (values.spec !== undefined) options.spec = values.spec;
  if (values.png) options.png = true;
  if (values['no-svg']) options.svg = false;
  if (values.config !== undefined) {
    if (values.matrix)
      throw new UsageError('--config and --matrix exclude each other', 'use --config NAME for one configuration, --matrix (the default) for all');
    options.config = values.config;
  }
  if (values['max-states'] !== undefined) options.maxStates = positiveInteger('--max-states', values['max-states']);
  if (values['max-memory'] !== undefined) options.maxMemoryMb = positiveInteger('--max-memory', values['max-memory']);
  if (values.relationships !== undefined) {
    options.relationships = positiveInteger('--relationships', values.relationships);
    if (options.relationships > MAX_RELATIONSHIPS)
      throw new UsageError(`--relationships takes at most ${MAX_RELATIONSHIPS}, not ${options.relationships}`, 'a system state must fit in one 52-bit key');
  }
  if (values.symmetry && values['no-symmetry']) throw new UsageError('--symmetry and --no-symmetry exclude each other');
  if (values.symmetry) options.symmetry = true;
  if (values['no-symmetry']) options.symmetry = false;
  return options;
}

/** As many relationships as the spec schema allows. */
const MAX_RELATIONSHIPS = 8;

function positiveInteger(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value <= 0) throw new UsageError(`${flag} takes a whole number above 0, not "${text}"`);
  return value;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
