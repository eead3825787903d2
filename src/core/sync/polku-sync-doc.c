/* polku-sync-doc.c: the shared document of sync, what the consent lets leave, and back
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three things, each in its own section: which databases a client's document goes to
 * (polku_sync_doc_targets (): polku_consent_check () decides every organisation and part),
 * what the document holds (build, and the plan's projection and its inverse), and the check
 * of a document pulled from the server, which anyone with an account may have written.
 *
 * Longer than the usual 1,000 lines: the seam is the last section (validation, with its
 * tables of members), which moves to its own polku-sync-doc-validate.c as soon as the
 * folder's meson.build lists one; the rest is one topic (what leaves, and back).
 */

#define G_LOG_DOMAIN "polku-sync-doc"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "polku-assessment-store.h"
#include "polku-client-store.h"
#include "polku-consent-store.h"
#include "polku-contact-store.h"
#include "polku-date.h"
#include "polku-hetu.h"
#include "polku-json.h"
#include "polku-limits.h"
#include "polku-plan-store.h"
#include "polku-scoring.h"
#include "polku-sync-doc.h"
#include "polku-sync-merge.h"
#include "polku-team-store.h"

G_DEFINE_QUARK (polku-sync-doc-error-quark, polku_sync_doc_error)

/* The plan's members by part (polku-sync-doc.h). */
static const char * const plan_always[] = {
  "schema", "id", "client_id", "language", "agreed_on", "created", "modified", NULL
};
static const char * const plan_client_view[] = {
  "client_view", "main_burden", "differing_views", NULL
};

#define MAX_GROUP_LENGTH 100
/* No person's document has more elements in one list, or more members in one object. */
#define MAX_ELEMENTS 10000
/* A stamp, a revision, a path: generous, but not text. */
#define MAX_TOKEN 1000

char *
polku_sync_database_name (const char  *access_group,
                          GError     **error)
{
  gsize length;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  length = access_group != NULL ? strlen (access_group) : 0;
  if (length == 0 || length > MAX_GROUP_LENGTH || access_group[0] == '-')
    goto invalid;
  for (gsize i = 0; i < length; i++)
    {
      char c = access_group[i];

      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
        goto invalid;
    }
  return g_strconcat ("polku-", access_group, NULL);

invalid:
  g_set_error (error, POLKU_SYNC_DOC_ERROR, POLKU_SYNC_DOC_ERROR_INVALID,
               _("“%s” cannot be an access group of the server: use 1–100 lowercase "
                 "letters a–z, digits and hyphens, starting with a letter or a digit, in "
                 "the organisations file."), access_group != NULL ? access_group : "");
  return NULL;
}

char *
polku_sync_doc_id (const char *client_id)
{
  g_return_val_if_fail (client_id != NULL, NULL);

  return g_strconcat ("plan-", client_id, NULL);
}

void
polku_sync_target_free (PolkuSyncTarget *t)
{
  if (t == NULL)
    return;
  g_free (t->database);
  g_strfreev (t->parts);
  g_free (t);
}

/* Targets */

static gboolean
sector_may_hold_identity_code (const char *sector)
{
  return g_strcmp0 (sector, "health") == 0 || g_strcmp0 (sector, "social") == 0;
}

/* The parts of @parts (in the order of polku_consent_part_codes ()) that every organisation
 * of @members may receive on @date, by polku_consent_check (). */
static GPtrArray *
group_parts (PolkuStore  *store,
             const char  *client_id,
             GPtrArray   *members,
             const char  *date,
             GError     **error)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char * const *codes = polku_consent_part_codes ();

  for (guint i = 0; codes[i] != NULL; i++)
    g_ptr_array_add (parts, (gpointer) codes[i]);

  for (guint m = 0; m < members->len && parts->len > 0; m++)
    {
      const char *organisation = polku_organisation_get_id (members->pdata[m]);

      for (guint p = 0; p < parts->len;)
        {
          g_autoptr(GError) local_error = NULL;

          if (polku_consent_check (store, client_id, organisation, parts->pdata[p], date,
                                   &local_error))
            {
              p++;
              continue;
            }
          /* Not covered (or an organisation the county's list in use does not know):
           * nothing of this part goes. Anything else is a real failure. */
          if (!g_error_matches (local_error, POLKU_CONSENT_ERROR,
                                POLKU_CONSENT_ERROR_NO_CONSENT)
              && !g_error_matches (local_error, POLKU_CONSENT_ERROR,
                                   POLKU_CONSENT_ERROR_INVALID))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          g_ptr_array_remove_index (parts, p);
        }
    }

  /* Actions only with their goals: a goal without its text would not be a plan. */
  if (!g_ptr_array_find_with_equal_func (parts, "goals", g_str_equal, NULL))
    {
      guint index;

      if (g_ptr_array_find_with_equal_func (parts, "actions", g_str_equal, &index))
        g_ptr_array_remove_index (parts, index);
    }
  return g_steal_pointer (&parts);
}

/* The access groups of @orgs in the file's order, each with its organisations. */
static void
list_groups (PolkuOrganisations *orgs,
             GPtrArray          *order,
             GHashTable         *members)
{
  GListModel *list = polku_organisations_get_list (orgs);
  guint n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PolkuOrganisation) organisation = g_list_model_get_item (list, i);
      const char *group = polku_organisation_get_access_group (organisation);
      GPtrArray *in_group;

      if (group == NULL)
        continue;  /* an organisation without a database receives nothing by sync */
      in_group = g_hash_table_lookup (members, group);
      if (in_group == NULL)
        {
          in_group = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (members, (gpointer) group, in_group);
          g_ptr_array_add (order, (gpointer) group);
        }
      g_ptr_array_add (in_group, g_object_ref (organisation));
    }
}

/**
 * polku_sync_doc_targets:
 * @orgs: the county's organisations (the access groups)
 * @date: (nullable): the day (default today)
 *
 * See polku-sync-doc.h.
 *
 * Returns: (transfer full) (element-type PolkuSyncTarget): the databases, or %NULL with
 *   @error
 */
