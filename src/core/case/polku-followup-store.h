/* polku-followup-store.h: follow-up tasks (seuranta) in the store
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tasks with due dates attached to a client's case, and the "upcoming and overdue" list
 * across all clients.
 */
#pragma once

#include <glib-object.h>

#include "polku-followup.h"
#include "polku-store.h"

G_BEGIN_DECLS

#define POLKU_FOLLOWUP_ERROR (polku_followup_error_quark ())

typedef enum
{
  POLKU_FOLLOWUP_ERROR_INVALID,    /* the input is wrong; nothing was changed */
  POLKU_FOLLOWUP_ERROR_NOT_FOUND,  /* no such follow-up */
} PolkuFollowupError;

GQuark          polku_followup_error_quark    (void);

PolkuFollowup  *polku_followup_store_add      (PolkuStore     *store,
                                               PolkuFollowup  *draft,
                                               GError        **error);
PolkuFollowup  *polku_followup_store_done     (PolkuStore     *store,
                                               const char     *followup_id,
                                               const char     *date,
                                               GError        **error);
GPtrArray      *polku_followup_store_list     (PolkuStore     *store,
                                               const char     *client_id,
                                               gboolean        include_done,
                                               GError        **error);
GPtrArray      *polku_followup_store_list_due (PolkuStore     *store,
                                               const char     *until,
                                               GError        **error);
gboolean        polku_followup_is_overdue     (PolkuFollowup  *followup,
                                               const char     *today);

G_END_DECLS
