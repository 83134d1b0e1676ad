/**
 * A DHCPv4 failover endpoint's state machine, written by hand the way an
 * implementer would (draft-ietf-dhc-failover-12, section 9): a class with a
 * switch on the state. It does not import anything generated; the
 * conformance vectors of `fsmkit vectors` check it against the spec.
 */

export type State =
  | 'INIT'
  | 'STARTUP'
  | 'NORMAL'
  | 'COMMUNICATION_INT'
  | 'PARTNER_DOWN'
  | 'POTENTIAL_CONFLICT'
  | 'CONFLICT_DONE'
  | 'RESOLUTION_INT'
  | 'RECOVER'
  | 'RECOVER_WAIT'
  | 'RECOVER_DONE'
  | 'PAUSED'
  | 'SHUTDOWN';

export type Role = 'primary' | 'secondary';

/** What this server knows of its partner when a message or timer arrives. */
export interface Partner {
  /** The state the partner shows (its previous-state while it is in STARTUP). */
  shows: State;
  /** The partner's messages carry the STARTUP bit. */
  startup: boolean;
  /** ok: connected; up: network up but no connection; down: network down. */
  link: 'ok' | 'up' | 'down';
}

const STOPPED: readonly State[] = ['INIT', 'PAUSED', 'SHUTDOWN'];
const SERVING: readonly State[] = ['NORMAL', 'COMMUNICATION_INT', 'PARTNER_DOWN', 'CONFLICT_DONE', 'RESOLUTION_INT'];

export class FailoverEndpoint {
  state: State;
  /** The state to resume after STARTUP (kept in STARTUP, PAUSED and SHUTDOWN only). */
  previous: State | null;
  /** Has served clients since the partner entered PARTNER-DOWN (9.3.2 step 5, stands for the time comparison). */
  servedSincePartnerDown: boolean;

  constructor(
    readonly role: Role,
    state: State = 'INIT',
    previous: State | null = null,
    servedSincePartnerDown = false,
  ) {
    this.state = state;
    this.previous = previous;
    this.servedSincePartnerDown = servedSincePartnerDown;
  }

  get running(): boolean {
    return !STOPPED.includes(this.state);
  }

  /** Failover starts on a server with nothing in stable storage (9.3.2 step 1). */
  start(): void {
    if (this.state === 'INIT') this.enter('STARTUP', 'RECOVER');
  }

  /** A STATE message (or the partner's state seen on connecting). */
  partnerState(p: Partner): void {
    const connected = p.link === 'ok';
    // A partner that is not connected can still be seen if it announced that it stops (9.13, 9.14.1).
    const announced = p.link !== 'down' && !p.startup && (p.shows === 'PAUSED' || p.shows === 'SHUTDOWN');
    switch (this.state) {
      case 'STARTUP':
        if (!connected) return;
        if (p.shows === 'PARTNER_DOWN') this.enter(this.servedSincePartnerDown ? 'POTENTIAL_CONFLICT' : 'RECOVER');
        else this.resume();
        return;
      case 'PARTNER_DOWN':
        if (announced) return;
        if (!connected || p.startup) return; // 9.4.3: ignore the STARTUP bit's messages
        if (['NORMAL', 'COMMUNICATION_INT', 'PARTNER_DOWN', 'POTENTIAL_CONFLICT', 'RESOLUTION_INT', 'CONFLICT_DONE'].includes(p.shows)) {
          this.enter('POTENTIAL_CONFLICT');
        } else if (p.shows === 'RECOVER_DONE') this.enter('NORMAL');
        return;
      case 'RECOVER':
        if (connected && ['POTENTIAL_CONFLICT', 'RESOLUTION_INT', 'CONFLICT_DONE'].includes(p.shows)) this.enter('POTENTIAL_CONFLICT');
        return;
      case 'RECOVER_DONE':
        if (connected && (p.shows === 'NORMAL' || p.shows === 'RECOVER_DONE')) this.enter('NORMAL');
        return;
      case 'NORMAL':
        if (announced) this.enter(p.shows === 'SHUTDOWN' ? 'PARTNER_DOWN' : 'COMMUNICATION_INT');
        else if (connected && !['NORMAL', 'COMMUNICATION_INT', 'RECOVER_DONE', 'CONFLICT_DONE'].includes(p.shows)) this.enter('COMMUNICATION_INT');
        return;
      case 'COMMUNICATION_INT':
        if (announced) {
          if (p.shows === 'SHUTDOWN') this.enter('PARTNER_DOWN');
        } else if (connected) {
          if (['NORMAL', 'COMMUNICATION_INT', 'RECOVER_DONE'].includes(p.shows)) this.enter('NORMAL');
          else if (['PARTNER_DOWN', 'POTENTIAL_CONFLICT', 'CONFLICT_DONE', 'RESOLUTION_INT'].includes(p.shows)) this.enter('POTENTIAL_CONFLICT');
        }
        return;
      case 'RESOLUTION_INT':
        if (connected) this.enter('POTENTIAL_CONFLICT');
        return;
      case 'CONFLICT_DONE':
        if (connected && p.shows === 'NORMAL') this.enter('NORMAL');
        return;
      case 'SHUTDOWN':
        // 9.14.2: the partner took over, so come back in RECOVER.
        if (p.link !== 'down' && p.shows === 'PARTNER_DOWN') this.previous = 'RECOVER';
        return;
      default:
        return;
    }
  }

