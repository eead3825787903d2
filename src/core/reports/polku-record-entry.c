/* polku-record-entry.c: a ready text for the health or social-care record system
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text is in the plan's language, whatever the UI's is, so its words are a small table
 * per language here (as the client's copy's are, polku-plan-text.c) rather than gettext:
 * switching gettext's language per call is not thread-safe, and the record's words are
 * part of the record, not of the UI. They are not in the po files; a change of wording is
 * made here, in all three languages. Words that come from data (WHOQOL-BREF domains,
 * satisfaction categories, contact types) are taken from the data files in that language.
 * Dates are d.m.yyyy and decimals have a comma in Finnish and Swedish, as records write them.
 */

#define G_LOG_DOMAIN "polku-record-entry"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "polku-assessment-store.h"
#include "polku-audit.h"
#include "polku-case-store.h"
#include "polku-client-store.h"
#include "polku-contact-store.h"
#include "polku-contact-type.h"
#include "polku-continuity.h"
#include "polku-coordinator-store.h"
#include "polku-date.h"
#include "polku-mapping-visit.h"
#include "polku-plan-context.h"
#include "polku-plan-store.h"
#include "polku-number.h"
#include "polku-plan-text.h"
#include "polku-record-entry.h"
#include "polku-satisfaction-report.h"

G_DEFINE_QUARK (polku-record-entry-error-quark, polku_record_entry_error)

typedef enum
{
  W_TITLE,                /* %s: today */
  W_VISITS,
  W_MAPPING_VISIT,        /* %s: date */
  W_LATEST_CONTACT,       /* %s: date, %s: type */
  W_NO_CONTACT,
  W_PLAN,
  W_NO_PLAN,
  W_PLAN_AGREED,          /* %s: date */
  W_PLAN_UPDATED,         /* %s: date, %s: version */
  W_MAIN_BURDEN,          /* %s: the client's words */
  W_GOALS,
  W_GOAL_CLIENT,
  W_GOAL_PROFESSIONAL,
  W_WHOQOL,
  W_WHOQOL_BASELINE,      /* %s: date, %s: scores */
  W_WHOQOL_NONE,
  W_NOT_SCORED,
  W_CONTINUITY,           /* %s: the visit types */
  W_VISIT_ONE,            /* %s: 1 */
  W_VISIT_MANY,           /* %s: n */
  W_NOT_COMPUTABLE,
  W_NON_URGENT,
  W_SATISFACTION,
  W_NOT_ASKED,
  W_NEXT_REVIEW,          /* %s: date */
  W_NO_REVIEW,
  W_COORDINATOR,          /* %s: name */
  W_RESPONSIBLE_ONE,      /* %s: name */
  W_RESPONSIBLE_MANY,     /* %s: names */
  W_NOT_NAMED,
  W_GOAL_PROPOSED,
  W_GOAL_ACTIVE,
  W_GOAL_ACHIEVED,
  W_GOAL_NOT_ACHIEVED,
  W_GOAL_DROPPED,
  N_WORDS
} Word;

typedef struct
{
  const char *fi;
  const char *sv;
  const char *en;
} Words;

