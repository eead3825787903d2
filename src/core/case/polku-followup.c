/* polku-followup.c: a follow-up task with a due date
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-followup"

#include "config.h"

#include "polku-followup.h"
#include "polku-object-private.h"

struct _PolkuFollowup
{
  PolkuRecord  parent_instance;

  char        *client_name;
  char        *title;
  char        *due_on;
  char        *assignee;
  char        *created_by;
  char        *done_on;
  char        *done_by;
};

G_DEFINE_FINAL_TYPE (PolkuFollowup, polku_followup, POLKU_TYPE_RECORD)

enum {
  PROP_0,
  PROP_CLIENT_NAME,
  PROP_TITLE,
  PROP_DUE_ON,
  PROP_ASSIGNEE,
  PROP_CREATED_BY,
  PROP_DONE_ON,
  PROP_DONE_BY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
polku_followup_finalize (GObject *object)
{
  PolkuFollowup *self = (PolkuFollowup *) object;

  g_clear_pointer (&self->client_name, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->due_on, g_free);
  g_clear_pointer (&self->assignee, g_free);
  g_clear_pointer (&self->created_by, g_free);
  g_clear_pointer (&self->done_on, g_free);
  g_clear_pointer (&self->done_by, g_free);

  G_OBJECT_CLASS (polku_followup_parent_class)->finalize (object);
}

static void
polku_followup_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PolkuFollowup *self = (PolkuFollowup *) object;

  switch (prop_id)
    {
    case PROP_CLIENT_NAME:
      g_value_set_string (value, self->client_name);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DUE_ON:
      g_value_set_string (value, self->due_on);
      break;
    case PROP_ASSIGNEE:
      g_value_set_string (value, self->assignee);
      break;
    case PROP_CREATED_BY:
      g_value_set_string (value, self->created_by);
      break;
    case PROP_DONE_ON:
      g_value_set_string (value, self->done_on);
      break;
    case PROP_DONE_BY:
      g_value_set_string (value, self->done_by);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_followup_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PolkuFollowup *self = (PolkuFollowup *) object;

  switch (prop_id)
    {
    case PROP_CLIENT_NAME:
      polku_value_replace_string (&self->client_name, value);
      break;
    case PROP_TITLE:
      polku_value_replace_string (&self->title, value);
      break;
    case PROP_DUE_ON:
      polku_value_replace_string (&self->due_on, value);
      break;
    case PROP_ASSIGNEE:
      polku_value_replace_string (&self->assignee, value);
      break;
    case PROP_CREATED_BY:
      polku_value_replace_string (&self->created_by, value);
      break;
    case PROP_DONE_ON:
      polku_value_replace_string (&self->done_on, value);
      break;
    case PROP_DONE_BY:
      polku_value_replace_string (&self->done_by, value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_followup_class_init (PolkuFollowupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = polku_followup_finalize;
  object_class->get_property = polku_followup_get_property;
  object_class->set_property = polku_followup_set_property;

  properties[PROP_CLIENT_NAME] = polku_param_spec_construct_string ("client-name");
  properties[PROP_TITLE] = polku_param_spec_construct_string ("title");
  properties[PROP_DUE_ON] = polku_param_spec_construct_string ("due-on");
  properties[PROP_ASSIGNEE] = polku_param_spec_construct_string ("assignee");
  properties[PROP_CREATED_BY] = polku_param_spec_construct_string ("created-by");
  properties[PROP_DONE_ON] = polku_param_spec_construct_string ("done-on");
  properties[PROP_DONE_BY] = polku_param_spec_construct_string ("done-by");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
polku_followup_init (PolkuFollowup *self)
{
}

#define GETTER(type, field) \
  POLKU_DEFINE_GETTER (PolkuFollowup, polku_followup, FOLLOWUP, type, field)

GETTER (const char *, client_name)
GETTER (const char *, title)
GETTER (const char *, due_on)
GETTER (const char *, assignee)
GETTER (const char *, created_by)
GETTER (const char *, done_on)
GETTER (const char *, done_by)

#undef GETTER
