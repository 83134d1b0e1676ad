/** One state change read from a log, before it is judged. */
export interface LogMove {
  kind: 'move';
  /** The relationship (ISC's failover peer name). */
  peer: string;
  /** "local": this server moved; "partner": the partner's move as this server learnt it. */
  who: 'local' | 'partner';
  /** Names as the log writes them (ISC names, or any name or alias of the spec). */
  from?: string;
  to: string;
}

/** A line that looks like a state change but cannot be read as one. */
export interface LogMalformed {
  kind: 'malformed';
  reason: string;
}

/** What a line reader makes of one line; null for lines that say nothing about states. */
export type LogLine = LogMove | LogMalformed | null;