GPtrArray *
polku_sync_doc_targets (PolkuStore          *store,
                        PolkuOrganisations  *orgs,
                        const char          *client_id,
                        const char          *date,
                        GError             **error)
{
  g_autoptr(GPtrArray) targets =
    g_ptr_array_new_with_free_func ((GDestroyNotify) polku_sync_target_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GHashTable) members =
    g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) valid = NULL;
  g_autofree char *today = NULL;

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (POLKU_IS_ORGANISATIONS (orgs), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (date == NULL)
    date = today = polku_date_today ();

  /* Most clients share nothing: one read says so before a check per organisation. */
  valid = polku_consent_store_list_valid (store, client_id, "sharing", date, error);
  if (valid == NULL)
    return NULL;
  if (valid->len == 0)
    return g_steal_pointer (&targets);

  list_groups (orgs, order, members);
  for (guint g = 0; g < order->len; g++)
    {
      GPtrArray *in_group = g_hash_table_lookup (members, order->pdata[g]);
      g_autoptr(GPtrArray) parts = group_parts (store, client_id, in_group, date, error);
      PolkuSyncTarget *target;

      if (parts == NULL)
        return NULL;
      if (parts->len == 0)
        continue;

      target = g_new0 (PolkuSyncTarget, 1);
      target->database = polku_sync_database_name (order->pdata[g], error);
      if (target->database == NULL)
        {
          polku_sync_target_free (target);
          return NULL;
        }
      g_ptr_array_add (parts, NULL);
      target->parts = g_strdupv ((char **) parts->pdata);
      target->identity_code = TRUE;
      for (guint m = 0; m < in_group->len; m++)
        if (!sector_may_hold_identity_code (polku_organisation_get_sector (in_group->pdata[m])))
          target->identity_code = FALSE;
      g_ptr_array_add (targets, target);
    }
  return g_steal_pointer (&targets);
}

/* Building */

static gboolean
has_part (const char * const *parts,
          const char         *part)
{
  return parts != NULL && g_strv_contains (parts, part);
}

static void
set_string_or_null (JsonObject *object,
                    const char *name,
                    const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

static JsonNode *
node_from_object (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

static JsonNode *
node_from_array (JsonArray *array)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, array);
  return node;
}

static JsonArray *
strv_to_array (const char * const *strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  return array;
}

static JsonNode *
build_client (PolkuClient           *client,
              const PolkuSyncTarget *target)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", polku_client_get_id (client));
  set_string_or_null (object, "given_name", polku_client_get_given_name (client));
  set_string_or_null (object, "family_name", polku_client_get_family_name (client));
  set_string_or_null (object, "birth_date", polku_client_get_birth_date (client));
  if (target->identity_code && polku_client_get_hetu (client) != NULL)
    json_object_set_string_member (object, "identity_code", polku_client_get_hetu (client));
  return node_from_object (object);
}

/* The consent summary: the latest of the client's sharing consents valid today that names
 * an organisation of the target's database (resolved as polku_consent_check () does). */
static JsonNode *
build_consent (PolkuStore             *store,
               const char             *client_id,
               const PolkuSyncTarget  *target,
               GError                **error)
{
  g_autoptr(PolkuOrganisations) orgs = polku_organisations_get_default (error);
  g_autofree char *today = polku_date_today ();
  g_autoptr(GPtrArray) valid = NULL;
  g_autoptr(JsonArray) organisations = NULL;
  PolkuConsent *chosen = NULL;
  GListModel *list;
  JsonObject *object;

  if (orgs == NULL)
    return NULL;
  valid = polku_consent_store_list_valid (store, client_id, "sharing", today, error);
  if (valid == NULL)
    return NULL;

  for (guint i = valid->len; i > 0 && chosen == NULL; i--)
    {
      const char * const *named = polku_consent_get_organisations (valid->pdata[i - 1]);

      for (guint j = 0; named != NULL && named[j] != NULL && chosen == NULL; j++)
        {
          PolkuOrganisation *organisation = polku_organisations_resolve (orgs, named[j]);
          g_autofree char *database = NULL;

          if (organisation == NULL || polku_organisation_get_access_group (organisation) == NULL)
            continue;
          database = polku_sync_database_name (polku_organisation_get_access_group (organisation),
                                               NULL);
          if (g_strcmp0 (database, target->database) == 0)
            chosen = valid->pdata[i - 1];
        }
    }
  if (chosen == NULL)
    {
      g_set_error (error, POLKU_CONSENT_ERROR, POLKU_CONSENT_ERROR_NO_CONSENT,
                   _("No consent of the client valid today covers sharing with the "
                     "organisations of the server database “%s”: nothing is sent there."),
                   target->database);
      return NULL;
    }

  /* Of its scope, only what this database's readers receive: their own ids and the
   * target's parts. */
  organisations = json_array_new ();
  list = polku_organisations_get_list (orgs);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(PolkuOrganisation) organisation = g_list_model_get_item (list, i);
      const char *group = polku_organisation_get_access_group (organisation);
      g_autofree char *database = group != NULL ? polku_sync_database_name (group, NULL) : NULL;

      if (g_strcmp0 (database, target->database) == 0)
        json_array_add_string_element (organisations, polku_organisation_get_id (organisation));
    }

  object = json_object_new ();
  json_object_set_string_member (object, "id", polku_consent_get_id (chosen));
  json_object_set_array_member (object, "organisations", g_steal_pointer (&organisations));
  json_object_set_array_member (object, "parts",
                                strv_to_array ((const char * const *) target->parts));
  set_string_or_null (object, "given_on", polku_consent_get_given_on (chosen));
  set_string_or_null (object, "valid_until", polku_consent_get_valid_until (chosen));
  /* Valid today, so not withdrawn: the member says so for readers that look. */
  json_object_set_null_member (object, "withdrawn_on");
  return node_from_object (object);
}

/* The team's order in the document: current members first, then by the day they joined and
 * their id. Both sides make the same order from their own stores (whose rows' stamps
 * differ), so that the order never bounces between them. */
