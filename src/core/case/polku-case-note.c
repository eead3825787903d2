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
  PolkuRecord  parent_instance;

  char        *author;
  char        *body;
};

G_DEFINE_FINAL_TYPE (PolkuCaseNote, polku_case_note, POLKU_TYPE_RECORD)

enum {
  PROP_0,
  PROP_AUTHOR,
  PROP_BODY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
polku_case_note_finalize (GObject *object)
{
  PolkuCaseNote *self = (PolkuCaseNote *) object;

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

  properties[PROP_AUTHOR] = polku_param_spec_construct_string ("author");
  properties[PROP_BODY] = polku_param_spec_construct_string ("body");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
polku_case_note_init (PolkuCaseNote *self)
{
}

#define GETTER(type, field) \
  POLKU_DEFINE_GETTER (PolkuCaseNote, polku_case_note, CASE_NOTE, type, field)

GETTER (const char *, author)
GETTER (const char *, body)

#undef GETTER
