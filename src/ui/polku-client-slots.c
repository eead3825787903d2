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
 * Only the slots bound to a row take their new client at once. The view binds rows to about
 * 200 positions, while a search that changes which clients match changes the client of every
 * position from the first change on, up to 10,000 at county size: the other slots are only
 * marked stale, and a stale slot takes its client from the visible clients when it is bound
 * to a row (polku_client_slots_bind ()) or asked for it, so a keystroke's work on the slots
 * is bounded by the rows, not by the clients that match. Of the bound slots, those the
 * view has on screen take their clients in the keystroke (and those it scrolls to, when they
 * come on screen: polku_client_slots_show ()); the rest, of the about 200 rows the view keeps,
 * in idle runs of ROWS_PER_IDLE, below the priority of GTK's frames, so that no keystroke
 * makes a frame draw rows nobody sees (polku_client_slots_get_pending ()). The frame
 * after a keystroke is what the user waits for: each row whose text changed is drawn again
 * in it (not measured: a row's size does not follow its text, polku-client-row.c).
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-client-slots"

#include "config.h"

#include "polku-client-slots-private.h"

struct _PolkuClientSlot
{
  GObject           parent_instance;
  PolkuClient      *client;
  PolkuClientSlots *owner;     /* (unowned): the slots it is one of; NULL once they are gone */
  guint             position;  /* its place in them */
  gboolean          stale;     /* client is not the visible client at position */
  gboolean          bound;     /* a row of the view shows it */
};

G_DEFINE_FINAL_TYPE (PolkuClientSlot, polku_client_slot, G_TYPE_OBJECT)

static void refresh_slot (PolkuClientSlot *slot);

PolkuClient *
polku_client_slot_get_client (PolkuClientSlot *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_SLOT (self), NULL);
  refresh_slot (self);
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
  g_value_set_object (value, polku_client_slot_get_client (POLKU_CLIENT_SLOT (object)));
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
  GObject     parent_instance;
  GPtrArray  *slots;     /* PolkuClientSlot, at least n_items of them */
  guint       n_items;
  GListModel *visible;   /* what stale slots take their clients from */
  GPtrArray  *pending;   /* (element-type PolkuClientSlot) (owned): bound and stale */
  guint       idle_id;   /* gives the pending slots their clients */
};

/* Rows given their clients in one idle run (each is laid out again in the next frame). */
#define ROWS_PER_IDLE 16

/* A stale slot takes the client now at its position: told to its row when it is bound. */
static void
refresh_slot (PolkuClientSlot *slot)
{
  PolkuClientSlots *owner = slot->owner;
  g_autoptr(PolkuClient) client = NULL;

  if (!slot->stale)
    return;
  slot->stale = FALSE;
  if (owner != NULL && owner->visible != NULL && slot->position < owner->n_items)
    client = g_list_model_get_item (owner->visible, slot->position);
  if (slot->bound)
    polku_client_slot_set_client (slot, client);
  else
    g_set_object (&slot->client, client);
}

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
  PolkuClientSlots *self = POLKU_CLIENT_SLOTS (object);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  for (guint i = 0; i < self->slots->len; i++)
    {
      PolkuClientSlot *slot = g_ptr_array_index (self->slots, i);

      refresh_slot (slot);
      slot->owner = NULL;
    }
  g_clear_pointer (&self->slots, g_ptr_array_unref);
  g_clear_object (&self->visible);
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
  self->pending = g_ptr_array_new_with_free_func (g_object_unref);
}

static gboolean
give_pending (gpointer data)
{
  PolkuClientSlots *self = data;
  guint n = MIN (self->pending->len, ROWS_PER_IDLE);

  for (guint i = 0; i < n; i++)
    refresh_slot (g_ptr_array_index (self->pending, i));
  g_ptr_array_remove_range (self->pending, 0, n);
  if (self->pending->len > 0)
    return G_SOURCE_CONTINUE;
  self->idle_id = 0;
  return G_SOURCE_REMOVE;
}

/* Gives @slot its new client: at once when a row shows it on screen, in an idle run when
 * its row is off screen, when it is bound or asked for it otherwise. */
