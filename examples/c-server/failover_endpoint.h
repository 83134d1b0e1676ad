/*
 * A DHCPv4 failover endpoint's state machine in C99, written by hand
 * (draft-ietf-dhc-failover-12, section 9) on the state enum fsmkit
 * generates (generated/fsm_state.h). The conformance vectors of
 * `fsmkit vectors --format c` check it against the spec.
 */
#ifndef FAILOVER_ENDPOINT_H
#define FAILOVER_ENDPOINT_H

#include "fsm_state.h"

enum endpoint_role { ROLE_PRIMARY = 0, ROLE_SECONDARY = 1 };
enum endpoint_link { ENDPOINT_LINK_OK = 0, ENDPOINT_LINK_UP = 1, ENDPOINT_LINK_DOWN = 2 };

/* No previous-state. */
#define NO_PREVIOUS (-1)

struct endpoint {
  int role;
  FSM_STATE state;
  /* The state to resume after STARTUP, or NO_PREVIOUS. */
  int previous;
  /* Served clients since the partner entered PARTNER-DOWN (9.3.2 step 5). */
  int served_since_partner_down;
};

/* What the server knows of its partner when a message or timer arrives. */
struct partner_view {
  FSM_STATE shows;
  int startup;
  int link;
};

void endpoint_start(struct endpoint *e);
void endpoint_partner_state(struct endpoint *e, const struct partner_view *p);
void endpoint_update_done(struct endpoint *e, const struct partner_view *p);
void endpoint_mclt_expired(struct endpoint *e);
void endpoint_connection_lost(struct endpoint *e);
void endpoint_crash(struct endpoint *e, int storage_lost);
void endpoint_pause(struct endpoint *e);
void endpoint_shut_down(struct endpoint *e);
void endpoint_restart(struct endpoint *e);
void endpoint_operator_partner_down(struct endpoint *e);
void endpoint_safe_period_expired(struct endpoint *e);
void endpoint_startup_timer_expired(struct endpoint *e, const struct partner_view *p);
void endpoint_track(struct endpoint *e, int partner_down);

#endif