static const Words words[N_WORDS] = {
  [W_TITLE] = { "Asiakasvastaavan kirjaus %s", "Klientansvarigs anteckning %s",
                "Coordinator’s entry %s" },
  [W_VISITS] = { "Käynnit", "Besök", "Visits" },
  [W_MAPPING_VISIT] = { "Kartoituskäynti pidetty %s.", "Kartläggningsbesök hållet %s.",
                        "Mapping visit held %s." },
  [W_LATEST_CONTACT] = { "Viimeisin asiakasvastaavan yhteydenotto %s: %s.",
                         "Klientansvarigs senaste kontakt %s: %s.",
                         "The coordinator’s latest contact %s: %s." },
  [W_NO_CONTACT] = { "Asiakasvastaavan yhteydenottoja ei ole kirjattu.",
                     "Inga kontakter av klientansvarig har antecknats.",
                     "No contacts by the coordinator recorded." },
  [W_PLAN] = { "Hoito- ja palvelusuunnitelma", "Vård- och serviceplan",
               "Care and service plan" },
  [W_NO_PLAN] = { "Suunnitelmaa ei ole vielä laadittu.", "Ingen plan har gjorts ännu.",
                  "No plan has been made yet." },
  [W_PLAN_AGREED] = { "Sovittu asiakkaan kanssa %s.", "Avtalad med klienten %s.",
                      "Agreed with the client %s." },
  [W_PLAN_UPDATED] = { "Päivitetty %s (versio %s).", "Uppdaterad %s (version %s).",
                       "Updated %s (version %s)." },
  [W_MAIN_BURDEN] = { "Eniten kuormittaa asiakkaan omin sanoin: %s",
                      "Det som belastar mest, med klientens egna ord: %s",
                      "What burdens the client most, in their own words: %s" },
  [W_GOALS] = { "Tavoitteet:", "Mål:", "Goals:" },
  [W_GOAL_CLIENT] = { "asiakkaan tavoite", "klientens mål", "the client’s goal" },
  [W_GOAL_PROFESSIONAL] = { "ammattilaisen tavoite", "yrkespersonens mål",
                            "a professional’s goal" },
  [W_WHOQOL] = { "Elämänlaatu (WHOQOL-BREF, pisteet 0–100)",
                 "Livskvalitet (WHOQOL-BREF, poäng 0–100)",
                 "Quality of life (WHOQOL-BREF, scores 0–100)" },
  [W_WHOQOL_BASELINE] = { "Lähtötilanne %s: %s.", "Utgångsläge %s: %s.", "Baseline %s: %s." },
  [W_WHOQOL_NONE] = { "Ei täytettyä arviointia.", "Ingen ifylld bedömning.",
                      "No complete assessment." },
  [W_NOT_SCORED] = { "ei pisteitä", "inga poäng", "not scored" },
  [W_CONTINUITY] = { "Hoidon jatkuvuus, 12 kk (%s)", "Vårdens kontinuitet, 12 mån (%s)",
                     "Continuity of care, 12 months (%s)" },
  [W_VISIT_ONE] = { "%s käynti", "%s besök", "%s visit" },
  [W_VISIT_MANY] = { "%s käyntiä", "%s besök", "%s visits" },
  [W_NOT_COMPUTABLE] = { "ei laskettavissa", "kan inte räknas", "cannot be computed" },
  [W_NON_URGENT] = { "kiireettömät käynnit", "icke-brådskande besök", "non-urgent visits" },
  [W_SATISFACTION] = { "Asiakastyytyväisyys", "Klientnöjdhet", "Client satisfaction" },
  [W_NOT_ASKED] = { "Ei kysytty.", "Inte frågat.", "Not asked." },
  /* The UI's words for the case's review date ("Next review"). */
  [W_NEXT_REVIEW] = { "Seuraava tarkistus %s.", "Nästa översyn %s.", "Next review %s." },
  [W_NO_REVIEW] = { "Seuraavaa tarkistusta ei ole sovittu.",
                    "Ingen nästa översyn har avtalats.", "No next review agreed." },
  [W_COORDINATOR] = { "Asiakasvastaava: %s", "Klientansvarig: %s", "Coordinator: %s" },
  [W_RESPONSIBLE_ONE] = { "Vastuutyöntekijä: %s", "Ansvarig arbetstagare: %s",
                          "Responsible worker: %s" },
  [W_RESPONSIBLE_MANY] = { "Vastuutyöntekijät: %s", "Ansvariga arbetstagare: %s",
                           "Responsible workers: %s" },
  [W_NOT_NAMED] = { "ei nimetty", "inte utsedd", "not named" },
  [W_GOAL_PROPOSED] = { "ehdotettu", "föreslaget", "proposed" },
  [W_GOAL_ACTIVE] = { "työn alla", "pågår", "in progress" },
  [W_GOAL_ACHIEVED] = { "saavutettu", "uppnått", "achieved" },
  [W_GOAL_NOT_ACHIEVED] = { "ei saavutettu", "inte uppnått", "not achieved" },
  [W_GOAL_DROPPED] = { "luovuttu", "slopat", "dropped" },
};

