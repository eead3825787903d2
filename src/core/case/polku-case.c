/* polku-case.c: a client's case: its phase, review date and responsible worker
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-case"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-case.h"
#include "polku-object-private.h"

struct _PolkuCase
{
  GObject parent_instance;

  char    *id;
  char    *created;
  char    *modified;
  char    *client_id;
  char    *phase;
  char    *phase_since;
  char    *closed_reason;
  char    *review_on;
  char    *responsible;
  guint    n_signs;
  gboolean consent_valid;
};

G_DEFINE_FINAL_TYPE (PolkuCase, polku_case, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CREATED,
  PROP_MODIFIED,
  PROP_CLIENT_ID,
  PROP_PHASE,
  PROP_PHASE_SINCE,
  PROP_CLOSED_REASON,
  PROP_REVIEW_ON,
  PROP_RESPONSIBLE,
  PROP_N_SIGNS,
  PROP_CONSENT_VALID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
polku_case_finalize (GObject *object)
{
  PolkuCase *self = (PolkuCase *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->created, g_free);
  g_clear_pointer (&self->modified, g_free);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->phase, g_free);
  g_clear_pointer (&self->phase_since, g_free);
  g_clear_pointer (&self->closed_reason, g_free);
  g_clear_pointer (&self->review_on, g_free);
  g_clear_pointer (&self->responsible, g_free);

  G_OBJECT_CLASS (polku_case_parent_class)->finalize (object);
}

static void
polku_case_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PolkuCase *self = (PolkuCase *) object;

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_CREATED:
      g_value_set_string (value, self->created);
      break;
    case PROP_MODIFIED:
      g_value_set_string (value, self->modified);
      break;
    case PROP_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;
    case PROP_PHASE:
      g_value_set_string (value, self->phase);
      break;
    case PROP_PHASE_SINCE:
      g_value_set_string (value, self->phase_since);
      break;
    case PROP_CLOSED_REASON:
      g_value_set_string (value, self->closed_reason);
      break;
    case PROP_REVIEW_ON:
      g_value_set_string (value, self->review_on);
      break;
    case PROP_RESPONSIBLE:
      g_value_set_string (value, self->responsible);
      break;
    case PROP_N_SIGNS:
      g_value_set_uint (value, self->n_signs);
      break;
    case PROP_CONSENT_VALID:
      g_value_set_boolean (value, self->consent_valid);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_case_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PolkuCase *self = (PolkuCase *) object;

  switch (prop_id)
    {
    case PROP_ID:
      polku_value_replace_string (&self->id, value);
      break;
    case PROP_CREATED:
      polku_value_replace_string (&self->created, value);
      break;
    case PROP_MODIFIED:
      polku_value_replace_string (&self->modified, value);
      break;
    case PROP_CLIENT_ID:
      polku_value_replace_string (&self->client_id, value);
      break;
    case PROP_PHASE:
      polku_value_replace_string (&self->phase, value);
      break;
    case PROP_PHASE_SINCE:
      polku_value_replace_string (&self->phase_since, value);
      break;
    case PROP_CLOSED_REASON:
      polku_value_replace_string (&self->closed_reason, value);
      break;
    case PROP_REVIEW_ON:
      polku_value_replace_string (&self->review_on, value);
      break;
    case PROP_RESPONSIBLE:
      polku_value_replace_string (&self->responsible, value);
      break;
    case PROP_N_SIGNS:
      self->n_signs = g_value_get_uint (value);
      break;
    case PROP_CONSENT_VALID:
      self->consent_valid = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_case_class_init (PolkuCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = polku_case_finalize;
  object_class->get_property = polku_case_get_property;
  object_class->set_property = polku_case_set_property;

  /* Id */
  properties[PROP_ID] = polku_param_spec_construct_string ("id");
  /* Created */
  properties[PROP_CREATED] = polku_param_spec_construct_string ("created");
  /* Modified */
  properties[PROP_MODIFIED] = polku_param_spec_construct_string ("modified");
  /* Client id */
  properties[PROP_CLIENT_ID] = polku_param_spec_construct_string ("client-id");
  /* Phase code */
  properties[PROP_PHASE] = polku_param_spec_construct_string ("phase");
  /* Phase since */
  properties[PROP_PHASE_SINCE] = polku_param_spec_construct_string ("phase-since");
  /* Closing reason */
  properties[PROP_CLOSED_REASON] = polku_param_spec_construct_string ("closed-reason");
  /* Review date */
  properties[PROP_REVIEW_ON] = polku_param_spec_construct_string ("review-on");
  /* Responsible worker */
  properties[PROP_RESPONSIBLE] = polku_param_spec_construct_string ("responsible");
  /* Active warning signs */
  properties[PROP_N_SIGNS] =
    g_param_spec_uint ("n-signs", NULL, NULL, 0, G_MAXUINT, 0,
                       POLKU_PARAM_CONSTRUCT_ONLY);
  /* Consent valid today */
  properties[PROP_CONSENT_VALID] =
    g_param_spec_boolean ("consent-valid", NULL, NULL, FALSE,
                          POLKU_PARAM_CONSTRUCT_ONLY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
polku_case_init (PolkuCase *self)
{
}

const char *
polku_case_get_id (PolkuCase *self)
{
  g_return_val_if_fail (POLKU_IS_CASE (self), NULL);

  return self->id;
}

const char *
polku_case_get_created (PolkuCase *self)
{
  g_return_val_if_fail (POLKU_IS_CASE (self), NULL);

  return self->created;
}

const char *
polku_case_get_modified (PolkuCase *self)
{
  g_return_val_if_fail (POLKU_IS_CASE (self), NULL);

  return self->modified;
}

const char *
polku_case_get_client_id (PolkuCase *self)
{
  g_return_val_if_fail (POLKU_IS_CASE (self), NULL);

  return self->client_id;
}

const char *
polku_case_get_phase (PolkuCase *self)
{
  g_return_val_if_fail (POLKU_IS_CASE (self), NULL);

  return self->phase;
}

const char *
polku_case_get_phase_since (PolkuCase *self)
{
  g_return_val_if_fail (POLKU_IS_CASE (self), NULL);

  return self->phase_since;
}

const char *
polku_case_get_closed_reason (PolkuCase *self)
{
  g_return_val_if_fail (POLKU_IS_CASE (self), NULL);

  return self->closed_reason;
}

const char *
polku_case_get_review_on (PolkuCase *self)
{
  g_return_val_if_fail (POLKU_IS_CASE (self), NULL);

  return self->review_on;
}

const char *
polku_case_get_responsible (PolkuCase *self)
{
  g_return_val_if_fail (POLKU_IS_CASE (self), NULL);

  return self->responsible;
}

guint
polku_case_get_n_signs (PolkuCase *self)
{
  g_return_val_if_fail (POLKU_IS_CASE (self), 0);

  return self->n_signs;
}

gboolean
polku_case_get_consent_valid (PolkuCase *self)
{
  g_return_val_if_fail (POLKU_IS_CASE (self), FALSE);

  return self->consent_valid;
}

static const char * const phase_codes[] = {
  "identified", "consent", "contacted", "visit_prepared", "visit_held", "coordination",
  "closed",
};

G_STATIC_ASSERT (G_N_ELEMENTS (phase_codes) == POLKU_CASE_N_PHASES);

const char *
polku_case_phase_to_code (PolkuCasePhase phase)
{
  g_return_val_if_fail (phase < POLKU_CASE_N_PHASES, NULL);

  return phase_codes[phase];
}

gboolean
polku_case_phase_from_code (const char     *code,
                            PolkuCasePhase *out_phase)
{
  g_return_val_if_fail (out_phase != NULL, FALSE);

  for (guint i = 0; i < POLKU_CASE_N_PHASES; i++)
    if (g_strcmp0 (code, phase_codes[i]) == 0)
      {
        *out_phase = i;
        return TRUE;
      }
  return FALSE;
}

/* A label for the user, in the UI language. */
const char *
polku_case_phase_get_label (PolkuCasePhase phase)
{
  switch (phase)
    {
    case POLKU_CASE_PHASE_IDENTIFIED:
      return C_("case phase", "Identified");
    case POLKU_CASE_PHASE_CONSENT:
      return C_("case phase", "Consent");
    case POLKU_CASE_PHASE_CONTACTED:
      return C_("case phase", "Contacted");
    case POLKU_CASE_PHASE_VISIT_PREPARED:
      return C_("case phase", "Mapping visit prepared");
    case POLKU_CASE_PHASE_VISIT_HELD:
      return C_("case phase", "Mapping visit held");
    case POLKU_CASE_PHASE_COORDINATION:
      return C_("case phase", "Care coordination");
    case POLKU_CASE_PHASE_CLOSED:
      return C_("case phase", "Closed");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The phase as an enum value (the "phase" property holds its code). */
PolkuCasePhase
polku_case_get_phase_value (PolkuCase *self)
{
  PolkuCasePhase phase = POLKU_CASE_PHASE_IDENTIFIED;

  g_return_val_if_fail (POLKU_IS_CASE (self), POLKU_CASE_PHASE_IDENTIFIED);

  polku_case_phase_from_code (self->phase, &phase);
  return phase;
}
