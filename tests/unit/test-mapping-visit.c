/* test-mapping-visit.c: the agenda as data, the timer, and mapping visits in the store with
 * their audit entries
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "polku-audit.h"
#include "polku-mapping-visit.h"

#include "store-test-helpers.h"

static GPtrArray *
entries_of (Fixture    *f,
            const char *action)
{
  g_autoptr(GPtrArray) all = polku_audit_list (f->store, f->client_id, NULL);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < all->len; i++)
    if (g_str_equal (polku_audit_entry_get_action (g_ptr_array_index (all, i)), action))
      g_ptr_array_add (found, g_object_ref (g_ptr_array_index (all, i)));
  return found;
}

/* --- The agenda ------------------------------------------------------------------------ */

static void
test_agenda_default (void)
{
  g_autoptr(GError) error = NULL;
  guint minutes = 0;
  g_autoptr(GListModel) agenda = polku_mapping_visit_agenda_dup_default (&minutes, &error);
  static const char * const some_keys[] = {
    "consent", "own-view", "main-burden", "services", "goals", "plan-and-worker", NULL
  };

  g_assert_no_error (error);
  g_assert_cmpuint (minutes, ==, 120);
  g_assert_cmpuint (g_list_model_get_n_items (agenda), >=, 10);
  for (guint i = 0; some_keys[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < g_list_model_get_n_items (agenda); j++)
        {
          g_autoptr(PolkuMappingVisitItem) item = g_list_model_get_item (agenda, j);

          if (g_str_equal (polku_mapping_visit_item_get_key (item), some_keys[i]))
            {
              found = TRUE;
              g_assert_nonnull (polku_mapping_visit_item_get_title (item));
              g_assert_nonnull (polku_mapping_visit_item_get_hint (item));
            }
        }
      g_assert_true (found);
    }
}

static void
check_bad_agenda (const char *json,
                  const char *expected_in_message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GListModel) agenda = polku_mapping_visit_agenda_load_bytes (bytes, "agenda.json",
                                                                        NULL, &error);

  g_assert_null (agenda);
  g_assert_error (error, POLKU_MAPPING_VISIT_ERROR, POLKU_MAPPING_VISIT_ERROR_AGENDA);
  g_assert_true (g_str_has_prefix (error->message, "agenda.json: "));
  if (strstr (error->message, expected_in_message) == NULL)
    g_error ("“%s” does not name “%s”", error->message, expected_in_message);
}

#define AHEAD "{\"format\": \"polku-mapping-visit-agenda\", \"version\": 1, "
#define TITLE "\"title\": {\"en\": \"Goals\", \"fi\": \"Tavoitteet\", \"sv\": \"Mål\"}"

static void
test_agenda_invalid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) agenda = NULL;
  const char *ok = AHEAD "\"planned_minutes\": 90, \"items\": [{\"key\": \"goals\", " TITLE "}]}";
  g_autoptr(GBytes) bytes = g_bytes_new (ok, strlen (ok));
  guint minutes = 0;

  agenda = polku_mapping_visit_agenda_load_bytes (bytes, "ok.json", &minutes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (minutes, ==, 90);
  g_assert_cmpuint (g_list_model_get_n_items (agenda), ==, 1);

  check_bad_agenda ("{}", "format");
  check_bad_agenda (AHEAD "\"items\": []}", "items");
  check_bad_agenda (AHEAD "\"planned_minutes\": 0, \"items\": [{\"key\": \"goals\", " TITLE
                    "}]}", "planned_minutes");
  check_bad_agenda (AHEAD "\"items\": [{\"key\": \"Goals!\", " TITLE "}]}", "items[0].key");
  check_bad_agenda (AHEAD "\"items\": [{\"key\": \"goals\", " TITLE "}, {\"key\": \"goals\", "
                    TITLE "}]}", "items[1].key");
  check_bad_agenda (AHEAD "\"items\": [{\"key\": \"goals\"}]}", "items[0].title");
  check_bad_agenda (AHEAD "\"items\": [{\"key\": \"goals\", " TITLE ", \"hint\": {\"en\": "
                    "\"x\"}}]}", "items[0].hint.fi");
  check_bad_agenda (AHEAD "\"items\": [{\"key\": \"goals\", " TITLE ", \"tip\": 1}]}",
                    "items[0].tip");
}

/* --- The timer ---------------------------------------------------------------------------- */