static int
compare_members (gconstpointer a,
                 gconstpointer b)
{
  PolkuTeamMember *ma = *(PolkuTeamMember **) a;
  PolkuTeamMember *mb = *(PolkuTeamMember **) b;
  int left = (polku_team_member_get_left_on (ma) != NULL)
             - (polku_team_member_get_left_on (mb) != NULL);
  int joined = g_strcmp0 (polku_team_member_get_joined_on (ma),
                          polku_team_member_get_joined_on (mb));

  if (left != 0)
    return left;
  if (joined != 0)
    return joined;
  return g_strcmp0 (polku_team_member_get_id (ma), polku_team_member_get_id (mb));
}

/* Sets an element's members from @record (a PolkuTeamMember, a PolkuContact, …). */
typedef void (*FillFunc) (JsonObject *object,
                          gpointer    record);

/* A list of @records (NULL when reading them failed), each an object with its "id" and what
 * @fill sets. */
static JsonNode *
records_node (GPtrArray *records,
              FillFunc   fill)
{
  JsonArray *array;

  if (records == NULL)
    return NULL;
  array = json_array_new ();
  for (guint i = 0; i < records->len; i++)
    {
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "id", polku_record_get_id (records->pdata[i]));
      fill (object, records->pdata[i]);
      json_array_add_object_element (array, object);
    }
  return node_from_array (array);
}

static void
fill_member (JsonObject *object,
             gpointer    record)
{
  PolkuTeamMember *member = record;

  set_string_or_null (object, "person", polku_team_member_get_person (member));
  set_string_or_null (object, "role", polku_team_member_get_role (member));
  set_string_or_null (object, "organisation", polku_team_member_get_organisation (member));
  set_string_or_null (object, "sector", polku_team_member_get_sector (member));
  set_string_or_null (object, "contact", polku_team_member_get_contact (member));
  set_string_or_null (object, "joined_on", polku_team_member_get_joined_on (member));
  set_string_or_null (object, "left_on", polku_team_member_get_left_on (member));
  json_object_set_boolean_member (object, "responsible",
                                  polku_team_member_get_responsible (member));
}

static JsonNode *
build_team (PolkuStore  *store,
            const char  *client_id,
            GError     **error)
{
  g_autoptr(GPtrArray) members = polku_team_store_list (store, client_id, TRUE, error);

  if (members != NULL)
    g_ptr_array_sort (members, compare_members);
  return records_node (members, fill_member);
}

/* The log without its notes and reasons (client data in free text). */
static void
fill_contact (JsonObject *object,
              gpointer    record)
{
  PolkuContact *contact = record;

  set_string_or_null (object, "date", polku_contact_get_date (contact));
  set_string_or_null (object, "type", polku_contact_get_type_id (contact));
  if (polku_contact_get_days (contact) > 0)
    json_object_set_int_member (object, "days", polku_contact_get_days (contact));
  else
    json_object_set_null_member (object, "days");
  json_object_set_boolean_member (object, "urgent", polku_contact_get_urgent (contact));
  json_object_set_boolean_member (object, "no_show", polku_contact_get_no_show (contact));
  set_string_or_null (object, "organisation", polku_contact_get_organisation (contact));
}

static JsonNode *
build_contacts (PolkuStore  *store,
                const char  *client_id,
                GError     **error)
{
  g_autoptr(GPtrArray) contacts = polku_contact_store_list (store, client_id, NULL, NULL, error);

  return records_node (contacts, fill_contact);
}

/* Complete assessments with their scores: the domains (and how many answers were missing),
 * never the answers, nor the single items an instrument reports as they were answered. */
static JsonNode *
build_measures (PolkuStore  *store,
                const char  *client_id,
                GError     **error)
{
  static const char * const score_members[] = { "discarded", "missing", "domains", NULL };
  g_autoptr(GPtrArray) assessments =
    polku_assessment_store_list (store, client_id, NULL, FALSE, error);
  g_autoptr(JsonArray) array = NULL;

  if (assessments == NULL)
    return NULL;
  array = json_array_new ();
  for (guint i = 0; i < assessments->len; i++)
    {
      PolkuAssessment *assessment = assessments->pdata[i];
      g_autoptr(PolkuScores) scores = polku_assessment_compute_scores (assessment, error);
      g_autoptr(JsonNode) all = NULL;
      JsonObject *kept;
      JsonObject *object;

      if (scores == NULL)
        return NULL;
      all = polku_scores_to_json (scores);
      kept = json_object_new ();
      for (guint m = 0; score_members[m] != NULL; m++)
        {
          JsonNode *value = json_object_get_member (json_node_get_object (all), score_members[m]);

          if (value != NULL)
            json_object_set_member (kept, score_members[m], polku_sync_copy (value));
        }

      object = json_object_new ();
      json_object_set_string_member (object, "id", polku_assessment_get_id (assessment));
      set_string_or_null (object, "instrument", polku_assessment_get_instrument_id (assessment));
      set_string_or_null (object, "assessed_on", polku_assessment_get_date (assessment));
      json_object_set_object_member (object, "scores", kept);
      json_array_add_object_element (array, object);
    }
  return node_from_array (g_steal_pointer (&array));
}

typedef JsonNode *(*BuildFunc) (PolkuStore  *store,
                                const char  *client_id,
                                GError     **error);

/* @part, made by @build, set in @doc when @parts name it. */
static gboolean
set_built_part (PolkuStore          *store,
                const char          *client_id,
                JsonObject          *doc,
                const char * const  *parts,
                const char          *part,
                BuildFunc            build,
                GError             **error)
{
  JsonNode *node;

  if (!has_part (parts, part))
    return TRUE;
  node = build (store, client_id, error);
  if (node == NULL)
    return FALSE;
  json_object_set_member (doc, part, node);
  return TRUE;
}

/* The plan's projection on @parts (when the client has a plan) and, when @parts name it,
 * the team, set in @doc. */
static gboolean
set_plan_and_team (PolkuStore          *store,
                   const char          *client_id,
                   JsonObject          *doc,
                   const char * const  *parts,
                   GError             **error)
{
  g_autoptr(JsonNode) plan = NULL;
  g_autoptr(GError) plan_error = NULL;

  plan = polku_plan_store_load (store, client_id, NULL, &plan_error);
  if (plan != NULL)
    json_object_set_member (doc, "plan", polku_sync_doc_project_plan (plan, parts));
  else if (!g_error_matches (plan_error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_NO_PLAN))
    {
      g_propagate_error (error, g_steal_pointer (&plan_error));
      return FALSE;
    }

  return set_built_part (store, client_id, doc, parts, "team", build_team, error);
}

