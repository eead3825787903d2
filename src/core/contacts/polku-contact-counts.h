/* polku-contact-counts.h: a client's contacts counted by the categories of the reports
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "polku-store.h"

G_BEGIN_DECLS

/* The counts of one category or one type over a period. */
typedef struct
{
  char  *id;                  /* the category's or type's id; "" for types the file lacks */
  guint  contacts;            /* contacts that took place (no-shows are not in here) */
  guint  urgent;              /* of those, urgent; contacts − urgent are the non-urgent */
  guint  no_shows;            /* contacts the client did not come to, counted apart */
  guint  days;                /* inpatient days, summed over the stays that record them */
  guint  stays_without_days;  /* inpatient stays logged without their days */
  guint  repeats;             /* contacts for a reason that an earlier contact in the period
                               * gave: the repeated contacts for the same issue */
} PolkuContactTally;

typedef struct
{
  PolkuContactTally  total;
  GArray            *categories;        /* PolkuContactTally: every category of the types
                                         * file, in file order (zeros included), then ""
                                         * when a contact's type is not in the file */
  GArray            *types;             /* PolkuContactTally: every type of the file, in file
                                         * order, then the unknown type ids met */
  guint              repeated_reasons;  /* reasons given for two held contacts or more */
} PolkuContactCounts;

PolkuContactCounts      *polku_contact_counts_compute      (GPtrArray           *contacts,
                                                            GListModel          *types,
                                                            const GDate         *from,
                                                            const GDate         *to);
const PolkuContactTally *polku_contact_counts_get_category (PolkuContactCounts  *counts,
                                                            const char          *category_id);
const PolkuContactTally *polku_contact_counts_get_type     (PolkuContactCounts  *counts,
                                                            const char          *type_id);
void                     polku_contact_counts_free         (PolkuContactCounts  *counts);

PolkuContactCounts      *polku_contact_store_count_by_category (PolkuStore      *store,
                                                            const char          *client_id,
                                                            const char          *from,
                                                            const char          *to,
                                                            GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PolkuContactCounts, polku_contact_counts_free)

G_END_DECLS
