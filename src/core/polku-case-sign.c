/* polku-case-sign.c: one warning sign (heräte) flagged for a client
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-case-sign"

#include "config.h"

#include "polku-case-sign.h"

struct _PolkuCaseSign
{
  GObject parent_instance;

  char    *id;
  char    *created;
  char    *modified;
  char    *client_id;
  char    *group_id;
  char    *item_id;
  char    *reason;
  char    *flagged_by;
  char    *flagged_on;
  char    *service_point;
  char    *recorded_by;
  char    *retracted_on;
  char    *retracted_by;
};

G_DEFINE_FINAL_TYPE (PolkuCaseSign, polku_case_sign, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CREATED,
  PROP_MODIFIED,
  PROP_CLIENT_ID,
  PROP_GROUP_ID,
  PROP_ITEM_ID,
  PROP_REASON,
  PROP_FLAGGED_BY,
  PROP_FLAGGED_ON,
  PROP_SERVICE_POINT,
  PROP_RECORDED_BY,
  PROP_RETRACTED_ON,
  PROP_RETRACTED_BY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
polku_case_sign_finalize (GObject *object)
{
  PolkuCaseSign *self = (PolkuCaseSign *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->created, g_free);
  g_clear_pointer (&self->modified, g_free);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->group_id, g_free);
  g_clear_pointer (&self->item_id, g_free);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->flagged_by, g_free);
  g_clear_pointer (&self->flagged_on, g_free);
  g_clear_pointer (&self->service_point, g_free);
  g_clear_pointer (&self->recorded_by, g_free);
  g_clear_pointer (&self->retracted_on, g_free);
  g_clear_pointer (&self->retracted_by, g_free);

  G_OBJECT_CLASS (polku_case_sign_parent_class)->finalize (object);
}

static void
polku_case_sign_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PolkuCaseSign *self = (PolkuCaseSign *) object;

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
    case PROP_GROUP_ID:
      g_value_set_string (value, self->group_id);
      break;
    case PROP_ITEM_ID:
      g_value_set_string (value, self->item_id);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    case PROP_FLAGGED_BY:
      g_value_set_string (value, self->flagged_by);
      break;
    case PROP_FLAGGED_ON:
      g_value_set_string (value, self->flagged_on);
      break;
    case PROP_SERVICE_POINT:
      g_value_set_string (value, self->service_point);
      break;
    case PROP_RECORDED_BY:
      g_value_set_string (value, self->recorded_by);
      break;
    case PROP_RETRACTED_ON:
      g_value_set_string (value, self->retracted_on);
      break;
    case PROP_RETRACTED_BY:
      g_value_set_string (value, self->retracted_by);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_case_sign_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PolkuCaseSign *self = (PolkuCaseSign *) object;

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
    case PROP_GROUP_ID:
      g_free (self->group_id);
      self->group_id = g_value_dup_string (value);
      break;
    case PROP_ITEM_ID:
      g_free (self->item_id);
      self->item_id = g_value_dup_string (value);
      break;
    case PROP_REASON:
      g_free (self->reason);
      self->reason = g_value_dup_string (value);
      break;
    case PROP_FLAGGED_BY:
      g_free (self->flagged_by);
      self->flagged_by = g_value_dup_string (value);
      break;
    case PROP_FLAGGED_ON:
      g_free (self->flagged_on);
      self->flagged_on = g_value_dup_string (value);
      break;
    case PROP_SERVICE_POINT:
      g_free (self->service_point);
      self->service_point = g_value_dup_string (value);
      break;
    case PROP_RECORDED_BY:
      g_free (self->recorded_by);
      self->recorded_by = g_value_dup_string (value);
      break;
    case PROP_RETRACTED_ON:
      g_free (self->retracted_on);
      self->retracted_on = g_value_dup_string (value);
      break;
    case PROP_RETRACTED_BY:
      g_free (self->retracted_by);
      self->retracted_by = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_case_sign_class_init (PolkuCaseSignClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = polku_case_sign_finalize;
  object_class->get_property = polku_case_sign_get_property;
  object_class->set_property = polku_case_sign_set_property;

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
  /* Checklist group */
  properties[PROP_GROUP_ID] =
    g_param_spec_string ("group-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Checklist item */
  properties[PROP_ITEM_ID] =
    g_param_spec_string ("item-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Reason */
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Flagged by */
  properties[PROP_FLAGGED_BY] =
    g_param_spec_string ("flagged-by", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Flagged on */
  properties[PROP_FLAGGED_ON] =
    g_param_spec_string ("flagged-on", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Service point */
  properties[PROP_SERVICE_POINT] =
    g_param_spec_string ("service-point", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Recorded by */
  properties[PROP_RECORDED_BY] =
    g_param_spec_string ("recorded-by", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Retracted on */
  properties[PROP_RETRACTED_ON] =
    g_param_spec_string ("retracted-on", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Retracted by */
  properties[PROP_RETRACTED_BY] =
    g_param_spec_string ("retracted-by", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
polku_case_sign_init (PolkuCaseSign *self)
{
}

const char *
polku_case_sign_get_id (PolkuCaseSign *self)
{
  g_return_val_if_fail (POLKU_IS_CASE_SIGN (self), NULL);

  return self->id;
}

const char *
polku_case_sign_get_created (PolkuCaseSign *self)
{
  g_return_val_if_fail (POLKU_IS_CASE_SIGN (self), NULL);

  return self->created;
}

const char *
polku_case_sign_get_modified (PolkuCaseSign *self)
{
  g_return_val_if_fail (POLKU_IS_CASE_SIGN (self), NULL);

  return self->modified;
}

const char *
polku_case_sign_get_client_id (PolkuCaseSign *self)
{
  g_return_val_if_fail (POLKU_IS_CASE_SIGN (self), NULL);

  return self->client_id;
}

const char *
polku_case_sign_get_group_id (PolkuCaseSign *self)
{
  g_return_val_if_fail (POLKU_IS_CASE_SIGN (self), NULL);

  return self->group_id;
}

const char *
polku_case_sign_get_item_id (PolkuCaseSign *self)
{
  g_return_val_if_fail (POLKU_IS_CASE_SIGN (self), NULL);

  return self->item_id;
}

const char *
polku_case_sign_get_reason (PolkuCaseSign *self)
{
  g_return_val_if_fail (POLKU_IS_CASE_SIGN (self), NULL);

  return self->reason;
}

const char *
polku_case_sign_get_flagged_by (PolkuCaseSign *self)
{
  g_return_val_if_fail (POLKU_IS_CASE_SIGN (self), NULL);

  return self->flagged_by;
}

const char *
polku_case_sign_get_flagged_on (PolkuCaseSign *self)
{
  g_return_val_if_fail (POLKU_IS_CASE_SIGN (self), NULL);

  return self->flagged_on;
}

const char *
polku_case_sign_get_service_point (PolkuCaseSign *self)
{
  g_return_val_if_fail (POLKU_IS_CASE_SIGN (self), NULL);

  return self->service_point;
}

const char *
polku_case_sign_get_recorded_by (PolkuCaseSign *self)
{
  g_return_val_if_fail (POLKU_IS_CASE_SIGN (self), NULL);

  return self->recorded_by;
}

const char *
polku_case_sign_get_retracted_on (PolkuCaseSign *self)
{
  g_return_val_if_fail (POLKU_IS_CASE_SIGN (self), NULL);

  return self->retracted_on;
}

const char *
polku_case_sign_get_retracted_by (PolkuCaseSign *self)
{
  g_return_val_if_fail (POLKU_IS_CASE_SIGN (self), NULL);

  return self->retracted_by;
}
