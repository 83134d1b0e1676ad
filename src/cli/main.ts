import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiagnostic } from '../diagnostics/format.js';
import { showInvisible } from '../diagnostics/invisible.js';
import { notAFile } from '../io/read-text-file.js';
import { OutputUnwritableError } from '../io/write-atomic.js';
import { didYouMean } from '../spec/suggest.js';
import { type CliIo, EXIT, type ExitCode, UsageError } from './cli-io.js';
import { COMMAND_NAMES, COMMANDS, type CommandName, isCommand } from './commands-table.js';
import { DEFAULT_SPEC } from './help.js';
import { type CliOptions, GLOBAL_OPTIONS, OPTIONS, type OptionName, setOutput } from './options.js';
import { choosePaint } from './paint.js';

/**
 * Runs the command line in-process: parses `argv` (without node and the
 * script), runs one command, writes to the injected streams.
 * @returns the exit code
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let debug = argv.includes('--debug');
  let command: CommandName | undefined;
  try {
    const parsed = parse(argv);
    command = parsed.command;
    const { options } = parsed;
    debug = options.debug;
    const paint = choosePaint(io.isTty, io.env, options.noColor || options.output !== 'text');
    // A spec that is missing, or a folder, is a usage error (exit 2), not a finding.
    if (READS_SPEC.has(COMMANDS[command].positionals)) {
      const unusable = await notAFile(resolve(io.cwd, options.spec), options.spec);
      if (unusable) throw new UsageError(unusable.message, unusable.hint);
    }
    const run = await COMMANDS[command].load();
    return await run(options, io, paint);
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.command === undefined && command !== undefined && command !== 'help' && command !== 'version') error.command = command;
      // check-log promises JSON on every path when --json is given.
      if (argv.includes('--json') && argv.includes('check-log')) {
        const problem: Record<string, string> = { kind: 'usage', message: error.message };
        if (error.hint) problem.hint = error.hint;
        io.stdout(`${JSON.stringify({ ok: false, problem }, null, 2)}\n`);
      }
      io.stderr(`fsmkit: ${showInvisible(error.message)}\n`);
      if (error.hint) io.stderr(`hint: ${showInvisible(error.hint)}\n`);
      io.stderr(`Run \`fsmkit ${error.command ? `${error.command} ` : ''}--help\` for usage.\n`);
      return EXIT.usage;
    }
    if (error instanceof OutputUnwritableError) {
      io.stderr(`${formatDiagnostic(error.diagnostic)}\n`);
      return EXIT.failed;
    }
    io.stderr(`fsmkit: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    io.stderr(
      debug ? `${(error as Error)?.stack ?? ''}\n` : 'This is a bug in fsmkit; please report it with the command you ran (add --debug for the stack).\n',
    );
    return EXIT.internal;
  }
}

/** Commands whose positional is a spec to read. */
const READS_SPEC = new Set<string>(['spec', 'target-spec']);

type Token = { kind: 'option'; name: string; value?: string | undefined } | { kind: 'positional'; value: string } | { kind: 'option-terminator' };

function parse(argv: readonly string[]): { command: CommandName; options: CliOptions } {
  const tokens = tokenize(argv);
  const [first, ...rest] = tokens.flatMap((t) => (t.kind === 'positional' ? [t.value] : []));
  const given = tokens.flatMap((t) => (t.kind === 'option' ? [t] : []));
  const has = (name: OptionName) => given.some((t) => t.name === name);
  const options: CliOptions = { spec: DEFAULT_SPEC, json: false, output: 'text', noColor: false, debug: has('debug') };

  if (first === undefined) return { command: has('version') ? 'version' : 'help', options };
  if (!isCommand(first)) {
    throw new UsageError(`unknown command "${first}"`, didYouMean(first, COMMAND_NAMES) ?? `commands: ${COMMAND_NAMES.join(', ')}`);
  }
  const command = first;
  if (has('help')) {
    // `fsmkit <command> --help` explains the command, whatever else is on the line.
    options.topic = command;
    return { command: 'help', options };
  }
  try {
    const allowed = new Set<OptionName>([...GLOBAL_OPTIONS, ...COMMANDS[command].options]);
    for (const token of given) {
      const name = token.name as OptionName;
      if (!allowed.has(name)) throw notForCommand(name, command);
      OPTIONS[name].apply(options, OPTIONS[name].type === 'boolean' ? true : (token.value ?? ''));
    }
    takePositionals(command, rest, options);
    settle(command, options);
  } catch (error) {
    if (error instanceof UsageError) error.command ??= command;
    throw error;
  }
  return { command, options };
}

/** Reads the command line with every known option; unknown options and missing values are usage errors. */
function tokenize(argv: readonly string[]): Token[] {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true, tokens: true }).tokens as Token[];
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(message.charAt(0).toLowerCase() + message.slice(1));
  }
}

function notForCommand(name: OptionName, command: CommandName): UsageError {
  const others = COMMAND_NAMES.filter((c) => (COMMANDS[c].options as readonly string[]).includes(name));
  const where = others.length ? `it is an option of ${others.join(', ')}` : undefined;
  const takes = COMMANDS[command].options.map((o) => `--${o}`).join(', ');
  return new UsageError(
    `--${name} does not apply to ${command}${where ? ` (${where})` : ''}`,
    takes ? `${command} takes ${takes}` : `${command} takes no options`,
  );
}

function takePositionals(command: CommandName, rest: string[], options: CliOptions): void {
  const kind = COMMANDS[command].positionals;
  const more = (what: string) => new UsageError(`${command} takes ${what}, got more: ${rest.join(' ')}`);
  if (kind === 'none') {
    if (rest.length) throw more('no arguments');
    return;
  }
  if (kind === 'topic') {
    if (rest.length > 1) throw more('one command name');
    if (rest[0] !== undefined) options.topic = rest[0];
    return;
  }
  if (kind === 'name') {
    if (rest.length > 1) throw more('one name');
    if (rest[0] !== undefined) options.name = rest[0];
    return;
  }
  if (kind === 'logs') {
    if (rest.length === 0) throw new UsageError('check-log needs a log file, or - for standard input', 'write `fsmkit check-log /var/log/syslog`');
    if (rest.includes('-') && rest.length > 1) {
      throw new UsageError('check-log reads standard input (-) alone, not beside files', 'name the files, or pipe them all into -');
    }
    options.logs = rest;
    return;
  }
  if (kind === 'target-spec') {
    const target = rest.shift();
    if (target === undefined) throw new UsageError(`${command} needs a format`, 'write `fsmkit export promela [spec]`');
    options.target = target;
  }
  if (rest.length > 1) throw more('one spec file');
  if (rest[0] !== undefined) OPTIONS.spec.apply(options, rest[0]);
}

/** Rules between options, checked once all are read. */
function settle(command: CommandName, options: CliOptions): void {
  if (options.format !== undefined && command !== 'vectors') setOutput(options, options.format);
  if (options.json) {
    if (options.output !== 'text' && options.output !== 'json')
      throw new UsageError(`--json and --format ${options.output} exclude each other`, `keep one of them`);
    options.output = 'json';
  }
  if (options.output === 'json') options.json = true;
  if (options.config !== undefined && options.matrix && command === 'explore')
    throw new UsageError('--config and --matrix exclude each other', 'use --config NAME for one configuration, --matrix (the default) for all');
}
