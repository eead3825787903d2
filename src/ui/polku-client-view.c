/* polku-client-view.c: the base class of the client page's views
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The read runs in a GTask whose source object is the store (never the view: the last
 * reference to a task may be dropped in the worker thread) and whose callback holds the view
 * by a weak reference, so a view may go away while its read runs.
 */

#define G_LOG_DOMAIN "polku-client-view"

#include "config.h"

#include "polku-client-view.h"

typedef struct
{
  PolkuStore   *store;
  PolkuClient  *client;
  GCancellable *cancellable;  /* the read in flight, or NULL */
  gboolean      reading;      /* this view's own read runs */
  gboolean      loading;      /* reading, or a part is loading: the property */
  gboolean      pending;      /* a read was asked for while unmapped */
  GPtrArray    *parts;        /* (element-type PolkuClientView) */
} PolkuClientViewPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (PolkuClientView, polku_client_view, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_CLIENT,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What a read needs in its thread. */
typedef struct
{
  PolkuClientViewClass *klass;
  char                 *client_id;
  gpointer              snapshot;
} Read;

static void
read_free (Read *read)
{
  if (read->snapshot != NULL && read->klass->free_snapshot != NULL)
    read->klass->free_snapshot (read->snapshot);
  g_free (read->client_id);
  g_free (read);
}

static gboolean
compute_loading (PolkuClientView *self)
{
  PolkuClientViewPrivate *priv = polku_client_view_get_instance_private (self);

  for (guint i = 0; !priv->reading && priv->parts != NULL && i < priv->parts->len; i++)
    if (polku_client_view_get_loading (g_ptr_array_index (priv->parts, i)))
      return TRUE;
  return priv->reading;
}

static void
update_loading (PolkuClientView *self)
{
  PolkuClientViewPrivate *priv = polku_client_view_get_instance_private (self);
  gboolean loading = compute_loading (self);

  if (priv->loading == loading)
    return;
  priv->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
cancel_read (PolkuClientView *self)
{
  PolkuClientViewPrivate *priv = polku_client_view_get_instance_private (self);

  if (priv->cancellable != NULL)
    g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
}

static void
clear (PolkuClientView *self)
{
  PolkuClientViewClass *klass = POLKU_CLIENT_VIEW_GET_CLASS (self);

  if (klass->clear != NULL)
    klass->clear (self);
}

static void
apply (PolkuClientView *self,
       gpointer         result,
       const GError    *error)
{
  PolkuClientViewPrivate *priv = polku_client_view_get_instance_private (self);
  PolkuClientViewClass *klass = POLKU_CLIENT_VIEW_GET_CLASS (self);

  gboolean was_loading = priv->loading;

  /* Shown as it is when loaded, then told. */
  priv->reading = FALSE;
  priv->loading = compute_loading (self);
  if (klass->apply != NULL)
    klass->apply (self, result, error);
  if (priv->loading != was_loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Read *read = task_data;
  GError *error = NULL;
  gpointer result;

  result = read->klass->load (POLKU_STORE (source_object), read->client_id, read->snapshot,
                              cancellable, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) read->klass->free_result);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(PolkuClientView) self = g_weak_ref_get (ref);
  Read *read = g_task_get_task_data (G_TASK (result));
  PolkuClientViewClass *klass = read->klass;
  PolkuClientViewPrivate *priv;
  g_autoptr(GError) error = NULL;
  gpointer data;

  g_weak_ref_clear (ref);
  g_free (ref);

  data = g_task_propagate_pointer (G_TASK (result), &error);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    goto out;

  /* Only the newest read, for the client and store shown now. */
  priv = polku_client_view_get_instance_private (self);
  if (g_task_get_cancellable (G_TASK (result)) != priv->cancellable
      || source != (GObject *) priv->store
      || g_strcmp0 (read->client_id, polku_client_view_get_client_id (self)) != 0)
    goto out;
  g_clear_object (&priv->cancellable);

  apply (self, data, error);

out:
  if (data != NULL && klass->free_result != NULL)
    klass->free_result (data);
}

/**
 * polku_client_view_reload:
 *
 * Reads the client's data again, in a thread (when the view is shown, or at once for a class
 * with load_unmapped), cancelling a read in flight. What is shown stays until the read is in.
 */
void
polku_client_view_reload (PolkuClientView *self)
{
  PolkuClientViewPrivate *priv = polku_client_view_get_instance_private (self);
  PolkuClientViewClass *klass;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  GWeakRef *ref;
  Read *read;

  g_return_if_fail (POLKU_IS_CLIENT_VIEW (self));

  klass = POLKU_CLIENT_VIEW_GET_CLASS (self);
  cancel_read (self);
  priv->pending = FALSE;

  if (priv->store == NULL || polku_client_view_get_client_id (self) == NULL
      || !polku_store_is_open (priv->store) || klass->load == NULL)
    {
      clear (self);
      priv->reading = FALSE;
      update_loading (self);
      return;
    }

  if (!klass->load_unmapped && !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      priv->pending = TRUE;
      priv->reading = FALSE;
      update_loading (self);
      return;
    }

  read = g_new0 (Read, 1);
  read->klass = klass;
  read->client_id = g_strdup (polku_client_view_get_client_id (self));
  if (klass->snapshot != NULL)
    read->snapshot = klass->snapshot (self, &error);
  if (error != NULL)
    {
      read_free (read);
      apply (self, NULL, error);
      return;
    }

  priv->cancellable = g_cancellable_new ();
  priv->reading = TRUE;
  update_loading (self);

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  task = g_task_new (priv->store, priv->cancellable, read_cb, ref);
  g_task_set_source_tag (task, polku_client_view_reload);
  g_task_set_task_data (task, read, (GDestroyNotify) read_free);
  g_task_run_in_thread (task, read_thread);
}

/**
 * polku_client_view_add_part:
 * @part: a view inside @self
 *
 * Gives @part the store and client of @self from now on; @self is `loading` while @part is.
 */
void
polku_client_view_add_part (PolkuClientView *self,
                            PolkuClientView *part)
{
  PolkuClientViewPrivate *priv = polku_client_view_get_instance_private (self);

  g_return_if_fail (POLKU_IS_CLIENT_VIEW (self));
  g_return_if_fail (POLKU_IS_CLIENT_VIEW (part));

  if (priv->parts == NULL)
    priv->parts = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (priv->parts, g_object_ref (part));
  g_object_bind_property (self, "store", part, "store", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "client", part, "client", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (part, "notify::loading", G_CALLBACK (update_loading), self,
                           G_CONNECT_SWAPPED);
  update_loading (self);
}

static void
polku_client_view_map (GtkWidget *widget)
{
  PolkuClientView *self = POLKU_CLIENT_VIEW (widget);
  PolkuClientViewPrivate *priv = polku_client_view_get_instance_private (self);
  PolkuClientViewClass *klass = POLKU_CLIENT_VIEW_GET_CLASS (self);

  GTK_WIDGET_CLASS (polku_client_view_parent_class)->map (widget);

  if (priv->pending || (klass->wants_reload != NULL && klass->wants_reload (self)))
    polku_client_view_reload (self);
}

static void
polku_client_view_dispose (GObject *object)
{
  PolkuClientView *self = POLKU_CLIENT_VIEW (object);
  PolkuClientViewPrivate *priv = polku_client_view_get_instance_private (self);

  cancel_read (self);
  g_clear_pointer (&priv->parts, g_ptr_array_unref);
  g_clear_object (&priv->store);
  g_clear_object (&priv->client);

  G_OBJECT_CLASS (polku_client_view_parent_class)->dispose (object);
}

static void
polku_client_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PolkuClientView *self = POLKU_CLIENT_VIEW (object);
  PolkuClientViewPrivate *priv = polku_client_view_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, priv->store);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, priv->client);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, priv->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_client_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PolkuClientView *self = POLKU_CLIENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      polku_client_view_set_store (self, g_value_get_object (value));
      break;
    case PROP_CLIENT:
      polku_client_view_set_client (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_client_view_class_init (PolkuClientViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = polku_client_view_dispose;
  object_class->get_property = polku_client_view_get_property;
  object_class->set_property = polku_client_view_set_property;
  widget_class->map = polku_client_view_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, POLKU_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, POLKU_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * PolkuClientView:loading:
   *
   * Whether the client's data (or that of a part, see polku_client_view_add_part ()) is
   * being read.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
polku_client_view_init (PolkuClientView *self)
{
}

/**
 * polku_client_view_get_store:
 *
 * Returns: (transfer none) (nullable): the store the view reads
 */
PolkuStore *
polku_client_view_get_store (PolkuClientView *self)
{
  PolkuClientViewPrivate *priv = polku_client_view_get_instance_private (self);

  g_return_val_if_fail (POLKU_IS_CLIENT_VIEW (self), NULL);
  return priv->store;
}

/**
 * polku_client_view_set_store:
 * @store: (nullable): the store to read; another store clears what is shown at once
 */
void
polku_client_view_set_store (PolkuClientView *self,
                             PolkuStore      *store)
{
  PolkuClientViewPrivate *priv = polku_client_view_get_instance_private (self);

  g_return_if_fail (POLKU_IS_CLIENT_VIEW (self));
  g_return_if_fail (store == NULL || POLKU_IS_STORE (store));

  if (priv->store == store)
    return;

  clear (self);
  g_set_object (&priv->store, store);
  polku_client_view_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * polku_client_view_get_client:
 *
 * Returns: (transfer none) (nullable): the client shown
 */
PolkuClient *
polku_client_view_get_client (PolkuClientView *self)
{
  PolkuClientViewPrivate *priv = polku_client_view_get_instance_private (self);

  g_return_val_if_fail (POLKU_IS_CLIENT_VIEW (self), NULL);
  return priv->client;
}

/**
 * polku_client_view_set_client:
 * @client: (nullable): the client to show; another client (another id) clears what is shown
 *   at once
 */
void
polku_client_view_set_client (PolkuClientView *self,
                              PolkuClient     *client)
{
  PolkuClientViewPrivate *priv = polku_client_view_get_instance_private (self);

  g_return_if_fail (POLKU_IS_CLIENT_VIEW (self));
  g_return_if_fail (client == NULL || POLKU_IS_CLIENT (client));

  if (priv->client == client)
    return;

  if (g_strcmp0 (polku_client_view_get_client_id (self),
                 client != NULL ? polku_client_get_id (client) : NULL) != 0)
    clear (self);
  g_set_object (&priv->client, client);
  polku_client_view_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

/**
 * polku_client_view_get_client_id:
 *
 * Returns: (transfer none) (nullable): the id of the client shown
 */
const char *
polku_client_view_get_client_id (PolkuClientView *self)
{
  PolkuClientViewPrivate *priv = polku_client_view_get_instance_private (self);

  g_return_val_if_fail (POLKU_IS_CLIENT_VIEW (self), NULL);
  return priv->client != NULL ? polku_client_get_id (priv->client) : NULL;
}

/**
 * polku_client_view_get_loading:
 *
 * Returns: whether the client's data is being read
 */
gboolean
polku_client_view_get_loading (PolkuClientView *self)
{
  PolkuClientViewPrivate *priv = polku_client_view_get_instance_private (self);

  g_return_val_if_fail (POLKU_IS_CLIENT_VIEW (self), FALSE);
  return priv->loading;
}
