/* polku-case-sign.c: one warning sign (heräte) flagged for a client
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-case-sign"

#include "config.h"

#include "polku-case-sign.h"
#include "polku-object-private.h"

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
    case PROP_GROUP_ID:
      polku_value_replace_string (&self->group_id, value);
      break;
    case PROP_ITEM_ID:
      polku_value_replace_string (&self->item_id, value);
      break;
    case PROP_REASON:
      polku_value_replace_string (&self->reason, value);
      break;
    case PROP_FLAGGED_BY:
      polku_value_replace_string (&self->flagged_by, value);
      break;
    case PROP_FLAGGED_ON:
      polku_value_replace_string (&self->flagged_on, value);
      break;
    case PROP_SERVICE_POINT:
      polku_value_replace_string (&self->service_point, value);
      break;
    case PROP_RECORDED_BY:
      polku_value_replace_string (&self->recorded_by, value);
      break;
    case PROP_RETRACTED_ON:
      polku_value_replace_string (&self->retracted_on, value);
      break;
    case PROP_RETRACTED_BY:
      polku_value_replace_string (&self->retracted_by, value);
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
  properties[PROP_ID] = polku_param_spec_construct_string ("id");
  /* Created */
  properties[PROP_CREATED] = polku_param_spec_construct_string ("created");
  /* Modified */
  properties[PROP_MODIFIED] = polku_param_spec_construct_string ("modified");
  /* Client id */
  properties[PROP_CLIENT_ID] = polku_param_spec_construct_string ("client-id");
  /* Checklist group */
  properties[PROP_GROUP_ID] = polku_param_spec_construct_string ("group-id");
  /* Checklist item */
  properties[PROP_ITEM_ID] = polku_param_spec_construct_string ("item-id");
  /* Reason */
  properties[PROP_REASON] = polku_param_spec_construct_string ("reason");
  /* Flagged by */
  properties[PROP_FLAGGED_BY] = polku_param_spec_construct_string ("flagged-by");
  /* Flagged on */
  properties[PROP_FLAGGED_ON] = polku_param_spec_construct_string ("flagged-on");
  /* Service point */
  properties[PROP_SERVICE_POINT] = polku_param_spec_construct_string ("service-point");
  /* Recorded by */
  properties[PROP_RECORDED_BY] = polku_param_spec_construct_string ("recorded-by");
  /* Retracted on */
  properties[PROP_RETRACTED_ON] = polku_param_spec_construct_string ("retracted-on");
  /* Retracted by */
  properties[PROP_RETRACTED_BY] = polku_param_spec_construct_string ("retracted-by");

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