/**
 * polku_sync_doc_build:
 * @target: one of polku_sync_doc_targets ()
 *
 * See polku-sync-doc.h.
 *
 * Returns: (transfer full): the document's content, or %NULL with @error
 */
JsonNode *
polku_sync_doc_build (PolkuStore             *store,
                      const char             *client_id,
                      const PolkuSyncTarget  *target,
                      GError                **error)
{
  const char * const *parts;
  g_autoptr(PolkuClient) client = NULL;
  g_autoptr(JsonObject) doc = NULL;
  JsonNode *consent;

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (target != NULL && target->database != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  parts = (const char * const *) target->parts;
  client = polku_client_store_get (store, client_id, error);
  if (client == NULL)
    return NULL;

  doc = json_object_new ();
  json_object_set_string_member (doc, "type", POLKU_SYNC_DOC_TYPE);
  json_object_set_int_member (doc, "format", POLKU_SYNC_DOC_FORMAT);
  json_object_set_member (doc, "client", build_client (client, target));
  consent = build_consent (store, client_id, target, error);
  if (consent == NULL)
    return NULL;
  json_object_set_member (doc, "consent", consent);

  if (!set_plan_and_team (store, client_id, doc, parts, error)
      || !set_built_part (store, client_id, doc, parts, "contacts", build_contacts, error)
      || !set_built_part (store, client_id, doc, parts, "measures", build_measures, error))
    return NULL;

  return node_from_object (g_steal_pointer (&doc));
}

/**
 * polku_sync_doc_build_received:
 * @base: the document as this Polku last exchanged it
 * @parts: (array zero-terminated=1): the parts @base's consent names
 *
 * See polku-sync-doc.h.
 *
 * Returns: (transfer full): the document's content, or %NULL with @error
 */
JsonNode *
polku_sync_doc_build_received (PolkuStore          *store,
                               const char          *client_id,
                               JsonNode            *base,
                               const char * const  *parts,
                               GError             **error)
{
  g_autoptr(PolkuClient) client = NULL;
  g_autoptr(JsonNode) doc = NULL;
  JsonObject *object;
  JsonObject *names;

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (base != NULL && JSON_NODE_HOLDS_OBJECT (base), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  client = polku_client_store_get (store, client_id, error);
  if (client == NULL)
    return NULL;
  doc = polku_sync_doc_content (base);
  object = json_node_get_object (doc);

  /* The names as they are here; the identity code only as received (whether it may be in
   * this database is the coordinator's decision). */
  names = polku_json_get_object (object, "client");
  if (names != NULL)
    {
      set_string_or_null (names, "given_name", polku_client_get_given_name (client));
      set_string_or_null (names, "family_name", polku_client_get_family_name (client));
      set_string_or_null (names, "birth_date", polku_client_get_birth_date (client));
    }

  if (!set_plan_and_team (store, client_id, object, parts, error))
    return NULL;
  return g_steal_pointer (&doc);
}

/* The plan's projection */

static void
copy_members (JsonObject         *to,
              JsonObject         *from,
              const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      JsonNode *value = json_object_get_member (from, names[i]);

      if (value != NULL)
        json_object_set_member (to, names[i], polku_sync_copy (value));
    }
}

/* A copy of the goals, without their actions unless @with_actions. */
static JsonNode *
copy_goals (JsonNode *goals,
            gboolean  with_actions)
{
  JsonNode *copy = polku_sync_copy (goals);

  if (!with_actions && JSON_NODE_HOLDS_ARRAY (copy))
    {
      JsonArray *array = json_node_get_array (copy);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *goal = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_OBJECT (goal)
              && json_object_has_member (json_node_get_object (goal), "actions"))
            json_object_remove_member (json_node_get_object (goal), "actions");
        }
    }
  return copy;
}

/**
 * polku_sync_doc_project_plan:
 * @parts: (array zero-terminated=1): consent part codes
 *
 * Returns: (transfer full): a new plan document with only what @parts allow
 */
JsonNode *
polku_sync_doc_project_plan (JsonNode           *plan_document,
                             const char * const *parts)
{
  JsonObject *plan;
  JsonObject *result;
  gboolean goals = has_part (parts, "goals");
  gboolean actions = goals && has_part (parts, "actions");

  g_return_val_if_fail (plan_document != NULL && JSON_NODE_HOLDS_OBJECT (plan_document), NULL);

  plan = json_node_get_object (plan_document);
  result = json_object_new ();
  copy_members (result, plan, plan_always);
  if (has_part (parts, "client_view"))
    copy_members (result, plan, plan_client_view);
  if (goals && json_object_has_member (plan, "goals"))
    json_object_set_member (result, "goals",
                            copy_goals (json_object_get_member (plan, "goals"), actions));
  if (actions && json_object_has_member (plan, "services"))
    json_object_set_member (result, "services",
                            polku_sync_copy (json_object_get_member (plan, "services")));
  return node_from_object (result);
}

gboolean
polku_sync_doc_projection_keeps_all (JsonNode           *plan_document,
                                     const char * const *parts)
{
  gboolean client_view = has_part (parts, "client_view");
  gboolean actions = has_part (parts, "goals") && has_part (parts, "actions");
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  g_return_val_if_fail (plan_document != NULL, FALSE);

  if (!JSON_NODE_HOLDS_OBJECT (plan_document))
    return FALSE;
  json_object_iter_init (&iter, json_node_get_object (plan_document));
  while (json_object_iter_next (&iter, &name, &value))
    {
      /* With the actions, the goals and the services are copied whole. */
      if (g_strv_contains (plan_always, name)
          || (client_view && g_strv_contains (plan_client_view, name))
          || (actions && (g_str_equal (name, "goals") || g_str_equal (name, "services"))))
        continue;
      return FALSE;
    }
  return TRUE;
}

