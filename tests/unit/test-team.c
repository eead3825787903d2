/* test-team.c: the team around a client: exactly one responsible worker at a time, with
 * history, enforced by the core and by the schema
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "case-test-helpers.h"
#include "polku-team-store.h"

static PolkuTeamMember *
add_member (Fixture     *f,
            const char  *client,
            const char  *person,
            const char  *role,
            const char  *sector,
            const char  *joined_on,
            gboolean     responsible,
            GError     **error)
{
  g_autoptr(PolkuTeamMember) draft = g_object_new (POLKU_TYPE_TEAM_MEMBER,
                                                   "client-id", client,
                                                   "person", person,
                                                   "role", role,
                                                   "organisation", "Hyvinvointialue",
                                                   "sector", sector,
                                                   "contact", "040 123 4567",
                                                   "joined-on", joined_on,
                                                   "responsible", responsible,
                                                   NULL);
  return polku_team_store_add (f->store, draft, error);
}

static guint
count_responsible (Fixture    *f,
                   const char *client)
{
  g_autoptr(GPtrArray) team = polku_team_store_list (f->store, client, TRUE, NULL);
  guint n = 0;

  for (guint i = 0; i < team->len; i++)
    if (polku_team_member_get_responsible (g_ptr_array_index (team, i)))
      n++;
  return n;
}

static void
test_responsible (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuTeamMember) sanna = NULL;
  g_autoptr(PolkuTeamMember) jukka = NULL;
  g_autoptr(PolkuTeamMember) outi = NULL;
  g_autoptr(PolkuTeamMember) changed = NULL;
  g_autoptr(PolkuCase) kase = NULL;
  g_autoptr(GPtrArray) periods = NULL;
  g_autoptr(GPtrArray) team = NULL;
  g_autofree char *d60 = days_from_today (-60);
  g_autofree char *d30 = days_from_today (-30);
  g_autofree char *d20 = days_from_today (-20);
  g_autofree char *d70 = days_from_today (-70);
  const char *id = client_id (f);

  sanna = add_member (f, id, "Sanna Koivisto", "Asiakasvastaava", "social", d60, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (polku_team_member_get_responsible (sanna));
  g_assert_cmpstr (polku_team_member_get_sector (sanna), ==, "social");
  jukka = add_member (f, id, "Jukka Rautio", "Omalääkäri", "health", d60, FALSE, &error);
  outi = add_member (f, id, "Outi Kangas", "Vertaistukija", "third_sector", d60, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_responsible (f, id), ==, 1);

  kase = polku_case_store_get (f->store, id, &error);
  g_assert_cmpstr (polku_case_get_responsible (kase), ==, "Sanna Koivisto");
  g_clear_object (&kase);

  /* Not before the current one started, not before joining, not in the future. */
  changed = polku_team_store_set_responsible (f->store, polku_team_member_get_id (jukka), d70,
                                              &error);
  g_assert_error (error, POLKU_TEAM_ERROR, POLKU_TEAM_ERROR_INVALID);
  g_clear_error (&error);

  /* A new responsible worker ends the previous period in the same change. */
  changed = polku_team_store_set_responsible (f->store, polku_team_member_get_id (jukka), d30,
                                              &error);
  g_assert_no_error (error);
  g_assert_true (polku_team_member_get_responsible (changed));
  g_assert_cmpuint (count_responsible (f, id), ==, 1);
  g_clear_object (&changed);
  changed = polku_team_store_set_responsible (f->store, polku_team_member_get_id (jukka), NULL,
                                              &error);
  g_assert_error (error, POLKU_TEAM_ERROR, POLKU_TEAM_ERROR_INVALID);
  g_clear_error (&error);
  changed = polku_team_store_set_responsible (f->store, polku_team_member_get_id (sanna), d20,
                                              &error);
  g_assert_no_error (error);
  g_clear_object (&changed);

  periods = polku_team_store_list_responsible (f->store, id, &error);
  g_assert_cmpuint (periods->len, ==, 3);
  g_assert_cmpstr (polku_team_responsible_get_person (g_ptr_array_index (periods, 0)), ==,
                   "Sanna Koivisto");
  g_assert_cmpstr (polku_team_responsible_get_started_on (g_ptr_array_index (periods, 0)), ==,
                   d60);
  g_assert_cmpstr (polku_team_responsible_get_ended_on (g_ptr_array_index (periods, 0)), ==,
                   d30);
  g_assert_cmpstr (polku_team_responsible_get_person (g_ptr_array_index (periods, 1)), ==,
                   "Jukka Rautio");
  g_assert_cmpstr (polku_team_responsible_get_ended_on (g_ptr_array_index (periods, 1)), ==,
                   d20);
  g_assert_null (polku_team_responsible_get_ended_on (g_ptr_array_index (periods, 2)));
  g_assert_cmpstr (polku_team_responsible_get_set_by (g_ptr_array_index (periods, 2)), ==,
                   "Sanna Koivisto");

  /* The responsible worker cannot leave before another is named; others can. */
  changed = polku_team_store_leave (f->store, polku_team_member_get_id (sanna), NULL, &error);
  g_assert_null (changed);
  g_assert_error (error, POLKU_TEAM_ERROR, POLKU_TEAM_ERROR_RESPONSIBLE);
  g_clear_error (&error);
  changed = polku_team_store_leave (f->store, polku_team_member_get_id (outi), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (polku_team_member_get_left_on (changed), ==, f->today);
  g_clear_object (&changed);
  changed = polku_team_store_leave (f->store, polku_team_member_get_id (outi), NULL, &error);
  g_assert_error (error, POLKU_TEAM_ERROR, POLKU_TEAM_ERROR_INVALID);
  g_clear_error (&error);
  /* Who has left cannot be named. */
  changed = polku_team_store_set_responsible (f->store, polku_team_member_get_id (outi), NULL,
                                              &error);
  g_assert_error (error, POLKU_TEAM_ERROR, POLKU_TEAM_ERROR_INVALID);
  g_clear_error (&error);

  team = polku_team_store_list (f->store, id, FALSE, &error);
  g_assert_cmpuint (team->len, ==, 2);
  g_clear_pointer (&team, g_ptr_array_unref);
  team = polku_team_store_list (f->store, id, TRUE, &error);
  g_assert_cmpuint (team->len, ==, 3);

  {
    g_autoptr(GPtrArray) entries = polku_audit_list (f->store, id, &error);
    guint n_responsible = 0;

    for (guint i = 0; i < entries->len; i++)
      if (g_str_equal (polku_audit_entry_get_action (g_ptr_array_index (entries, i)),
                       "team.responsible"))
        n_responsible++;
    g_assert_cmpuint (n_responsible, ==, 3);
  }
}

