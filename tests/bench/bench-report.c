/* bench-report.c: the report across clients at county size (tests/bench/bench-county.py, 7)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-report run DIR ROUNDS     the report over every client of DIR (plans agreed from
 *                                   1900-01-01 to today) and its JSON, as `polku-cli report
 *                                   --format json` makes them: one warm-up, then ROUNDS
 *                                   timed runs (the median is printed); the progress
 *                                   callbacks it made; and a run cancelled in the middle of
 *                                   the contacts, timed from the cancel to its return
 *   bench-report json DIR           that report's JSON on stdout (to compare what two builds
 *                                   give)
 *   bench-report plain DIR FILE     an unencrypted copy of DIR/polku.db in FILE (the
 *                                   reference: the `sqlite3` tool scans its contacts), made
 *                                   with sqlcipher_export () on the profile's own connection
 *
 * The profile is synthetic (bench-store make), so its plaintext copy holds no client data;
 * bench-county.py keeps it in the build directory and removes it after the run. Results
 * are lines "figure NAME VALUE UNIT" and "info NAME TEXT" on stdout; nothing here passes or
 * fails on time.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "polku-date.h"
#include "polku-report-export.h"
#include "polku-report.h"
#include "polku-store-private.h"
#include "polku-store.h"

#include "bench-common.h"

static PolkuStore *
open_store (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "polku.db", NULL);
  PolkuStore *store = polku_store_open (path, POLKU_KEY_RAW, BENCH_KEY, FALSE, &error);

  if (store == NULL)
    g_error ("Could not open the benchmark database: %s", error->message);
  return store;
}

static PolkuReportQuery *
whole_county (void)
{
  PolkuReportQuery *q = polku_report_query_new ();

  q->from = g_strdup ("1900-01-01");
  q->to = polku_date_today ();
  return q;
}

static void
count_progress (double   fraction,
                gpointer user_data)
{
  guint *calls = user_data;

  (*calls)++;
}

/* One report and its JSON, as polku-cli report --format json makes them; its length. */
static gsize
run_once (PolkuStore       *store,
          PolkuReportQuery *q,
          guint            *progress_calls)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuReport) report = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  report = polku_report_run (store, q, count_progress, progress_calls, NULL, &error);
  if (report == NULL)
    g_error ("The report failed: %s", error->message);
  if (!polku_report_write_json (report, out, &error)
      || !g_output_stream_close (out, NULL, &error))
    g_error ("The report's JSON failed: %s", error->message);
  return g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out));
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/* A run cancelled once its progress passes @at (the contacts are being read then). */
typedef struct
{
  GCancellable *cancellable;
  double        at;
  gint64        cancelled_at;   /* monotonic µs; written by the worker thread */
  gint64        returned_at;
  gboolean      was_cancelled;
  gboolean      done;
} CancelRun;

static void
cancel_progress (double   fraction,
                 gpointer user_data)
{
  CancelRun *run = user_data;

  if (fraction >= run->at && !g_cancellable_is_cancelled (run->cancellable))
    {
      run->cancelled_at = g_get_monotonic_time ();
      g_cancellable_cancel (run->cancellable);
    }
}

static void
cancel_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  CancelRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuReport) report = polku_report_run_finish (result, &error);

  run->returned_at = g_get_monotonic_time ();
  /* GTask reports a cancelled task's cancellation itself. */
  run->was_cancelled = report == NULL
                       && (g_error_matches (error, POLKU_REPORT_ERROR,
                                            POLKU_REPORT_ERROR_CANCELLED)
                           || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  run->done = TRUE;
}

