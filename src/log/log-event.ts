/** One state change read from a log, before it is judged. */
export interface LogMove {
  kind: 'move';
  /** The relationship (the name both servers give it). */
  peer: string;
  /** "local": this server moved; "partner": the partner's move as this server learnt it. */
  who: 'local' | 'partner';
  /** Names as the log writes them (any name or alias of the spec). */
  from?: string;
  to: string;
  /** The server that wrote the line, when the line or its envelope names it. */
  host?: string;
}

/** A line that looks like a state change but cannot be read as one. */
export interface LogMalformed {
  kind: 'malformed';
  reason: string;
}

/** What a line reader makes of one message; null for lines that say nothing about states. */
export type LogLine = LogMove | LogMalformed | null;

/** A state change with where it was read and when it happened. */
export interface LogEvent {
  /** Index of the input file. */
  input: number;
  line: number;
  text: string;
  time?: number;
  move: LogMove;
  /** rsyslog folded this many more copies of the line. */
  repeated?: number;
  /** The time the event is ordered by (its own, or the last one before it); set by the time order. */
  order: number;
}
