/* polku-client-store.h: clients in the encrypted store
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "polku-client.h"
#include "polku-store.h"

G_BEGIN_DECLS

GPtrArray   *polku_client_store_list          (PolkuStore          *store,
                                               gboolean             include_archived,
                                               GError             **error);
GPtrArray   *polku_client_store_list_first    (PolkuStore          *store,
                                               guint                limit,
                                               GError             **error);
void         polku_client_store_list_async    (PolkuStore          *store,
                                               gboolean             include_archived,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GPtrArray   *polku_client_store_list_finish   (PolkuStore          *store,
                                               GAsyncResult        *result,
                                               GError             **error);
PolkuClient *polku_client_store_get           (PolkuStore          *store,
                                               const char          *id,
                                               GError             **error);
gboolean     polku_client_store_save          (PolkuStore          *store,
                                               PolkuClient         *client,
                                               GError             **error);
gboolean     polku_client_store_set_archived  (PolkuStore          *store,
                                               PolkuClient         *client,
                                               gboolean             archived,
                                               GError             **error);
gint64       polku_client_store_count         (PolkuStore          *store,
                                               GError             **error);

G_END_DECLS
