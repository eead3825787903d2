/* polku-client-editor-private.h: what the UI tests reach inside the client editor
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "polku-client-editor.h"

G_BEGIN_DECLS

/* @field is a PolkuClient property name: "given-name", "family-name", "hetu",
 * "birth-date", "phone", "email", "address" or "municipality". */
GtkEditable *polku_client_editor_get_entry        (PolkuClientEditor *self,
                                                   const char        *field);
const char  *polku_client_editor_get_hetu_message (PolkuClientEditor *self);
const char  *polku_client_editor_get_error        (PolkuClientEditor *self);

G_END_DECLS
