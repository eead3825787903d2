/* test-continuity.c: COCI, UPC, SECON and MMCI, and visit counts around a plan's start
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "polku-continuity.h"
#include "polku-date.h"

#define NONE (-1.0)

typedef struct
{
  const char *date;
  const char *professional;
  const char *type;
  gboolean    urgent;
} V;

typedef struct
{
  const char *name;
  V           visits[12];
  guint       n_visits;
  guint       n;              /* expected N */
  guint       m;
  guint       left_out;
  double      coci;           /* NONE: null */
  double      upc;
  double      secon;
  double      mmci;
  const char *usual;          /* space-separated, sorted */
} Case;

#define MMCI(n, m) ((1.0 - (double) (m) / ((n) + 0.1)) / (1.0 - 1.0 / ((n) + 0.1)))

static const Case cases[] = {
  { "no-visits", { { NULL } }, 0, 0, 0, 0, NONE, NONE, NONE, NONE, "" },
  { "one-visit", { { "2025-01-10", "a" } }, 1, 1, 1, 0, NONE, 1.0, NONE, 1.0, "a" },
  { "two-same", { { "2025-01-10", "a" }, { "2025-02-10", "a" } }, 2, 2, 1, 0,
    1.0, 1.0, 1.0, MMCI (2, 1), "a" },
  { "two-different", { { "2025-01-10", "a" }, { "2025-02-10", "b" } }, 2, 2, 2, 0,
    0.0, 0.5, 0.0, MMCI (2, 2), "a b" },
  /* One professional for everything: every index is 1. */
  { "one-professional", { { "2025-01-10", "x" }, { "2025-02-10", "x" }, { "2025-03-10", "x" },
                          { "2025-04-10", "x" }, { "2025-05-10", "x" } }, 5, 5, 1, 0,
    1.0, 1.0, 1.0, 1.0, "x" },
  /* All different: COCI and SECON 0, UPC 1/N, MMCI its lowest, every one tied. */
  { "all-different", { { "2025-01-10", "d" }, { "2025-02-10", "c" }, { "2025-03-10", "b" },
                       { "2025-04-10", "a" } }, 4, 4, 4, 0,
    0.0, 0.25, 0.0, MMCI (4, 4), "a b c d" },
  /* a a b b c: Σn² = 4 + 4 + 1 = 9; COCI = (9 − 5) / 20; ties a and b. */
  { "ties", { { "2025-01-01", "b" }, { "2025-01-02", "a" }, { "2025-01-03", "b" },
              { "2025-01-04", "a" }, { "2025-01-05", "c" } }, 5, 5, 3, 0,
    4.0 / 20, 2.0 / 5, 0.0 / 4, MMCI (5, 3), "a b" },
  /* Date order, not input order: sorted a a b b → SECON 2/3. */
  { "date-order", { { "2025-03-01", "b" }, { "2025-01-01", "a" }, { "2025-04-01", "b" },
                    { "2025-02-01", "a" } }, 4, 4, 2, 0,
    4.0 / 12, 0.5, 2.0 / 3, MMCI (4, 2), "a b" },
  /* Same-day visits keep their entry order: a, [b, a] on one day, a → a b a a: 1 of 3. */
  { "same-day-entry-order", { { "2025-01-01", "a" }, { "2025-01-05", "b" },
                              { "2025-01-05", "a" }, { "2025-01-09", "a" } }, 4, 4, 2, 0,
    (10.0 - 4) / 12, 0.75, 1.0 / 3, MMCI (4, 2), "a" },
  /* Visits without a professional are left out and counted; pairs skip over them. */
  { "without-professional", { { "2025-01-01", "a" }, { "2025-01-02", NULL },
                              { "2025-01-03", "a" }, { "2025-01-04", "" } }, 4, 2, 1, 2,
    1.0, 1.0, 1.0, MMCI (2, 1), "a" },
  { "only-without-professional", { { "2025-01-01", NULL }, { "2025-01-02", NULL } }, 2,
    0, 0, 2, NONE, NONE, NONE, NONE, "" },
};

