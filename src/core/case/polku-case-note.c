/* polku-case-note.c: a free-text note on a case
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-case-note"

#include "config.h"

#include "polku-case-note.h"
#include "polku-object-private.h"

struct _PolkuCaseNote
{
  GObject parent_instance;

  char    *id;
  char    *created;
  char    *modified;
  char    *client_id;
  char    *author;
  char    *body;
};

G_DEFINE_FINAL_TYPE (PolkuCaseNote, polku_case_note, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CREATED,
  PROP_MODIFIED,
  PROP_CLIENT_ID,
  PROP_AUTHOR,
  PROP_BODY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
polku_case_note_finalize (GObject *object)
{
  PolkuCaseNote *self = (PolkuCaseNote *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->created, g_free);
  g_clear_pointer (&self->modified, g_free);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->body, g_free);

  G_OBJECT_CLASS (polku_case_note_parent_class)->finalize (object);
}

static void
polku_case_note_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PolkuCaseNote *self = (PolkuCaseNote *) object;

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
    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;
    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_case_note_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PolkuCaseNote *self = (PolkuCaseNote *) object;

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
    case PROP_AUTHOR:
      polku_value_replace_string (&self->author, value);
      break;
    case PROP_BODY:
      polku_value_replace_string (&self->body, value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_case_note_class_init (PolkuCaseNoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = polku_case_note_finalize;
  object_class->get_property = polku_case_note_get_property;
  object_class->set_property = polku_case_note_set_property;

  /* Id */
  properties[PROP_ID] = polku_param_spec_construct_string ("id");
  /* Created */
  properties[PROP_CREATED] = polku_param_spec_construct_string ("created");
  /* Modified */
  properties[PROP_MODIFIED] = polku_param_spec_construct_string ("modified");
  /* Client id */
  properties[PROP_CLIENT_ID] = polku_param_spec_construct_string ("client-id");
  /* Author */
  properties[PROP_AUTHOR] = polku_param_spec_construct_string ("author");
  /* Text */
  properties[PROP_BODY] = polku_param_spec_construct_string ("body");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
polku_case_note_init (PolkuCaseNote *self)
{
}

const char *
polku_case_note_get_id (PolkuCaseNote *self)
{
  g_return_val_if_fail (POLKU_IS_CASE_NOTE (self), NULL);

  return self->id;
}

const char *
polku_case_note_get_created (PolkuCaseNote *self)
{
  g_return_val_if_fail (POLKU_IS_CASE_NOTE (self), NULL);

  return self->created;
}

const char *
polku_case_note_get_modified (PolkuCaseNote *self)
{
  g_return_val_if_fail (POLKU_IS_CASE_NOTE (self), NULL);

  return self->modified;
}

const char *
polku_case_note_get_client_id (PolkuCaseNote *self)
{
  g_return_val_if_fail (POLKU_IS_CASE_NOTE (self), NULL);

  return self->client_id;
}

const char *
polku_case_note_get_author (PolkuCaseNote *self)
{
  g_return_val_if_fail (POLKU_IS_CASE_NOTE (self), NULL);

  return self->author;
}

const char *
polku_case_note_get_body (PolkuCaseNote *self)
{
  g_return_val_if_fail (POLKU_IS_CASE_NOTE (self), NULL);

  return self->body;
}
