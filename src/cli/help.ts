import { readFileSync } from 'node:fs';
import { didYouMean } from '../spec/suggest.js';
import { EXIT, type ExitCode, UsageError } from './cli-io.js';
import { COMMAND_NAMES, COMMANDS, type CommandName, type CommandRunner, isCommand } from './commands-table.js';
import { GLOBAL_OPTIONS, OPTIONS, type OptionName } from './options.js';

/**
 * The spec a command reads when none is named: the package's bundled spec,
 * named in package.json (`fsmkit.spec`) so that the engine names no protocol.
 */
export const DEFAULT_SPEC = packageJson().fsmkit.spec;

const EXIT_CODES = `Exit codes: 0 success, 1 findings (invalid spec, stale output, unexpected verdict),
2 usage error or unreadable log, 3 internal error (please report it).
`;

/** `fsmkit help`: every command in one line each, then how to learn more. */
export function generalHelp(): string {
  const width = Math.max(...COMMAND_NAMES.map((c) => COMMANDS[c].usage.length)) + 2;
  const lines = [
    'fsmkit: check, generate and explore paired-server state machines',
    '',
    'Usage: fsmkit <command> [spec] [options]',
    '',
    'Commands:',
    ...COMMAND_NAMES.map((c) => `  ${COMMANDS[c].usage.padEnd(width)}${COMMANDS[c].summary}`),
    '',
    `[spec] defaults to ${DEFAULT_SPEC}.`,
    'Run `fsmkit <command> --help` (or `fsmkit help <command>`) for the options of one command.',
    '',
    'Options of every command:',
    ...optionLines(GLOBAL_OPTIONS),
    ...optionLines(['version']),
    '',
    EXIT_CODES,
  ];
  return lines.join('\n');
}

/** `fsmkit <command> --help`: the command's usage, what it does, and exactly the options it takes. */
export function commandHelp(name: CommandName): string {
  const command = COMMANDS[name];
  const details: string | undefined = 'details' in command ? command.details : undefined;
  const lines = [
    `Usage: fsmkit ${command.usage}${command.options.length ? ' [options]' : ''}`,
    '',
    `${command.summary.charAt(0).toUpperCase()}${command.summary.slice(1)}.`,
    ...(details ? [details] : []),
    ...(command.positionals === 'spec' || command.positionals === 'target-spec' ? [`[spec] defaults to ${DEFAULT_SPEC}.`] : []),
    '',
    ...(command.options.length ? ['Options:', ...optionLines(command.options), ''] : []),
    'Options of every command:',
    ...optionLines(GLOBAL_OPTIONS),
    '',
    EXIT_CODES,
  ];
  return lines.join('\n');
}

function optionLines(names: readonly OptionName[]): string[] {
  return names.map((name) => {
    const option = OPTIONS[name];
    const short = 'short' in option ? `-${option.short}, ` : '';
    const value = 'value' in option ? ` ${option.value}` : '';
    const flag = `  ${short}--${name}${value}`;
    return flag.length < 22 ? `${flag.padEnd(22)}${option.help}` : `${flag}\n${' '.repeat(22)}${option.help}`;
  });
}

/** `fsmkit help [command]`. */
export const runHelp: CommandRunner = async (options, io) => {
  if (options.topic === undefined) {
    io.stdout(generalHelp());
    return EXIT.ok;
  }
  if (!isCommand(options.topic))
    throw new UsageError(`no command "${options.topic}"`, didYouMean(options.topic, COMMAND_NAMES) ?? `commands: ${COMMAND_NAMES.join(', ')}`);
  io.stdout(commandHelp(options.topic));
  return EXIT.ok;
};

/** `fsmkit version` and `fsmkit --version`. */
export const runVersion: CommandRunner = async (_options, io): Promise<ExitCode> => {
  io.stdout(`${version()}\n`);
  return EXIT.ok;
};

/** The version in package.json. */
export function version(): string {
  return packageJson().version;
}

function packageJson(): { version: string; fsmkit: { spec: string } } {
  return JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
}