static int
cmd_run (const char *dir,
         guint       rounds)
{
  g_autoptr(PolkuStore) store = open_store (dir);
  g_autoptr(PolkuReportQuery) q = whole_county ();
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CancelRun cancel = { cancellable, 0.2, 0, 0, FALSE, FALSE };
  guint progress_calls = 0;
  gsize size;

  /* The warm-up: the pages in the file cache, as for the reference's warm-up scan. */
  size = run_once (store, q, &progress_calls);
  printf ("info json_bytes %" G_GSIZE_FORMAT "\n", size);
  printf ("info progress_calls %u\n", progress_calls);
  for (guint round = 0; round < rounds; round++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      run_once (store, q, &progress_calls);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
      fprintf (stderr, "bench-report: run %u: %.0f ms\n", round + 1, ms);
    }
  g_array_sort (times, compare_doubles);
  printf ("figure report %.4f ms\n", g_array_index (times, double, times->len / 2));

  /* In a worker thread as the window runs it, cancelled while the contacts are read. */
  polku_report_run_async (store, q, cancel_progress, &cancel, cancellable, cancel_done,
                          &cancel);
  while (!cancel.done)
    g_main_context_iteration (NULL, TRUE);
  if (!cancel.was_cancelled || cancel.cancelled_at == 0)
    g_error ("The report ran to its end although it was cancelled");
  printf ("figure cancel %.4f ms\n", (cancel.returned_at - cancel.cancelled_at) / 1000.0);
  fflush (stdout);
  return 0;
}

static int
cmd_json (const char *dir)
{
  g_autoptr(PolkuStore) store = open_store (dir);
  g_autoptr(PolkuReportQuery) q = whole_county ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuReport) report = polku_report_run (store, q, NULL, NULL, NULL, &error);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  if (report == NULL || !polku_report_write_json (report, out, &error)
      || !g_output_stream_close (out, NULL, &error))
    g_error ("The report failed: %s", error->message);
  fwrite (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)), 1,
          g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)), stdout);
  return 0;
}

static int
cmd_plain (const char *dir,
           const char *file)
{
  g_autoptr(PolkuStore) store = open_store (dir);
  g_autoptr(GError) error = NULL;
  char *attach;
  sqlite3 *db;
  FILE *copy;
  char bytes[16];
  gboolean ok;

  if (g_file_test (file, G_FILE_TEST_EXISTS))
    g_error ("%s exists already", file);
  /* The store's connection does not create files: an empty one is a new database. */
  if (!g_file_set_contents_full (file, "", 0, G_FILE_SET_CONTENTS_NONE, 0600, &error))
    g_error ("%s", error->message);
  db = polku_store_begin_use (store, &error);
  if (db == NULL)
    g_error ("%s", error->message);
  attach = sqlite3_mprintf ("ATTACH DATABASE %Q AS plaintext KEY '';", file);
  ok = polku_store_exec (db, attach, "Attaching the copy", &error)
       && polku_store_exec (db, "SELECT sqlcipher_export ('plaintext');", "Exporting", &error)
       && polku_store_exec (db, "DETACH DATABASE plaintext;", "Detaching the copy", &error);
  polku_store_end_use (store);
  sqlite3_free (attach);
  if (!ok)
    g_error ("Could not make the plain copy: %s", error->message);

  /* The reference must read plaintext SQLite, as the tool can. */
  copy = fopen (file, "rb");
  if (copy == NULL || fread (bytes, 1, sizeof bytes, copy) != sizeof bytes
      || memcmp (bytes, "SQLite format 3", 16) != 0)
    g_error ("The copy is not a plaintext SQLite database");
  fclose (copy);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  guint64 rounds = 0;

  if (argc == 4 && g_str_equal (argv[1], "run")
      && g_ascii_string_to_unsigned (argv[3], 10, 1, 99, &rounds, NULL))
    return cmd_run (argv[2], (guint) rounds);
  if (argc == 3 && g_str_equal (argv[1], "json"))
    return cmd_json (argv[2]);
  if (argc == 4 && g_str_equal (argv[1], "plain"))
    return cmd_plain (argv[2], argv[3]);

  fprintf (stderr, "Usage: %s run DIR ROUNDS | json DIR | plain DIR FILE\n", argv[0]);
  return 2;
}
