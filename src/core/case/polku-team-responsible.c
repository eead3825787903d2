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
  PolkuRecord  parent_instance;

  char        *member_id;
  char        *person;
  char        *started_on;
  char        *ended_on;
  char        *set_by;
};

G_DEFINE_FINAL_TYPE (PolkuTeamResponsible, polku_team_responsible, POLKU_TYPE_RECORD)

enum {
  PROP_0,
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

  properties[PROP_MEMBER_ID] = polku_param_spec_construct_string ("member-id");
  properties[PROP_PERSON] = polku_param_spec_construct_string ("person");
  properties[PROP_STARTED_ON] = polku_param_spec_construct_string ("started-on");
  properties[PROP_ENDED_ON] = polku_param_spec_construct_string ("ended-on");
  properties[PROP_SET_BY] = polku_param_spec_construct_string ("set-by");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
polku_team_responsible_init (PolkuTeamResponsible *self)
{
}

#define GETTER(type, field) \
  POLKU_DEFINE_GETTER (PolkuTeamResponsible, polku_team_responsible, TEAM_RESPONSIBLE, type, field)

GETTER (const char *, member_id)
GETTER (const char *, person)
GETTER (const char *, started_on)
GETTER (const char *, ended_on)
GETTER (const char *, set_by)

#undef GETTER
