import { relative } from 'node:path';
import { notAFile } from '../io/read-text-file.js';
import { writeFilesAtomically } from '../io/write-atomic.js';
import { specSchemaPath } from '../spec/check-schema.js';
import { SPEC_NAME, starterSpecFile } from '../spec/starter-spec.js';
import { type CliIo, EXIT, type ExitCode, UsageError } from './cli-io.js';

/** The machine name `fsmkit init` uses when none is given. */
export const DEFAULT_INIT_NAME = 'heartbeat';

/** `fsmkit init [name]`: writes `<name>.yaml`, a small commented spec that checks, generates and explores as it is. */
export async function runInit(name: string, io: CliIo): Promise<ExitCode> {
  if (!SPEC_NAME.test(name)) {
    throw new UsageError(`"${name}" is not a machine name`, 'use lower-case words joined by hyphens, for example `fsmkit init door-lock`');
  }
  const file = starterSpecFile(io.cwd, name, specSchemaPath());
  const shown = relative(io.cwd, file.path);
  if ((await notAFile(file.path)) === undefined)
    throw new UsageError(`${shown} exists already; fsmkit init never overwrites a file`, 'choose another name: `fsmkit init <name>`');
  await writeFilesAtomically([file]);
  io.stdout(`wrote ${shown}\nnext: fsmkit generate ${shown} && fsmkit check ${shown} && fsmkit explore ${shown}\n`);
  return EXIT.ok;
}
