/* polku-client-slots-private.h: the client list view's items, one per position
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "polku-client.h"

G_BEGIN_DECLS

#define POLKU_TYPE_CLIENT_SLOT (polku_client_slot_get_type ())
G_DECLARE_FINAL_TYPE (PolkuClientSlot, polku_client_slot, POLKU, CLIENT_SLOT, GObject)

#define POLKU_TYPE_CLIENT_SLOTS (polku_client_slots_get_type ())
G_DECLARE_FINAL_TYPE (PolkuClientSlots, polku_client_slots, POLKU, CLIENT_SLOTS, GObject)

PolkuClient *polku_client_slot_get_client  (PolkuClientSlot  *self);
void         polku_client_slot_set_client  (PolkuClientSlot  *self,
                                            PolkuClient      *client);
void         polku_client_slots_update     (PolkuClientSlots *self,
                                            GListModel       *visible,
                                            guint             position,
                                            guint             end,
                                            guint             first_shown,
                                            guint             end_shown);
void         polku_client_slots_bind       (PolkuClientSlots *self,
                                            PolkuClientSlot  *slot,
                                            gboolean          bound);
void         polku_client_slots_show       (PolkuClientSlots *self,
                                            guint             first_shown,
                                            guint             end_shown);
gboolean     polku_client_slots_get_pending (PolkuClientSlots *self);

G_END_DECLS
