import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { primaryMachine } from '../../generated/dhcpv4-failover.xstate.js';

describe('the README example of the XState machine', () => {
  it('starts, leaves STARTUP for its previous-state RECOVER once the partner answers', () => {
    const server = createActor(primaryMachine).start();
    server.send({ type: 'start', partner: 'INIT', partnerStartup: false, link: 'up', watch: false });
    expect(server.getSnapshot().value).toBe('STARTUP');
    expect(server.getSnapshot().context.previous).toBe('RECOVER');
    server.send({ type: 'partner-state', partner: 'RECOVER', partnerStartup: true, link: 'ok', watch: false });
    expect(server.getSnapshot().value).toBe('RECOVER');
    expect(server.getSnapshot().context.previous).toBeNull();
  });
});