static const char *
word (const char *language,
      Word        w)
{
  if (g_strcmp0 (language, "sv") == 0)
    return words[w].sv;
  if (g_strcmp0 (language, "en") == 0)
    return words[w].en;
  return words[w].fi;
}

/* The words of @w with its "%s" holes filled, in order, by @first and @second (no printf
 * with a format from a table; the table has two holes at most). */
static char *
fill (const char *language,
      Word        w,
      const char *first,
      const char *second)
{
  const char *values[] = { first, second };
  const char *text = word (language, w);
  GString *out = g_string_new (NULL);
  guint i = 0;

  for (const char *hole; (hole = strstr (text, "%s")) != NULL; text = hole + 2, i++)
    {
      const char *value = i < G_N_ELEMENTS (values) ? values[i] : NULL;

      g_string_append_len (out, text, hole - text);
      g_string_append (out, value != NULL ? value : "");
    }
  g_string_append (out, text);
  return g_string_free (out, FALSE);
}

/* One line of the entry: fill () and a newline. */
static void
append_line (GString    *text,
             const char *language,
             Word        w,
             const char *first,
             const char *second)
{
  g_autofree char *line = fill (language, w, first, second);

  g_string_append (text, line);
  g_string_append_c (text, '\n');
}

/* A decimal as records write it: a comma in Finnish and Swedish. */
static char *
format_decimal (const char *language,
                double      value,
                int         decimals)
{
  return polku_number_format_in (language, value, decimals);
}

/* d.m.yyyy, for the stored YYYY-MM-DD */
static char *
format_date (const char *date)
{
  return polku_plan_text_format_date (date);
}

/* The local date (YYYY-MM-DD) of a UTC stamp. */
static char *
local_date_of_stamp (const char *stamp)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (stamp == NULL)
    return NULL;
  utc = g_date_time_new_from_iso8601 (stamp, NULL);
  if (utc == NULL)
    return g_strndup (stamp, 10);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d");
}

