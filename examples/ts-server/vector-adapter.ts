import { FailoverEndpoint, type Role, type State } from './failover-endpoint.js';

/** The fields of a vector input this adapter reads (see spec/fsmkit-vectors.schema.json). */
interface Input {
  event: string;
  partner: string;
  partnerStartup: boolean;
  link: 'ok' | 'up' | 'down';
  watch: boolean;
}

/**
 * Connects the endpoint to the harness of `fsmkit/testing`: each vector
 * input becomes the call an implementation would get from its network code,
 * timers or operator.
 */
export class EndpointAdapter {
  endpoint = new FailoverEndpoint('primary');

  reset(start: { role: string; state: string; previous: string | null; flag: boolean }): void {
    this.endpoint = new FailoverEndpoint(start.role as Role, start.state as State, start.previous as State | null, start.flag);
  }

  apply(input: Input): void {
    const e = this.endpoint;
    const partner = { shows: input.partner as State, startup: input.partnerStartup, link: input.link };
    const partnerRunning = input.partnerStartup || !['INIT', 'PAUSED', 'SHUTDOWN', 'NO_STATE'].includes(input.partner);
    // The partner may have entered or left PARTNER-DOWN while this server stood still.
    e.track(input.watch);
    switch (input.event) {
      case 'start':
        e.start();
        break;
      case 'partner-state':
        e.partnerState(partner);
        break;
      case 'update-done':
        e.updateDone(partner);
        break;
      case 'mclt-expired':
        e.mcltExpired();
        break;
      case 'link-lost':
        e.connectionLost();
        break;
      case 'crash':
        e.crash(false);
        break;
      case 'crash-storage-lost':
        e.crash(true);
        break;
      case 'pause':
        e.pause();
        break;
      case 'shut-down':
        e.shutDown();
        break;
      case 'restart':
        e.restart();
        break;
      case 'partner-down-careful':
        // The careful operator first checks that the partner is not running.
        if (!partnerRunning) e.operatorPartnerDown();
        break;
      case 'partner-down-careless':
        e.operatorPartnerDown();
        break;
      case 'safe-period-expired':
        e.safePeriodExpired();
        break;
      case 'startup-timer-expired':
        e.startupTimerExpired(partner);
        break;
      default:
        throw new Error(`the endpoint has no input "${input.event}"`);
    }
    e.track(input.watch);
  }

  state(): { state: string; previous: string | null; flag: boolean } {
    return { state: this.endpoint.state, previous: this.endpoint.previous, flag: this.endpoint.servedSincePartnerDown };
  }
}
