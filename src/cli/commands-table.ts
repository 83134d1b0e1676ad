import type { Paint } from '../diagnostics/format.js';
import type { CliIo, ExitCode } from './cli-io.js';
import type { CliOptions, OptionName } from './options.js';

/** Runs one command once its options are parsed. */
export type CommandRunner = (options: CliOptions, io: CliIo, paint: Paint) => Promise<ExitCode>;

/** What a command takes after its name. */
export type Positionals =
  /** an optional spec file */
  | 'spec'
  /** an export target, then an optional spec file */
  | 'target-spec'
  /** log files (or - alone) */
  | 'logs'
  /** an optional command name */
  | 'topic'
  /** an optional name for a new machine */
  | 'name'
  | 'none';

/** One command: its help and the options it takes. */
export interface CommandSpec {
  usage: string;
  summary: string;
  /** A few sentences for `fsmkit <command> --help`. */
  details?: string;
  positionals: Positionals;
  /** The options it takes besides the global ones (--no-color, --debug, --help). */
  options: readonly OptionName[];
  /**
   * Loads the command's module only when it runs, so `fsmkit --version`
   * or `fsmkit explore` never load what they do not use (the TypeScript
   * compiler behind the enum generator takes seconds to load).
   */
  load: () => Promise<CommandRunner>;
}

/**
 * Every command, in the order help lists them. A command refuses any option
 * not in its list (exit 2), so an option that would be silently ignored
 * never is.
 */
export const COMMANDS = {
  check: {
    usage: 'check [spec]',
    summary: 'validate the spec, check every verdict, compare the generated files with it',
    details:
      'Findings are printed as text, or with --format as JSON, GitHub workflow annotations (inline on a pull request) or SARIF 2.1.0 (for code scanning).',
    positionals: 'spec',
    options: ['spec', 'out', 'json', 'format', 'workers'],
    load: async () => (await import('./commands.js')).runCheck,
  },
  generate: {
    usage: 'generate [spec]',
    summary: 'write every generated file, all at once and atomically',
    details: 'Writes the code into outputs.dir and the docs pages and diagrams into outputs.docs.dir; with --out, only the code, into that folder.',
    positionals: 'spec',
    options: ['spec', 'out', 'json', 'workers'],
    load: async () => (await import('./commands.js')).runGenerate,
  },
  diagrams: {
    usage: 'diagrams [spec]',
    summary: 'write the Mermaid diagrams and docs pages, render them to SVG (needs Chrome or Chromium)',
    positionals: 'spec',
    options: ['spec', 'png', 'json'],
    load: async () => (await import('./commands.js')).runDiagrams,
  },
  explore: {
    usage: 'explore [spec]',
    summary: 'explore the pair exhaustively; prints the configuration x property matrix',
    positionals: 'spec',
    options: ['spec', 'config', 'matrix', 'max-states', 'max-memory', 'workers', 'relationships', 'symmetry', 'no-symmetry', 'json'],
    load: async () => (await import('./explore-command.js')).runExplore,
  },
  export: {
    usage: 'export promela [spec]',
    summary: 'the paired model of one configuration for the SPIN model checker',
    details: 'Prints Promela on stdout, or writes it to --out. There is no --json: the output is the model itself.',
    positionals: 'target-spec',
    options: ['spec', 'config', 'check', 'relationships', 'out'],
    load: async () => (await import('./export-command.js')).runExport,
  },
  vectors: {
    usage: 'vectors [spec]',
    summary: 'write conformance vectors (JSON, or a C header with --format c) that another implementation of one server must pass',
    details:
      'The rules coverage takes every rule of each role once and adds negative vectors; states, pairs and transitions come from the graph of one configuration (--config, the first by default). See docs/vectors.md.',
    positionals: 'spec',
    options: ['spec', 'config', 'coverage', 'format', 'out'],
    load: async () => (await import('./vectors-command.js')).runVectors,
  },
  'check-log': {
    usage: 'check-log <file...|->',
    summary: 'judge the state changes of server logs (one server, a central syslog, rotated files in any order) against the spec',
    details: 'Findings are printed as text, or with --format as JSON, GitHub workflow annotations or SARIF 2.1.0, each placed at its log line.',
    positionals: 'logs',
    options: ['spec', 'log-format', 'role', 'peer', 'profile', 'json', 'format'],
    load: async () => (await import('./check-log-command.js')).runCheckLog,
  },
  start: {
    usage: 'start [spec]',
    summary: 'the main job: check, explore, generate code, docs and diagrams, render SVG',
    positionals: 'spec',
    options: ['spec', 'png', 'no-svg', 'json', 'workers'],
    load: async () => (await import('./commands.js')).runStart,
  },
  init: {
    usage: 'init [name]',
    summary: 'write <name>.yaml, a small commented spec to start from (docs/spec-format.md walks through it)',
    positionals: 'name',
    options: [],
    load: async () => {
      const { DEFAULT_INIT_NAME, runInit } = await import('./init-command.js');
      return (options, io) => runInit(options.name ?? DEFAULT_INIT_NAME, io);
    },
  },
  help: {
    usage: 'help [command]',
    summary: 'show the usage of fsmkit or of one command',
    positionals: 'topic',
    options: [],
    load: async () => (await import('./help.js')).runHelp,
  },
  version: {
    usage: 'version',
    summary: 'print the version',
    positionals: 'none',
    options: [],
    load: async () => (await import('./help.js')).runVersion,
  },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

export function isCommand(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}