/* The schema allows one open responsible period per client, whatever the code does. */
static void
test_schema (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuClient) bo = add_client (f->store, "Bo", "Lindqvist");
  g_autoptr(PolkuTeamMember) sanna = NULL;
  g_autoptr(PolkuTeamMember) jukka = NULL;
  g_autoptr(PolkuTeamMember) other = NULL;
  g_autofree char *second = NULL;
  g_autofree char *cross = NULL;
  sqlite3 *db;

  sanna = add_member (f, client_id (f), "Sanna Koivisto", "Asiakasvastaava", "social", NULL,
                      TRUE, &error);
  jukka = add_member (f, client_id (f), "Jukka Rautio", "Omalääkäri", "health", NULL, FALSE,
                      &error);
  other = add_member (f, polku_client_get_id (bo), "Heli Ojala", "Sosiaalityöntekijä",
                      "social", NULL, FALSE, &error);
  g_assert_no_error (error);

  second = g_strdup_printf ("INSERT INTO responsible_period (id, created, modified, client_id,"
                            " member_id, started_on, set_by) VALUES"
                            " ('00000000-0000-4000-8000-000000000001', 'x', 'x', '%s', '%s',"
                            " '2026-01-01', 'x');", client_id (f),
                            polku_team_member_get_id (jukka));
  cross = g_strdup_printf ("INSERT INTO responsible_period (id, created, modified, client_id,"
                           " member_id, started_on, set_by) VALUES"
                           " ('00000000-0000-4000-8000-000000000002', 'x', 'x', '%s', '%s',"
                           " '2026-01-01', 'x');", polku_client_get_id (bo),
                           polku_team_member_get_id (jukka));

  db = polku_store_begin_use (f->store, &error);
  /* A second open period: the partial unique index refuses it. */
  g_assert_cmpint (sqlite3_exec (db, second, NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_extended_errcode (db), ==, SQLITE_CONSTRAINT_UNIQUE);
  /* Someone from another client's team. */
  g_assert_cmpint (sqlite3_exec (db, cross, NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM responsible_period;", NULL, NULL, NULL), !=,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM team_member;", NULL, NULL, NULL), !=,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE responsible_period SET member_id = member_id,"
                                 " started_on = '2000-01-01';", NULL, NULL, NULL), !=,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE team_member SET sector = 'police';", NULL, NULL,
                                 NULL), !=, SQLITE_OK);
  polku_store_end_use (f->store);

  g_assert_cmpuint (count_responsible (f, client_id (f)), ==, 1);
}

static void
test_invalid (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuTeamMember) member = NULL;
  g_autoptr(GPtrArray) team = NULL;
  g_autofree char *tomorrow = days_from_today (1);

  member = add_member (f, client_id (f), "Sanna Koivisto", "Asiakasvastaava", "police", NULL,
                       FALSE, &error);
  g_assert_error (error, POLKU_TEAM_ERROR, POLKU_TEAM_ERROR_INVALID);
  g_clear_error (&error);
  member = add_member (f, client_id (f), "  ", "Asiakasvastaava", "social", NULL, FALSE,
                       &error);
  g_assert_error (error, POLKU_TEAM_ERROR, POLKU_TEAM_ERROR_INVALID);
  g_clear_error (&error);
  member = add_member (f, client_id (f), "Sanna Koivisto", NULL, "social", NULL, FALSE, &error);
  g_assert_error (error, POLKU_TEAM_ERROR, POLKU_TEAM_ERROR_INVALID);
  g_clear_error (&error);
  member = add_member (f, client_id (f), "Sanna Koivisto", "Asiakasvastaava", "social",
                       tomorrow, FALSE, &error);
  g_assert_error (error, POLKU_TEAM_ERROR, POLKU_TEAM_ERROR_INVALID);
  g_clear_error (&error);
  member = polku_team_store_set_responsible (f->store, "00000000-0000-4000-8000-000000000000",
                                             NULL, &error);
  g_assert_error (error, POLKU_TEAM_ERROR, POLKU_TEAM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  team = polku_team_store_list (f->store, client_id (f), TRUE, &error);
  g_assert_cmpuint (team->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/team/responsible", test_responsible);
  ADD ("/team/schema", test_schema);
  ADD ("/team/invalid", test_invalid);
#undef ADD
  return g_test_run ();
}