/* Sets @name in @to to @from's (removes it when @from has none). */
static void
take_member (JsonObject *to,
             JsonObject *from,
             const char *name)
{
  JsonNode *value = json_object_get_member (from, name);

  if (value != NULL)
    json_object_set_member (to, name, polku_sync_copy (value));
  else if (json_object_has_member (to, name))
    json_object_remove_member (to, name);
}

/* The merged goals, each with the actions its local goal has (a goal new from the server
 * has none: the database does not hold actions). */
static JsonNode *
goals_with_local_actions (JsonNode *merged_goals,
                          JsonNode *local_goals)
{
  g_autoptr(GHashTable) local_actions = g_hash_table_new (g_str_hash, g_str_equal);
  JsonNode *result = polku_sync_copy (merged_goals);
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (result))
    return result;
  if (local_goals != NULL && JSON_NODE_HOLDS_ARRAY (local_goals))
    {
      JsonArray *local = json_node_get_array (local_goals);

      for (guint i = 0; i < json_array_get_length (local); i++)
        {
          JsonNode *goal = json_array_get_element (local, i);
          JsonObject *object;

          if (!JSON_NODE_HOLDS_OBJECT (goal))
            continue;
          object = json_node_get_object (goal);
          if (json_object_get_member (object, "id") != NULL
              && json_object_get_member (object, "actions") != NULL
              && JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "id")))
            g_hash_table_insert (local_actions,
                                 (gpointer) json_object_get_string_member (object, "id"),
                                 json_object_get_member (object, "actions"));
        }
    }

  array = json_node_get_array (result);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *goal = json_array_get_element (array, i);
      JsonObject *object;
      JsonNode *id;
      JsonNode *actions;

      if (!JSON_NODE_HOLDS_OBJECT (goal))
        continue;
      object = json_node_get_object (goal);
      id = json_object_get_member (object, "id");
      actions = id != NULL && JSON_NODE_HOLDS_VALUE (id)
                ? g_hash_table_lookup (local_actions, json_node_get_string (id)) : NULL;
      if (actions != NULL)
        json_object_set_member (object, "actions", polku_sync_copy (actions));
      else if (json_object_has_member (object, "actions"))
        json_object_remove_member (object, "actions");
    }
  return result;
}

/**
 * polku_sync_doc_unproject_plan:
 * @local_plan: (nullable): the local plan
 * @merged_plan: the plan of the merged document
 * @parts: (array zero-terminated=1): the target's parts
 *
 * Returns: (transfer full): the full local plan; see polku-sync-doc.h
 */
JsonNode *
polku_sync_doc_unproject_plan (JsonNode           *local_plan,
                               JsonNode           *merged_plan,
                               const char * const *parts)
{
  JsonObject *merged;
  JsonObject *result;
  JsonNode *node;
  gboolean goals = has_part (parts, "goals");
  gboolean actions = goals && has_part (parts, "actions");

  g_return_val_if_fail (merged_plan != NULL && JSON_NODE_HOLDS_OBJECT (merged_plan), NULL);

  if (local_plan == NULL || !JSON_NODE_HOLDS_OBJECT (local_plan))
    return polku_sync_doc_project_plan (merged_plan, parts);

  node = polku_sync_copy (local_plan);
  result = json_node_get_object (node);
  merged = json_node_get_object (merged_plan);

  for (guint i = 0; plan_always[i] != NULL; i++)
    take_member (result, merged, plan_always[i]);
  if (has_part (parts, "client_view"))
    for (guint i = 0; plan_client_view[i] != NULL; i++)
      take_member (result, merged, plan_client_view[i]);
  if (actions)
    {
      take_member (result, merged, "goals");
      take_member (result, merged, "services");
    }
  else if (goals)
    {
      JsonNode *merged_goals = json_object_get_member (merged, "goals");

      if (merged_goals != NULL)
        json_object_set_member (result, "goals",
                                goals_with_local_actions (merged_goals,
                                                          json_object_get_member (result,
                                                                                  "goals")));
      else if (json_object_has_member (result, "goals"))
        json_object_remove_member (result, "goals");
    }
  return node;
}

/* Content */

/**
 * polku_sync_doc_content:
 *
 * Returns: (transfer full): a copy of @doc without CouchDB's members (names starting
 *   with "_"), conflicts and changed_by
 */
JsonNode *
polku_sync_doc_content (JsonNode *doc)
{
  g_autoptr(GList) names = NULL;
  JsonNode *copy;
  JsonObject *object;

  g_return_val_if_fail (doc != NULL, NULL);

  copy = polku_sync_copy (doc);
  if (!JSON_NODE_HOLDS_OBJECT (copy))
    return copy;
  object = json_node_get_object (copy);
  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    if (polku_sync_is_meta_member (l->data))
      {
        g_autofree char *name = g_strdup (l->data);  /* the object owns l->data */

        json_object_remove_member (object, name);
      }
  return copy;
}

/**
 * polku_sync_doc_same_content:
 * @a: (nullable):
 * @b: (nullable):
 *
 * Returns: whether @a and @b hold the same content; see polku-sync-doc.h
 */
gboolean
polku_sync_doc_same_content (JsonNode *a,
                             JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return polku_sync_content_equal (a, b);
}

/* Validation of a pulled document */

typedef enum
{
  FIELD_TEXT,      /* a string, required, one line, ≤ POLKU_LIMIT_NAME */
  FIELD_LINE,      /* a string or null, one line, ≤ POLKU_LIMIT_NAME */
  FIELD_TOKEN,     /* a string, required, one line, ≤ MAX_TOKEN */
  FIELD_TOKEN_OPT, /* a string or null, one line, ≤ MAX_TOKEN */
  FIELD_UUID,      /* required */
  FIELD_DATE,      /* YYYY-MM-DD, required */
  FIELD_DATE_OPT,  /* YYYY-MM-DD or null */
  FIELD_BOOL,      /* required */
  FIELD_DAYS,      /* null or 1–3660 */
  FIELD_PARTS,     /* a list of consent part codes */
  FIELD_IDS,       /* a list of one-line strings */
  FIELD_HETU,      /* optional: a valid identity code */
  FIELD_SCORES,    /* an object of numbers, booleans, nulls and objects of those */
  FIELD_ANY,       /* any JSON value (sizes are checked for the whole document) */
} FieldKind;