  /** An UPDDONE message: the updates this server asked for have all arrived. */
  updateDone(p: Partner): void {
    if (p.link !== 'ok' || p.startup) return;
    if (this.state === 'RECOVER') {
      if (!['POTENTIAL_CONFLICT', 'RESOLUTION_INT', 'CONFLICT_DONE'].includes(p.shows)) this.enter('RECOVER_WAIT');
    } else if (this.state === 'POTENTIAL_CONFLICT') {
      if (this.role === 'primary' && p.shows === 'POTENTIAL_CONFLICT') this.enter('CONFLICT_DONE');
      else if (this.role === 'secondary' && p.shows === 'CONFLICT_DONE') this.enter('NORMAL');
    }
  }

  /** The maximum client lead time has passed since entering RECOVER-WAIT (9.6.2). */
  mcltExpired(): void {
    if (this.state === 'RECOVER_WAIT') this.enter('RECOVER_DONE');
  }

  /** The connection to the partner ended: communications-failed (9.2). */
  connectionLost(): void {
    if (this.state === 'NORMAL') this.enter('COMMUNICATION_INT');
    else if (this.state === 'POTENTIAL_CONFLICT') this.enter('RESOLUTION_INT');
  }

  /** The process crashed and came back (9.3.2 steps 1 and 2). */
  crash(storageLost: boolean): void {
    if (!this.running) return;
    this.enter('STARTUP', storageLost ? 'RECOVER' : this.recorded());
  }

  pause(): void {
    if (this.running) this.enter('PAUSED', this.recorded());
  }

  shutDown(): void {
    if (this.running) this.enter('SHUTDOWN', this.recorded());
  }

  restart(): void {
    if (this.state === 'PAUSED' || this.state === 'SHUTDOWN') this.enter('STARTUP', this.previous);
  }

  /** The operator says the partner is down (9.8.4, 9.9.3, 9.11.3). */
  operatorPartnerDown(): void {
    if (this.state === 'NORMAL' || this.state === 'COMMUNICATION_INT' || this.state === 'RESOLUTION_INT') this.enter('PARTNER_DOWN');
  }

  /** The safe period ran out in COMMUNICATIONS-INTERRUPTED (10). */
  safePeriodExpired(): void {
    if (this.state === 'COMMUNICATION_INT') this.enter('PARTNER_DOWN');
  }

  /** The STARTUP timer ran out without reaching the partner (9.3.2 step 6). */
  startupTimerExpired(p: Partner): void {
    if (this.state === 'STARTUP' && p.link !== 'ok') this.resume();
  }

  /** Track served-since-partner-down: `partnerDown` while the partner is (or stands for) PARTNER-DOWN. */
  track(partnerDown: boolean): void {
    this.servedSincePartnerDown = partnerDown && (this.servedSincePartnerDown || SERVING.includes(this.state));
  }

  private resume(): void {
    if (this.previous !== null) this.enter(this.previous);
  }

  /** What to remember when stopping: the state after the communications-failed transition. */
  private recorded(): State | null {
    if (this.state === 'STARTUP') return this.previous;
    if (this.state === 'NORMAL') return 'COMMUNICATION_INT';
    if (this.state === 'POTENTIAL_CONFLICT') return 'RESOLUTION_INT';
    return this.state;
  }

  private enter(state: State, previous: State | null = null): void {
    this.state = state;
    this.previous = state === 'STARTUP' || state === 'PAUSED' || state === 'SHUTDOWN' ? previous : null;
  }
}
