import type { Profile } from '../model/profiles.js';
import type { LogLine } from './log-event.js';

interface CompiledPattern {
  who: 'local' | 'partner';
  regex: RegExp;
}

interface CompiledProfileLog {
  profile: string;
  marker: string;
  patterns: CompiledPattern[];
  mentions?: RegExp;
}

/** Reads the messages of an implementation's log with the line patterns its profile declares. */
export class LinePatterns {
  private readonly logs: CompiledProfileLog[];
  /** The literals a line must contain to be read at all. */
  readonly markers: readonly string[];

  constructor(profiles: readonly Profile[]) {
    this.logs = profiles
      .filter((p) => p.log)
      .map((p) => {
        const log = p.log as NonNullable<Profile['log']>;
        const compiled: CompiledProfileLog = {
          profile: p.name,
          marker: log.marker,
          patterns: log.lines.map((l) => ({ who: l.who, regex: new RegExp(l.pattern) })),
        };
        if (log.mentions) compiled.mentions = new RegExp(log.mentions);
        return compiled;
      });
    this.markers = [...new Set(this.logs.map((l) => l.marker))];
  }

  get empty(): boolean {
    return this.logs.length === 0;
  }

  /** Names of the profiles whose patterns are used. */
  get profiles(): string[] {
    return this.logs.map((l) => l.profile);
  }

  /** Reads one message. */
  read(message: string): LogLine {
    for (const log of this.logs) {
      if (!message.includes(log.marker)) continue;
      for (const p of log.patterns) {
        const groups = p.regex.exec(message)?.groups;
        if (!groups || groups.relationship === undefined || groups.to === undefined) continue;
        const move: LogLine = { kind: 'move', peer: groups.relationship, who: p.who, to: groups.to };
        if (groups.from !== undefined) move.from = groups.from;
        if (groups.host !== undefined) move.host = groups.host;
        return move;
      }
      if (log.mentions?.test(message)) {
        return { kind: 'malformed', reason: `it speaks of a state change but matches none of the line patterns of profile ${log.profile}` };
      }
    }
    return null;
  }
}
