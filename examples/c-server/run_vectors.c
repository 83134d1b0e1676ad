/*
 * Runs the C conformance vectors (`fsmkit vectors --format c`, saved as
 * dhcpv4_failover_vectors.h) against the endpoint; prints each failure with
 * its vector, step and section, and exits 1 when any fails.
 */
#include <stdio.h>

#include "dhcpv4_failover_vectors.h"
#include "failover_endpoint.h"

static int partner_running(const struct dhcpv4_failover_vector_step *s) {
  return s->partner_startup || !(s->partner == INIT || s->partner == PAUSED || s->partner == SHUTDOWN || s->partner == NO_STATE);
}

static void apply(struct endpoint *e, const struct dhcpv4_failover_vector_step *s) {
  struct partner_view p;
  p.shows = (FSM_STATE)s->partner;
  p.startup = s->partner_startup;
  p.link = s->link; /* the vectors' link enum has the same values */
  endpoint_track(e, s->watch); /* the partner may have moved while this server stood still */
  switch (s->event) {
  case DHCPV4_FAILOVER_EV_START: endpoint_start(e); break;
  case DHCPV4_FAILOVER_EV_PARTNER_STATE: endpoint_partner_state(e, &p); break;
  case DHCPV4_FAILOVER_EV_UPDATE_DONE: endpoint_update_done(e, &p); break;
  case DHCPV4_FAILOVER_EV_MCLT_EXPIRED: endpoint_mclt_expired(e); break;
  case DHCPV4_FAILOVER_EV_LINK_LOST: endpoint_connection_lost(e); break;
  case DHCPV4_FAILOVER_EV_CRASH: endpoint_crash(e, 0); break;
  case DHCPV4_FAILOVER_EV_CRASH_STORAGE_LOST: endpoint_crash(e, 1); break;
  case DHCPV4_FAILOVER_EV_PAUSE: endpoint_pause(e); break;
  case DHCPV4_FAILOVER_EV_SHUT_DOWN: endpoint_shut_down(e); break;
  case DHCPV4_FAILOVER_EV_RESTART: endpoint_restart(e); break;
  case DHCPV4_FAILOVER_EV_PARTNER_DOWN_CAREFUL:
    if (!partner_running(s)) endpoint_operator_partner_down(e); /* the careful operator checks first */
    break;
  case DHCPV4_FAILOVER_EV_PARTNER_DOWN_CARELESS: endpoint_operator_partner_down(e); break;
  case DHCPV4_FAILOVER_EV_SAFE_PERIOD_EXPIRED: endpoint_safe_period_expired(e); break;
  case DHCPV4_FAILOVER_EV_STARTUP_TIMER_EXPIRED: endpoint_startup_timer_expired(e, &p); break;
  default: break;
  }
  endpoint_track(e, s->watch);
}

static const char *name(int state) {
  const char *n = state < 0 ? "none" : fsm_state_name((FSM_STATE)state);
  return n ? n : "?";
}

int main(void) {
  size_t failed = 0, steps = 0, v, i;
  const size_t count = sizeof dhcpv4_failover_vectors / sizeof dhcpv4_failover_vectors[0];
  for (v = 0; v < count; v++) {
    const struct dhcpv4_failover_vector *vec = &dhcpv4_failover_vectors[v];
    struct endpoint e;
    e.role = vec->role;
    e.state = (FSM_STATE)vec->start_state;
    e.previous = vec->start_previous;
    e.served_since_partner_down = vec->start_flag;
    for (i = 0; i < vec->count; i++) {
      const struct dhcpv4_failover_vector_step *s = &dhcpv4_failover_steps[vec->first + i];
      steps++;
      apply(&e, s);
      if ((int)e.state != s->expect_state || e.previous != s->expect_previous || e.served_since_partner_down != s->expect_flag) {
        printf("vector %s failed at step %lu, section %s (rule %s): %s on partner %s%s\n", vec->id, (unsigned long)(i + 1), s->ref ? s->ref : "-",
               s->rule ? s->rule : "-", dhcpv4_failover_event_names[s->event], name(s->partner), s->partner_startup ? " (STARTUP bit)" : "");
        printf("  expected %s, previous %s, flag %d; actual %s, previous %s, flag %d\n", name(s->expect_state), name(s->expect_previous), s->expect_flag,
               name(e.state), name(e.previous), e.served_since_partner_down);
        failed++;
        break;
      }
    }
  }
  printf("%lu of %lu vectors passed (%lu steps)\n", (unsigned long)(count - failed), (unsigned long)count, (unsigned long)steps);
  return failed ? 1 : 0;
}
