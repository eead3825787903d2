/* test-report-suppress.c: the small-number rules on their own (polku-report-suppress.c and
 * the CELL objects): the threshold at 4 and 5, shares and their complements, the
 * subtraction rule (a second part, the total when there is none, repeated), and that a
 * suppressed cell never carries its value or its n
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "polku-report-private.h"

static PolkuReportCell
cell (double value,
      gint64 n)
{
  PolkuReportCell c;

  polku_report_cell_init (&c, value, n);
  return c;
}

static void
test_primary (void)
{
  PolkuReportCell c;

  /* Counts of clients: 1 … threshold−1 are hidden, 0 and the threshold are shown. */
  for (gint64 n = 0; n <= 6; n++)
    {
      c = cell (n, n);
      polku_report_suppress_cell (&c, 5);
      g_assert_cmpint (c.suppressed, ==, n >= 1 && n <= 4);
      c = cell (n, n);
      polku_report_suppress_cell (&c, 4);
      g_assert_cmpint (c.suppressed, ==, n >= 1 && n <= 3);
    }

  /* A share of 5 out of 7: the 2 others could be recognised. */
  c = cell (100.0 * 5 / 7, 5);
  c.base = 7;
  c.is_share = TRUE;
  polku_report_suppress_cell (&c, 5);
  g_assert_true (c.suppressed);
  /* 5 out of 10: both groups are big enough. */
  c = cell (50, 5);
  c.base = 10;
  c.is_share = TRUE;
  polku_report_suppress_cell (&c, 5);
  g_assert_false (c.suppressed);
  /* All of them, or none of them, is a figure about no small group. */
  c = cell (100, 10);
  c.base = 10;
  c.is_share = TRUE;
  polku_report_suppress_cell (&c, 5);
  g_assert_false (c.suppressed);
  c = cell (0, 0);
  c.base = 10;
  c.is_share = TRUE;
  polku_report_suppress_cell (&c, 5);
  g_assert_false (c.suppressed);
  /* A statistic over 3 clients of a small group. */
  c = cell (0.4, 6);
  c.base = 3;
  polku_report_suppress_cell (&c, 5);
  g_assert_true (c.suppressed);
}

static void
suppress_all (PolkuReportCell *cells,
              guint            n,
              guint            threshold)
{
  for (guint i = 0; i < n; i++)
    polku_report_suppress_cell (&cells[i], threshold);
}

static void
test_subtraction (void)
{
  /* 20 = 12 + 5 + 3 + 0: the 3 is hidden; so is the 0, the smallest other part (20 − 12 −
   * 5 would give the 3 otherwise). */
  PolkuReportCell total = cell (20, 20);
  PolkuReportCell parts[] = { cell (12, 12), cell (5, 5), cell (3, 3), cell (0, 0) };
  PolkuReportCell *pointers[] = { &parts[0], &parts[1], &parts[2], &parts[3] };

  suppress_all (parts, 4, 5);
  polku_report_suppress_cell (&total, 5);
  polku_report_suppress_parts (pointers, 4, &total);
  g_assert_false (parts[0].suppressed);
  g_assert_false (parts[1].suppressed);
  g_assert_true (parts[2].suppressed);
  g_assert_false (parts[2].complementary);
  g_assert_true (parts[3].suppressed);
  g_assert_true (parts[3].complementary);
  g_assert_false (total.suppressed);

  /* Without a zero, the next-smallest part goes. */
  {
    PolkuReportCell t = cell (20, 20);
    PolkuReportCell p[] = { cell (12, 12), cell (6, 6), cell (2, 2) };
    PolkuReportCell *pp[] = { &p[0], &p[1], &p[2] };

    suppress_all (p, 3, 5);
    polku_report_suppress_parts (pp, 3, &t);
    g_assert_false (p[0].suppressed);
    g_assert_true (p[1].suppressed && p[1].complementary);
    g_assert_true (p[2].suppressed && !p[2].complementary);
    g_assert_false (t.suppressed);
  }

  /* Two parts hidden already: nothing more. */
  {
    PolkuReportCell t = cell (20, 20);
    PolkuReportCell p[] = { cell (16, 16), cell (2, 2), cell (2, 2) };
    PolkuReportCell *pp[] = { &p[0], &p[1], &p[2] };

    suppress_all (p, 3, 5);
    polku_report_suppress_parts (pp, 3, &t);
    g_assert_false (p[0].suppressed);
    g_assert_false (t.suppressed);
  }

  /* One part only: the total goes. */
  {
    PolkuReportCell t = cell (3, 3);
    PolkuReportCell p = cell (3, 3);
    PolkuReportCell *pp[] = { &p };

    polku_report_suppress_cell (&p, 5);
    t.n = 30;  /* a total resting on more clients than the part */
    polku_report_suppress_cell (&t, 5);
    g_assert_false (t.suppressed);
    polku_report_suppress_parts (pp, 1, &t);
    g_assert_true (t.suppressed && t.complementary);
  }

  /* No total shown: nothing to work out. */
  {
    PolkuReportCell p[] = { cell (12, 12), cell (3, 3) };
    PolkuReportCell *pp[] = { &p[0], &p[1] };

    suppress_all (p, 2, 5);
    polku_report_suppress_parts (pp, 2, NULL);
    g_assert_false (p[0].suppressed);
  }
}

