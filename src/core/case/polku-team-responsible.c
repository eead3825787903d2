/* polku-team-responsible.c: one period of a client's responsible worker
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-team-responsible"

#include "config.h"

#include "polku-team-responsible.h"
#include "polku-object-private.h"

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
    case PROP_MEMBER_ID:
      polku_value_replace_string (&self->member_id, value);
      break;
    case PROP_PERSON:
      polku_value_replace_string (&self->person, value);
      break;
    case PROP_STARTED_ON:
      polku_value_replace_string (&self->started_on, value);
      break;
    case PROP_ENDED_ON:
      polku_value_replace_string (&self->ended_on, value);
      break;
    case PROP_SET_BY:
      polku_value_replace_string (&self->set_by, value);
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
  properties[PROP_ID] = polku_param_spec_construct_string ("id");
  /* Created */
  properties[PROP_CREATED] = polku_param_spec_construct_string ("created");
  /* Modified */
  properties[PROP_MODIFIED] = polku_param_spec_construct_string ("modified");
  /* Client id */
  properties[PROP_CLIENT_ID] = polku_param_spec_construct_string ("client-id");
  /* Team member id */
  properties[PROP_MEMBER_ID] = polku_param_spec_construct_string ("member-id");
  /* Person */
  properties[PROP_PERSON] = polku_param_spec_construct_string ("person");
  /* Started on */
  properties[PROP_STARTED_ON] = polku_param_spec_construct_string ("started-on");
  /* Ended on */
  properties[PROP_ENDED_ON] = polku_param_spec_construct_string ("ended-on");
  /* Set by */
  properties[PROP_SET_BY] = polku_param_spec_construct_string ("set-by");

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
