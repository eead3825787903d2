/* polku-record-entry.h: a ready text for the health or social-care record system
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Coordinators still write into the patient or client record, and used to retype what
 * Polku holds (000: "mittaritiedot kirjoitetaan sanallisesti potilastietojärjestelmään").
 * The record entry is that text, structured as a record entry reads, in the plan's
 * language (Finnish or Swedish; English when there is no plan): the latest visits, the plan
 * agreed or changed, WHOQOL-BREF domain scores with their date and the baseline, continuity
 * of care over the last 12 months, the latest satisfaction answer, the next review, the
 * coordinator and the responsible workers. It names neither the client nor the identity
 * code: it is pasted into that client's own record, which knows them. Building it only
 * reads; it records one audit entry. Nothing is sent anywhere: the user copies it.
 */
#pragma once

#include <gio/gio.h>

#include "polku-store.h"

G_BEGIN_DECLS

/* "record entry made": the detail names the language. */
#define POLKU_AUDIT_RECORD_ENTRY "record_entry.make"

#define POLKU_RECORD_ENTRY_ERROR (polku_record_entry_error_quark ())

typedef enum
{
  POLKU_RECORD_ENTRY_ERROR_LANGUAGE,   /* not fi, sv or en */
} PolkuRecordEntryError;

GQuark  polku_record_entry_error_quark (void);

/* The entry for @client_id in @language ("fi", "sv", "en"; NULL: the plan's, English when
 * there is no plan), as of @today (YYYY-MM-DD; NULL: today). @out_language (optional) gets
 * the language written. */
char   *polku_record_entry_build        (PolkuStore           *store,
                                         const char           *client_id,
                                         const char           *language,
                                         const char           *today,
                                         char                **out_language,
                                         GError              **error);
/* The same in a worker thread. */
void    polku_record_entry_build_async  (PolkuStore           *store,
                                         const char           *client_id,
                                         const char           *language,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
char   *polku_record_entry_build_finish (PolkuStore           *store,
                                         GAsyncResult         *result,
                                         GError              **error);

G_END_DECLS
