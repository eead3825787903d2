/* bench-core.c: how fast the core does what a county's data asks of it
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `meson test -C build --benchmark` (or `meson test -C build --benchmark bench-core -v`).
 * Never a pass/fail test on time: each line prints what was measured, the target and their
 * ratio (under 1.0 is within the target), so a slow machine or a busy CI runner cannot make
 * the suite fail, and a regression still shows as a ratio that grew. The targets are what a
 * coordinator on a 2-core laptop should not notice waiting for.
 *
 *   demo data          a caseload of clients with a year of case work, visits, plans and
 *                      measures, written through the real (encrypted, audited) store
 *   list clients       the client list of that database
 *   audit verify       recomputing the whole hash chain
 *   score WHOQOL-BREF  a cohort of assessments, scored by the instrument engine
 *   continuity         COCI/UPC/SECON/MMCI for a cohort of clients with a year of visits
 *
 * Peak memory (VmHWM) is printed at the end against its own target.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "polku-audit.h"
#include "polku-client-store.h"
#include "polku-continuity.h"
#include "polku-demo.h"
#include "polku-instrument.h"
#include "polku-scoring.h"
#include "polku-store.h"

#define KEY "2DD29CA851E7B56E4697B0E1F08507293D761A05CE4D1B628663F411A8086D99"

#define N_DEMO_CLIENTS   200
#define N_ASSESSMENTS    100000
#define N_COHORT         10000
#define N_VISITS         60

static void
report (const char *what,
        double      value,
        const char *unit,
        double      target)
{
  printf ("%-32s %10.3f %-4s target %8.3f %-4s ratio %.2f\n", what, value, unit, target, unit,
          value / target);
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
bench_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("polku-bench-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  gint64 n_entries = 0;
  gint64 start;

  g_assert_no_error (error);
  path = g_build_filename (dir, "polku.db", NULL);
  store = polku_store_open (path, POLKU_KEY_RAW, KEY, TRUE, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  g_assert_true (polku_demo_populate (store, N_DEMO_CLIENTS, 2026, &error));
  g_assert_no_error (error);
  report ("demo data, per client", seconds_since (start) * 1000 / N_DEMO_CLIENTS, "ms", 50);

  start = g_get_monotonic_time ();
  clients = polku_client_store_list (store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clients->len, ==, N_DEMO_CLIENTS);
  report ("list clients", seconds_since (start) * 1000, "ms", 100);

  start = g_get_monotonic_time ();
  g_assert_true (polku_audit_verify (store, &n_entries, &error));
  g_assert_no_error (error);
  report ("audit verify, per 1000 entries", seconds_since (start) * 1000 * 1000 / n_entries,
          "ms", 20);

  polku_store_close (store);
  remove_tree (dir);
}

static void
bench_scoring (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuInstrument) whoqol = polku_instrument_lookup ("whoqol-bref", &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint n_items;
  int *answers;
  guint scored = 0;
  gint64 start;

  g_assert_no_error (error);
  n_items = polku_instrument_get_n_items (whoqol);
  answers = g_new (int, (gsize) N_ASSESSMENTS * n_items);
  for (gsize i = 0; i < (gsize) N_ASSESSMENTS * n_items; i++)
    answers[i] = g_rand_int_range (rand, 0, 20) == 0 ? 0 : g_rand_int_range (rand, 1, 6);

  start = g_get_monotonic_time ();
  for (guint a = 0; a < N_ASSESSMENTS; a++)
    {
      g_autoptr(PolkuScores) scores = polku_scores_compute (whoqol,
                                                            answers + (gsize) a * n_items);

      scored += !scores->discarded;
    }
  report ("score WHOQOL-BREF, per 10000", seconds_since (start) * 10000 / N_ASSESSMENTS * 1000,
          "ms", 200);
  g_assert_cmpuint (scored, >, 0);
  g_free (answers);
}

static void
bench_continuity (void)
{
  static const char * const professionals[] = { "dr-a", "dr-b", "rn-c", "rn-d", "sw-e" };
  static const char * const types[] = { POLKU_VISIT_TYPE_DOCTOR, POLKU_VISIT_TYPE_NURSE };
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  PolkuVisit *visits = g_new0 (PolkuVisit, N_VISITS);
  double sum = 0;
  gint64 start;

  start = g_get_monotonic_time ();
  for (guint c = 0; c < N_COHORT; c++)
    {
      g_autoptr(PolkuContinuity) result = NULL;

      for (guint v = 0; v < N_VISITS; v++)
        {
          g_date_clear (&visits[v].date, 1);
          g_date_set_dmy (&visits[v].date, 1, G_DATE_JANUARY, 2025);
          g_date_add_days (&visits[v].date, v * 6);
          visits[v].professional = professionals[g_rand_int_range (rand, 0, 5)];
          visits[v].type = types[g_rand_int_range (rand, 0, 2)];
          visits[v].urgent = g_rand_int_range (rand, 0, 10) == 0;
        }
      result = polku_continuity_compute (visits, N_VISITS, polku_visit_filter_default ());
      sum += result->coci;
    }
  report ("continuity, per 1000 clients", seconds_since (start) * 1000 / N_COHORT * 1000, "ms",
          100);
  g_assert_cmpfloat (sum, >, 0);
  g_free (visits);
}

static double
peak_memory_mib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      || (line = strstr (status, "VmHWM:")) == NULL)
    return -1;
  return g_ascii_strtod (line + strlen ("VmHWM:"), NULL) / 1024.0;
}

int
main (int    argc,
      char **argv)
{
  printf ("%-32s %10s %-4s %-15s %-4s %s\n", "# what", "measured", "", "target", "", "ratio");
  bench_store ();
  bench_scoring ();
  bench_continuity ();
  report ("peak memory", peak_memory_mib (), "MiB", 64);
  return 0;
}
