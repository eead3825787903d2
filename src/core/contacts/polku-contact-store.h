/* polku-contact-store.h: the log of contacts and visits in the encrypted store
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "polku-contact.h"
#include "polku-continuity.h"
#include "polku-store.h"

G_BEGIN_DECLS

/* Audit actions (polku-audit.h); the detail names the contact's id only. */
#define POLKU_AUDIT_CONTACT_ADD     "contact.add"
#define POLKU_AUDIT_CONTACT_IMPORT  "contact.import"
#define POLKU_AUDIT_CONTACT_UPDATE  "contact.update"
#define POLKU_AUDIT_CONTACT_REMOVE  "contact.remove"
#define POLKU_AUDIT_CONTACT_LIST    "contact.list"

gboolean      polku_contact_store_add          (PolkuStore    *store,
                                                PolkuContact  *contact,
                                                GError       **error);
gboolean      polku_contact_store_add_all      (PolkuStore    *store,
                                                const char    *client_id,
                                                GPtrArray     *contacts,
                                                GError       **error);
gboolean      polku_contact_store_update       (PolkuStore    *store,
                                                PolkuContact  *contact,
                                                GError       **error);
gboolean      polku_contact_store_remove       (PolkuStore    *store,
                                                PolkuContact  *contact,
                                                GError       **error);
PolkuContact *polku_contact_store_get          (PolkuStore    *store,
                                                const char    *id,
                                                GError       **error);
GPtrArray    *polku_contact_store_list         (PolkuStore    *store,
                                                const char    *client_id,
                                                const char    *from,
                                                const char    *to,
                                                GError       **error);
void          polku_contact_store_list_async   (PolkuStore          *store,
                                                const char          *client_id,
                                                const char          *from,
                                                const char          *to,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GPtrArray    *polku_contact_store_list_finish  (PolkuStore    *store,
                                                GAsyncResult  *result,
                                                GError       **error);
/* The contacts as visits for polku-continuity (no-shows left out). The visits borrow the
 * contacts' strings: keep @contacts while the array is used. */
GArray       *polku_contacts_to_visits         (GPtrArray     *contacts);
gint64        polku_contact_store_count        (PolkuStore    *store,
                                                const char    *client_id,
                                                GError       **error);

G_END_DECLS
