/* polku-continuity.h: continuity-of-care indices from a log of visits
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Works on a plain array of visits, so that any log (the contacts store, a CSV file, the
 * command line) can feed it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The visit types counted by default, as in THL's indicator: non-urgent doctor and nurse
 * visits. */
#define POLKU_VISIT_TYPE_DOCTOR "doctor"
#define POLKU_VISIT_TYPE_NURSE  "nurse"

typedef struct
{
  GDate       date;
  const char *professional;  /* NULL (or ""): not known; left out of the indices */
  const char *type;          /* NULL: not known */
  gboolean    urgent;
} PolkuVisit;

typedef struct
{
  guint   visits;                         /* N: visits with a professional */
  guint   professionals;                  /* M */
  guint   left_out_without_professional;  /* chosen visits that had no professional */
  double  coci;                           /* NAN: none (no visits, or only one) */
  double  upc;                            /* NAN: none (no visits) */
  double  secon;                          /* NAN: none (no visits, or only one) */
  double  mmci;                           /* NAN: none (no visits) */
  GStrv   usual_professionals;            /* the most-seen ones, all ties, sorted */
} PolkuContinuity;

/* Which visits count. A NULL bound is open; bounds are inclusive. @types NULL: every type;
 * otherwise only visits whose type is listed. */
typedef struct
{
  const GDate        *from;
  const GDate        *to;
  const char * const *types;
  gboolean            include_urgent;
} PolkuVisitFilter;

/* The filter of THL's indicator: non-urgent doctor and nurse visits, any dates. */
const PolkuVisitFilter *polku_visit_filter_default (void);

gboolean         polku_visit_filter_matches (const PolkuVisitFilter *filter,
                                             const PolkuVisit       *visit);

/* COCI = (Σ nᵢ² − N) / (N (N − 1)); UPC = max nᵢ / N; SECON = the share of consecutive
 * visits (in date order, same-day visits in the array's order) with the same professional;
 * MMCI = (1 − M / (N + 0.1)) / (1 − 1 / (N + 0.1)). @filter NULL: every visit. */
PolkuContinuity *polku_continuity_compute   (const PolkuVisit       *visits,
                                             gsize                   n_visits,
                                             const PolkuVisitFilter *filter);
void             polku_continuity_free      (PolkuContinuity        *continuity);

typedef struct
{
  char  *type;     /* "" for visits of no known type */
  guint  before;   /* in the @months before the start date (the start date not included) */
  guint  after;    /* from the start date on, for @months (the same day @months later not
                    * included) */
} PolkuVisitCount;

/* Visits by type in the @months before and after @start (a plan's start date), sorted by
 * type. Urgent visits are counted too. Returns an array of PolkuVisitCount. */
GArray          *polku_visit_counts_around  (const PolkuVisit       *visits,
                                             gsize                   n_visits,
                                             const GDate            *start,
                                             guint                   months);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PolkuContinuity, polku_continuity_free)

G_END_DECLS