static void
test_timer (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuMappingVisit) visit = polku_mapping_visit_new (
    "7d9b3f34-5b7a-4c8a-9d4e-0d5b1a4a2f11", NULL, &error);
  g_autoptr(GDateTime) t0 = g_date_time_new_utc (2026, 3, 4, 9, 0, 0);
  g_autoptr(GDateTime) t1 = g_date_time_add_minutes (t0, 50);
  g_autoptr(GDateTime) t2 = g_date_time_add_minutes (t0, 65);
  g_autoptr(GDateTime) t3 = g_date_time_add_minutes (t0, 130);

  g_assert_no_error (error);
  g_assert_cmpuint (polku_mapping_visit_get_planned_minutes (visit), ==, 120);
  g_assert_false (polku_mapping_visit_get_running (visit));
  g_assert_cmpint (polku_mapping_visit_get_elapsed_seconds (visit, t3), ==, 0);

  polku_mapping_visit_timer_start (visit, t0);
  g_assert_true (polku_mapping_visit_get_running (visit));
  g_assert_cmpint (polku_mapping_visit_get_elapsed_seconds (visit, t1), ==, 50 * 60);
  /* Starting again does not restart it. */
  polku_mapping_visit_timer_start (visit, t1);
  g_assert_cmpint (polku_mapping_visit_get_elapsed_seconds (visit, t2), ==, 65 * 60);

  /* A 15-minute pause is not counted. */
  polku_mapping_visit_timer_pause (visit, t1);
  g_assert_false (polku_mapping_visit_get_running (visit));
  g_assert_cmpint (polku_mapping_visit_get_elapsed_seconds (visit, t3), ==, 50 * 60);
  polku_mapping_visit_timer_start (visit, t2);
  g_assert_cmpint (polku_mapping_visit_get_elapsed_seconds (visit, t3), ==, 115 * 60);
  polku_mapping_visit_timer_pause (visit, t3);
  polku_mapping_visit_timer_pause (visit, t3);
  g_assert_cmpint (polku_mapping_visit_get_elapsed_seconds (visit, NULL), ==, 115 * 60);

  polku_mapping_visit_timer_reset (visit);
  g_assert_cmpint (polku_mapping_visit_get_elapsed_seconds (visit, t3), ==, 0);
}

