export const HELP = `fsmkit: check, generate and explore paired-server state machines

Usage: fsmkit <command> [spec] [options]

Commands:
  check [spec]      validate the spec and compare the generated files with it
  generate [spec]   write every generated file (atomically)
  diagrams [spec]   write the Mermaid diagrams and docs pages, render them to SVG (needs Chrome/Chromium)
  explore [spec]    explore the pair exhaustively; prints the configuration x property matrix
  export promela [spec]
                    the paired model of one configuration (--config) for the SPIN model checker
  vectors [spec] [--coverage rules|states|pairs|transitions] [--config NAME] [--format json|c]
                    conformance vectors: inputs for one server and the state it must reach
  check-log <file|-> [--format isc|jsonl] [--role R] [--peer NAME] [--profile NAME] [--spec FILE]
                    judge the failover state changes of a server log (ISC dhcpd syslog, or JSONL)
  start [spec]      the main job: check, explore, generate code, docs and diagrams, render SVG
  help              show this text

[spec] defaults to spec/dhcpv4-failover.yaml.

Options:
  --out <path>      generate/check: folder for generated files instead of the spec's outputs.dir;
                    export, vectors: the file to write instead of stdout
  --config <name>   explore: one configuration, with every counterexample trace;
                    vectors: the configuration whose graph the paths come from (default: the first)
  --matrix          explore: every configuration in one table (the default)
  --max-states <n>  explore: stop after n states (default 1000000000)
  --max-memory <mb> explore: stop when the process uses more memory (default 8192)
  --relationships <k>
                    explore, export promela: k relationships between the same two hosts
                    (host and network events act on all of them at once)
  --no-symmetry     explore: count states that differ only by the order of relationships
                    separately (--symmetry, the default, counts them once)
  --check <name>    export promela: assert this invariant or no-stuck property after every step
  --spec <file>     the spec to use (check-log; other commands take it as [spec])
  --format <f>      check-log: isc (default) or jsonl; vectors: json (default) or c
  --coverage <c>    vectors: rules (default: every rule once, and inputs that must change nothing),
                    or states, pairs, transitions (shortest paths of --config's graph covering each)
  --role <role>     check-log: the local server's role, when the log does not reveal it
  --peer <name>     check-log: judge only this failover relationship
  --profile <name>  check-log: accept the known departures of this implementation (e.g. isc-dhcpd)
  --png             diagrams, start: render PNG beside SVG
  --no-svg          start: do not start a browser to render SVG
  --json            print a machine-readable result on stdout
  --no-color        no ANSI colours (NO_COLOR is honoured too)
  --debug           show stack traces of internal errors
  -h, --help        show this text
  -v, --version     print the version

Exit codes: 0 success, 1 findings (invalid spec, stale output, unexpected verdict),
2 usage error or unreadable log, 3 internal error (please report it).
`;

export const DEFAULT_SPEC = 'spec/dhcpv4-failover.yaml';