typedef struct
{
  const char *name;
  FieldKind   kind;
} Field;

static const Field client_fields[] = {
  { "id", FIELD_UUID }, { "given_name", FIELD_LINE }, { "family_name", FIELD_LINE },
  { "birth_date", FIELD_DATE_OPT }, { "identity_code", FIELD_HETU }, { NULL }
};
static const Field consent_fields[] = {
  { "id", FIELD_UUID }, { "organisations", FIELD_IDS }, { "parts", FIELD_PARTS },
  { "given_on", FIELD_DATE }, { "valid_until", FIELD_DATE_OPT },
  { "withdrawn_on", FIELD_DATE_OPT }, { NULL }
};
static const Field team_fields[] = {
  { "id", FIELD_UUID }, { "person", FIELD_TEXT }, { "role", FIELD_LINE },
  { "organisation", FIELD_LINE }, { "sector", FIELD_LINE }, { "contact", FIELD_LINE },
  { "joined_on", FIELD_DATE_OPT }, { "left_on", FIELD_DATE_OPT },
  { "responsible", FIELD_BOOL }, { NULL }
};
static const Field contact_fields[] = {
  { "id", FIELD_UUID }, { "date", FIELD_DATE }, { "type", FIELD_TOKEN },
  { "days", FIELD_DAYS }, { "urgent", FIELD_BOOL }, { "no_show", FIELD_BOOL },
  { "organisation", FIELD_LINE }, { NULL }
};
static const Field measure_fields[] = {
  { "id", FIELD_UUID }, { "instrument", FIELD_TOKEN }, { "assessed_on", FIELD_DATE },
  { "scores", FIELD_SCORES }, { NULL }
};
static const Field conflict_fields[] = {
  { "id", FIELD_UUID }, { "path", FIELD_TOKEN }, { "base", FIELD_ANY },
  { "values", FIELD_ANY }, { NULL }
};
static const Field conflict_value_fields[] = {
  { "value", FIELD_ANY }, { "by", FIELD_LINE }, { "at", FIELD_TOKEN_OPT },
  { "rev", FIELD_TOKEN_OPT }, { NULL }
};
static const Field changed_by_fields[] = {
  { "name", FIELD_LINE }, { "organisation", FIELD_LINE }, { "at", FIELD_TOKEN_OPT },
  { "replica", FIELD_TOKEN_OPT }, { NULL }
};

/* Where in the document a check is: a chain on the stack, made into words only when a check
 * fails (validation allocates nothing for a good document's members). */
typedef struct _Where Where;
struct _Where
{
  const Where *up;
  const char  *name;   /* a member; NULL for an element of a list */
  guint        index;  /* the element's */
};

typedef struct
{
  GString *text;  /* where_text ()'s buffer */
} Check;

static void
append_where (GString     *text,
              const Where *where)
{
  if (where == NULL)
    return;
  append_where (text, where->up);
  if (where->name == NULL)
    g_string_append_printf (text, "[%u]", where->index);
  else
    {
      if (text->len > 0)
        g_string_append_c (text, '.');
      g_string_append (text, where->name);
    }
}

/* "team[2].role": valid until the next call. */
static const char *
where_text (Check       *check,
            const Where *where)
{
  g_string_truncate (check->text, 0);
  append_where (check->text, where);
  return check->text->str;
}

/* FALSE with POLKU_SYNC_DOC_ERROR_INVALID: @format is a translated message with one %s,
 * the member. */
#define invalid(error, format, member) \
  (g_set_error ((error), POLKU_SYNC_DOC_ERROR, POLKU_SYNC_DOC_ERROR_INVALID, (format), \
                (const char *) (member)), FALSE)

static gboolean
is_one_line (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* At most @max characters (counted only when the bytes say it could be more). */
static gboolean
check_length (Check        *check,
              const char   *text,
              const Where  *where,
              glong         max,
              GError      **error)
{
  g_autofree char *label = NULL;

  if (strlen (text) <= (gsize) max)
    return TRUE;
  label = g_strdup_printf (_("The shared document’s “%s”"), where_text (check, where));
  return polku_check_length (text, max, label, POLKU_SYNC_DOC_ERROR,
                             POLKU_SYNC_DOC_ERROR_INVALID, error);
}

static gboolean
check_line (Check        *check,
            JsonNode     *node,
            const Where  *where,
            glong         max,
            gboolean      required,
            GError      **error)
{
  const char *text;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return required
           ? invalid (error, _("The shared document has no “%s”."), where_text (check, where))
           : TRUE;
  if (!is_string (node))
    return invalid (error, _("The shared document’s “%s” must be text."),
                    where_text (check, where));
  text = json_node_get_string (node);
  if (required && *text == '\0')
    return invalid (error, _("The shared document’s “%s” is empty."), where_text (check, where));
  if (!is_one_line (text))
    return invalid (error, _("The shared document’s “%s” holds a line break or another "
                             "control character."), where_text (check, where));
  return check_length (check, text, where, max, error);
}

static gboolean
check_scores (Check        *check,
              JsonNode     *node,
              const Where  *where,
              guint         depth,
              GError      **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) || depth > 2)
    return invalid (error, _("The shared document’s “%s” must be an object of scores."),
                    where_text (check, where));
  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &name, &value))
    {
      Where child = { where, name, 0 };
      GType type;

      if (JSON_NODE_HOLDS_OBJECT (value))
        {
          if (!check_scores (check, value, &child, depth + 1, error))
            return FALSE;
          continue;
        }
      if (JSON_NODE_HOLDS_NULL (value))
        continue;
      type = JSON_NODE_HOLDS_VALUE (value) ? json_node_get_value_type (value) : G_TYPE_INVALID;
      if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE && type != G_TYPE_BOOLEAN)
        return invalid (error, _("The shared document’s “%s” must be a number."),
                        where_text (check, &child));
    }
  return TRUE;
}