static char *
cell_text (const PolkuReportCell *c,
           guint                  threshold)
{
  g_autoptr(JsonNode) node = polku_report_cell_to_json (c, threshold);

  return json_to_string (node, FALSE);
}

static void
test_json (void)
{
  PolkuReportCell c = cell (3.14159, 7);
  g_autofree char *shown = cell_text (&c, 5);
  g_autofree char *whole = NULL;
  g_autofree char *hidden = NULL;
  g_autofree char *complement = NULL;
  g_autofree char *null_value = NULL;

  g_assert_cmpstr (shown, ==, "{\"value\":3.1400000000000001,\"n\":7}");
  c = cell (-56.25, 5);
  g_free (shown);
  shown = cell_text (&c, 5);
  g_assert_cmpstr (shown, ==, "{\"value\":-56.25,\"n\":5}");
  c = cell (16, 5);
  whole = cell_text (&c, 5);
  g_assert_cmpstr (whole, ==, "{\"value\":16,\"n\":5}");
  c = cell (NAN, 0);
  null_value = cell_text (&c, 5);
  g_assert_cmpstr (null_value, ==, "{\"value\":null,\"n\":0}");

  c = cell (3, 3);
  polku_report_suppress_cell (&c, 5);
  hidden = cell_text (&c, 5);
  g_assert_cmpstr (hidden, ==, "{\"suppressed\":true,\"n_below\":5,\"display\":\"< 5\"}");
  c = cell (41, 41);
  c.suppressed = c.complementary = TRUE;
  complement = cell_text (&c, 4);
  g_assert_cmpstr (complement, ==, "{\"suppressed\":true,\"n_below\":4,\"display\":\"×\","
                                   "\"complementary\":true}");
  g_assert_null (strstr (complement, "41"));
}

/* The rules over a whole report's raw figures: a period whose number of clients is hidden
 * hides every figure of it. */
static void
test_rules (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser,
    "{\"cohort\": {\"clients\": {\"cell\": true, \"value\": 9, \"n\": 9},"
    "  \"periods\": [{\"months\": 6, \"included\": {\"cell\": true, \"value\": 6, \"n\": 6},"
    "    \"left_out\": [{\"reason\": \"after_incomplete\","
    "                    \"n\": {\"cell\": true, \"value\": 3, \"n\": 3}}]}]},"
    " \"before_after\": [{\"months\": 6, \"clients\": {\"cell\": true, \"value\": 6, \"n\": 6},"
    "   \"categories\": [{\"id\": \"nurse\", \"before\": {\"total\": {\"cell\": true,"
    "   \"value\": 40, \"n\": 6}}}]}],"
    " \"process\": {\"clients\": {\"cell\": true, \"value\": 0, \"n\": 0}}}", -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  polku_report_apply_rules (root, 5);
  text = json_to_string (root, FALSE);
  /* 9 = 6 + 3 with the 3 hidden: the 6 goes, and with it the 40 resting on those 6. */
  g_assert_null (strstr (text, "40"));
  g_assert_null (strstr (text, "\"cell\""));
  g_assert_nonnull (strstr (text, "\"clients\":{\"value\":9,\"n\":9}"));
  g_assert_nonnull (strstr (text, "\"process\":{\"clients\":{\"value\":0,\"n\":0}}"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/report-suppress/primary", test_primary);
  g_test_add_func ("/report-suppress/subtraction", test_subtraction);
  g_test_add_func ("/report-suppress/json", test_json);
  g_test_add_func ("/report-suppress/rules", test_rules);
  return g_test_run ();
}
