/* test-contact.c: contact types as data, contacts and their rules, the contact log in the
 * store with its audit entries, and all-or-nothing batches
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlcipher/sqlite3.h>
#include <string.h>
#include <time.h>

#include "polku-audit.h"
#include "polku-client-store.h"
#include "polku-contact-counts.h"
#include "polku-contact-store.h"
#include "polku-contact-type.h"
#include "polku-demo.h"
#include "polku-mapping-visit.h"
#include "polku-store-private.h"

#include "test-common.h"

typedef struct
{
  char       *dir;
  PolkuStore *store;
  char       *client_id;
  char       *other_id;
} Fixture;

static char *
add_client (PolkuStore *store,
            const char *given,
            const char *hetu)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuClient) client = polku_client_new ();

  polku_client_set_given_name (client, given);
  polku_client_set_family_name (client, "Virtanen");
  polku_client_set_hetu (client, hetu);
  g_assert_true (polku_client_store_save (store, client, &error));
  g_assert_no_error (error);
  return g_strdup (polku_client_get_id (client));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("polku-test-contact-XXXXXX", NULL);
  path = g_build_filename (f->dir, "polku.db", NULL);
  f->store = polku_store_open (path, POLKU_KEY_RAW, KEY, TRUE, &error);
  g_assert_no_error (error);
  polku_store_set_actor (f->store, "Testi Työntekijä");
  f->client_id = add_client (f->store, "Aino", "131052-308T");
  f->other_id = add_client (f->store, "Eino", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->client_id);
  g_free (f->other_id);
}

static guint
count_audit (Fixture    *f,
             const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = polku_audit_list (f->store, f->client_id, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    n += g_strcmp0 (polku_audit_entry_get_action (g_ptr_array_index (entries, i)), action) == 0;
  return n;
}

static PolkuContact *
make_contact (const char *client_id,
              const char *date,
              const char *type,
              const char *professional)
{
  PolkuContact *contact = polku_contact_new ();

  polku_contact_set_client_id (contact, client_id);
  polku_contact_set_date (contact, date);
  polku_contact_set_type_id (contact, type);
  polku_contact_set_professional_id (contact, professional);
  return contact;
}

/* --- Types ------------------------------------------------------------------------------ */

static void
test_types_default (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) types = polku_contact_types_dup_default (&error);
  /* Every id stored before schema 7 is still there, with the new types beside them. */
  static const char * const expected[] = {
    "doctor", "nurse", "coordinator-call", "coordinator-visit", "social-worker",
    "social-services", "mental-health", "phone", "remote", "emergency", "hospital-stay",
    "consultation", "other", NULL
  };
  /* Each practice figure is a category of its own (000, 003, 004). */
  static const struct { const char *type; const char *category; } categories[] = {
    { "doctor", "doctor" }, { "nurse", "nurse" }, { "phone", "telephone_service" },
    { "coordinator-call", "coordinator" }, { "coordinator-visit", "coordinator" },
    { "consultation", "consultation" }, { "emergency", "emergency" },
    { "hospital-stay", "inpatient" }, { "mental-health", "mental_health" },
    { "social-worker", "social_services" }, { "social-services", "social_services" },
    { "remote", "remote" }, { "other", "other" },
  };
  PolkuContactType *type;
  GPtrArray *all_categories;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (types), ==, g_strv_length ((char **) expected));
  for (guint i = 0; expected[i] != NULL; i++)
    {
      g_autoptr(PolkuContactType) t = g_list_model_get_item (types, i);

      g_assert_cmpstr (polku_contact_type_get_id (t), ==, expected[i]);
      g_assert_nonnull (polku_contact_type_get_label_for (t, "fi"));
      g_assert_nonnull (polku_contact_type_get_label_for (t, "sv"));
    }

  type = polku_contact_types_lookup (types, "emergency");
  g_assert_true (polku_contact_type_get_emergency (type));
  g_assert_cmpstr (polku_contact_type_get_label_for (type, "fi"), ==, "Päivystys");
  g_assert_cmpstr (polku_contact_type_get_label_for (type, "sv"), ==, "Jour");
  /* LC_ALL=C.UTF-8 in the tests: English. */
  g_assert_cmpstr (polku_contact_type_get_label (type), ==, "Emergency department");

  /* Found by id or a label in any language, whatever the case. */
  g_assert_true (polku_contact_types_find (types, "LÄÄKÄRI") ==
                 polku_contact_types_lookup (types, "doctor"));
  g_assert_true (polku_contact_types_find (types, " socialarbetare ") ==
                 polku_contact_types_lookup (types, "social-worker"));
  g_assert_true (polku_contact_types_find (types, "hospital-stay") ==
                 polku_contact_types_lookup (types, "hospital-stay"));
  g_assert_null (polku_contact_types_find (types, "dentist"));
  g_assert_null (polku_contact_types_lookup (types, "Doctor"));

  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    {
      PolkuContactCategory *category;

      type = polku_contact_types_lookup (types, categories[i].type);
      g_assert_nonnull (type);
      category = polku_contact_type_get_category (type);
      g_assert_cmpstr (polku_contact_category_get_id (category), ==, categories[i].category);
      g_assert_true (polku_contact_types_lookup_category (types, categories[i].category)
                     == category);
    }
  all_categories = polku_contact_types_get_categories (types);
  g_assert_cmpuint (all_categories->len, ==, 11);
  g_assert_cmpstr (polku_contact_category_get_id (g_ptr_array_index (all_categories, 0)), ==,
                   "doctor");
  g_assert_null (polku_contact_types_lookup_category (types, "dentist"));

  /* 'phone' is the telephone service; the coordinator's calls are their own type. The
   * continuity flags stay as they were, and the coordinator's calls count like phone. */
  type = polku_contact_types_lookup (types, "phone");
  g_assert_cmpstr (polku_contact_type_get_label_for (type, "fi"), ==, "Puhelinpalvelu");
  /* Files written with the labels it had before still find it. */
  g_assert_true (polku_contact_types_find (types, "puhelin") == type);
  g_assert_true (polku_contact_types_find (types, "Telefon") == type);
  g_assert_true (polku_contact_types_find (types, "Phone") == type);
  g_assert_true (polku_contact_type_get_continuity (type));
  type = polku_contact_types_lookup (types, "coordinator-call");
  g_assert_cmpstr (polku_contact_type_get_label_for (type, "fi"), ==,
                   "Asiakasvastaavan hoitopuhelu");
  g_assert_cmpstr (polku_contact_type_get_label_for (type, "sv"), ==,
                   "Klientansvarigs vårdsamtal");
  g_assert_true (polku_contact_type_get_continuity (type));
  g_assert_false (polku_contact_type_get_in_person (type));
  g_assert_true (polku_contact_type_get_inpatient (polku_contact_types_lookup (types,
                                                                               "hospital-stay")));
  g_assert_false (polku_contact_type_get_continuity (polku_contact_types_lookup (types,
                                                                                 "emergency")));
  g_assert_true (polku_contact_type_get_emergency (polku_contact_types_lookup (types,
                                                                               "emergency")));
  /* A list not read from a file has no categories. */
  {
    g_autoptr(GListStore) empty = g_list_store_new (POLKU_TYPE_CONTACT_TYPE);

    g_assert_cmpuint (polku_contact_types_get_categories (G_LIST_MODEL (empty))->len, ==, 0);
  }
}