static void
give_client (PolkuClientSlots *self,
             PolkuClientSlot  *slot,
             guint             first_shown,
             guint             end_shown)
{
  gboolean was_stale = slot->stale;

  slot->stale = TRUE;
  if (!slot->bound)
    return;
  if (slot->position >= first_shown && slot->position < end_shown)
    refresh_slot (slot);
  else if (!was_stale)
    {
      g_ptr_array_add (self->pending, g_object_ref (slot));
      if (self->idle_id == 0)
        self->idle_id = g_idle_add (give_pending, self);
    }
}

/**
 * polku_client_slots_update:
 * @visible: the clients shown
 * @position: the first position whose client may have changed
 * @end: the position after the last one whose client may have changed (the slots added at
 *   the end take their clients in any case)
 * @first_shown: the first position the view shows on screen
 * @end_shown: the position after the last one it shows (G_MAXUINT: not known, all)
 *
 * Shows the clients of @visible from @position to @end in their slots, and makes the model
 * as long as @visible (the slots past it forget their clients). Rows on screen show their
 * new clients at once, the other bound rows in idle runs, and a slot that no row shows takes
 * its client when it is bound or asked.
 */
void
polku_client_slots_update (PolkuClientSlots *self,
                           GListModel       *visible,
                           guint             position,
                           guint             end,
                           guint             first_shown,
                           guint             end_shown)
{
  guint n_visible;
  guint n_before;

  g_return_if_fail (POLKU_IS_CLIENT_SLOTS (self));
  g_return_if_fail (G_IS_LIST_MODEL (visible));

  n_visible = g_list_model_get_n_items (visible);
  n_before = self->n_items;
  if (self->visible != visible)
    {
      /* Another model: every slot's client is to be read from it. */
      for (guint i = 0; i < MIN (n_before, self->slots->len); i++)
        refresh_slot (g_ptr_array_index (self->slots, i));
      g_set_object (&self->visible, visible);
      position = 0;
      end = n_visible;
    }

  while (self->slots->len < n_visible)
    {
      PolkuClientSlot *slot = g_object_new (POLKU_TYPE_CLIENT_SLOT, NULL);

      slot->owner = self;
      slot->position = self->slots->len;
      g_ptr_array_add (self->slots, slot);
    }
  self->n_items = n_visible;
  for (guint i = position; i < n_visible; i++)
    if (i < end || i >= n_before)
      give_client (self, g_ptr_array_index (self->slots, i), first_shown, end_shown);
  for (guint i = n_visible; i < n_before; i++)
    {
      PolkuClientSlot *slot = g_ptr_array_index (self->slots, i);

      slot->stale = FALSE;
      polku_client_slot_set_client (slot, NULL);
    }
  if (n_visible < n_before)
    g_list_model_items_changed (G_LIST_MODEL (self), n_visible, n_before - n_visible, 0);
  else if (n_visible > n_before)
    g_list_model_items_changed (G_LIST_MODEL (self), n_before, 0, n_visible - n_before);
}

/**
 * polku_client_slots_bind:
 * @slot: one of the slots, which a row of the view is to show
 * @bound: whether a row shows it from now on
 *
 * A bound slot takes its clients at once; binding a stale one gives it its client first.
 */
void
polku_client_slots_bind (PolkuClientSlots *self,
                         PolkuClientSlot  *slot,
                         gboolean          bound)
{
  g_return_if_fail (POLKU_IS_CLIENT_SLOTS (self));
  g_return_if_fail (POLKU_IS_CLIENT_SLOT (slot) && slot->owner == self);

  if (bound)
    refresh_slot (slot);
  slot->bound = bound;
}

/**
 * polku_client_slots_show:
 * @first_shown: the first position the view now shows on screen
 * @end_shown: the position after the last one
 *
 * The view scrolled: its rows that come on screen show their new clients now, not after
 * the frame.
 */
void
polku_client_slots_show (PolkuClientSlots *self,
                         guint             first_shown,
                         guint             end_shown)
{
  g_return_if_fail (POLKU_IS_CLIENT_SLOTS (self));

  for (guint i = first_shown; i < MIN (end_shown, self->n_items); i++)
    {
      PolkuClientSlot *slot = g_ptr_array_index (self->slots, i);

      if (slot->bound)
        refresh_slot (slot);
    }
}

/**
 * polku_client_slots_get_pending:
 *
 * Returns: %TRUE while rows off screen are still to show their new clients
 */
gboolean
polku_client_slots_get_pending (PolkuClientSlots *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT_SLOTS (self), FALSE);
  return self->idle_id != 0;
}
