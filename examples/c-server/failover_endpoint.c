#include "failover_endpoint.h"

static int running(FSM_STATE s) { return s != INIT && s != PAUSED && s != SHUTDOWN && s != NO_STATE; }

static int serving(FSM_STATE s) {
  return s == NORMAL || s == COMMUNICATION_INT || s == PARTNER_DOWN || s == CONFLICT_DONE || s == RESOLUTION_INT;
}

static void enter(struct endpoint *e, FSM_STATE s, int previous) {
  e->state = s;
  e->previous = (s == STARTUP || s == PAUSED || s == SHUTDOWN) ? previous : NO_PREVIOUS;
}

static void resume(struct endpoint *e) {
  if (e->previous != NO_PREVIOUS) enter(e, (FSM_STATE)e->previous, NO_PREVIOUS);
}

/* What to remember when stopping: the state after the communications-failed transition. */
static int recorded(const struct endpoint *e) {
  switch (e->state) {
  case STARTUP: return e->previous;
  case NORMAL: return COMMUNICATION_INT;
  case POTENTIAL_CONFLICT: return RESOLUTION_INT;
  default: return e->state;
  }
}

static int in_conflict(FSM_STATE s) { return s == POTENTIAL_CONFLICT || s == RESOLUTION_INT || s == CONFLICT_DONE; }

void endpoint_start(struct endpoint *e) {
  if (e->state == INIT) enter(e, STARTUP, RECOVER);
}

void endpoint_partner_state(struct endpoint *e, const struct partner_view *p) {
  int connected = p->link == ENDPOINT_LINK_OK;
  int announced = p->link != ENDPOINT_LINK_DOWN && !p->startup && (p->shows == PAUSED || p->shows == SHUTDOWN);
  switch (e->state) {
  case STARTUP:
    if (!connected) return;
    if (p->shows == PARTNER_DOWN) enter(e, e->served_since_partner_down ? POTENTIAL_CONFLICT : RECOVER, NO_PREVIOUS);
    else resume(e);
    return;
  case PARTNER_DOWN:
    if (announced || !connected || p->startup) return; /* 9.4.3: ignore the STARTUP bit's messages */
    if (p->shows == RECOVER_DONE) enter(e, NORMAL, NO_PREVIOUS);
    else if (p->shows == NORMAL || p->shows == COMMUNICATION_INT || p->shows == PARTNER_DOWN || in_conflict(p->shows)) enter(e, POTENTIAL_CONFLICT, NO_PREVIOUS);
    return;
  case RECOVER:
    if (connected && in_conflict(p->shows)) enter(e, POTENTIAL_CONFLICT, NO_PREVIOUS);
    return;
  case RECOVER_DONE:
    if (connected && (p->shows == NORMAL || p->shows == RECOVER_DONE)) enter(e, NORMAL, NO_PREVIOUS);
    return;
  case NORMAL:
    if (announced) enter(e, p->shows == SHUTDOWN ? PARTNER_DOWN : COMMUNICATION_INT, NO_PREVIOUS);
    else if (connected && !(p->shows == NORMAL || p->shows == COMMUNICATION_INT || p->shows == RECOVER_DONE || p->shows == CONFLICT_DONE))
      enter(e, COMMUNICATION_INT, NO_PREVIOUS);
    return;
  case COMMUNICATION_INT:
    if (announced) {
      if (p->shows == SHUTDOWN) enter(e, PARTNER_DOWN, NO_PREVIOUS);
    } else if (connected) {
      if (p->shows == NORMAL || p->shows == COMMUNICATION_INT || p->shows == RECOVER_DONE) enter(e, NORMAL, NO_PREVIOUS);
      else if (p->shows == PARTNER_DOWN || in_conflict(p->shows)) enter(e, POTENTIAL_CONFLICT, NO_PREVIOUS);
    }
    return;
  case RESOLUTION_INT:
    if (connected) enter(e, POTENTIAL_CONFLICT, NO_PREVIOUS);
    return;
  case CONFLICT_DONE:
    if (connected && p->shows == NORMAL) enter(e, NORMAL, NO_PREVIOUS);
    return;
  case SHUTDOWN:
    if (p->link != ENDPOINT_LINK_DOWN && p->shows == PARTNER_DOWN) e->previous = RECOVER; /* 9.14.2 */
    return;
  default:
    return;
  }
}

void endpoint_update_done(struct endpoint *e, const struct partner_view *p) {
  if (p->link != ENDPOINT_LINK_OK || p->startup) return;
  if (e->state == RECOVER) {
    if (!in_conflict(p->shows)) enter(e, RECOVER_WAIT, NO_PREVIOUS);
  } else if (e->state == POTENTIAL_CONFLICT) {
    if (e->role == ROLE_PRIMARY && p->shows == POTENTIAL_CONFLICT) enter(e, CONFLICT_DONE, NO_PREVIOUS);
    else if (e->role == ROLE_SECONDARY && p->shows == CONFLICT_DONE) enter(e, NORMAL, NO_PREVIOUS);
  }
}

void endpoint_mclt_expired(struct endpoint *e) {
  if (e->state == RECOVER_WAIT) enter(e, RECOVER_DONE, NO_PREVIOUS);
}

void endpoint_connection_lost(struct endpoint *e) {
  if (e->state == NORMAL) enter(e, COMMUNICATION_INT, NO_PREVIOUS);
  else if (e->state == POTENTIAL_CONFLICT) enter(e, RESOLUTION_INT, NO_PREVIOUS);
}

void endpoint_crash(struct endpoint *e, int storage_lost) {
  if (running(e->state)) enter(e, STARTUP, storage_lost ? RECOVER : recorded(e));
}

void endpoint_pause(struct endpoint *e) {
  if (running(e->state)) enter(e, PAUSED, recorded(e));
}

void endpoint_shut_down(struct endpoint *e) {
  if (running(e->state)) enter(e, SHUTDOWN, recorded(e));
}

void endpoint_restart(struct endpoint *e) {
  if (e->state == PAUSED || e->state == SHUTDOWN) enter(e, STARTUP, e->previous);
}

void endpoint_operator_partner_down(struct endpoint *e) {
  if (e->state == NORMAL || e->state == COMMUNICATION_INT || e->state == RESOLUTION_INT) enter(e, PARTNER_DOWN, NO_PREVIOUS);
}

void endpoint_safe_period_expired(struct endpoint *e) {
  if (e->state == COMMUNICATION_INT) enter(e, PARTNER_DOWN, NO_PREVIOUS);
}

void endpoint_startup_timer_expired(struct endpoint *e, const struct partner_view *p) {
  if (e->state == STARTUP && p->link != ENDPOINT_LINK_OK) resume(e);
}

void endpoint_track(struct endpoint *e, int partner_down) {
  e->served_since_partner_down = partner_down && (e->served_since_partner_down || serving(e->state));
}
