/* polku-team-responsible.c: one period of a client's responsible worker
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-team-responsible"

#include "config.h"

#include "polku-team-responsible.h"

struct _PolkuTeamResponsible
{
  GObject parent_instance;

  char    *id;
  char    *created;
  char    *modified;
  char    *client_id;
  char    *member_id;
  char    *person;
  char    *started_on;
  char    *ended_on;
  char    *set_by;
};

G_DEFINE_FINAL_TYPE (PolkuTeamResponsible, polku_team_responsible, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CREATED,
  PROP_MODIFIED,
  PROP_CLIENT_ID,
  PROP_MEMBER_ID,
  PROP_PERSON,
  PROP_STARTED_ON,
  PROP_ENDED_ON,
  PROP_SET_BY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
polku_team_responsible_finalize (GObject *object)
{
  PolkuTeamResponsible *self = (PolkuTeamResponsible *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->created, g_free);
  g_clear_pointer (&self->modified, g_free);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->member_id, g_free);
  g_clear_pointer (&self->person, g_free);
  g_clear_pointer (&self->started_on, g_free);
  g_clear_pointer (&self->ended_on, g_free);
  g_clear_pointer (&self->set_by, g_free);

  G_OBJECT_CLASS (polku_team_responsible_parent_class)->finalize (object);
}

static void
polku_team_responsible_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  PolkuTeamResponsible *self = (PolkuTeamResponsible *) object;

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
    case PROP_MEMBER_ID:
      g_value_set_string (value, self->member_id);
      break;
    case PROP_PERSON:
      g_value_set_string (value, self->person);
      break;
    case PROP_STARTED_ON:
      g_value_set_string (value, self->started_on);
      break;
    case PROP_ENDED_ON:
      g_value_set_string (value, self->ended_on);
      break;
    case PROP_SET_BY:
      g_value_set_string (value, self->set_by);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_team_responsible_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  PolkuTeamResponsible *self = (PolkuTeamResponsible *) object;

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
    case PROP_MEMBER_ID:
      g_free (self->member_id);
      self->member_id = g_value_dup_string (value);
      break;
    case PROP_PERSON:
      g_free (self->person);
      self->person = g_value_dup_string (value);
      break;
    case PROP_STARTED_ON:
      g_free (self->started_on);
      self->started_on = g_value_dup_string (value);
      break;
    case PROP_ENDED_ON:
      g_free (self->ended_on);
      self->ended_on = g_value_dup_string (value);
      break;
    case PROP_SET_BY:
      g_free (self->set_by);
      self->set_by = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_team_responsible_class_init (PolkuTeamResponsibleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = polku_team_responsible_finalize;
  object_class->get_property = polku_team_responsible_get_property;
  object_class->set_property = polku_team_responsible_set_property;

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
  /* Team member id */
  properties[PROP_MEMBER_ID] =
    g_param_spec_string ("member-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Person */
  properties[PROP_PERSON] =
    g_param_spec_string ("person", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Started on */
  properties[PROP_STARTED_ON] =
    g_param_spec_string ("started-on", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Ended on */
  properties[PROP_ENDED_ON] =
    g_param_spec_string ("ended-on", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Set by */
  properties[PROP_SET_BY] =
    g_param_spec_string ("set-by", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
polku_team_responsible_init (PolkuTeamResponsible *self)
{
}

const char *
polku_team_responsible_get_id (PolkuTeamResponsible *self)
{
  g_return_val_if_fail (POLKU_IS_TEAM_RESPONSIBLE (self), NULL);

  return self->id;
}

const char *
polku_team_responsible_get_created (PolkuTeamResponsible *self)
{
  g_return_val_if_fail (POLKU_IS_TEAM_RESPONSIBLE (self), NULL);

  return self->created;
}

const char *
polku_team_responsible_get_modified (PolkuTeamResponsible *self)
{
  g_return_val_if_fail (POLKU_IS_TEAM_RESPONSIBLE (self), NULL);

  return self->modified;
}

const char *
polku_team_responsible_get_client_id (PolkuTeamResponsible *self)
{
  g_return_val_if_fail (POLKU_IS_TEAM_RESPONSIBLE (self), NULL);

  return self->client_id;
}

const char *
polku_team_responsible_get_member_id (PolkuTeamResponsible *self)
{
  g_return_val_if_fail (POLKU_IS_TEAM_RESPONSIBLE (self), NULL);

  return self->member_id;
}

const char *
polku_team_responsible_get_person (PolkuTeamResponsible *self)
{
  g_return_val_if_fail (POLKU_IS_TEAM_RESPONSIBLE (self), NULL);

  return self->person;
}

const char *
polku_team_responsible_get_started_on (PolkuTeamResponsible *self)
{
  g_return_val_if_fail (POLKU_IS_TEAM_RESPONSIBLE (self), NULL);

  return self->started_on;
}

const char *
polku_team_responsible_get_ended_on (PolkuTeamResponsible *self)
{
  g_return_val_if_fail (POLKU_IS_TEAM_RESPONSIBLE (self), NULL);

  return self->ended_on;
}

const char *
polku_team_responsible_get_set_by (PolkuTeamResponsible *self)
{
  g_return_val_if_fail (POLKU_IS_TEAM_RESPONSIBLE (self), NULL);

  return self->set_by;
}
