/* polku-client-view.h: the base class of the client page's views
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PolkuClientView shows one client's data from one store. The base class owns the
 * `store` and `client` properties, the read in a thread and the `loading` property; a
 * subclass says only how to forget, read and show its data:
 *
 * - clear (main thread): forget what is shown, at once. Called when the client (another id)
 *   or the store changes, while the old store and client are still set (so a view can save
 *   what is pending first), and when there is nothing to read (no client, store locked).
 * - snapshot (optional, main thread): called before each read; copies what the read needs
 *   from the widgets (or saves what is pending). Returning %NULL with @error set skips the
 *   read: apply gets the error. free_snapshot frees what it returned.
 * - load (worker thread): reads the client's data. It gets the store, the client's id, the
 *   snapshot and a cancellable, never the view: it must not touch widgets. Returns a result
 *   (freed with free_result), or %NULL and sets @error; %NULL without an error is an empty
 *   result.
 * - apply (main thread): shows a result, or the error of the read (@result is %NULL then).
 *   Called only for the newest read, and only while it is still for the view's client and
 *   store; a cancelled or stale read is dropped. `loading` is already %FALSE during apply
 *   and is notified after it.
 * - wants_reload (optional, main thread): whether to read again when the view is shown
 *   though nothing changed (its data may change elsewhere: the log, a case).
 *
 * A view reads only while it is mapped (a read may be recorded in the client's audit log):
 * a client or store set while it is hidden is cleared at once and read when it is shown.
 * A class that must read while hidden (a page inside another view) sets load_unmapped.
 * Setting the client or the store, or polku_client_view_reload (), cancels a read in flight.
 */
#pragma once

#include <adwaita.h>

#include "polku-client.h"
#include "polku-store.h"

G_BEGIN_DECLS

#define POLKU_TYPE_CLIENT_VIEW (polku_client_view_get_type ())
G_DECLARE_DERIVABLE_TYPE (PolkuClientView, polku_client_view, POLKU, CLIENT_VIEW, AdwBin)

struct _PolkuClientViewClass
{
  AdwBinClass parent_class;

  void      (*clear)         (PolkuClientView  *self);
  gpointer  (*snapshot)      (PolkuClientView  *self,
                              GError          **error);
  void      (*free_snapshot) (gpointer          snapshot);
  gpointer  (*load)          (PolkuStore       *store,
                              const char       *client_id,
                              gpointer          snapshot,
                              GCancellable     *cancellable,
                              GError          **error);
  void      (*apply)         (PolkuClientView  *self,
                              gpointer          result,
                              const GError     *error);
  void      (*free_result)   (gpointer          result);
  gboolean  (*wants_reload)  (PolkuClientView  *self);

  gboolean  load_unmapped;

  gpointer  padding[4];
};

PolkuStore  *polku_client_view_get_store     (PolkuClientView *self);
void         polku_client_view_set_store     (PolkuClientView *self,
                                              PolkuStore      *store);
PolkuClient *polku_client_view_get_client    (PolkuClientView *self);
void         polku_client_view_set_client    (PolkuClientView *self,
                                              PolkuClient     *client);
const char  *polku_client_view_get_client_id (PolkuClientView *self);
gboolean     polku_client_view_get_loading   (PolkuClientView *self);
void         polku_client_view_reload        (PolkuClientView *self);
void         polku_client_view_add_part      (PolkuClientView *self,
                                              PolkuClientView *part);

G_END_DECLS
