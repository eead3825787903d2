/* polku-view-load-private.h: what the client page's views share to read the store in a thread
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A view reads its client's data with an _async call whose callback gets a weak reference to
 * the view (polku_view_load_ref_new): the view may go away while the thread runs, and its
 * dispose cancels the load. The callback takes the view back with polku_view_load_ref_take
 * (NULL when it is gone), ignores G_IO_ERROR_CANCELLED, and applies a result only when it is
 * for the client (and store) the view shows now.
 */
#pragma once

#include <gio/gio.h>

static inline GWeakRef *
polku_view_load_ref_new (gpointer view)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, view);
  return ref;
}

/* Returns: (transfer full) (nullable): the view, or NULL when it is gone. Frees @ref. */
static inline gpointer
polku_view_load_ref_take (GWeakRef *ref)
{
  gpointer view = g_weak_ref_get (ref);

  g_weak_ref_clear (ref);
  g_free (ref);
  return view;
}

/* Cancels the load in flight, if any. */
static inline void
polku_view_load_cancel (GCancellable **cancellable)
{
  if (*cancellable != NULL)
    g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
}

/* Runs @thread in a GTask with @store as the source object and a copy of @text (a client id,
 * or a date) as the task data; @callback gets the result. */
static inline void
polku_view_load_run (gpointer             store,
                     const char          *text,
                     GCancellable        *cancellable,
                     GTaskThreadFunc      thread,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GTask *task = g_task_new (store, cancellable, callback, user_data);

  g_task_set_source_tag (task, (gpointer) thread);
  g_task_set_task_data (task, g_strdup (text), g_free);
  g_task_run_in_thread (task, thread);
  g_object_unref (task);
}