static void
test_validate (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuMappingVisit) visit = polku_mapping_visit_new (
    "7d9b3f34-5b7a-4c8a-9d4e-0d5b1a4a2f11", NULL, &error);
  static const char * const good[] = { "2026-03-04", "2026-03-04T09:30", NULL };
  static const char * const bad[] = {
    "4.3.2026", "2026-03-04 09:30", "2026-02-30", "2026-03-04T24:00", "2026-03-04T9:30", NULL
  };

  for (guint i = 0; good[i] != NULL; i++)
    {
      polku_mapping_visit_set_scheduled (visit, good[i]);
      g_assert_true (polku_mapping_visit_validate (visit, &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; bad[i] != NULL; i++)
    {
      polku_mapping_visit_set_scheduled (visit, bad[i]);
      g_assert_false (polku_mapping_visit_validate (visit, &error));
      g_assert_error (error, POLKU_MAPPING_VISIT_ERROR, POLKU_MAPPING_VISIT_ERROR_SCHEDULED);
      g_clear_error (&error);
    }
  polku_mapping_visit_set_scheduled (visit, NULL);

  polku_mapping_visit_set_held_on (visit, "2026-03-04T10:00");
  g_assert_false (polku_mapping_visit_validate (visit, &error));
  g_assert_error (error, POLKU_MAPPING_VISIT_ERROR, POLKU_MAPPING_VISIT_ERROR_HELD_ON);
  g_clear_error (&error);
  polku_mapping_visit_set_held_on (visit, NULL);

  polku_mapping_visit_set_planned_minutes (visit, 0);
  g_assert_false (polku_mapping_visit_validate (visit, &error));
  g_assert_error (error, POLKU_MAPPING_VISIT_ERROR, POLKU_MAPPING_VISIT_ERROR_PLANNED_MINUTES);
}

/* --- In the store ----------------------------------------------------------------------- */

static void
test_store (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuMappingVisit) visit = NULL;
  g_autoptr(PolkuMappingVisit) again = NULL;
  g_autoptr(PolkuMappingVisit) second = NULL;
  g_autoptr(GPtrArray) updates = NULL;
  g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 3, 4, 9, 0, 0);
  g_autoptr(GDateTime) stop = g_date_time_add_minutes (start, 118);
  PolkuMappingVisitItem *item;
  const char *detail;

  visit = polku_mapping_visit_store_get_latest (f->store, f->client_id, &error);
  g_assert_null (visit);
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  visit = polku_mapping_visit_store_create (f->store, f->client_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (polku_mapping_visit_get_id (visit)));
  /* A record: the store set its stamps and client. */
  g_assert_true (POLKU_IS_RECORD (visit));
  g_assert_nonnull (polku_mapping_visit_get_created (visit));
  g_assert_cmpstr (polku_mapping_visit_get_modified (visit), ==,
                   polku_mapping_visit_get_created (visit));
  g_assert_cmpstr (polku_mapping_visit_get_client_id (visit), ==, f->client_id);
  g_assert_cmpuint (g_list_model_get_n_items (polku_mapping_visit_get_items (visit)), >=, 10);
  g_assert_cmpuint (polku_mapping_visit_get_n_done (visit), ==, 0);
  g_clear_pointer (&updates, g_ptr_array_unref);
  updates = entries_of (f, POLKU_AUDIT_MAPPING_VISIT_CREATE);
  g_assert_cmpuint (updates->len, ==, 1);
  g_clear_pointer (&updates, g_ptr_array_unref);

  /* Unchanged: nothing written. */
  g_assert_true (polku_mapping_visit_store_save (f->store, visit, &error));
  updates = entries_of (f, POLKU_AUDIT_MAPPING_VISIT_UPDATE);
  g_assert_cmpuint (updates->len, ==, 0);
  g_clear_pointer (&updates, g_ptr_array_unref);

  polku_mapping_visit_set_scheduled (visit, "2026-03-04T11:00");
  polku_mapping_visit_set_place (visit, "Kotona");
  polku_mapping_visit_set_notes (visit, "Asiakas kertoi väsymyksestä.\nSovittiin uusi aika.");
  item = polku_mapping_visit_lookup_item (visit, "main-burden");
  polku_mapping_visit_item_set_done (item, TRUE);
  polku_mapping_visit_item_set_note (item, "Yksinäisyys");
  g_assert_nonnull (polku_mapping_visit_item_get_done_at (item));
  polku_mapping_visit_item_set_done (polku_mapping_visit_lookup_item (visit, "consent"), TRUE);
  polku_mapping_visit_timer_start (visit, start);
  polku_mapping_visit_timer_pause (visit, stop);
  g_assert_cmpuint (polku_mapping_visit_get_n_done (visit), ==, 2);
  g_assert_true (polku_mapping_visit_store_save (f->store, visit, &error));
  g_assert_no_error (error);

  /* One entry, naming fields and agenda keys but not what was written. */
  updates = entries_of (f, POLKU_AUDIT_MAPPING_VISIT_UPDATE);
  g_assert_cmpuint (updates->len, ==, 1);
  detail = polku_audit_entry_get_detail (g_ptr_array_index (updates, 0));
  g_assert_nonnull (strstr (detail, "fields=scheduled,place,notes,timer"));
  g_assert_nonnull (strstr (detail, "items=consent,main-burden"));
  g_assert_null (strstr (detail, "Yksinäisyys"));
  g_assert_null (strstr (detail, "Kotona"));

  again = polku_mapping_visit_store_get_latest (f->store, f->client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (polku_mapping_visit_get_id (again), ==, polku_mapping_visit_get_id (visit));
  g_assert_cmpstr (polku_mapping_visit_get_created (again), ==,
                   polku_mapping_visit_get_created (visit));
  g_assert_cmpstr (polku_mapping_visit_get_modified (again), ==,
                   polku_mapping_visit_get_modified (visit));
  g_assert_cmpstr (polku_mapping_visit_get_client_id (again), ==, f->client_id);
  g_assert_cmpstr (polku_mapping_visit_get_notes (again), ==,
                   "Asiakas kertoi väsymyksestä.\nSovittiin uusi aika.");
  g_assert_cmpstr (polku_mapping_visit_get_place (again), ==, "Kotona");
  g_assert_cmpint (polku_mapping_visit_get_elapsed_seconds (again, NULL), ==, 118 * 60);
  g_assert_cmpuint (polku_mapping_visit_get_n_done (again), ==, 2);
  item = polku_mapping_visit_lookup_item (again, "main-burden");
  g_assert_true (polku_mapping_visit_item_get_done (item));
  g_assert_cmpstr (polku_mapping_visit_item_get_note (item), ==, "Yksinäisyys");

  /* Only a note of an item that is not ticked. */
  polku_mapping_visit_item_set_note (polku_mapping_visit_lookup_item (again, "goals"),
                                     "Kävely");
  g_assert_true (polku_mapping_visit_store_save (f->store, again, &error));
  g_assert_no_error (error);
  g_clear_pointer (&updates, g_ptr_array_unref);
  updates = entries_of (f, POLKU_AUDIT_MAPPING_VISIT_UPDATE);
  g_assert_cmpuint (updates->len, ==, 2);
  g_clear_object (&again);
  again = polku_mapping_visit_store_get_latest (f->store, f->client_id, &error);
  item = polku_mapping_visit_lookup_item (again, "goals");
  g_assert_cmpstr (polku_mapping_visit_item_get_note (item), ==, "Kävely");
  g_assert_false (polku_mapping_visit_item_get_done (item));

  /* Bad input changes nothing. */
  polku_mapping_visit_set_held_on (again, "eilen");
  polku_mapping_visit_set_notes (again, "muuta");
  g_assert_false (polku_mapping_visit_store_save (f->store, again, &error));
  g_assert_error (error, POLKU_MAPPING_VISIT_ERROR, POLKU_MAPPING_VISIT_ERROR_HELD_ON);
  g_clear_error (&error);
  g_clear_object (&again);
  again = polku_mapping_visit_store_get_latest (f->store, f->client_id, &error);
  g_assert_cmpstr (polku_mapping_visit_get_notes (again), !=, "muuta");
  g_assert_null (polku_mapping_visit_get_held_on (again));

  /* A later visit is the current one. */
  g_usleep (2000);
  second = polku_mapping_visit_store_create (f->store, f->client_id, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&again);
  again = polku_mapping_visit_store_get_latest (f->store, f->client_id, &error);
  g_assert_cmpstr (polku_mapping_visit_get_id (again), ==, polku_mapping_visit_get_id (second));

  g_assert_true (polku_audit_verify (f->store, NULL, &error));
  g_assert_no_error (error);
}