static gboolean
check_field (Check        *check,
             JsonNode     *node,
             const Field  *field,
             const Where  *where,
             GError      **error)
{
  gboolean present = node != NULL && !JSON_NODE_HOLDS_NULL (node);

  switch (field->kind)
    {
    case FIELD_TEXT:
      return check_line (check, node, where, POLKU_LIMIT_NAME, TRUE, error);
    case FIELD_LINE:
      return check_line (check, node, where, POLKU_LIMIT_NAME, FALSE, error);
    case FIELD_TOKEN:
      return check_line (check, node, where, MAX_TOKEN, TRUE, error);
    case FIELD_TOKEN_OPT:
      return check_line (check, node, where, MAX_TOKEN, FALSE, error);

    case FIELD_UUID:
      if (!is_string (node) || !g_uuid_string_is_valid (json_node_get_string (node)))
        return invalid (error, _("The shared document’s “%s” must be a UUID."),
                        where_text (check, where));
      return TRUE;

    case FIELD_DATE:
    case FIELD_DATE_OPT:
      if (!present && field->kind == FIELD_DATE_OPT)
        return TRUE;
      if (!is_string (node) || !polku_date_is_valid (json_node_get_string (node)))
        return invalid (error, _("The shared document’s “%s” must be a date, YYYY-MM-DD."),
                        where_text (check, where));
      return TRUE;

    case FIELD_BOOL:
      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
          || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        return invalid (error, _("The shared document’s “%s” must be true or false."),
                        where_text (check, where));
      return TRUE;

    case FIELD_DAYS:
      if (!present)
        return TRUE;
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64
          || json_node_get_int (node) < 1 || json_node_get_int (node) > 3660)
        return invalid (error, _("The shared document’s “%s” must be a number of days, "
                                 "1–3660."), where_text (check, where));
      return TRUE;

    case FIELD_PARTS:
    case FIELD_IDS:
      {
        JsonArray *array;

        if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
          return invalid (error, _("The shared document’s “%s” must be a list."),
                          where_text (check, where));
        array = json_node_get_array (node);
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *element = json_array_get_element (array, i);
            Where child = { where, NULL, i };

            if (!check_line (check, element, &child, POLKU_LIMIT_NAME, TRUE, error))
              return FALSE;
            if (field->kind == FIELD_PARTS
                && !g_strv_contains (polku_consent_part_codes (), json_node_get_string (element)))
              return invalid (error, _("The shared document’s “%s” is not a part of the plan "
                                       "(client_view, goals, actions, team, contacts or "
                                       "measures)."), where_text (check, &child));
          }
        return TRUE;
      }

    case FIELD_HETU:
      if (!present)
        return TRUE;
      if (!is_string (node) || !polku_hetu_validate (json_node_get_string (node), NULL, NULL))
        return invalid (error, _("The shared document’s “%s” is not a valid identity code."),
                        where_text (check, where));
      return TRUE;

    case FIELD_SCORES:
      return check_scores (check, node, where, 0, error);

    case FIELD_ANY:
    default:
      return TRUE;
    }
}

static gboolean
is_field (const Field *fields,
          const char  *name)
{
  for (guint i = 0; fields[i].name != NULL; i++)
    if (g_str_equal (fields[i].name, name))
      return TRUE;
  return FALSE;
}

/* @node is an object with exactly @fields (unknown members refused). */
static gboolean
check_object (Check        *check,
              JsonNode     *node,
              const Field  *fields,
              const Where  *where,
              GError      **error)
{
  JsonObjectIter iter;
  JsonObject *object;
  const char *name;
  JsonNode *value;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, _("The shared document’s “%s” must be an object."),
                    where_text (check, where));
  object = json_node_get_object (node);

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &value))
    if (!is_field (fields, name))
      {
        Where child = { where, name, 0 };

        return invalid (error, _("“%s” is not a member of a shared document."),
                        where_text (check, &child));
      }

  for (guint i = 0; fields[i].name != NULL; i++)
    {
      Where child = { where, fields[i].name, 0 };

      if (!check_field (check, json_object_get_member (object, fields[i].name), &fields[i],
                        &child, error))
        return FALSE;
    }
  return TRUE;
}

/* A list of objects with @fields and distinct ids. */
static gboolean
check_list (Check        *check,
            JsonNode     *node,
            const Field  *fields,
            const Where  *where,
            GError      **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, _("The shared document’s “%s” must be a list."),
                    where_text (check, where));
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      Where child = { where, NULL, i };

      if (!check_object (check, element, fields, &child, error))
        return FALSE;
      if (!g_hash_table_add (ids, (gpointer) json_object_get_string_member (
                                    json_node_get_object (element), "id")))
        return invalid (error, _("The shared document’s “%s” repeats an id that another "
                                 "element of its list has."), where_text (check, &child));
    }
  return TRUE;
}

/* Sizes anywhere in the document, before any member is looked at. */
static gboolean
check_sizes (Check        *check,
             JsonNode     *node,
             const Where  *where,
             GError      **error)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        JsonObjectIter iter;
        const char *name;
        JsonNode *value;

        if (json_object_get_size (object) > MAX_ELEMENTS)
          return invalid (error, _("The shared document’s “%s” has too many members."),
                          where_text (check, where));
        json_object_iter_init (&iter, object);
        while (json_object_iter_next (&iter, &name, &value))
          {
            Where child = { where, name, 0 };

            if (strlen (name) > MAX_TOKEN)
              return invalid (error, _("The shared document has a member name longer than "
                                       "the limit, in “%s”."), where_text (check, where));
            if (!check_sizes (check, value, &child, error))
              return FALSE;
          }
        return TRUE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        if (json_array_get_length (array) > MAX_ELEMENTS)
          return invalid (error, _("The shared document’s “%s” has too many elements."),
                          where_text (check, where));
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            Where child = { where, NULL, i };

            if (!check_sizes (check, json_array_get_element (array, i), &child, error))
              return FALSE;
          }
        return TRUE;
      }

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        return check_length (check, json_node_get_string (node), where, POLKU_LIMIT_TEXT,
                             error);
      return TRUE;

    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

