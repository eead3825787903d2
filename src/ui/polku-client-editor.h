/* polku-client-editor.h: adds a client or edits one
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "polku-client.h"
#include "polku-store.h"

G_BEGIN_DECLS

#define POLKU_TYPE_CLIENT_EDITOR (polku_client_editor_get_type ())
G_DECLARE_FINAL_TYPE (PolkuClientEditor, polku_client_editor, POLKU, CLIENT_EDITOR, AdwWindow)

PolkuClientEditor *polku_client_editor_new          (GtkWindow         *parent,
                                                     PolkuStore        *store,
                                                     PolkuClient       *client);
PolkuClient       *polku_client_editor_get_client   (PolkuClientEditor *self);
gboolean           polku_client_editor_get_can_save (PolkuClientEditor *self);

G_END_DECLS
