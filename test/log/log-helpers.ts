import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { type CheckLogOptions, checkLog, type LogInput, type LogReport } from '../../src/log/check-log.js';
import { loadSpec } from '../../src/model/check-spec.js';
import type { Model } from '../../src/model/model.js';
import { BUNDLED_SPEC, repoPath } from '../helpers/paths.js';

export const model = (await loadSpec(BUNDLED_SPEC)).model as Model;

/** A log fixture's text. */
export const fixture = (name: string): string => readFileSync(repoPath(`test/fixtures/logs/${name}`), 'utf8');

/** An in-memory input. */
export const input = (name: string, content: string | Buffer): LogInput => ({ name, open: () => Readable.from([Buffer.from(content)]) });

/** Judges one in-memory log. */
export const check = (content: string | Buffer, options: CheckLogOptions = {}): Promise<LogReport> => checkLog(model, [input('test.log', content)], options);

/** Findings as [line, class] pairs. */
export const classes = (report: LogReport): [number, string][] => report.findings.map((f) => [f.line, f.class]);

/** An ISC dhcpd syslog line, as server/failover.c writes it behind syslog's prefix. */
export const isc = (time: string, host: string, peer: string, text: string, pid = 1201): string =>
  `Nov 28 ${time} ${host} dhcpd[${pid}]: failover peer ${peer}: ${text}`;