static gboolean
check_plan (JsonNode    *plan,
            const char  *client_id,
            GError     **error)
{
  g_autoptr(GError) plan_error = NULL;
  JsonNode *plan_client;

  if (!JSON_NODE_HOLDS_OBJECT (plan))
    return invalid (error, _("The shared document’s “%s” must be an object."), "plan");
  /* The plan's rules include its size (POLKU_LIMIT_PLAN_BYTES). */
  if (!polku_plan_document_validate (plan, &plan_error))
    {
      g_set_error (error, POLKU_SYNC_DOC_ERROR, POLKU_SYNC_DOC_ERROR_INVALID,
                   _("The shared document’s plan is not valid: %s"), plan_error->message);
      return FALSE;
    }
  plan_client = json_object_get_member (json_node_get_object (plan), "client_id");
  if (!is_string (plan_client) || g_strcmp0 (json_node_get_string (plan_client), client_id) != 0)
    return invalid (error, _("The shared document’s “%s” is another client’s than the "
                             "document’s."), "plan.client_id");
  return TRUE;
}

static gboolean
check_conflicts (Check     *check,
                 JsonNode  *node,
                 GError   **error)
{
  Where where = { NULL, "conflicts", 0 };
  JsonArray *array;

  if (!check_list (check, node, conflict_fields, &where, error))
    return FALSE;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *conflict = json_array_get_object_element (array, i);
      JsonNode *values = json_object_get_member (conflict, "values");
      Where element = { &where, NULL, i };
      Where member = { &element, "values", 0 };

      if (values == NULL || !JSON_NODE_HOLDS_ARRAY (values)
          || json_array_get_length (json_node_get_array (values)) != 2)
        return invalid (error, _("The shared document’s “%s” must be a list of the two "
                                 "values."), where_text (check, &member));
      for (guint j = 0; j < 2; j++)
        {
          Where value = { &member, NULL, j };

          if (!check_object (check, json_array_get_element (json_node_get_array (values), j),
                             conflict_value_fields, &value, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
validate_members (Check       *check,
                  JsonObject  *object,
                  GError     **error)
{
  static const char * const members[] = {
    "type", "format", "client", "consent", "plan", "team", "contacts", "measures",
    "conflicts", "changed_by", NULL
  };
  static const struct { const char *name; const Field *fields; } lists[] = {
    { "team", team_fields }, { "contacts", contact_fields }, { "measures", measure_fields },
  };
  Where client_where = { NULL, "client", 0 };
  Where consent_where = { NULL, "consent", 0 };
  Where changed_by_where = { NULL, "changed_by", 0 };
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  const char *client_id;

  /* Members: ours, and CouchDB's own (starting with “_”). */
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    if (*name != '_' && !g_strv_contains (members, name))
      return invalid (error, _("“%s” is not a member of a shared document."), name);

  if (!check_object (check, json_object_get_member (object, "client"), client_fields,
                     &client_where, error))
    return FALSE;
  client_id = json_object_get_string_member (json_object_get_object_member (object, "client"),
                                             "id");

  node = json_object_get_member (object, "_id");
  if (node != NULL)
    {
      g_autofree char *expected = polku_sync_doc_id (client_id);

      if (!is_string (node) || g_strcmp0 (json_node_get_string (node), expected) != 0)
        return invalid (error, _("The shared document’s “_id” does not name its client: it "
                                 "must be “%s”."), expected);
    }
  node = json_object_get_member (object, "_rev");
  if (node != NULL)
    {
      Where rev_where = { NULL, "_rev", 0 };

      if (!check_line (check, node, &rev_where, MAX_TOKEN, TRUE, error))
        return FALSE;
    }

  if (!check_object (check, json_object_get_member (object, "consent"), consent_fields,
                     &consent_where, error))
    return FALSE;

  node = json_object_get_member (object, "plan");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node) && !check_plan (node, client_id, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      Where where = { NULL, lists[i].name, 0 };

      node = json_object_get_member (object, lists[i].name);
      if (node != NULL && !check_list (check, node, lists[i].fields, &where, error))
        return FALSE;
    }

  node = json_object_get_member (object, "conflicts");
  if (node != NULL && !check_conflicts (check, node, error))
    return FALSE;

  node = json_object_get_member (object, "changed_by");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node)
      && !check_object (check, node, changed_by_fields, &changed_by_where, error))
    return FALSE;

  return TRUE;
}

/**
 * polku_sync_doc_validate:
 *
 * See polku-sync-doc.h.
 *
 * Returns: %TRUE when @doc may be taken in
 */
gboolean
polku_sync_doc_validate (JsonNode  *doc,
                         GError   **error)
{
  g_autoptr(GString) text = NULL;
  Check check = { NULL };
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (doc == NULL || !JSON_NODE_HOLDS_OBJECT (doc))
    {
      g_set_error_literal (error, POLKU_SYNC_DOC_ERROR, POLKU_SYNC_DOC_ERROR_INVALID,
                           _("The shared document is not a JSON object."));
      return FALSE;
    }
  object = json_node_get_object (doc);

  node = json_object_get_member (object, "type");
  if (!is_string (node) || g_strcmp0 (json_node_get_string (node), POLKU_SYNC_DOC_TYPE) != 0)
    {
      g_set_error (error, POLKU_SYNC_DOC_ERROR, POLKU_SYNC_DOC_ERROR_INVALID,
                   _("This is not a shared plan of Polku: its “type” is not “%s”."),
                   POLKU_SYNC_DOC_TYPE);
      return FALSE;
    }
  node = json_object_get_member (object, "format");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64)
    return invalid (error, _("The shared document’s “%s” must be a number."), "format");
  if (json_node_get_int (node) != POLKU_SYNC_DOC_FORMAT)
    {
      g_autofree char *format = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

      g_set_error (error, POLKU_SYNC_DOC_ERROR, POLKU_SYNC_DOC_ERROR_INVALID,
                   _("The shared document is in format %s, which this Polku does not read "
                     "(it reads format %d): update Polku."), format, POLKU_SYNC_DOC_FORMAT);
      return FALSE;
    }

  text = g_string_new (NULL);
  check.text = text;
  return check_sizes (&check, doc, NULL, error)
         && validate_members (&check, object, error);
}
