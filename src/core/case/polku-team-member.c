/* polku-team-member.c: a professional in the team around a client
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-team-member"

#include "config.h"

#include "polku-team-member.h"
#include "polku-object-private.h"

struct _PolkuTeamMember
{
  PolkuRecord  parent_instance;

  char        *person;
  char        *role;
  char        *organisation;
  char        *sector;
  char        *contact;
  char        *joined_on;
  char        *left_on;
  gboolean     responsible;
};

G_DEFINE_FINAL_TYPE (PolkuTeamMember, polku_team_member, POLKU_TYPE_RECORD)

enum {
  PROP_0,
  PROP_PERSON,
  PROP_ROLE,
  PROP_ORGANISATION,
  PROP_SECTOR,
  PROP_CONTACT,
  PROP_JOINED_ON,
  PROP_LEFT_ON,
  PROP_RESPONSIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
polku_team_member_finalize (GObject *object)
{
  PolkuTeamMember *self = (PolkuTeamMember *) object;

  g_clear_pointer (&self->person, g_free);
  g_clear_pointer (&self->role, g_free);
  g_clear_pointer (&self->organisation, g_free);
  g_clear_pointer (&self->sector, g_free);
  g_clear_pointer (&self->contact, g_free);
  g_clear_pointer (&self->joined_on, g_free);
  g_clear_pointer (&self->left_on, g_free);

  G_OBJECT_CLASS (polku_team_member_parent_class)->finalize (object);
}

static void
polku_team_member_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PolkuTeamMember *self = (PolkuTeamMember *) object;

  switch (prop_id)
    {
    case PROP_PERSON:
      g_value_set_string (value, self->person);
      break;
    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;
    case PROP_ORGANISATION:
      g_value_set_string (value, self->organisation);
      break;
    case PROP_SECTOR:
      g_value_set_string (value, self->sector);
      break;
    case PROP_CONTACT:
      g_value_set_string (value, self->contact);
      break;
    case PROP_JOINED_ON:
      g_value_set_string (value, self->joined_on);
      break;
    case PROP_LEFT_ON:
      g_value_set_string (value, self->left_on);
      break;
    case PROP_RESPONSIBLE:
      g_value_set_boolean (value, self->responsible);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_team_member_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PolkuTeamMember *self = (PolkuTeamMember *) object;

  switch (prop_id)
    {
    case PROP_PERSON:
      polku_value_replace_string (&self->person, value);
      break;
    case PROP_ROLE:
      polku_value_replace_string (&self->role, value);
      break;
    case PROP_ORGANISATION:
      polku_value_replace_string (&self->organisation, value);
      break;
    case PROP_SECTOR:
      polku_value_replace_string (&self->sector, value);
      break;
    case PROP_CONTACT:
      polku_value_replace_string (&self->contact, value);
      break;
    case PROP_JOINED_ON:
      polku_value_replace_string (&self->joined_on, value);
      break;
    case PROP_LEFT_ON:
      polku_value_replace_string (&self->left_on, value);
      break;
    case PROP_RESPONSIBLE:
      self->responsible = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_team_member_class_init (PolkuTeamMemberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = polku_team_member_finalize;
  object_class->get_property = polku_team_member_get_property;
  object_class->set_property = polku_team_member_set_property;

  properties[PROP_PERSON] = polku_param_spec_construct_string ("person");
  properties[PROP_ROLE] = polku_param_spec_construct_string ("role");
  properties[PROP_ORGANISATION] = polku_param_spec_construct_string ("organisation");
  properties[PROP_SECTOR] = polku_param_spec_construct_string ("sector");
  properties[PROP_CONTACT] = polku_param_spec_construct_string ("contact");
  properties[PROP_JOINED_ON] = polku_param_spec_construct_string ("joined-on");
  properties[PROP_LEFT_ON] = polku_param_spec_construct_string ("left-on");
  /* Responsible worker now */
  properties[PROP_RESPONSIBLE] =
    g_param_spec_boolean ("responsible", NULL, NULL, FALSE,
                          POLKU_PARAM_CONSTRUCT_ONLY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
polku_team_member_init (PolkuTeamMember *self)
{
}

#define GETTER(type, field) \
  POLKU_DEFINE_GETTER (PolkuTeamMember, polku_team_member, TEAM_MEMBER, type, field)

GETTER (const char *, person)
GETTER (const char *, role)
GETTER (const char *, organisation)
GETTER (const char *, sector)
GETTER (const char *, contact)
GETTER (const char *, joined_on)
GETTER (const char *, left_on)
GETTER (gboolean, responsible)

#undef GETTER
