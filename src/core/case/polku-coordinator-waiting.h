/* polku-coordinator-waiting.h: a client in the queue, waiting for a coordinator
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the queue (polku_coordinator_store_list_queue ()) says of one client whose case is
 * open but has no coordinator: who, in which phase, identified when, and how long they have
 * waited (since identification, or since their last coordinator's period ended when they had
 * one). An immutable snapshot: every property is construct-only.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define POLKU_TYPE_COORDINATOR_WAITING (polku_coordinator_waiting_get_type ())
G_DECLARE_FINAL_TYPE (PolkuCoordinatorWaiting, polku_coordinator_waiting, POLKU,
                      COORDINATOR_WAITING, GObject)

const char  *polku_coordinator_waiting_get_client_id     (PolkuCoordinatorWaiting *self);
const char  *polku_coordinator_waiting_get_given_name    (PolkuCoordinatorWaiting *self);
const char  *polku_coordinator_waiting_get_family_name   (PolkuCoordinatorWaiting *self);
const char  *polku_coordinator_waiting_get_phase         (PolkuCoordinatorWaiting *self);
const char  *polku_coordinator_waiting_get_identified_on (PolkuCoordinatorWaiting *self);
const char  *polku_coordinator_waiting_get_waiting_since (PolkuCoordinatorWaiting *self);
guint        polku_coordinator_waiting_get_days_waiting  (PolkuCoordinatorWaiting *self);

G_END_DECLS
