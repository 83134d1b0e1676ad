import { join, relative, sep } from 'node:path';

/** Machine names are slugs: lower-case words joined by hyphens (the schema's `slug`). */
export const SPEC_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export interface StarterOptions {
  /** The machine name, a slug; it names the spec file and the generated files. */
  name: string;
  /** Path of spec/fsmkit.schema.json as seen from the new spec file, for the editor's `$schema` line. */
  schema: string;
}

/**
 * A small commented spec to start from: two servers that find each other,
 * pair, lose the link and crash, with the properties and configurations to
 * explore them. It checks, generates, draws and explores cleanly as written,
 * so a new author changes a working spec instead of starting from nothing.
 * @returns the YAML text
 */
export function starterSpec(options: StarterOptions): string {
  const { name, schema } = options;
  if (!SPEC_NAME.test(name)) throw new Error(`internal: starterSpec needs a slug, not ${JSON.stringify(name)}`);
  const typeName = `${name
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('')}State`;
  return `# yaml-language-server: $schema=${schema}
#
# ${name}: two servers that watch each other with a heartbeat. Written by
# \`fsmkit init\` as a starting point: it checks, generates, draws and
# explores as it is. Change it step by step, running \`fsmkit check\` after
# each change; docs/spec-format.md explains every field.
fsmkit: 1
name: ${name}
title: Heartbeat pair
# Where \`fsmkit generate\` writes code and pages, relative to this file.
outputs:
  dir: generated
  enum: { name: ${typeName}, numbering: code }
  docs: { dir: generated/docs }

# The two servers of the pair. Rules apply to both unless they name a role.
roles:
  - name: first
    description: One server of the pair.
  - name: second
    description: The other server.

# Numbers for the states in the generated enum, C header and JSON.
numberings:
  - name: code
    description: The state's number on the wire.
    required: true

# What a server does for its clients in a state.
services:
  - name: serving
    description: Answers requests.
    serves: true
  - name: stopped
    description: Answers nothing.
    serves: false

states:
  - name: DOWN
    values: { code: 0 }
    service: stopped
    communicating: false
    roles: [first, second]
    running: false # a stopped server does not run the protocol
    description: The server is stopped.
  - name: ALONE
    values: { code: 1 }
    service: serving
    communicating: false
    roles: [first, second]
    description: The server runs and has not found its partner.
  - name: PAIRED
    values: { code: 2 }
    service: serving
    communicating: true
    roles: [first, second]
    description: Both servers run and exchange heartbeats.

events:
  # protocol events are always possible; rules react to them.
  - name: start
    kind: protocol
    description: The server starts.
  - name: heartbeat
    kind: protocol
    description: A heartbeat arrives from the partner.
  # taken by every running server the moment the link breaks.
  - name: link-lost
    kind: link-lost
    description: The heartbeats stop.
  # environment events happen to the pair; a configuration switches them on.
  - name: crash
    kind: environment
    action: halt
    to: DOWN
    description: The server crashes.
  - name: network-fails
    kind: environment
    action: network-down
    description: The network between the servers fails.
  - name: network-heals
    kind: environment
    action: network-up
    healing: true # allowed on the way back when checking recovery
    description: The network comes back.

# One row of the table each: from a state, on an event, to a state.
rules:
  - id: start-alone
    from: DOWN
    to: ALONE
    on: start
    link: any # whatever the link, a server can start
    description: A started server runs alone until it hears its partner.
  - id: pair-up
    from: ALONE
    to: PAIRED
    on: heartbeat
    partner: [ALONE, PAIRED] # only a running partner sends heartbeats
    description: A heartbeat from the partner pairs the server.
  - id: lose-partner
    from: PAIRED
    to: ALONE
    on: link-lost
    description: Without heartbeats the server runs alone again.

# The pair as the explorer builds it: both servers start in DOWN.
pair:
  initial: { state: DOWN, network: up }
  goal: { first: PAIRED, second: PAIRED }

properties:
  - name: reachable
    kind: reachability
    description: Every state is entered and every rule fires.
  - name: no-stuck
    kind: no-stuck
    description: The pair never gets stuck while the link is ok.
  - name: recoverable
    kind: recoverable
    description: From anywhere, the pair can get back to PAIRED and PAIRED.

# Which environment events are on, and the verdicts expected.
configurations:
  - name: steady
    description: Nothing fails.
    steps: []
    expect:
      reachable:
        unfired: [lose-partner]
      no-stuck: holds
      recoverable: holds
  - name: faults
    description: Servers crash and the network fails and heals.
    steps: [crash, network-fails, network-heals]
    expect:
      reachable: {}
      no-stuck: holds
      recoverable: holds
`;
}

/**
 * The starter spec as a file to write into `dir`: `<name>.yaml`, whose
 * `$schema` line points at the schema fsmkit itself uses, relative to the
 * new file (inside a project that installed fsmkit, under node_modules).
 * @param dir absolute folder the file goes into
 * @param schemaPath absolute path of spec/fsmkit.schema.json
 */
export function starterSpecFile(dir: string, name: string, schemaPath: string): { path: string; contents: string } {
  let schema = relative(dir, schemaPath).split(sep).join('/');
  if (!schema.startsWith('.')) schema = `./${schema}`;
  return { path: join(dir, `${name}.yaml`), contents: starterSpec({ name, schema }) };
}
