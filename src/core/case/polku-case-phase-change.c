/* polku-case-phase-change.c: one dated, attributed change of a case's phase
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-case-phase-change"

#include "config.h"

#include "polku-case-phase-change.h"
#include "polku-object-private.h"

struct _PolkuCasePhaseChange
{
  PolkuRecord  parent_instance;

  char        *from_phase;
  char        *to_phase;
  char        *changed_on;
  char        *actor;
  char        *reason;
  char        *reason_code;
};

G_DEFINE_FINAL_TYPE (PolkuCasePhaseChange, polku_case_phase_change, POLKU_TYPE_RECORD)

enum {
  PROP_0,
  PROP_FROM_PHASE,
  PROP_TO_PHASE,
  PROP_CHANGED_ON,
  PROP_ACTOR,
  PROP_REASON,
  PROP_REASON_CODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
polku_case_phase_change_finalize (GObject *object)
{
  PolkuCasePhaseChange *self = (PolkuCasePhaseChange *) object;

  g_clear_pointer (&self->from_phase, g_free);
  g_clear_pointer (&self->to_phase, g_free);
  g_clear_pointer (&self->changed_on, g_free);
  g_clear_pointer (&self->actor, g_free);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->reason_code, g_free);

  G_OBJECT_CLASS (polku_case_phase_change_parent_class)->finalize (object);
}

static void
polku_case_phase_change_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  PolkuCasePhaseChange *self = (PolkuCasePhaseChange *) object;

  switch (prop_id)
    {
    case PROP_FROM_PHASE:
      g_value_set_string (value, self->from_phase);
      break;
    case PROP_TO_PHASE:
      g_value_set_string (value, self->to_phase);
      break;
    case PROP_CHANGED_ON:
      g_value_set_string (value, self->changed_on);
      break;
    case PROP_ACTOR:
      g_value_set_string (value, self->actor);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    case PROP_REASON_CODE:
      g_value_set_string (value, self->reason_code);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_case_phase_change_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  PolkuCasePhaseChange *self = (PolkuCasePhaseChange *) object;

  switch (prop_id)
    {
    case PROP_FROM_PHASE:
      polku_value_replace_string (&self->from_phase, value);
      break;
    case PROP_TO_PHASE:
      polku_value_replace_string (&self->to_phase, value);
      break;
    case PROP_CHANGED_ON:
      polku_value_replace_string (&self->changed_on, value);
      break;
    case PROP_ACTOR:
      polku_value_replace_string (&self->actor, value);
      break;
    case PROP_REASON:
      polku_value_replace_string (&self->reason, value);
      break;
    case PROP_REASON_CODE:
      polku_value_replace_string (&self->reason_code, value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_case_phase_change_class_init (PolkuCasePhaseChangeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = polku_case_phase_change_finalize;
  object_class->get_property = polku_case_phase_change_get_property;
  object_class->set_property = polku_case_phase_change_set_property;

  properties[PROP_FROM_PHASE] = polku_param_spec_construct_string ("from-phase");
  properties[PROP_TO_PHASE] = polku_param_spec_construct_string ("to-phase");
  properties[PROP_CHANGED_ON] = polku_param_spec_construct_string ("changed-on");
  /* Changed by */
  properties[PROP_ACTOR] = polku_param_spec_construct_string ("actor");
  /* The words given; when closing with a code only, the store holds the code here too (the
   * column is required for a closing change), and reads it back as %NULL. */
  properties[PROP_REASON] = polku_param_spec_construct_string ("reason");
  /* A closing change's reason: an id of the closing-reasons list (polku-closing-reasons.h) */
  properties[PROP_REASON_CODE] = polku_param_spec_construct_string ("reason-code");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
polku_case_phase_change_init (PolkuCasePhaseChange *self)
{
}

#define GETTER(type, field) \
  POLKU_DEFINE_GETTER (PolkuCasePhaseChange, polku_case_phase_change, CASE_PHASE_CHANGE, type, \
                       field)

GETTER (const char *, from_phase)
GETTER (const char *, to_phase)
GETTER (const char *, changed_on)
GETTER (const char *, actor)
GETTER (const char *, reason)
GETTER (const char *, reason_code)

#undef GETTER
