/** What a log line says around its message: when, from which host, how often. */
export interface Envelope {
  /** Milliseconds since 1970 (UTC), when the line carries a time. */
  time?: number;
  host?: string;
  message: string;
  /** rsyslog's "message repeated N times: [...]": the message stands for N more lines. */
  repeated?: number;
  /** The time was written without a year (traditional syslog). */
  yearless?: true;
}

/** Envelopes check-log reads; `auto` tells them apart line by line. */
export const ENVELOPES = ['auto', 'syslog', 'rfc5424', 'journald', 'docker', 'plain'] as const;
export type EnvelopeFormat = (typeof ENVELOPES)[number];

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// rsyslog's file format with an RFC 3339 time: "2026-11-28T10:00:01.123+01:00 host tag[pid]: message".
const ISO = /^(\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?) (\S+) (.*)$/;
// RFC 5424: "<PRI>1 TIMESTAMP HOST APP PROCID MSGID STRUCTURED-DATA MSG".
const RFC5424 = /^(?:<\d{1,3}>)?1 (\S+) (\S+) \S+ \S+ \S+ (-|(?:\[(?:[^\]\\]|\\.)*\])+)(?: (.*))?$/;
const REPEATED = /^(?:\S+ )?message repeated (\d+) times: \[ ?(.*?) ?\]$/;
const TAG = /^[^\s:[\]]+(?:\[\d+\])?: /;

/**
 * Reads dates without a year (traditional syslog) in a running year that
 * steps on when the month falls back (December to January), so a log that
 * spans New Year stays in order. The first year is 2000: only the order of
 * times matters to check-log.
 */
export class YearClock {
  private year = 2000;
  private lastMonth = -1;

  at(month: number): number {
    if (this.lastMonth >= 0 && month < this.lastMonth - 5) this.year++;
    this.lastMonth = month;
    return this.year;
  }
}

/** Splits one line into its envelope and message; a line with no envelope is all message. */
export function readEnvelope(line: string, format: EnvelopeFormat, clock: YearClock): Envelope {
  const first = line.charCodeAt(0);
  if (format === 'journald' || format === 'docker' || (format === 'auto' && first === 0x7b) /* { */) {
    const json = readJsonEnvelope(line);
    if (json) return json;
    if (format !== 'auto') return { message: line };
  }
  if (format === 'rfc5424' || format === 'auto') {
    const m = RFC5424.exec(line);
    if (m) {
      const envelope: Envelope = { message: (m[4] ?? '').replace(/^\uFEFF/, '') };
      const time = Date.parse(m[1] as string);
      if (!Number.isNaN(time)) envelope.time = time;
      if (m[2] !== '-') envelope.host = m[2] as string;
      return envelope;
    }
    if (format === 'rfc5424') return { message: line };
  }
  if (format === 'syslog' || format === 'auto') {
    const bsd = readTraditional(line, clock);
    if (bsd) return bsd;
    const iso = ISO.exec(line);
    if (iso) {
      const envelope = withRepeat({ host: iso[2] as string, message: iso[3] as string });
      const time = Date.parse((iso[1] as string).replace(' ', 'T'));
      if (!Number.isNaN(time)) envelope.time = time;
      return envelope;
    }
  }
  return withRepeat({ message: line });
}

const MONTH_INDEX = new Map(MONTHS.map((m, i) => [m, i]));

/**
 * Traditional syslog (RFC 3164): "Nov 28 10:00:01 host tag[pid]: message",
 * optionally behind <PRI>. Read by hand, not by a regular expression: this
 * runs for every state change of a long log.
 */
function readTraditional(line: string, clock: YearClock): Envelope | undefined {
  let i = 0;
  if (line.charCodeAt(0) === 0x3c /* < */) {
    i = line.indexOf('>');
    if (i < 2 || i > 4) return undefined;
    i++;
  }
  const month = MONTH_INDEX.get(line.slice(i, i + 3));
  if (month === undefined || line.charCodeAt(i + 3) !== 0x20) return undefined;
  i += 4;
  if (line.charCodeAt(i) === 0x20) i++;
  const digit = (at: number) => {
    const c = line.charCodeAt(at) - 0x30;
    return c >= 0 && c <= 9 ? c : -1;
  };
  let day = digit(i);
  if (day < 0) return undefined;
  i++;
  if (digit(i) >= 0) day = day * 10 + digit(i++);
  if (line.charCodeAt(i) !== 0x20) return undefined;
  const two = (at: number) => (digit(at) < 0 || digit(at + 1) < 0 ? -1 : digit(at) * 10 + digit(at + 1));
  const hh = two(i + 1);
  const mm = two(i + 4);
  const ss = two(i + 7);
  if (hh < 0 || mm < 0 || ss < 0 || line.charCodeAt(i + 3) !== 0x3a || line.charCodeAt(i + 6) !== 0x3a || line.charCodeAt(i + 9) !== 0x20) return undefined;
  const hostStart = i + 10;
  const hostEnd = line.indexOf(' ', hostStart);
  if (hostEnd <= hostStart) return undefined;
  const envelope = withRepeat({ host: line.slice(hostStart, hostEnd), message: line.slice(hostEnd + 1) });
  envelope.time = Date.UTC(clock.at(month), month, day, hh, mm, ss);
  envelope.yearless = true;
  return envelope;
}

/**
 * Unwraps rsyslog's repeat notice. The program tag ("named[1201]: ") stays
 * in the message: line patterns are not anchored, so it costs nothing there.
 */
function withRepeat(envelope: Envelope): Envelope {
  if (!envelope.message.includes('message repeated ')) return envelope;
  const tag = TAG.exec(envelope.message);
  const message = tag ? envelope.message.slice(tag[0].length) : envelope.message;
  const repeat = REPEATED.exec(message);
  if (repeat) {
    envelope.message = repeat[2] as string;
    envelope.repeated = Number(repeat[1]);
  }
  return envelope;
}

/** journald's `-o json` (MESSAGE, _HOSTNAME, __REALTIME_TIMESTAMP) or Docker's json-file driver (log, time). */
function readJsonEnvelope(line: string): Envelope | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  if (v.MESSAGE !== undefined) {
    // journald writes a message that is not valid UTF-8 as an array of bytes.
    const message = Array.isArray(v.MESSAGE) ? Buffer.from(v.MESSAGE.filter((b) => typeof b === 'number')).toString('utf8') : String(v.MESSAGE);
    const envelope: Envelope = { message };
    if (typeof v._HOSTNAME === 'string') envelope.host = v._HOSTNAME;
    if (typeof v.__REALTIME_TIMESTAMP === 'string' && /^\d+$/.test(v.__REALTIME_TIMESTAMP)) {
      envelope.time = Math.floor(Number(v.__REALTIME_TIMESTAMP) / 1000);
    }
    return envelope;
  }
  if (typeof v.log === 'string') {
    const inner = v.log.replace(/\r?\n$/, '');
    // The container's own output may carry a syslog envelope of its own.
    const envelope = readEnvelope(inner, 'syslog', new YearClock());
    delete envelope.time;
    delete envelope.yearless;
    if (typeof v.time === 'string') {
      const time = Date.parse(v.time);
      if (!Number.isNaN(time)) envelope.time = time;
    }
    return envelope;
  }
  return undefined;
}
