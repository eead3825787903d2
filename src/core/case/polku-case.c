/* polku-case.c: a client's case: its phase, review date, coordinator and responsible workers
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
  PolkuRecord  parent_instance;

  char        *phase;
  char        *phase_since;
  char        *closed_reason;
  char        *closed_code;
  char        *review_on;
  char        *coordinator;
  char        *coordinator_since;
  char       **responsible_workers;
  guint        n_signs;
  gboolean     consent_valid;
};

G_DEFINE_FINAL_TYPE (PolkuCase, polku_case, POLKU_TYPE_RECORD)

enum {
  PROP_0,
  PROP_PHASE,
  PROP_PHASE_SINCE,
  PROP_CLOSED_REASON,
  PROP_CLOSED_CODE,
  PROP_REVIEW_ON,
  PROP_COORDINATOR,
  PROP_COORDINATOR_SINCE,
  PROP_RESPONSIBLE_WORKERS,
  PROP_N_SIGNS,
  PROP_CONSENT_VALID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
polku_case_finalize (GObject *object)
{
  PolkuCase *self = (PolkuCase *) object;

  g_clear_pointer (&self->phase, g_free);
  g_clear_pointer (&self->phase_since, g_free);
  g_clear_pointer (&self->closed_reason, g_free);
  g_clear_pointer (&self->closed_code, g_free);
  g_clear_pointer (&self->review_on, g_free);
  g_clear_pointer (&self->coordinator, g_free);
  g_clear_pointer (&self->coordinator_since, g_free);
  g_clear_pointer (&self->responsible_workers, g_strfreev);

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
    case PROP_PHASE:
      g_value_set_string (value, self->phase);
      break;
    case PROP_PHASE_SINCE:
      g_value_set_string (value, self->phase_since);
      break;
    case PROP_CLOSED_REASON:
      g_value_set_string (value, self->closed_reason);
      break;
    case PROP_CLOSED_CODE:
      g_value_set_string (value, self->closed_code);
      break;
    case PROP_REVIEW_ON:
      g_value_set_string (value, self->review_on);
      break;
    case PROP_COORDINATOR:
      g_value_set_string (value, self->coordinator);
      break;
    case PROP_COORDINATOR_SINCE:
      g_value_set_string (value, self->coordinator_since);
      break;
    case PROP_RESPONSIBLE_WORKERS:
      g_value_set_boxed (value, self->responsible_workers);
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
    case PROP_PHASE:
      polku_value_replace_string (&self->phase, value);
      break;
    case PROP_PHASE_SINCE:
      polku_value_replace_string (&self->phase_since, value);
      break;
    case PROP_CLOSED_REASON:
      polku_value_replace_string (&self->closed_reason, value);
      break;
    case PROP_CLOSED_CODE:
      polku_value_replace_string (&self->closed_code, value);
      break;
    case PROP_REVIEW_ON:
      polku_value_replace_string (&self->review_on, value);
      break;
    case PROP_COORDINATOR:
      polku_value_replace_string (&self->coordinator, value);
      break;
    case PROP_COORDINATOR_SINCE:
      polku_value_replace_string (&self->coordinator_since, value);
      break;
    case PROP_RESPONSIBLE_WORKERS:
      g_strfreev (self->responsible_workers);
      self->responsible_workers = g_value_dup_boxed (value);
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

  /* Phase code */
  properties[PROP_PHASE] = polku_param_spec_construct_string ("phase");
  properties[PROP_PHASE_SINCE] = polku_param_spec_construct_string ("phase-since");
  /* The words given when the case was closed, or %NULL (also when only a code was given) */
  properties[PROP_CLOSED_REASON] = polku_param_spec_construct_string ("closed-reason");
  /* Why the case was closed: an id of the closing-reasons list (polku-closing-reasons.h) */
  properties[PROP_CLOSED_CODE] = polku_param_spec_construct_string ("closed-code");
  properties[PROP_REVIEW_ON] = polku_param_spec_construct_string ("review-on");
  /* The current coordinator (asiakasvastaava) and since when */
  properties[PROP_COORDINATOR] = polku_param_spec_construct_string ("coordinator");
  properties[PROP_COORDINATOR_SINCE] = polku_param_spec_construct_string ("coordinator-since");
  /* The names of the current responsible workers, the earliest named first */
  properties[PROP_RESPONSIBLE_WORKERS] =
    g_param_spec_boxed ("responsible-workers", NULL, NULL, G_TYPE_STRV,
                        POLKU_PARAM_CONSTRUCT_ONLY);
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

#define GETTER(type, field) \
  POLKU_DEFINE_GETTER (PolkuCase, polku_case, CASE, type, field)

GETTER (const char *, phase)
GETTER (const char *, phase_since)
GETTER (const char *, closed_reason)
GETTER (const char *, closed_code)
GETTER (const char *, review_on)
GETTER (const char *, coordinator)
GETTER (const char *, coordinator_since)
GETTER (guint, n_signs)
GETTER (gboolean, consent_valid)

#undef GETTER

/**
 * polku_case_get_responsible_workers:
 *
 * Returns: (transfer none) (nullable): the names of the current responsible workers, the
 *   earliest named first; %NULL or empty when none is named
 */
const char * const *
polku_case_get_responsible_workers (PolkuCase *self)
{
  g_return_val_if_fail (POLKU_IS_CASE (self), NULL);
  return (const char * const *) self->responsible_workers;
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
