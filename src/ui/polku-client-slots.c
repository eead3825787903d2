/* polku-client-slots.c: the client list view's items, one per position
 *
 * A slot is a row's place in the client list's view: the client shown at one position.
 * GTK 4.8's list view makes a new row (a GtkListItemWidget and its child) for every item
 * that comes into its window of up to 200 items, and destroys those that leave: a keystroke
 * that changes which clients match took 100–300 ms at county size, nearly all of it there,
 * against 0.1–2.5 ms for the filter itself. So the view's model is one slot per position,
 * kept while the position exists: when the visible clients change, the slots take the new
 * clients and only the count at the end changes; the rows stay and show other clients. The
 * slot and the model of slots are one unit, so they share this file. The visible clients
 * (polku_client_list_get_visible_clients ()) are still the filtered clients with their
 * selection, which the view's selection follows (polku-client-list.c).
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-client-slots"

#include "config.h"

#include "polku-client-slots-private.h"

struct _PolkuClientSlot
{
  GObject      parent_instance;
  PolkuClient *client;
};

G_DEFINE_FINAL_TYPE (PolkuClientSlot, polku_client_slot, G_TYPE_OBJECT)

PolkuClient *
polku_client_slot_get_client (PolkuClientSlot *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_SLOT (self), NULL);
  return self->client;
}

static GParamSpec *slot_client_pspec;

void
polku_client_slot_set_client (PolkuClientSlot *self,
                              PolkuClient     *client)
{
  g_return_if_fail (POLKU_IS_CLIENT_SLOT (self));
  g_return_if_fail (client == NULL || POLKU_IS_CLIENT (client));

  if (g_set_object (&self->client, client))
    g_object_notify_by_pspec (G_OBJECT (self), slot_client_pspec);
}

static void
polku_client_slot_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  g_value_set_object (value, POLKU_CLIENT_SLOT (object)->client);
}

static void
polku_client_slot_finalize (GObject *object)
{
  g_clear_object (&POLKU_CLIENT_SLOT (object)->client);
  G_OBJECT_CLASS (polku_client_slot_parent_class)->finalize (object);
}

static void
polku_client_slot_class_init (PolkuClientSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = polku_client_slot_get_property;
  object_class->finalize = polku_client_slot_finalize;
  slot_client_pspec = g_param_spec_object ("client", NULL, NULL, POLKU_TYPE_CLIENT,
                                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                                           | G_PARAM_STATIC_STRINGS);
  g_object_class_install_property (object_class, 1, slot_client_pspec);
}

static void
polku_client_slot_init (PolkuClientSlot *self)
{
}

/* The slots as a list model: slots once made are kept (a narrower search and a wider one
 * again make and free no objects), and only the first n_items are in the model. */
struct _PolkuClientSlots
{
  GObject    parent_instance;
  GPtrArray *slots;     /* PolkuClientSlot, at least n_items of them */
  guint      n_items;
};

static GType
polku_client_slots_get_item_type (GListModel *model)
{
  return POLKU_TYPE_CLIENT_SLOT;
}

static guint
polku_client_slots_get_n_items (GListModel *model)
{
  return POLKU_CLIENT_SLOTS (model)->n_items;
}

static gpointer
polku_client_slots_get_item (GListModel *model,
                             guint       position)
{
  PolkuClientSlots *self = POLKU_CLIENT_SLOTS (model);

  if (position >= self->n_items)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->slots, position));
}

static void
polku_client_slots_model_init (GListModelInterface *iface)
{
  iface->get_item_type = polku_client_slots_get_item_type;
  iface->get_n_items = polku_client_slots_get_n_items;
  iface->get_item = polku_client_slots_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (PolkuClientSlots, polku_client_slots, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      polku_client_slots_model_init))

static void
polku_client_slots_finalize (GObject *object)
{
  g_clear_pointer (&POLKU_CLIENT_SLOTS (object)->slots, g_ptr_array_unref);
  G_OBJECT_CLASS (polku_client_slots_parent_class)->finalize (object);
}

static void
polku_client_slots_class_init (PolkuClientSlotsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = polku_client_slots_finalize;
}

static void
polku_client_slots_init (PolkuClientSlots *self)
{
  self->slots = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * polku_client_slots_update:
 * @visible: the clients shown
 * @position: the first position whose client may have changed
 * @end: the position after the last one whose client may have changed (the slots added at
 *   the end take their clients in any case)
 *
 * Shows the clients of @visible from @position to @end in their slots, and makes the model
 * as long as @visible (the slots past it forget their clients).
 */
void
polku_client_slots_update (PolkuClientSlots *self,
                           GListModel       *visible,
                           guint             position,
                           guint             end)
{
  guint n_visible;
  guint n_before;

  g_return_if_fail (POLKU_IS_CLIENT_SLOTS (self));
  g_return_if_fail (G_IS_LIST_MODEL (visible));

  n_visible = g_list_model_get_n_items (visible);
  n_before = self->n_items;

  while (self->slots->len < n_visible)
    g_ptr_array_add (self->slots, g_object_new (POLKU_TYPE_CLIENT_SLOT, NULL));
  for (guint i = position; i < n_visible; i++)
    if (i < end || i >= n_before)
      {
        g_autoptr(PolkuClient) client = g_list_model_get_item (visible, i);

        polku_client_slot_set_client (g_ptr_array_index (self->slots, i), client);
      }
  for (guint i = n_visible; i < n_before; i++)
    polku_client_slot_set_client (g_ptr_array_index (self->slots, i), NULL);
  self->n_items = n_visible;
  if (n_visible < n_before)
    g_list_model_items_changed (G_LIST_MODEL (self), n_visible, n_before - n_visible, 0);
  else if (n_visible > n_before)
    g_list_model_items_changed (G_LIST_MODEL (self), n_before, 0, n_visible - n_before);
}