static void
check_bad_types (const char *json,
                 const char *expected_in_message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GListModel) types = polku_contact_types_load_bytes (bytes, "county-types.json",
                                                                &error);

  g_assert_null (types);
  g_assert_error (error, POLKU_CONTACT_TYPE_ERROR, POLKU_CONTACT_TYPE_ERROR_INVALID);
  /* The message names the file and the field. */
  g_assert_true (g_str_has_prefix (error->message, "county-types.json: "));
  if (strstr (error->message, expected_in_message) == NULL)
    g_error ("“%s” does not name “%s”", error->message, expected_in_message);
}

#define TOP "{\"format\": \"polku-contact-types\", \"version\": 1, "
#define CATEGORY_LABELS "\"labels\": {\"en\": \"Visits\", \"fi\": \"Käynnit\", \"sv\": \"Besök\"}"
#define HEAD TOP "\"categories\": [{\"id\": \"visits\", " CATEGORY_LABELS "}], "
#define LABELS "\"labels\": {\"en\": \"Doctor\", \"fi\": \"Lääkäri\", \"sv\": \"Läkare\"}, " \
               "\"category\": \"visits\""

static void
test_types_invalid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) types = NULL;
  const char *text = HEAD "\"types\": [{\"id\": \"doctor\", " LABELS ", \"continuity\": true}]}";
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  types = polku_contact_types_load_bytes (bytes, "ok.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (types), ==, 1);
  g_clear_object (&types);
  g_clear_pointer (&bytes, g_bytes_unref);
  /* Lower-case letters, digits and hyphens, 64 at the most. */
  text = HEAD "\"types\": [{\"id\": \"home-visit-2\", " LABELS "}, {\"id\": \""
         "abcdefghij0123456789abcdefghij0123456789abcdefghij0123456789abcd\", " LABELS "}]}";
  bytes = g_bytes_new (text, strlen (text));
  types = polku_contact_types_load_bytes (bytes, "ok.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (types), ==, 2);

  check_bad_types ("[1, 2]", "one JSON object");
  check_bad_types ("{\"types\": []", "not valid JSON");
  check_bad_types ("{\"format\": \"something\", \"version\": 1, \"types\": []}", "format");
  check_bad_types ("{\"format\": \"polku-contact-types\", \"version\": 2, \"types\": []}",
                   "version");
  check_bad_types (HEAD "\"types\": []}", "types");
  check_bad_types (HEAD "\"types\": [{\"id\": \"doctor\", " LABELS "}], \"typo\": 1}", "typo");
  check_bad_types (HEAD "\"types\": [{\"id\": \"Doctor\", " LABELS "}]}", "types[0].id");
  check_bad_types (HEAD "\"types\": [{\"id\": \"doctor_2\", " LABELS "}]}", "types[0].id");
  check_bad_types (HEAD "\"types\": [{\"id\": \"\", " LABELS "}]}", "types[0].id");
  /* polku_data_is_valid_key (): at most 64 characters. */
  check_bad_types (HEAD "\"types\": [{\"id\": \"" "abcdefghij0123456789abcdefghij0123456789"
                   "abcdefghij0123456789abcde\", " LABELS "}]}", "types[0].id");
  check_bad_types (HEAD "\"types\": [{\"id\": \"doctor\", " LABELS "}, {\"id\": \"doctor\", "
                   LABELS "}]}", "types[1].id");
  check_bad_types (HEAD "\"types\": [{\"id\": \"doctor\", \"labels\": {\"en\": \"Doctor\", "
                   "\"fi\": \"Lääkäri\"}}]}", "types[0].labels.sv");
  check_bad_types (HEAD "\"types\": [{\"id\": \"doctor\", \"labels\": {\"en\": \"Doctor\", "
                   "\"fi\": \" \", \"sv\": \"Läkare\"}}]}", "types[0].labels.fi");
  check_bad_types (HEAD "\"types\": [{\"id\": \"doctor\", " LABELS ", \"urgent\": true}]}",
                   "types[0].urgent");
  check_bad_types (HEAD "\"types\": [{\"id\": \"doctor\", " LABELS ", \"emergency\": 1}]}",
                   "types[0].emergency");
  check_bad_types (HEAD "\"types\": [{\"id\": \"doctor\", \"labels\": {\"en\": \"Doctor\", "
                   "\"fi\": \"Lääkäri\", \"sv\": \"Läkare\"}}]}", "types[0].category");

  /* Categories: a type names one of the file's, each with a unique id and labels. */
  check_bad_types (HEAD "\"types\": [{\"id\": \"doctor\", \"labels\": {\"en\": \"Doctor\", "
                   "\"fi\": \"Lääkäri\", \"sv\": \"Läkare\"}, \"category\": \"dentists\"}]}",
                   "types[0].category");
  check_bad_types (TOP "\"types\": [{\"id\": \"doctor\", " LABELS "}]}", "categories");
  check_bad_types (TOP "\"categories\": [], \"types\": [{\"id\": \"doctor\", " LABELS "}]}",
                   "categories");
  check_bad_types (TOP "\"categories\": [{\"id\": \"visits\", " CATEGORY_LABELS "}, "
                   "{\"id\": \"visits\", " CATEGORY_LABELS "}], "
                   "\"types\": [{\"id\": \"doctor\", " LABELS "}]}", "categories[1].id");
  check_bad_types (TOP "\"categories\": [{\"id\": \"Visits\", " CATEGORY_LABELS "}], "
                   "\"types\": [{\"id\": \"doctor\", " LABELS "}]}", "categories[0].id");
  check_bad_types (TOP "\"categories\": [{\"id\": \"visits\", \"labels\": {\"en\": \"V\", "
                   "\"fi\": \"K\"}}], \"types\": [{\"id\": \"doctor\", " LABELS "}]}",
                   "categories[0].labels.sv");
  check_bad_types (TOP "\"categories\": [{\"id\": \"visits\", " CATEGORY_LABELS
                   ", \"inpatient\": true}], \"types\": [{\"id\": \"doctor\", " LABELS "}]}",
                   "categories[0].inpatient");
  check_bad_types (HEAD "\"types\": [{\"id\": \"doctor\", " LABELS ", \"aliases\": \"Dr\"}]}",
                   "types[0].aliases");
  check_bad_types (HEAD "\"types\": [{\"id\": \"doctor\", " LABELS ", \"aliases\": [\"Dr\", \" \"]}]}",
                   "types[0].aliases[1]");
  check_bad_types (TOP "\"categories\": [\"visits\"], \"types\": [{\"id\": \"doctor\", "
                   LABELS "}]}", "categories[0]");

  /* Category ids are written like the reports' codes, with underscores. */
  g_clear_object (&types);
  g_clear_pointer (&bytes, g_bytes_unref);
  text = TOP "\"categories\": [{\"id\": \"telephone_service\", " CATEGORY_LABELS "}], "
         "\"types\": [{\"id\": \"phone\", " "\"labels\": {\"en\": \"Phone\", \"fi\": "
         "\"Puhelin\", \"sv\": \"Telefon\"}, \"category\": \"telephone_service\"}]}";
  bytes = g_bytes_new (text, strlen (text));
  types = polku_contact_types_load_bytes (bytes, "ok.json", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (polku_contact_category_get_label_for (
                     polku_contact_types_lookup_category (types, "telephone_service"), "fi"),
                   ==, "Käynnit");
}

/* --- Contacts --------------------------------------------------------------------------- */

static void
test_parse_dates (void)
{
  static const struct { const char *in; const char *out; } dates[] = {
    { "2026-02-01", "2026-02-01" }, { "1.2.2026", "2026-02-01" }, { "01.02.2026", "2026-02-01" },
    { " 29.2.2024 ", "2024-02-29" }, { "29.2.2025", NULL }, { "2026-2-1", NULL },
    { "31.4.2026", NULL }, { "1.2.26", NULL }, { "2026-13-01", NULL }, { "", NULL },
    { "tomorrow", NULL }, { "1899-12-31", NULL }, { "1.2.2026.", NULL }, { "+1.2.2026", NULL },
  };
  static const struct { const char *in; const char *out; } times[] = {
    { "08:05", "08:05" }, { "8.05", "08:05" }, { "14:30:00", "14:30" }, { "24:00", NULL },
    { "12:60", NULL }, { "12", NULL }, { "1:5", NULL }, { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *out = polku_contact_parse_date (dates[i].in);

      g_assert_cmpstr (out, ==, dates[i].out);
    }
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autofree char *out = polku_contact_parse_time (times[i].in);

      g_assert_cmpstr (out, ==, times[i].out);
    }
}

static void
assert_invalid (PolkuContact *contact,
                int           code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (polku_contact_validate (contact, NULL, &error));
  g_assert_error (error, POLKU_CONTACT_ERROR, code);
}

static void
test_validate (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *long_text = g_strnfill (POLKU_CONTACT_MAX_TEXT + 1, 'x');
  g_autofree char *long_note = g_strnfill (POLKU_CONTACT_MAX_NOTE + 1, 'x');
  g_autoptr(PolkuContact) contact =
    make_contact ("7d9b3f34-5b7a-4c8a-9d4e-0d5b1a4a2f11", "2026-03-04", "nurse", "H-1");

  g_assert_true (polku_contact_validate (contact, NULL, &error));
  g_assert_no_error (error);

  /* Strings are stripped; empty is NULL. */
  polku_contact_set_organisation (contact, "   ");
  g_assert_null (polku_contact_get_organisation (contact));
  polku_contact_set_organisation (contact, " Terveysasema ");
  g_assert_cmpstr (polku_contact_get_organisation (contact), ==, "Terveysasema");

  polku_contact_set_date (contact, "4.3.2026");
  assert_invalid (contact, POLKU_CONTACT_ERROR_DATE);   /* stored form only */
  polku_contact_set_date (contact, NULL);
  assert_invalid (contact, POLKU_CONTACT_ERROR_DATE);
  polku_contact_set_date (contact, "2026-03-04");

  polku_contact_set_time (contact, "25:00");
  assert_invalid (contact, POLKU_CONTACT_ERROR_TIME);
  polku_contact_set_time (contact, "09:15");

  polku_contact_set_type_id (contact, "dentist");
  assert_invalid (contact, POLKU_CONTACT_ERROR_TYPE);
  polku_contact_set_type_id (contact, NULL);
  assert_invalid (contact, POLKU_CONTACT_ERROR_TYPE);
  polku_contact_set_type_id (contact, "nurse");

  polku_contact_set_professional_id (contact, long_text);
  assert_invalid (contact, POLKU_CONTACT_ERROR_PROFESSIONAL);
  polku_contact_set_professional_id (contact, "H-1");
  polku_contact_set_organisation (contact, long_text);
  assert_invalid (contact, POLKU_CONTACT_ERROR_ORGANISATION);
  polku_contact_set_organisation (contact, NULL);
  polku_contact_set_note (contact, long_note);
  assert_invalid (contact, POLKU_CONTACT_ERROR_NOTE);
  polku_contact_set_note (contact, NULL);

  polku_contact_set_client_id (contact, "not-a-uuid");
  assert_invalid (contact, POLKU_CONTACT_ERROR_CLIENT);

  g_assert_cmpstr (polku_contact_error_field (POLKU_CONTACT_ERROR_DATE), ==, "date");
  g_assert_cmpstr (polku_contact_error_field (POLKU_CONTACT_ERROR_NOTE), ==, "note");
  g_assert_null (polku_contact_error_field (-1));
}

/* Days: required (1–3660) for an inpatient stay entered by a worker, refused for any other
 * type; an imported stay may leave them unrecorded. The reason is optional free text. */
static void
test_days_reason (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *long_reason = g_strnfill (POLKU_CONTACT_MAX_REASON + 1, 'x');
  g_autoptr(PolkuContact) stay =
    make_contact ("7d9b3f34-5b7a-4c8a-9d4e-0d5b1a4a2f11", "2026-03-04", "hospital-stay", NULL);
  g_autoptr(PolkuContact) visit =
    make_contact ("7d9b3f34-5b7a-4c8a-9d4e-0d5b1a4a2f11", "2026-03-04", "doctor", "L-1");
  g_autoptr(PolkuContact) copy = NULL;
  g_autofree char *folded = NULL;

  assert_invalid (stay, POLKU_CONTACT_ERROR_DAYS);
  g_assert_cmpstr (polku_contact_error_field (POLKU_CONTACT_ERROR_DAYS), ==, "days");
  polku_contact_set_days (stay, POLKU_CONTACT_MAX_DAYS + 1);
  assert_invalid (stay, POLKU_CONTACT_ERROR_DAYS);
  polku_contact_set_days (stay, POLKU_CONTACT_MAX_DAYS);
  g_assert_true (polku_contact_validate (stay, NULL, &error));
  polku_contact_set_days (stay, 1);
  g_assert_true (polku_contact_validate (stay, NULL, &error));
  g_assert_no_error (error);

  /* From a file without a days column: not recorded. */
  polku_contact_set_days (stay, 0);
  polku_contact_set_source (stay, POLKU_CONTACT_SOURCE_IMPORTED);
  g_assert_true (polku_contact_validate (stay, NULL, &error));
  g_assert_no_error (error);

  polku_contact_set_days (visit, 3);
  assert_invalid (visit, POLKU_CONTACT_ERROR_DAYS);
  polku_contact_set_source (visit, POLKU_CONTACT_SOURCE_IMPORTED);
  assert_invalid (visit, POLKU_CONTACT_ERROR_DAYS);
  polku_contact_set_days (visit, 0);

  polku_contact_set_reason (visit, "  ");
  g_assert_null (polku_contact_get_reason (visit));
  polku_contact_set_reason (visit, long_reason);
  assert_invalid (visit, POLKU_CONTACT_ERROR_REASON);
  g_assert_cmpstr (polku_contact_error_field (POLKU_CONTACT_ERROR_REASON), ==, "reason");
  polku_contact_set_reason (visit, " Selkäkipu ");
  g_assert_cmpstr (polku_contact_get_reason (visit), ==, "Selkäkipu");
  g_assert_true (polku_contact_validate (visit, NULL, &error));

  copy = polku_contact_copy (stay);
  g_assert_cmpuint (polku_contact_get_days (copy), ==, 0);
  g_clear_object (&copy);
  polku_contact_set_days (stay, 12);
  polku_contact_set_reason (stay, "Keuhkokuume");
  copy = polku_contact_copy (stay);
  g_assert_cmpuint (polku_contact_get_days (copy), ==, 12);
  g_assert_cmpstr (polku_contact_get_reason (copy), ==, "Keuhkokuume");

  /* The same issue whatever the capitals and spaces. */
  folded = polku_contact_fold_reason ("  SELKÄKIPU \t ja  huimaus");
  g_assert_cmpstr (folded, ==, "selkäkipu ja huimaus");
  g_clear_pointer (&folded, g_free);
  folded = polku_contact_fold_reason (" \n ");
  g_assert_null (folded);
  g_assert_null (polku_contact_fold_reason (NULL));
}

static void
test_store_days_reason (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuContact) stay = make_contact (f->client_id, "2026-02-03", "hospital-stay",
                                               NULL);
  g_autoptr(PolkuContact) stored = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  const char *detail = NULL;

  /* Without days nothing is written. */
  g_assert_false (polku_contact_store_add (f->store, stay, &error));
  g_assert_error (error, POLKU_CONTACT_ERROR, POLKU_CONTACT_ERROR_DAYS);
  g_clear_error (&error);
  g_assert_cmpint (polku_contact_store_count (f->store, NULL, NULL), ==, 0);

  polku_contact_set_days (stay, 9);
  polku_contact_set_reason (stay, "Lonkkamurtuma");
  g_assert_true (polku_contact_store_add (f->store, stay, &error));
  g_assert_no_error (error);
  stored = polku_contact_store_get (f->store, polku_contact_get_id (stay), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (polku_contact_get_days (stored), ==, 9);
  g_assert_cmpstr (polku_contact_get_reason (stored), ==, "Lonkkamurtuma");

  /* A stay cannot lose its days, nor a visit get some; nothing changes. */
  polku_contact_set_days (stored, 0);
  g_assert_false (polku_contact_store_update (f->store, stored, &error));
  g_assert_error (error, POLKU_CONTACT_ERROR, POLKU_CONTACT_ERROR_DAYS);
  g_clear_error (&error);
  polku_contact_set_type_id (stored, "doctor");
  polku_contact_set_days (stored, 9);
  g_assert_false (polku_contact_store_update (f->store, stored, &error));
  g_assert_error (error, POLKU_CONTACT_ERROR, POLKU_CONTACT_ERROR_DAYS);
  g_clear_error (&error);
  g_clear_object (&stored);

  stored = polku_contact_store_get (f->store, polku_contact_get_id (stay), &error);
  polku_contact_set_days (stored, 11);
  polku_contact_set_reason (stored, NULL);
  g_assert_true (polku_contact_store_update (f->store, stored, &error));
  g_assert_no_error (error);
  g_clear_object (&stored);
  stored = polku_contact_store_get (f->store, polku_contact_get_id (stay), &error);
  g_assert_cmpuint (polku_contact_get_days (stored), ==, 11);
  g_assert_null (polku_contact_get_reason (stored));

  /* The audit entry names the fields, never the reason's words. */
  entries = polku_audit_list (f->store, f->client_id, &error);
  for (guint i = 0; i < entries->len; i++)
    if (g_str_equal (polku_audit_entry_get_action (g_ptr_array_index (entries, i)),
                     POLKU_AUDIT_CONTACT_UPDATE))
      detail = polku_audit_entry_get_detail (g_ptr_array_index (entries, i));
  g_assert_nonnull (detail);
  g_assert_nonnull (strstr (detail, "fields=days,reason"));
  g_assert_null (strstr (detail, "Lonkka"));

  /* The schema's own rule backs the core's: days only 1–3660. */
  {
    g_autoptr(GError) local = NULL;
    sqlite3 *db = polku_store_begin_use (f->store, &local);

    g_assert_no_error (local);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE contact SET days = 0;", NULL, NULL, NULL), !=,
                     SQLITE_OK);
    polku_store_end_use (f->store);
  }
}

static void
test_store_add_list (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  static const char * const dates[] = {
    "2026-03-04", "2026-01-10", "2026-02-20", "2025-12-31", "2026-02-20", NULL
  };

  for (guint i = 0; dates[i] != NULL; i++)
    {
      g_autoptr(PolkuContact) c = make_contact (f->client_id, dates[i], i % 2 ? "doctor" : "nurse",
                                                i < 3 ? "H-1" : NULL);

      if (i == 2)
        polku_contact_set_time (c, "13:00");
      polku_contact_set_urgent (c, i == 1);
      polku_contact_set_no_show (c, i == 3);
      polku_contact_set_note (c, "Muistiinpano");
      g_assert_true (polku_contact_store_add (f->store, c, &error));
      g_assert_no_error (error);
      g_assert_true (g_uuid_string_is_valid (polku_contact_get_id (c)));
      g_assert_cmpstr (polku_contact_get_created (c), ==, polku_contact_get_modified (c));
    }
  {
    g_autoptr(PolkuContact) other = make_contact (f->other_id, "2026-01-15", "phone", NULL);

    g_assert_true (polku_contact_store_add (f->store, other, &error));
  }
  g_assert_cmpuint (count_audit (f, POLKU_AUDIT_CONTACT_ADD), ==, 5);

  /* Oldest first; a contact without a time before one with a time on the same day. */
  list = polku_contact_store_list (f->store, f->client_id, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 5);
  g_assert_cmpstr (polku_contact_get_date (g_ptr_array_index (list, 0)), ==, "2025-12-31");
  g_assert_true (polku_contact_get_no_show (g_ptr_array_index (list, 0)));
  g_assert_cmpstr (polku_contact_get_date (g_ptr_array_index (list, 2)), ==, "2026-02-20");
  g_assert_null (polku_contact_get_time (g_ptr_array_index (list, 2)));
  g_assert_cmpstr (polku_contact_get_time (g_ptr_array_index (list, 3)), ==, "13:00");
  g_assert_true (polku_contact_get_urgent (g_ptr_array_index (list, 1)));
  g_assert_cmpstr (polku_contact_get_note (g_ptr_array_index (list, 1)), ==, "Muistiinpano");
  g_assert_cmpint (polku_contact_get_source (g_ptr_array_index (list, 1)), ==,
                   POLKU_CONTACT_SOURCE_ENTERED);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* A period, both ends included. */
  list = polku_contact_store_list (f->store, f->client_id, "2026-01-10", "2026-02-20", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = polku_contact_store_list (f->store, f->client_id, "2026-02-21", NULL, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  list = polku_contact_store_list (f->store, f->client_id, "20.2.2026", NULL, &error);
  g_assert_null (list);
  g_assert_error (error, POLKU_CONTACT_ERROR, POLKU_CONTACT_ERROR_DATE);
  g_clear_error (&error);

  g_assert_cmpint (polku_contact_store_count (f->store, f->client_id, NULL), ==, 5);
  g_assert_cmpint (polku_contact_store_count (f->store, NULL, NULL), ==, 6);

  /* As visits for the continuity indices: the no-show is left out. */
  list = polku_contact_store_list (f->store, f->client_id, NULL, NULL, &error);
  {
    g_autoptr(GArray) visits = polku_contacts_to_visits (list);
    PolkuVisit *v = &g_array_index (visits, PolkuVisit, 0);

    g_assert_cmpuint (visits->len, ==, 4);
    g_assert_cmpint (g_date_get_year (&v->date), ==, 2026);
    g_assert_cmpint (g_date_get_month (&v->date), ==, 1);
    g_assert_cmpint (g_date_get_day (&v->date), ==, 10);
    g_assert_cmpstr (v->type, ==, "doctor");
    g_assert_true (v->urgent);
    g_assert_cmpstr (v->professional, ==, "H-1");
  }
}

static void
test_store_bad_input (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuContact) bad = make_contact (f->client_id, "2026-02-30", "doctor", NULL);
  g_autoptr(PolkuContact) orphan = make_contact ("7d9b3f34-5b7a-4c8a-9d4e-0d5b1a4a2f11",
                                                "2026-02-03", "doctor", NULL);

  g_assert_false (polku_contact_store_add (f->store, bad, &error));
  g_assert_error (error, POLKU_CONTACT_ERROR, POLKU_CONTACT_ERROR_DATE);
  g_clear_error (&error);
  g_assert_null (polku_contact_get_id (bad));

  g_assert_false (polku_contact_store_add (f->store, orphan, &error));
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (polku_contact_store_count (f->store, NULL, NULL), ==, 0);
  g_assert_cmpuint (count_audit (f, POLKU_AUDIT_CONTACT_ADD), ==, 0);
}

static void
test_store_update_remove (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuContact) contact = make_contact (f->client_id, "2026-02-03", "doctor", "L-1");
  g_autoptr(PolkuContact) stored = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *created = NULL;
  const char *detail = NULL;

  g_assert_true (polku_contact_store_add (f->store, contact, &error));
  created = g_strdup (polku_contact_get_created (contact));

  /* Unchanged: nothing written. */
  g_assert_true (polku_contact_store_update (f->store, contact, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_audit (f, POLKU_AUDIT_CONTACT_UPDATE), ==, 0);

  polku_contact_set_type_id (contact, "nurse");
  polku_contact_set_no_show (contact, TRUE);
  polku_contact_set_note (contact, "Ei tullut, ei ilmoittanut");
  g_usleep (2000);
  g_assert_true (polku_contact_store_update (f->store, contact, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (polku_contact_get_created (contact), ==, created);
  g_assert_cmpstr (polku_contact_get_modified (contact), >, created);

  stored = polku_contact_store_get (f->store, polku_contact_get_id (contact), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (polku_contact_get_type_id (stored), ==, "nurse");
  g_assert_true (polku_contact_get_no_show (stored));

  /* The audit entry names the fields, never their values. */
  entries = polku_audit_list (f->store, f->client_id, &error);
  for (guint i = 0; i < entries->len; i++)
    if (g_str_equal (polku_audit_entry_get_action (g_ptr_array_index (entries, i)),
                     POLKU_AUDIT_CONTACT_UPDATE))
      detail = polku_audit_entry_get_detail (g_ptr_array_index (entries, i));
  g_assert_nonnull (detail);
  g_assert_nonnull (strstr (detail, "fields=type,no_show,note"));
  g_assert_null (strstr (detail, "ilmoittanut"));

  /* A contact does not move to another client; a bad change changes nothing. */
  polku_contact_set_client_id (contact, f->other_id);
  g_assert_false (polku_contact_store_update (f->store, contact, &error));
  g_assert_error (error, POLKU_CONTACT_ERROR, POLKU_CONTACT_ERROR_CLIENT);
  g_clear_error (&error);
  polku_contact_set_client_id (contact, f->client_id);
  polku_contact_set_date (contact, "yesterday");
  g_assert_false (polku_contact_store_update (f->store, contact, &error));
  g_clear_error (&error);
  g_clear_object (&stored);
  stored = polku_contact_store_get (f->store, polku_contact_get_id (contact), &error);
  g_assert_cmpstr (polku_contact_get_date (stored), ==, "2026-02-03");

  g_assert_true (polku_contact_store_remove (f->store, stored, &error));
  g_assert_no_error (error);
  g_assert_cmpint (polku_contact_store_count (f->store, f->client_id, NULL), ==, 0);
  g_assert_cmpuint (count_audit (f, POLKU_AUDIT_CONTACT_REMOVE), ==, 1);
  g_assert_false (polku_contact_store_remove (f->store, stored, &error));
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (polku_audit_verify (f->store, NULL, &error));
  g_assert_no_error (error);
}

static void
raw_exec (PolkuStore *store,
          const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = polku_store_begin_use (store, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  polku_store_end_use (store);
}

static void
test_store_batch_all_or_nothing (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_audit;

  for (guint i = 0; i < 5; i++)
    {
      PolkuContact *c = make_contact (f->client_id, "2026-02-03", "phone", "H-1");

      polku_contact_set_source (c, POLKU_CONTACT_SOURCE_IMPORTED);
      g_ptr_array_add (batch, c);
    }
  n_audit = count_audit (f, POLKU_AUDIT_CONTACT_IMPORT);

  /* An invalid contact: nothing is written. */
  polku_contact_set_type_id (g_ptr_array_index (batch, 3), "teleport");
  g_assert_false (polku_contact_store_add_all (f->store, f->client_id, batch, &error));
  g_assert_error (error, POLKU_CONTACT_ERROR, POLKU_CONTACT_ERROR_TYPE);
  g_assert_nonnull (strstr (error->message, "4"));
  g_clear_error (&error);
  polku_contact_set_type_id (g_ptr_array_index (batch, 3), "phone");

  /* A contact of another client: nothing is written. */
  polku_contact_set_client_id (g_ptr_array_index (batch, 4), f->other_id);
  g_assert_false (polku_contact_store_add_all (f->store, f->client_id, batch, &error));
  g_clear_error (&error);
  polku_contact_set_client_id (g_ptr_array_index (batch, 4), f->client_id);

  /* The database refuses the fourth row half-way: the first three are rolled back too,
   * with their audit entries. */
  raw_exec (f->store, "CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.contact"
                      " WHEN NEW.professional_id = 'boom'"
                      " BEGIN SELECT RAISE (ABORT, 'refused'); END;");
  polku_contact_set_professional_id (g_ptr_array_index (batch, 3), "boom");
  g_assert_false (polku_contact_store_add_all (f->store, f->client_id, batch, &error));
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (polku_contact_store_count (f->store, NULL, NULL), ==, 0);
  g_assert_cmpuint (count_audit (f, POLKU_AUDIT_CONTACT_IMPORT), ==, n_audit);
  for (guint i = 0; i < batch->len; i++)
    g_assert_null (polku_contact_get_id (g_ptr_array_index (batch, i)));

  polku_contact_set_professional_id (g_ptr_array_index (batch, 3), "H-2");
  g_assert_true (polku_contact_store_add_all (f->store, f->client_id, batch, &error));
  g_assert_no_error (error);
  g_assert_cmpint (polku_contact_store_count (f->store, NULL, NULL), ==, 5);
  g_assert_cmpuint (count_audit (f, POLKU_AUDIT_CONTACT_IMPORT), ==, n_audit + 5);
  g_assert_true (polku_audit_verify (f->store, NULL, &error));
}

static void
list_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = polku_contact_store_list_finish (POLKU_STORE (source), result, &error);
  g_assert_no_error (error);
}

static void
test_store_list_async (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PolkuContact) c = make_contact (f->client_id, "2026-02-03", "remote", NULL);
  g_autoptr(GPtrArray) list = NULL;

  g_assert_true (polku_contact_store_add (f->store, c, NULL));
  polku_contact_store_list_async (f->store, f->client_id, NULL, NULL, NULL, list_done, &list);
  while (list == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (polku_contact_get_type_id (g_ptr_array_index (list, 0)), ==, "remote");
}

/* The demo: a year of visits with a usual doctor and nurse, urgent visits and no-shows, and
 * fewer visits after the mapping visit than before it for most clients. */
static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  guint fewer_after = 0, with_visit = 0, urgent = 0, no_shows = 0, emergency = 0, stays = 0;
  guint repeats = 0;
  g_autoptr(GHashTable) types_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            NULL);
  g_autoptr(GListModel) types = polku_contact_types_dup_default (NULL);

  g_assert_true (polku_demo_populate (f->store, 30, 7, &error));
  g_assert_no_error (error);
  clients = polku_client_store_list (f->store, FALSE, &error);

  for (guint i = 0; i < clients->len; i++)
    {
      const char *id = polku_client_get_id (g_ptr_array_index (clients, i));
      g_autoptr(GPtrArray) contacts = NULL;
      g_autoptr(GHashTable) by_professional = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(PolkuMappingVisit) visit = NULL;
      guint top = 0;

      if (g_str_equal (id, f->client_id) || g_str_equal (id, f->other_id))
        continue;
      contacts = polku_contact_store_list (f->store, id, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (contacts->len, >=, 15);
      {
        g_autoptr(PolkuContactCounts) counts = polku_contact_counts_compute (contacts, NULL,
                                                                             NULL, NULL);

        repeats += counts->total.repeats;
      }

      for (guint j = 0; j < contacts->len; j++)
        {
          PolkuContact *c = g_ptr_array_index (contacts, j);
          const char *p = polku_contact_get_professional_id (c);
          guint n;

          g_assert_true (polku_contact_validate (c, NULL, NULL));
          urgent += polku_contact_get_urgent (c);
          no_shows += polku_contact_get_no_show (c);
          emergency += g_str_equal (polku_contact_get_type_id (c), "emergency");
          g_hash_table_add (types_seen, g_strdup (polku_contact_get_type_id (c)));
          if (g_str_equal (polku_contact_get_type_id (c), "hospital-stay"))
            {
              g_assert_cmpuint (polku_contact_get_days (c), >=, 1);
              stays++;
            }
          else
            g_assert_cmpuint (polku_contact_get_days (c), ==, 0);
          if (p == NULL)
            continue;
          n = GPOINTER_TO_UINT (g_hash_table_lookup (by_professional, p)) + 1;
          g_hash_table_insert (by_professional, (gpointer) p, GUINT_TO_POINTER (n));
          top = MAX (top, n);
        }
      /* Several professionals, one of them seen often. */
      g_assert_cmpuint (g_hash_table_size (by_professional), >=, 3);
      g_assert_cmpuint (top, >=, 5);

      /* Visits per day in the six months before the mapping visit and after it. */
      visit = polku_mapping_visit_store_get_latest (f->store, id, NULL);
      if (visit != NULL)
        {
          GDate held, from, to, today;
          guint before = 0, after = 0;
          double days_after;

          g_date_clear (&held, 1);
          g_date_set_parse (&held, polku_mapping_visit_get_held_on (visit));
          g_assert_true (g_date_valid (&held));
          g_assert_cmpint (polku_mapping_visit_get_elapsed_seconds (visit, NULL), >, 90 * 60);
          g_assert_cmpuint (polku_mapping_visit_get_n_done (visit), >, 5);
          from = held;
          g_date_subtract_months (&from, 6);
          to = held;
          g_date_add_months (&to, 6);
          g_date_clear (&today, 1);
          g_date_set_time_t (&today, time (NULL));
          if (g_date_compare (&to, &today) > 0)
            to = today;
          days_after = g_date_days_between (&held, &to);
          if (days_after < 30)
            continue;
          with_visit++;
          for (guint j = 0; j < contacts->len; j++)
            {
              GDate d;

              g_date_clear (&d, 1);
              g_date_set_parse (&d, polku_contact_get_date (g_ptr_array_index (contacts, j)));
              if (g_date_compare (&d, &from) >= 0 && g_date_compare (&d, &held) < 0)
                before++;
              else if (g_date_compare (&d, &held) >= 0 && g_date_compare (&d, &to) < 0)
                after++;
            }
          if (after / days_after < before / (double) g_date_days_between (&from, &held))
            fewer_after++;
        }
    }
  g_assert_cmpuint (urgent, >, 0);
  g_assert_cmpuint (no_shows, >, 0);
  g_assert_cmpuint (emergency, >, 0);
  g_assert_cmpuint (stays, >, 0);
  g_assert_cmpuint (repeats, >, 0);
  /* Contacts in every category of the reports. */
  for (guint i = 0; i < g_list_model_get_n_items (types); i++)
    {
      g_autoptr(PolkuContactType) type = g_list_model_get_item (types, i);

      if (!g_str_equal (polku_contact_type_get_id (type), "other")
          && !g_hash_table_contains (types_seen, polku_contact_type_get_id (type)))
        g_error ("The demo has no contact of type %s", polku_contact_type_get_id (type));
    }
  g_assert_cmpuint (with_visit, >=, 5);
  g_assert_cmpuint (fewer_after * 10, >=, with_visit * 6);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/contact/types/default", test_types_default);
  g_test_add_func ("/contact/types/invalid", test_types_invalid);
  g_test_add_func ("/contact/parse-dates", test_parse_dates);
  g_test_add_func ("/contact/validate", test_validate);
  g_test_add_func ("/contact/days-reason", test_days_reason);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/contact/store/add-list", test_store_add_list);
  ADD ("/contact/store/bad-input", test_store_bad_input);
  ADD ("/contact/store/update-remove", test_store_update_remove);
  ADD ("/contact/store/days-reason", test_store_days_reason);
  ADD ("/contact/store/batch-all-or-nothing", test_store_batch_all_or_nothing);
  ADD ("/contact/store/list-async", test_store_list_async);
  ADD ("/contact/demo", test_demo);
#undef ADD

  return g_test_run ();
}
