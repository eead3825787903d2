/* polku-assessment.c: one administration of an instrument to a client
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The answers are kept as one int per item of the instrument; the store writes them as JSON
 * ({"1": 4, "2": null, …}) and the scores the engine computes from them when the assessment
 * is completed.
 */

#define G_LOG_DOMAIN "polku-assessment"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "polku-assessment-private.h"
#include "polku-continuity.h"
#include "polku-date.h"
#include "polku-object-private.h"
#include "polku-record-private.h"

struct _PolkuAssessment
{
  PolkuRecord            parent_instance;

  char                  *instrument_id;
  char                  *instrument_version;
  char                  *date;
  PolkuAssessmentRole    role;
  char                  *plan_id;
  PolkuAssessmentStatus  status;
  guint                  position;
  GArray                *answers;   /* int */
};

G_DEFINE_FINAL_TYPE (PolkuAssessment, polku_assessment, POLKU_TYPE_RECORD)
G_DEFINE_QUARK (polku-assessment-error-quark, polku_assessment_error)

enum {
  PROP_0,
  PROP_INSTRUMENT_ID,
  PROP_DATE,
  PROP_ROLE_LABEL,
  PROP_PLAN_ID,
  PROP_COMPLETE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
polku_assessment_role_to_code (PolkuAssessmentRole role)
{
  return role == POLKU_ASSESSMENT_ROLE_BASELINE ? "baseline" : "follow-up";
}

gboolean
polku_assessment_role_from_code (const char          *code,
                                 PolkuAssessmentRole *out_role)
{
  if (g_strcmp0 (code, "baseline") == 0)
    *out_role = POLKU_ASSESSMENT_ROLE_BASELINE;
  else if (g_strcmp0 (code, "follow-up") == 0)
    *out_role = POLKU_ASSESSMENT_ROLE_FOLLOW_UP;
  else
    return FALSE;
  return TRUE;
}

const char *
polku_assessment_role_get_label (PolkuAssessmentRole role)
{
  return role == POLKU_ASSESSMENT_ROLE_BASELINE ? C_("assessment", "Baseline")
                                                : C_("assessment", "Follow-up");
}

const char *
polku_assessment_status_to_code (PolkuAssessmentStatus status)
{
  return status == POLKU_ASSESSMENT_STATUS_DRAFT ? "draft" : "complete";
}

gboolean
polku_assessment_status_from_code (const char            *code,
                                   PolkuAssessmentStatus *out_status)
{
  if (g_strcmp0 (code, "draft") == 0)
    *out_status = POLKU_ASSESSMENT_STATUS_DRAFT;
  else if (g_strcmp0 (code, "complete") == 0)
    *out_status = POLKU_ASSESSMENT_STATUS_COMPLETE;
  else
    return FALSE;
  return TRUE;
}

static void
polku_assessment_finalize (GObject *object)
{
  PolkuAssessment *self = POLKU_ASSESSMENT (object);

  g_clear_pointer (&self->instrument_id, g_free);
  g_clear_pointer (&self->instrument_version, g_free);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->plan_id, g_free);
  g_clear_pointer (&self->answers, g_array_unref);

  G_OBJECT_CLASS (polku_assessment_parent_class)->finalize (object);
}