static void
to_visits (const V    *v,
           guint       n,
           PolkuVisit *out)
{
  for (guint i = 0; i < n; i++)
    {
      g_assert_true (polku_date_parse_iso (v[i].date, &out[i].date));
      out[i].professional = v[i].professional;
      out[i].type = v[i].type;
      out[i].urgent = v[i].urgent;
    }
}

static void
assert_index (double actual,
              double expected)
{
  if (expected == NONE)
    g_assert_true (isnan (actual));
  else
    g_assert_cmpfloat (actual, ==, expected);
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  PolkuVisit visits[12];
  g_autoptr(PolkuContinuity) result = NULL;
  g_autofree char *usual = NULL;

  to_visits (c->visits, c->n_visits, visits);
  result = polku_continuity_compute (visits, c->n_visits, NULL);

  g_assert_cmpuint (result->visits, ==, c->n);
  g_assert_cmpuint (result->professionals, ==, c->m);
  g_assert_cmpuint (result->left_out_without_professional, ==, c->left_out);
  assert_index (result->coci, c->coci);
  assert_index (result->upc, c->upc);
  assert_index (result->secon, c->secon);
  assert_index (result->mmci, c->mmci);
  usual = g_strjoinv (" ", result->usual_professionals);
  g_assert_cmpstr (usual, ==, c->usual);
}

/* The exact formulas, evaluated as written, on a larger log: 3×a, 2×b, 1×c, 1×d. */
static void
test_formulas (void)
{
  static const V v[] = {
    { "2025-01-01", "a" }, { "2025-01-08", "a" }, { "2025-01-15", "b" }, { "2025-01-22", "a" },
    { "2025-01-29", "c" }, { "2025-02-05", "b" }, { "2025-02-12", "d" },
  };
  PolkuVisit visits[G_N_ELEMENTS (v)];
  g_autoptr(PolkuContinuity) result = NULL;
  double N = 7, M = 4;

  to_visits (v, G_N_ELEMENTS (v), visits);
  result = polku_continuity_compute (visits, G_N_ELEMENTS (v), NULL);
  g_assert_cmpfloat (result->coci, ==, (9.0 + 4 + 1 + 1 - N) / (N * (N - 1)));
  g_assert_cmpfloat (result->upc, ==, 3 / N);
  g_assert_cmpfloat (result->secon, ==, 1 / (N - 1));
  g_assert_cmpfloat (result->mmci, ==, (1 - M / (N + 0.1)) / (1 - 1 / (N + 0.1)));
}

/* Period bounds are inclusive; the default filter takes non-urgent doctor and nurse
 * visits. */
static void
test_filter (void)
{
  static const V v[] = {
    { "2024-12-31", "a", "doctor", FALSE },   /* before the period */
    { "2025-01-01", "a", "doctor", FALSE },   /* first day: in */
    { "2025-01-15", "b", "nurse", FALSE },
    { "2025-01-20", "c", "doctor", TRUE },    /* urgent: out by default */
    { "2025-01-21", "d", "physio", FALSE },   /* another type: out by default */
    { "2025-01-22", NULL, "nurse", FALSE },   /* no professional: counted as left out */
    { "2025-01-23", NULL, "social", FALSE },  /* not chosen: not counted at all */
    { "2025-01-31", "a", "doctor", FALSE },   /* last day: in */
    { "2025-02-01", "a", "doctor", FALSE },   /* after */
  };
  PolkuVisit visits[G_N_ELEMENTS (v)];
  GDate from, to;
  PolkuVisitFilter filter = *polku_visit_filter_default ();
  g_autoptr(PolkuContinuity) result = NULL;
  g_autoptr(PolkuContinuity) all = NULL;

  to_visits (v, G_N_ELEMENTS (v), visits);
  g_assert_true (polku_date_parse_iso ("2025-01-01", &from));
  g_assert_true (polku_date_parse_iso ("2025-01-31", &to));
  filter.from = &from;
  filter.to = &to;
  result = polku_continuity_compute (visits, G_N_ELEMENTS (v), &filter);
  g_assert_cmpuint (result->visits, ==, 3);
  g_assert_cmpuint (result->professionals, ==, 2);
  g_assert_cmpuint (result->left_out_without_professional, ==, 1);
  g_assert_cmpstr (result->usual_professionals[0], ==, "a");
  g_assert_null (result->usual_professionals[1]);

  all = polku_continuity_compute (visits, G_N_ELEMENTS (v), NULL);
  g_assert_cmpuint (all->visits, ==, 7);
  g_assert_cmpuint (all->left_out_without_professional, ==, 2);

  /* THL's indicator stays the default: the coordinator's own calls, the telephone service
   * and the new categories' types are counted only when chosen. */
  g_assert_cmpstrv (polku_visit_filter_default ()->types,
                    ((const char * const[]) { "doctor", "nurse", NULL }));
  g_assert_false (polku_visit_filter_default ()->include_urgent);
  {
    PolkuVisit call = { .professional = "a", .type = "coordinator-call", .urgent = FALSE };

    g_assert_true (polku_date_parse_iso ("2025-01-10", &call.date));
    g_assert_false (polku_visit_filter_matches (polku_visit_filter_default (), &call));
  }
}

