/* polku-client-row.h: one client in the client list
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "polku-client.h"

G_BEGIN_DECLS

#define POLKU_TYPE_CLIENT_ROW (polku_client_row_get_type ())
G_DECLARE_FINAL_TYPE (PolkuClientRow, polku_client_row, POLKU, CLIENT_ROW, GtkWidget)

GtkWidget   *polku_client_row_new        (void);
PolkuClient *polku_client_row_get_client (PolkuClientRow *self);
void         polku_client_row_set_client (PolkuClientRow *self,
                                          PolkuClient    *client);

G_END_DECLS