static void
polku_assessment_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PolkuAssessment *self = POLKU_ASSESSMENT (object);

  switch (prop_id)
    {
    case PROP_INSTRUMENT_ID:
      g_value_set_string (value, self->instrument_id);
      break;
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;
    case PROP_ROLE_LABEL:
      g_value_set_string (value, polku_assessment_role_get_label (self->role));
      break;
    case PROP_PLAN_ID:
      g_value_set_string (value, self->plan_id);
      break;
    case PROP_COMPLETE:
      g_value_set_boolean (value, self->status == POLKU_ASSESSMENT_STATUS_COMPLETE);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_assessment_class_init (PolkuAssessmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = polku_assessment_finalize;
  object_class->get_property = polku_assessment_get_property;

  properties[PROP_INSTRUMENT_ID] = g_param_spec_string ("instrument-id", NULL, NULL, NULL,
                                                        flags);
  properties[PROP_DATE] = g_param_spec_string ("date", NULL, NULL, NULL, flags);
  properties[PROP_ROLE_LABEL] = g_param_spec_string ("role-label", NULL, NULL, NULL, flags);
  properties[PROP_PLAN_ID] = g_param_spec_string ("plan-id", NULL, NULL, NULL, flags);
  properties[PROP_COMPLETE] = g_param_spec_boolean ("complete", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
polku_assessment_init (PolkuAssessment *self)
{
  self->answers = g_array_new (FALSE, TRUE, sizeof (int));
}

PolkuAssessment *
polku_assessment_new (const char      *client_id,
                      PolkuInstrument *instrument)
{
  PolkuAssessment *self;

  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (POLKU_IS_INSTRUMENT (instrument), NULL);

  self = g_object_new (POLKU_TYPE_ASSESSMENT, "client-id", client_id, NULL);
  self->instrument_id = g_strdup (polku_instrument_get_id (instrument));
  self->instrument_version = g_strdup (polku_instrument_get_version (instrument));
  self->date = polku_date_today ();
  self->role = POLKU_ASSESSMENT_ROLE_BASELINE;
  self->status = POLKU_ASSESSMENT_STATUS_DRAFT;
  g_array_set_size (self->answers, polku_instrument_get_n_items (instrument));
  return self;
}

PolkuAssessment *
polku_assessment_new_empty (void)
{
  return g_object_new (POLKU_TYPE_ASSESSMENT, NULL);
}

PolkuAssessment *
polku_assessment_copy (PolkuAssessment *self)
{
  PolkuAssessment *copy;

  g_return_val_if_fail (POLKU_IS_ASSESSMENT (self), NULL);

  copy = g_object_new (POLKU_TYPE_ASSESSMENT, NULL);
  polku_record_set_from (POLKU_RECORD (copy), POLKU_RECORD (self));
  copy->instrument_id = g_strdup (self->instrument_id);
  copy->instrument_version = g_strdup (self->instrument_version);
  copy->date = g_strdup (self->date);
  copy->role = self->role;
  copy->plan_id = g_strdup (self->plan_id);
  copy->status = self->status;
  copy->position = self->position;
  g_array_append_vals (copy->answers, self->answers->data, self->answers->len);
  return copy;
}

void
polku_assessment_set_identity (PolkuAssessment *self,
                               const char      *client_id,
                               const char      *instrument_id,
                               const char      *instrument_version)
{
  g_return_if_fail (POLKU_IS_ASSESSMENT (self));

  polku_record_set_client_id (POLKU_RECORD (self), client_id);
  polku_set_string (&self->instrument_id, instrument_id);
  polku_set_string (&self->instrument_version, instrument_version);
}

void
polku_assessment_take_answers (PolkuAssessment *self,
                               int             *answers,
                               guint            n_answers)
{
  g_return_if_fail (POLKU_IS_ASSESSMENT (self));

  g_array_set_size (self->answers, 0);
  g_array_append_vals (self->answers, answers, n_answers);
  g_free (answers);
}

#define GETTER(type, name, field) \
  type \
  polku_assessment_get_##name (PolkuAssessment *self) \
  { \
    g_return_val_if_fail (POLKU_IS_ASSESSMENT (self), 0); \
    return self->field; \
  }

GETTER (const char *, instrument_id, instrument_id)
GETTER (const char *, instrument_version, instrument_version)
GETTER (const char *, date, date)
GETTER (PolkuAssessmentRole, role, role)
GETTER (const char *, plan_id, plan_id)
GETTER (PolkuAssessmentStatus, status, status)
GETTER (guint, position, position)

#undef GETTER

void
polku_assessment_set_date (PolkuAssessment *self,
                           const char      *date)
{
  g_return_if_fail (POLKU_IS_ASSESSMENT (self));

  if (polku_set_string (&self->date, date))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

void
polku_assessment_set_role (PolkuAssessment     *self,
                           PolkuAssessmentRole  role)
{
  g_return_if_fail (POLKU_IS_ASSESSMENT (self));

  if (self->role == role)
    return;
  self->role = role;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE_LABEL]);
}

void
polku_assessment_set_plan_id (PolkuAssessment *self,
                              const char      *plan_id)
{
  g_return_if_fail (POLKU_IS_ASSESSMENT (self));

  if (plan_id != NULL && plan_id[0] == '\0')
    plan_id = NULL;
  if (polku_set_string (&self->plan_id, plan_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN_ID]);
}

void
polku_assessment_set_status (PolkuAssessment       *self,
                             PolkuAssessmentStatus  status)
{
  g_return_if_fail (POLKU_IS_ASSESSMENT (self));

  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
}

void
polku_assessment_set_position (PolkuAssessment *self,
                               guint            position)
{
  g_return_if_fail (POLKU_IS_ASSESSMENT (self));
  self->position = position;
}

guint
polku_assessment_get_n_answers (PolkuAssessment *self)
{
  g_return_val_if_fail (POLKU_IS_ASSESSMENT (self), 0);
  return self->answers->len;
}

int
polku_assessment_get_answer (PolkuAssessment *self,
                             guint            item)
{
  g_return_val_if_fail (POLKU_IS_ASSESSMENT (self), POLKU_ANSWER_MISSING);
  g_return_val_if_fail (item < self->answers->len, POLKU_ANSWER_MISSING);
  return g_array_index (self->answers, int, item);
}

void
polku_assessment_set_answer (PolkuAssessment *self,
                             guint            item,
                             int              value)
{
  g_return_if_fail (POLKU_IS_ASSESSMENT (self));
  g_return_if_fail (item < self->answers->len);
  g_array_index (self->answers, int, item) = value;
}

const int *
polku_assessment_get_answers (PolkuAssessment *self)
{
  g_return_val_if_fail (POLKU_IS_ASSESSMENT (self), NULL);
  return (const int *) self->answers->data;
}

PolkuInstrument *
polku_assessment_dup_instrument (PolkuAssessment  *self,
                                 GError          **error)
{
  PolkuInstrument *instrument;

  g_return_val_if_fail (POLKU_IS_ASSESSMENT (self), NULL);

  instrument = polku_instrument_lookup (self->instrument_id, error);
  if (instrument != NULL && polku_instrument_get_n_items (instrument) != self->answers->len)
    {
      g_set_error (error, POLKU_ASSESSMENT_ERROR, POLKU_ASSESSMENT_ERROR_INVALID,
                   _("The assessment has %u answers, but %s has %u items."),
                   self->answers->len, self->instrument_id,
                   polku_instrument_get_n_items (instrument));
      g_clear_object (&instrument);
    }
  return instrument;
}

PolkuScores *
polku_assessment_compute_scores (PolkuAssessment  *self,
                                 GError          **error)
{
  g_autoptr(PolkuInstrument) instrument = NULL;

  g_return_val_if_fail (POLKU_IS_ASSESSMENT (self), NULL);

  instrument = polku_assessment_dup_instrument (self, error);
  if (instrument == NULL)
    return NULL;
  return polku_scores_compute (instrument, (const int *) self->answers->data);
}

static gboolean
invalid (GError    **error,
         const char *message)
{
  g_set_error_literal (error, POLKU_ASSESSMENT_ERROR, POLKU_ASSESSMENT_ERROR_INVALID, message);
  return FALSE;
}

gboolean
polku_assessment_validate (PolkuAssessment  *self,
                           GError          **error)
{
  g_autoptr(PolkuInstrument) instrument = NULL;
  const char *client_id;
  GDate date;

  g_return_val_if_fail (POLKU_IS_ASSESSMENT (self), FALSE);

  client_id = polku_assessment_get_client_id (self);
  if (client_id == NULL || !g_uuid_string_is_valid (client_id))
    return invalid (error, _("client_id: the client is missing."));
  if (!polku_date_parse_iso (self->date, &date))
    return invalid (error, _("date: write the date as YYYY-MM-DD."));
  if (self->plan_id != NULL && !g_uuid_string_is_valid (self->plan_id))
    return invalid (error, _("plan_id: a plan is named by its id (a UUID)."));
  instrument = polku_assessment_dup_instrument (self, error);
  if (instrument == NULL)
    return FALSE;
  for (guint i = 0; i < self->answers->len; i++)
    {
      int value = g_array_index (self->answers, int, i);

      if (value != POLKU_ANSWER_MISSING
          && !polku_instrument_answer_is_valid (instrument, i, value))
        {
          g_set_error (error, POLKU_ASSESSMENT_ERROR, POLKU_ASSESSMENT_ERROR_INVALID,
                       _("answers: %d is not an answer to item %s."), value,
                       polku_instrument_get_item_id (instrument, i));
          return FALSE;
        }
    }
  if (self->position > self->answers->len)
    return invalid (error, _("position: past the last item."));
  return TRUE;
}

char *
polku_assessment_dup_answers_json (PolkuAssessment  *self,
                                   GError          **error)
{
  g_autoptr(PolkuInstrument) instrument = polku_assessment_dup_instrument (self, error);
  g_autoptr(JsonNode) node = NULL;

  if (instrument == NULL)
    return NULL;
  node = polku_instrument_answers_to_json (instrument, (const int *) self->answers->data);
  return json_to_string (node, FALSE);
}

JsonNode *
polku_assessment_to_json (PolkuAssessment  *self,
                          GError          **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(PolkuInstrument) instrument = NULL;
  const char *created, *modified;

  g_return_val_if_fail (POLKU_IS_ASSESSMENT (self), NULL);

  instrument = polku_assessment_dup_instrument (self, error);
  if (instrument == NULL)
    return NULL;
  created = polku_assessment_get_created (self);
  modified = polku_assessment_get_modified (self);

  json_builder_begin_object (builder);
#define STRING(name, value) \
  json_builder_set_member_name (builder, name); \
  if ((value) != NULL) \
    json_builder_add_string_value (builder, value); \
  else \
    json_builder_add_null_value (builder);
  STRING ("id", polku_assessment_get_id (self));
  STRING ("client_id", polku_assessment_get_client_id (self));
  STRING ("instrument", self->instrument_id);
  STRING ("instrument_version", self->instrument_version);
  STRING ("date", self->date);
  STRING ("role", polku_assessment_role_to_code (self->role));
  STRING ("plan_id", self->plan_id);
  STRING ("status", polku_assessment_status_to_code (self->status));
#undef STRING
  json_builder_set_member_name (builder, "position");
  json_builder_add_int_value (builder, self->position);
  json_builder_set_member_name (builder, "answers");
  json_builder_add_value (builder,
                          polku_instrument_answers_to_json (instrument,
                                                            (const int *) self->answers->data));
  json_builder_set_member_name (builder, "scores");
  if (self->status == POLKU_ASSESSMENT_STATUS_COMPLETE)
    {
      g_autoptr(PolkuScores) scores = polku_scores_compute (instrument,
                                                            (const int *) self->answers->data);

      json_builder_add_value (builder, polku_scores_to_json (scores));
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "created");
  json_builder_add_string_value (builder, created != NULL ? created : "");
  json_builder_set_member_name (builder, "modified");
  json_builder_add_string_value (builder, modified != NULL ? modified : "");
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static const char *
json_string_or_null (JsonObject  *object,
                     const char  *name,
                     gboolean    *ok)
{
  JsonNode *node = json_object_get_member (object, name);

  *ok = TRUE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      *ok = FALSE;
      return NULL;
    }
  return json_node_get_string (node);
}

PolkuAssessment *
polku_assessment_new_from_json (const char  *client_id,
                                JsonNode    *node,
                                GError     **error)
{
  static const char * const known[] = {
    "instrument", "date", "role", "plan_id", "status", "position", "answers", NULL
  };
  g_autoptr(PolkuAssessment) self = NULL;
  g_autoptr(PolkuInstrument) instrument = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object;
  JsonNode *member;
  const char *text;
  gboolean ok;

  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, _("The assessment must be a JSON object."));
      return NULL;
    }
  object = json_node_get_object (node);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        g_set_error (error, POLKU_ASSESSMENT_ERROR, POLKU_ASSESSMENT_ERROR_INVALID,
                     _("Unknown member “%s” in the assessment."), (const char *) l->data);
        return NULL;
      }

  text = json_string_or_null (object, "instrument", &ok);
  if (!ok || text == NULL)
    {
      invalid (error, _("instrument: give the instrument’s id, such as \"whoqol-bref\"."));
      return NULL;
    }
  instrument = polku_instrument_lookup (text, error);
  if (instrument == NULL)
    return NULL;
  self = polku_assessment_new (client_id, instrument);

  text = json_string_or_null (object, "date", &ok);
  if (!ok)
    {
      invalid (error, _("date: write the date as YYYY-MM-DD."));
      return NULL;
    }
  if (text != NULL)
    polku_assessment_set_date (self, text);

  text = json_string_or_null (object, "role", &ok);
  if (!ok || (text != NULL && !polku_assessment_role_from_code (text, &self->role)))
    {
      invalid (error, _("role: must be \"baseline\" or \"follow-up\"."));
      return NULL;
    }

  text = json_string_or_null (object, "plan_id", &ok);
  if (!ok)
    {
      invalid (error, _("plan_id: a plan is named by its id (a UUID)."));
      return NULL;
    }
  polku_assessment_set_plan_id (self, text);

  self->status = POLKU_ASSESSMENT_STATUS_COMPLETE;
  text = json_string_or_null (object, "status", &ok);
  if (!ok || (text != NULL && !polku_assessment_status_from_code (text, &self->status)))
    {
      invalid (error, _("status: must be \"complete\" or \"draft\"."));
      return NULL;
    }

  member = json_object_get_member (object, "position");
  if (member != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_INT64
          || json_node_get_int (member) < 0
          || json_node_get_int (member) > polku_instrument_get_n_items (instrument))
        {
          invalid (error, _("position: must be an item’s place in the form."));
          return NULL;
        }
      self->position = json_node_get_int (member);
    }

  member = json_object_get_member (object, "answers");
  if (member == NULL || !JSON_NODE_HOLDS_OBJECT (member))
    {
      invalid (error, _("answers: must be a JSON object such as {\"1\": 4, \"2\": 3}."));
      return NULL;
    }
  {
    int *answers = polku_instrument_answers_from_json (instrument,
                                                       json_node_get_object (member), error);

    if (answers == NULL)
      return NULL;
    polku_assessment_take_answers (self, answers, polku_instrument_get_n_items (instrument));
  }

  if (!polku_assessment_validate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}
