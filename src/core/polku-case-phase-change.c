/* polku-case-phase-change.c: one dated, attributed change of a case's phase
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-case-phase-change"

#include "config.h"

#include "polku-case-phase-change.h"

struct _PolkuCasePhaseChange
{
  GObject parent_instance;

  char    *id;
  char    *created;
  char    *modified;
  char    *client_id;
  char    *from_phase;
  char    *to_phase;
  char    *changed_on;
  char    *actor;
  char    *reason;
};

G_DEFINE_FINAL_TYPE (PolkuCasePhaseChange, polku_case_phase_change, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CREATED,
  PROP_MODIFIED,
  PROP_CLIENT_ID,
  PROP_FROM_PHASE,
  PROP_TO_PHASE,
  PROP_CHANGED_ON,
  PROP_ACTOR,
  PROP_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
polku_case_phase_change_finalize (GObject *object)
{
  PolkuCasePhaseChange *self = (PolkuCasePhaseChange *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->created, g_free);
  g_clear_pointer (&self->modified, g_free);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->from_phase, g_free);
  g_clear_pointer (&self->to_phase, g_free);
  g_clear_pointer (&self->changed_on, g_free);
  g_clear_pointer (&self->actor, g_free);
  g_clear_pointer (&self->reason, g_free);

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
    case PROP_ID:
      g_free (self->id);
      self->id = g_value_dup_string (value);
      break;
    case PROP_CREATED:
      g_free (self->created);
      self->created = g_value_dup_string (value);
      break;
    case PROP_MODIFIED:
      g_free (self->modified);
      self->modified = g_value_dup_string (value);
      break;
    case PROP_CLIENT_ID:
      g_free (self->client_id);
      self->client_id = g_value_dup_string (value);
      break;
    case PROP_FROM_PHASE:
      g_free (self->from_phase);
      self->from_phase = g_value_dup_string (value);
      break;
    case PROP_TO_PHASE:
      g_free (self->to_phase);
      self->to_phase = g_value_dup_string (value);
      break;
    case PROP_CHANGED_ON:
      g_free (self->changed_on);
      self->changed_on = g_value_dup_string (value);
      break;
    case PROP_ACTOR:
      g_free (self->actor);
      self->actor = g_value_dup_string (value);
      break;
    case PROP_REASON:
      g_free (self->reason);
      self->reason = g_value_dup_string (value);
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

  /* Id */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Created */
  properties[PROP_CREATED] =
    g_param_spec_string ("created", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Modified */
  properties[PROP_MODIFIED] =
    g_param_spec_string ("modified", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Client id */
  properties[PROP_CLIENT_ID] =
    g_param_spec_string ("client-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* From phase */
  properties[PROP_FROM_PHASE] =
    g_param_spec_string ("from-phase", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* To phase */
  properties[PROP_TO_PHASE] =
    g_param_spec_string ("to-phase", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Changed on */
  properties[PROP_CHANGED_ON] =
    g_param_spec_string ("changed-on", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Changed by */
  properties[PROP_ACTOR] =
    g_param_spec_string ("actor", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Reason */
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
polku_case_phase_change_init (PolkuCasePhaseChange *self)
{
}

const char *
polku_case_phase_change_get_id (PolkuCasePhaseChange *self)
{
  g_return_val_if_fail (POLKU_IS_CASE_PHASE_CHANGE (self), NULL);

  return self->id;
}

const char *
polku_case_phase_change_get_created (PolkuCasePhaseChange *self)
{
  g_return_val_if_fail (POLKU_IS_CASE_PHASE_CHANGE (self), NULL);

  return self->created;
}

const char *
polku_case_phase_change_get_modified (PolkuCasePhaseChange *self)
{
  g_return_val_if_fail (POLKU_IS_CASE_PHASE_CHANGE (self), NULL);

  return self->modified;
}

const char *
polku_case_phase_change_get_client_id (PolkuCasePhaseChange *self)
{
  g_return_val_if_fail (POLKU_IS_CASE_PHASE_CHANGE (self), NULL);

  return self->client_id;
}

const char *
polku_case_phase_change_get_from_phase (PolkuCasePhaseChange *self)
{
  g_return_val_if_fail (POLKU_IS_CASE_PHASE_CHANGE (self), NULL);

  return self->from_phase;
}

const char *
polku_case_phase_change_get_to_phase (PolkuCasePhaseChange *self)
{
  g_return_val_if_fail (POLKU_IS_CASE_PHASE_CHANGE (self), NULL);

  return self->to_phase;
}

const char *
polku_case_phase_change_get_changed_on (PolkuCasePhaseChange *self)
{
  g_return_val_if_fail (POLKU_IS_CASE_PHASE_CHANGE (self), NULL);

  return self->changed_on;
}

const char *
polku_case_phase_change_get_actor (PolkuCasePhaseChange *self)
{
  g_return_val_if_fail (POLKU_IS_CASE_PHASE_CHANGE (self), NULL);

  return self->actor;
}

const char *
polku_case_phase_change_get_reason (PolkuCasePhaseChange *self)
{
  g_return_val_if_fail (POLKU_IS_CASE_PHASE_CHANGE (self), NULL);

  return self->reason;
}
