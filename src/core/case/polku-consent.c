/* polku-consent.c: one consent (suostumus) with its structured scope
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-consent"

#include "config.h"

#include "polku-consent.h"
#include "polku-object-private.h"

struct _PolkuConsent
{
  PolkuRecord  parent_instance;

  char        *kind;
  char        *given_on;
  char        *given_by;
  char        *representative;
  char        *method;
  char       **organisations;
  char       **parts;
  char        *valid_until;
  char        *recorded_by;
  char        *withdrawn_on;
  char        *withdrawal_recorded_by;
};

G_DEFINE_FINAL_TYPE (PolkuConsent, polku_consent, POLKU_TYPE_RECORD)

enum {
  PROP_0,
  PROP_KIND,
  PROP_GIVEN_ON,
  PROP_GIVEN_BY,
  PROP_REPRESENTATIVE,
  PROP_METHOD,
  PROP_ORGANISATIONS,
  PROP_PARTS,
  PROP_VALID_UNTIL,
  PROP_RECORDED_BY,
  PROP_WITHDRAWN_ON,
  PROP_WITHDRAWAL_RECORDED_BY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
polku_consent_finalize (GObject *object)
{
  PolkuConsent *self = (PolkuConsent *) object;

  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->given_on, g_free);
  g_clear_pointer (&self->given_by, g_free);
  g_clear_pointer (&self->representative, g_free);
  g_clear_pointer (&self->method, g_free);
  g_clear_pointer (&self->organisations, g_strfreev);
  g_clear_pointer (&self->parts, g_strfreev);
  g_clear_pointer (&self->valid_until, g_free);
  g_clear_pointer (&self->recorded_by, g_free);
  g_clear_pointer (&self->withdrawn_on, g_free);
  g_clear_pointer (&self->withdrawal_recorded_by, g_free);

  G_OBJECT_CLASS (polku_consent_parent_class)->finalize (object);
}

static void
polku_consent_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PolkuConsent *self = (PolkuConsent *) object;

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_GIVEN_ON:
      g_value_set_string (value, self->given_on);
      break;
    case PROP_GIVEN_BY:
      g_value_set_string (value, self->given_by);
      break;
    case PROP_REPRESENTATIVE:
      g_value_set_string (value, self->representative);
      break;
    case PROP_METHOD:
      g_value_set_string (value, self->method);
      break;
    case PROP_ORGANISATIONS:
      g_value_set_boxed (value, self->organisations);
      break;
    case PROP_PARTS:
      g_value_set_boxed (value, self->parts);
      break;
    case PROP_VALID_UNTIL:
      g_value_set_string (value, self->valid_until);
      break;
    case PROP_RECORDED_BY:
      g_value_set_string (value, self->recorded_by);
      break;
    case PROP_WITHDRAWN_ON:
      g_value_set_string (value, self->withdrawn_on);
      break;
    case PROP_WITHDRAWAL_RECORDED_BY:
      g_value_set_string (value, self->withdrawal_recorded_by);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_consent_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PolkuConsent *self = (PolkuConsent *) object;

  switch (prop_id)
    {
    case PROP_KIND:
      polku_value_replace_string (&self->kind, value);
      break;
    case PROP_GIVEN_ON:
      polku_value_replace_string (&self->given_on, value);
      break;
    case PROP_GIVEN_BY:
      polku_value_replace_string (&self->given_by, value);
      break;
    case PROP_REPRESENTATIVE:
      polku_value_replace_string (&self->representative, value);
      break;
    case PROP_METHOD:
      polku_value_replace_string (&self->method, value);
      break;
    case PROP_ORGANISATIONS:
      g_strfreev (self->organisations);
      self->organisations = g_value_dup_boxed (value);
      break;
    case PROP_PARTS:
      g_strfreev (self->parts);
      self->parts = g_value_dup_boxed (value);
      break;
    case PROP_VALID_UNTIL:
      polku_value_replace_string (&self->valid_until, value);
      break;
    case PROP_RECORDED_BY:
      polku_value_replace_string (&self->recorded_by, value);
      break;
    case PROP_WITHDRAWN_ON:
      polku_value_replace_string (&self->withdrawn_on, value);
      break;
    case PROP_WITHDRAWAL_RECORDED_BY:
      polku_value_replace_string (&self->withdrawal_recorded_by, value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_consent_class_init (PolkuConsentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = polku_consent_finalize;
  object_class->get_property = polku_consent_get_property;
  object_class->set_property = polku_consent_set_property;

  /* "contact": to be contacted and referred (the phase gate); "sharing": to share the plan
   * with the organisations and parts in its scope */
  properties[PROP_KIND] = polku_param_spec_construct_string ("kind");
  properties[PROP_GIVEN_ON] = polku_param_spec_construct_string ("given-on");
  properties[PROP_GIVEN_BY] = polku_param_spec_construct_string ("given-by");
  /* Legal representative */
  properties[PROP_REPRESENTATIVE] = polku_param_spec_construct_string ("representative");
  properties[PROP_METHOD] = polku_param_spec_construct_string ("method");
  /* Organisations in scope */
  properties[PROP_ORGANISATIONS] =
    g_param_spec_boxed ("organisations", NULL, NULL, G_TYPE_STRV,
                        POLKU_PARAM_CONSTRUCT_ONLY);
  /* Plan parts in scope */
  properties[PROP_PARTS] =
    g_param_spec_boxed ("parts", NULL, NULL, G_TYPE_STRV,
                        POLKU_PARAM_CONSTRUCT_ONLY);
  properties[PROP_VALID_UNTIL] = polku_param_spec_construct_string ("valid-until");
  properties[PROP_RECORDED_BY] = polku_param_spec_construct_string ("recorded-by");
  properties[PROP_WITHDRAWN_ON] = polku_param_spec_construct_string ("withdrawn-on");
  properties[PROP_WITHDRAWAL_RECORDED_BY] =
    polku_param_spec_construct_string ("withdrawal-recorded-by");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
polku_consent_init (PolkuConsent *self)
{
}

#define GETTER(type, field) \
  POLKU_DEFINE_GETTER (PolkuConsent, polku_consent, CONSENT, type, field)

GETTER (const char *, kind)
GETTER (const char *, given_on)
GETTER (const char *, given_by)
GETTER (const char *, representative)
GETTER (const char *, method)
GETTER (const char *, valid_until)
GETTER (const char *, recorded_by)
GETTER (const char *, withdrawn_on)
GETTER (const char *, withdrawal_recorded_by)

#undef GETTER

const char * const *
polku_consent_get_organisations (PolkuConsent *self)
{
  g_return_val_if_fail (POLKU_IS_CONSENT (self), NULL);

  return (const char * const *) self->organisations;
}

const char * const *
polku_consent_get_parts (PolkuConsent *self)
{
  g_return_val_if_fail (POLKU_IS_CONSENT (self), NULL);

  return (const char * const *) self->parts;
}