static void
test_counts_around (void)
{
  static const V v[] = {
    { "2024-08-31", "a", "doctor" },    /* more than 6 months before */
    { "2024-09-01", "a", "doctor" },    /* exactly 6 months before: in */
    { "2025-02-28", "a", "doctor", TRUE },
    { "2025-02-28", "b", "nurse" },
    { "2025-03-01", "b", "nurse" },     /* the start date counts as after */
    { "2025-08-31", NULL, NULL },       /* no type */
    { "2025-09-01", "a", "doctor" },    /* 6 months after: out */
  };
  PolkuVisit visits[G_N_ELEMENTS (v)];
  GDate start;
  g_autoptr(GArray) counts = NULL;
  PolkuVisitCount *c;

  to_visits (v, G_N_ELEMENTS (v), visits);
  g_assert_true (polku_date_parse_iso ("2025-03-01", &start));
  counts = polku_visit_counts_around (visits, G_N_ELEMENTS (v), &start, 6);
  g_assert_cmpuint (counts->len, ==, 3);
  c = &g_array_index (counts, PolkuVisitCount, 0);
  g_assert_cmpstr (c->type, ==, "");
  g_assert_cmpuint (c->before, ==, 0);
  g_assert_cmpuint (c->after, ==, 1);
  c = &g_array_index (counts, PolkuVisitCount, 1);
  g_assert_cmpstr (c->type, ==, "doctor");
  g_assert_cmpuint (c->before, ==, 2);
  g_assert_cmpuint (c->after, ==, 0);
  c = &g_array_index (counts, PolkuVisitCount, 2);
  g_assert_cmpstr (c->type, ==, "nurse");
  g_assert_cmpuint (c->before, ==, 1);
  g_assert_cmpuint (c->after, ==, 1);
}

static void
test_dates (void)
{
  static const struct { const char *text; gboolean ok; } dates[] = {
    { "2025-01-31", TRUE }, { "2024-02-29", TRUE }, { "2025-02-29", FALSE },
    { "2025-13-01", FALSE }, { "2025-1-31", FALSE }, { "2025-01-31T00:00", FALSE },
    { "31.1.2025", FALSE }, { "", FALSE }, { "0000-01-01", FALSE }, { "2025-00-10", FALSE },
    { "2025-01-00", FALSE }, { "+025-01-01", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      GDate date;

      g_test_message ("%s", dates[i].text);
      g_assert_cmpint (polku_date_parse_iso (dates[i].text, &date), ==, dates[i].ok);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/continuity/case/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/continuity/formulas", test_formulas);
  g_test_add_func ("/continuity/filter", test_filter);
  g_test_add_func ("/continuity/counts-around", test_counts_around);
  g_test_add_func ("/continuity/dates", test_dates);

  return g_test_run ();
}