static const char *
json_string_member (JsonObject *object,
                    const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

/* A contact type's label inside a sentence: "Lääkäri" → "lääkäri". */
static char *
type_label (GListModel *types,
            const char *type_id,
            const char *language)
{
  PolkuContactType *type = types != NULL && type_id != NULL
                           ? polku_contact_types_lookup (types, type_id) : NULL;
  const char *label = type != NULL ? polku_contact_type_get_label_for (type, language) : NULL;

  return label != NULL ? g_utf8_strdown (label, -1) : g_strdup (type_id != NULL ? type_id : "");
}

/* ---- The sections ---- */

typedef struct
{
  PolkuStore  *store;
  const char  *client_id;
  const char  *language;
  const char  *today;
  char        *coordinator;   /* NULL: none named */
  GPtrArray   *contacts;      /* the contact log, read once */
} Entry;

static gboolean
add_visits (Entry    *entry,
            GString  *text,
            GError  **error)
{
  g_autoptr(PolkuMappingVisit) visit = NULL;
  g_autoptr(GListModel) types = NULL;
  g_autoptr(GError) local_error = NULL;
  PolkuContact *latest = NULL;

  g_string_append_printf (text, "\n%s\n", word (entry->language, W_VISITS));

  visit = polku_mapping_visit_store_get_latest (entry->store, entry->client_id, &local_error);
  /* No mapping visit yet is no error here. */
  if (g_error_matches (local_error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_NOT_FOUND))
    g_clear_error (&local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (visit != NULL && polku_mapping_visit_get_held_on (visit) != NULL)
    {
      g_autofree char *date = format_date (polku_mapping_visit_get_held_on (visit));

      append_line (text, entry->language, W_MAPPING_VISIT, date, NULL);
    }

  /* The coordinator's own contacts: those logged under their name, up to the entry's day. */
  for (guint i = 0; entry->coordinator != NULL && i < entry->contacts->len; i++)
    {
      PolkuContact *contact = g_ptr_array_index (entry->contacts, i);

      if (polku_contact_get_no_show (contact)
          || g_strcmp0 (polku_contact_get_date (contact), entry->today) > 0
          || g_strcmp0 (polku_contact_get_professional_name (contact), entry->coordinator) != 0)
        continue;
      if (latest == NULL || polku_contact_compare (contact, latest) > 0)
        latest = contact;
    }
  if (latest == NULL)
    {
      append_line (text, entry->language, W_NO_CONTACT, NULL, NULL);
      return TRUE;
    }

  types = polku_contact_types_dup_default (NULL);
  {
    g_autofree char *label = type_label (types, polku_contact_get_type_id (latest),
                                         entry->language);
    g_autofree char *date = format_date (polku_contact_get_date (latest));

    append_line (text, entry->language, W_LATEST_CONTACT, date, label);
  }
  return TRUE;
}

static const char *
goal_status_word (const char *language,
                  const char *code)
{
  PolkuPlanGoalStatus status;

  if (code == NULL || !polku_plan_goal_status_from_code (code, &status))
    return NULL;
  return word (language, W_GOAL_PROPOSED + status);
}

static gboolean
add_plan (Entry      *entry,
          GString    *text,
          JsonNode   *document,
          gint64      version,
          GError    **error)
{
  JsonObject *plan;
  g_autoptr(GPtrArray) versions = NULL;
  g_autofree char *agreed = NULL;
  g_autofree char *updated = NULL;
  const char *burden;
  JsonNode *goals_node;

  g_string_append_printf (text, "\n%s\n", word (entry->language, W_PLAN));
  if (document == NULL)
    {
      append_line (text, entry->language, W_NO_PLAN, NULL, NULL);
      return TRUE;
    }
  plan = json_node_get_object (document);

  versions = polku_plan_store_list_versions (entry->store, entry->client_id, error);
  if (versions == NULL)
    return FALSE;
  /* The day it was agreed with the client; before schema 7 the first save's day. */
  agreed = g_strdup (json_string_member (plan, "agreed_on"));
  if (agreed == NULL && versions->len > 0)
    agreed = local_date_of_stamp (polku_plan_version_get_created (
                                    g_ptr_array_index (versions, 0)));
  if (agreed != NULL)
    {
      g_autofree char *date = format_date (agreed);

      append_line (text, entry->language, W_PLAN_AGREED, date, NULL);
    }
  if (versions->len > 1)
    {
      PolkuPlanVersion *last = g_ptr_array_index (versions, versions->len - 1);
      g_autofree char *date = NULL;
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, version);

      updated = local_date_of_stamp (polku_plan_version_get_created (last));
      date = format_date (updated);
      append_line (text, entry->language, W_PLAN_UPDATED, date, number);
    }

  burden = json_string_member (plan, "main_burden");
  if (burden != NULL && burden[0] != '\0')
    append_line (text, entry->language, W_MAIN_BURDEN, burden, NULL);

  goals_node = json_object_get_member (plan, "goals");
  if (goals_node != NULL && JSON_NODE_HOLDS_ARRAY (goals_node)
      && json_array_get_length (json_node_get_array (goals_node)) > 0)
    {
      JsonArray *goals = json_node_get_array (goals_node);

      append_line (text, entry->language, W_GOALS, NULL, NULL);
      for (guint i = 0; i < json_array_get_length (goals); i++)
        {
          JsonObject *goal = json_array_get_object_element (goals, i);
          const char *goal_text = json_string_member (goal, "text");
          const char *by = json_string_member (goal, "expressed_by");
          const char *status = goal_status_word (entry->language,
                                                 json_string_member (goal, "status"));

          if (goal_text == NULL)
            continue;
          g_string_append_printf (text, "- %s (%s%s%s)\n", goal_text,
                                  word (entry->language, g_strcmp0 (by, "client") == 0
                                                         ? W_GOAL_CLIENT
                                                         : W_GOAL_PROFESSIONAL),
                                  status != NULL ? ", " : "", status != NULL ? status : "");
        }
    }
  return TRUE;
}

/* "Fyysinen terveys 56,3, Psyykkinen 62,5, …" */
static char *
describe_scores (Entry           *entry,
                 PolkuInstrument *instrument,
                 PolkuAssessment *assessment)
{
  g_autoptr(PolkuScores) scores = polku_scores_compute (instrument,
                                                        polku_assessment_get_answers (assessment));
  guint last = polku_instrument_get_n_scores (instrument) - 1;
  GString *out = g_string_new (NULL);

  for (guint d = 0; d < scores->n_domains; d++)
    {
      double value = scores->domains[d].values[last];
      g_autofree char *number = isnan (value) ? g_strdup (word (entry->language, W_NOT_SCORED))
                                              : format_decimal (entry->language, value, 1);

      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, "%s %s",
                              polku_instrument_get_domain_title_in (instrument, d,
                                                                    entry->language),
                              number);
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_scored (PolkuInstrument *instrument,
           PolkuAssessment *assessment)
{
  g_autoptr(PolkuScores) scores = polku_scores_compute (instrument,
                                                        polku_assessment_get_answers (assessment));

  return !scores->discarded;
}

static gboolean
add_whoqol (Entry    *entry,
            GString  *text,
            GError  **error)
{
  g_autoptr(PolkuInstrument) instrument = NULL;
  g_autoptr(GPtrArray) assessments = NULL;
  PolkuAssessment *latest = NULL;
  PolkuAssessment *baseline = NULL;

  g_string_append_printf (text, "\n%s\n", word (entry->language, W_WHOQOL));
  instrument = polku_instrument_lookup (POLKU_INSTRUMENT_WHOQOL_BREF, error);
  if (instrument == NULL)
    return FALSE;
  assessments = polku_assessment_store_list (entry->store, entry->client_id,
                                             POLKU_INSTRUMENT_WHOQOL_BREF, FALSE, error);
  if (assessments == NULL)
    return FALSE;

  /* The latest that has scores (oldest first in the list); the baseline is the first one
   * marked so, when it is not the latest itself. */
  for (guint i = 0; i < assessments->len; i++)
    {
      PolkuAssessment *a = g_ptr_array_index (assessments, i);

      if (!is_scored (instrument, a))
        continue;
      latest = a;
      if (baseline == NULL && polku_assessment_get_role (a) == POLKU_ASSESSMENT_ROLE_BASELINE)
        baseline = a;
    }
  if (latest == NULL)
    {
      append_line (text, entry->language, W_WHOQOL_NONE, NULL, NULL);
      return TRUE;
    }

  {
    g_autofree char *date = format_date (polku_assessment_get_date (latest));
    g_autofree char *scores = describe_scores (entry, instrument, latest);

    g_string_append_printf (text, "%s: %s.\n", date, scores);
  }
  if (baseline != NULL && baseline != latest)
    {
      g_autofree char *date = format_date (polku_assessment_get_date (baseline));
      g_autofree char *scores = describe_scores (entry, instrument, baseline);

      append_line (text, entry->language, W_WHOQOL_BASELINE, date, scores);
    }
  return TRUE;
}

static gboolean
add_continuity (Entry    *entry,
                GString  *text,
                GError  **error)
{
  const PolkuVisitFilter *defaults = polku_visit_filter_default ();
  g_autoptr(GArray) visits = NULL;
  g_autoptr(PolkuContinuity) continuity = NULL;
  g_autoptr(GListModel) types = polku_contact_types_dup_default (NULL);
  g_autoptr(GString) counted = g_string_new (word (entry->language, W_NON_URGENT));
  g_autofree char *visit_count = NULL;
  g_autofree char *n = NULL;
  g_autofree char *coci = NULL;
  g_autofree char *upc = NULL;
  PolkuVisitFilter filter = *defaults;
  GDate from, to;

  /* The last 12 months up to today, the types of THL's indicator. */
  polku_date_parse_iso (entry->today, &to);
  from = to;
  g_date_subtract_months (&from, 12);
  g_date_add_days (&from, 1);
  filter.from = &from;
  filter.to = &to;

  for (guint i = 0; defaults->types != NULL && defaults->types[i] != NULL; i++)
    {
      g_autofree char *label = type_label (types, defaults->types[i], entry->language);

      g_string_append_printf (counted, "%s %s", i == 0 ? ":" : ",", label);
    }
  {
    g_autofree char *heading = fill (entry->language, W_CONTINUITY, counted->str, NULL);

    g_string_append_printf (text, "\n%s\n", heading);
  }

  visits = polku_contacts_to_visits (entry->contacts);
  continuity = polku_continuity_compute ((const PolkuVisit *) visits->data, visits->len,
                                         &filter);

  n = g_strdup_printf ("%u", continuity->visits);
  visit_count = fill (entry->language, continuity->visits == 1 ? W_VISIT_ONE : W_VISIT_MANY, n,
                      NULL);
  coci = isnan (continuity->coci) ? g_strdup (word (entry->language, W_NOT_COMPUTABLE))
                                  : format_decimal (entry->language, continuity->coci, 2);
  upc = isnan (continuity->upc) ? g_strdup (word (entry->language, W_NOT_COMPUTABLE))
                                : format_decimal (entry->language, continuity->upc, 2);
  g_string_append_printf (text, "%s, COCI %s, UPC %s.\n", visit_count, coci, upc);
  return TRUE;
}

static gboolean
add_satisfaction (Entry    *entry,
                  GString  *text,
                  GError  **error)
{
  g_autoptr(GPtrArray) answers = NULL;
  PolkuAssessment *latest = NULL;

  g_string_append_printf (text, "\n%s\n", word (entry->language, W_SATISFACTION));
  answers = polku_assessment_store_list (entry->store, entry->client_id,
                                         POLKU_INSTRUMENT_CLIENT_SATISFACTION, FALSE, error);
  if (answers == NULL)
    return FALSE;
  for (guint i = 0; i < answers->len; i++)
    if (polku_satisfaction_get_answer (g_ptr_array_index (answers, i)) != POLKU_ANSWER_MISSING)
      latest = g_ptr_array_index (answers, i);

  if (latest == NULL)
    append_line (text, entry->language, W_NOT_ASKED, NULL, NULL);
  else
    {
      g_autofree char *date = format_date (polku_assessment_get_date (latest));
      const char *label = polku_satisfaction_get_label (polku_satisfaction_get_answer (latest),
                                                        entry->language);

      g_string_append_printf (text, "%s: %s.\n", date, label != NULL ? label : "");
    }
  return TRUE;
}

static void
add_people (Entry            *entry,
            GString          *text,
            PolkuPlanContext *context)
{
  g_autoptr(GString) names = g_string_new (NULL);

  append_line (text, entry->language, W_COORDINATOR,
               entry->coordinator != NULL ? entry->coordinator
                                          : word (entry->language, W_NOT_NAMED), NULL);
  for (guint i = 0; context->workers != NULL && i < context->workers->len; i++)
    {
      const PolkuPlanWorker *worker = g_ptr_array_index (context->workers, i);

      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, worker->name);
      if (worker->role != NULL && worker->organisation != NULL)
        g_string_append_printf (names, " (%s, %s)", worker->role, worker->organisation);
      else if (worker->role != NULL || worker->organisation != NULL)
        g_string_append_printf (names, " (%s)",
                                worker->role != NULL ? worker->role : worker->organisation);
    }
  append_line (text, entry->language,
               context->workers != NULL && context->workers->len > 1 ? W_RESPONSIBLE_MANY
                                                                    : W_RESPONSIBLE_ONE,
               names->len > 0 ? names->str : word (entry->language, W_NOT_NAMED), NULL);
}

/**
 * polku_record_entry_build:
 * @language: (nullable): "fi", "sv" or "en"; %NULL: the plan's (English without a plan)
 * @today: (nullable): the day of the entry, YYYY-MM-DD; %NULL: today
 * @out_language: (out) (optional): the language written
 *
 * Returns: (transfer full): the entry, or %NULL with @error
 */
char *
polku_record_entry_build (PolkuStore  *store,
                          const char  *client_id,
                          const char  *language,
                          const char  *today,
                          char       **out_language,
                          GError     **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PolkuPlanContext) context = NULL;
  g_autoptr(PolkuCoordinatorPeriod) coordinator = NULL;
  g_autoptr(PolkuClient) client = NULL;
  g_autofree char *own_today = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *shown_today = NULL;
  gint64 version = 0;
  Entry entry = { store, client_id, };

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (language != NULL && !g_str_equal (language, "fi") && !g_str_equal (language, "sv")
      && !g_str_equal (language, "en"))
    {
      g_set_error (error, POLKU_RECORD_ENTRY_ERROR, POLKU_RECORD_ENTRY_ERROR_LANGUAGE,
                   _("The record entry is written in Finnish (fi), Swedish (sv) or English "
                     "(en), not in “%s”."), language);
      return NULL;
    }
  if (today == NULL)
    today = own_today = polku_date_today ();

  /* The client must exist (a clear error rather than an empty entry). */
  client = polku_client_store_get (store, client_id, error);
  if (client == NULL)
    return NULL;

  document = polku_plan_store_load (store, client_id, &version, &local_error);
  if (document == NULL && !g_error_matches (local_error, POLKU_PLAN_ERROR,
                                            POLKU_PLAN_ERROR_NO_PLAN))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  g_clear_error (&local_error);
  if (language == NULL)
    language = document != NULL ? polku_plan_document_get_language (document) : "en";
  if (language == NULL || (!g_str_equal (language, "fi") && !g_str_equal (language, "sv")))
    language = document != NULL ? "fi" : "en";
  entry.language = language;
  entry.today = today;

  coordinator = polku_coordinator_store_get_current (store, client_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (coordinator != NULL)
    entry.coordinator = g_strdup (polku_coordinator_period_get_person (coordinator));
  context = polku_plan_context_read (store, client_id, error);
  if (context == NULL)
    goto failed;
  entry.contacts = polku_contact_store_list (store, client_id, NULL, NULL, error);
  if (entry.contacts == NULL)
    goto failed;

  shown_today = format_date (today);
  {
    g_autofree char *title = fill (language, W_TITLE, shown_today, NULL);

    g_string_append_printf (text, "%s\n", title);
  }
  if (!add_visits (&entry, text, error)
      || !add_plan (&entry, text, document, version, error)
      || !add_whoqol (&entry, text, error)
      || !add_continuity (&entry, text, error)
      || !add_satisfaction (&entry, text, error))
    goto failed;

  g_string_append_c (text, '\n');
  if (context->review_on != NULL)
    {
      g_autofree char *date = format_date (context->review_on);

      append_line (text, language, W_NEXT_REVIEW, date, NULL);
    }
  else
    append_line (text, language, W_NO_REVIEW, NULL, NULL);
  add_people (&entry, text, context);

  detail = g_strdup_printf ("language=%s", language);
  if (!polku_audit_record (store, POLKU_AUDIT_RECORD_ENTRY, client_id, detail, error))
    goto failed;

  g_free (entry.coordinator);
  g_ptr_array_unref (entry.contacts);
  if (out_language != NULL)
    *out_language = g_strdup (language);
  return g_string_free (g_steal_pointer (&text), FALSE);

failed:
  g_free (entry.coordinator);
  g_clear_pointer (&entry.contacts, g_ptr_array_unref);
  return NULL;
}

typedef struct
{
  char *client_id;
  char *language;
} BuildData;

static void
build_data_free (BuildData *data)
{
  g_free (data->client_id);
  g_free (data->language);
  g_free (data);
}

static void
build_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BuildData *data = task_data;
  GError *error = NULL;
  char *text;

  text = polku_record_entry_build (source_object, data->client_id, data->language, NULL, NULL,
                                   &error);
  if (text == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, text, g_free);
}

void
polku_record_entry_build_async (PolkuStore          *store,
                                const char          *client_id,
                                const char          *language,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  BuildData *data;

  g_return_if_fail (POLKU_IS_STORE (store));
  g_return_if_fail (client_id != NULL);

  data = g_new0 (BuildData, 1);
  data->client_id = g_strdup (client_id);
  data->language = g_strdup (language);
  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, polku_record_entry_build_async);
  g_task_set_task_data (task, data, (GDestroyNotify) build_data_free);
  g_task_run_in_thread (task, build_thread);
}

char *
polku_record_entry_build_finish (PolkuStore    *store,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