static void
test_store_unknown_client (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuMappingVisit) visit =
    polku_mapping_visit_store_create (f->store, "7d9b3f34-5b7a-4c8a-9d4e-0d5b1a4a2f11", NULL,
                                      &error);

  g_assert_null (visit);
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_NOT_FOUND);
}

static void
test_store_custom_agenda (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *json = AHEAD "\"items\": [{\"key\": \"goals\", " TITLE "}, {\"key\": \"x-own\", "
                     "\"title\": {\"en\": \"Own\", \"fi\": \"Oma\", \"sv\": \"Egen\"}}]}";
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GListModel) agenda = polku_mapping_visit_agenda_load_bytes (bytes, "a.json", NULL,
                                                                        &error);
  g_autoptr(PolkuMappingVisit) visit = NULL;
  g_autoptr(PolkuMappingVisit) again = NULL;
  g_autoptr(PolkuMappingVisitItem) first = NULL;

  g_assert_no_error (error);
  visit = polku_mapping_visit_store_create (f->store, f->client_id, agenda, &error);
  g_assert_no_error (error);
  again = polku_mapping_visit_store_get_latest (f->store, f->client_id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (polku_mapping_visit_get_items (again)), ==, 2);
  first = g_list_model_get_item (polku_mapping_visit_get_items (again), 1);
  /* A key the bundled agenda does not know keeps the title it was made with. */
  g_assert_cmpstr (polku_mapping_visit_item_get_title (first), ==, "Own");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mapping-visit/agenda/default", test_agenda_default);
  g_test_add_func ("/mapping-visit/agenda/invalid", test_agenda_invalid);
  g_test_add_func ("/mapping-visit/timer", test_timer);
  g_test_add_func ("/mapping-visit/validate", test_validate);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/mapping-visit/store", test_store);
  ADD ("/mapping-visit/store/unknown-client", test_store_unknown_client);
  ADD ("/mapping-visit/store/custom-agenda", test_store_custom_agenda);
#undef ADD

  return g_test_run ();
}
