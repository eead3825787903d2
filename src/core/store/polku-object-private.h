/* polku-object-private.h: property boilerplate that the core's objects share
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The records read from the store (case, consent, team member, follow-up, …) are GObjects
 * whose properties are set once, when the store makes them; their id, stamps and client
 * come from PolkuRecord (polku-record.h). Editable objects (client, contact, mapping visit)
 * keep their text trimmed, %NULL for blank.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The flags of a property that is set once, when the object is made. */
#define POLKU_PARAM_CONSTRUCT_ONLY \
  (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS)

/* Defines `type type_name_get_field (TypeName *self)`, which returns self->field once it has
 * checked that @self is a POLKU_TYPE_<TYPE>. */
#define POLKU_DEFINE_GETTER(TypeName, type_name, TYPE, type, field) \
  type \
  type_name##_get_##field (TypeName *self) \
  { \
    g_return_val_if_fail (POLKU_IS_##TYPE (self), 0); \
    return self->field; \
  }

/* A construct-only string property, %NULL by default. */
static inline GParamSpec *
polku_param_spec_construct_string (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, POLKU_PARAM_CONSTRUCT_ONLY);
}

/* For set_property (): replaces the string in *@field with a copy of @value's. */
static inline void
polku_value_replace_string (char         **field,
                            const GValue  *value)
{
  g_free (*field);
  *field = g_value_dup_string (value);
}

/* Sets *@field to a copy of @value (which may point into *@field); returns whether that
 * changed it (so that the caller notifies). */
static inline gboolean
polku_set_string (char       **field,
                  const char  *value)
{
  char *copy;

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  copy = g_strdup (value);
  g_free (*field);
  *field = copy;
  return TRUE;
}

/* A copy of @text without the white space around it; %NULL for %NULL or blank text. */
static inline char *
polku_strdup_stripped (const char *text)
{
  g_autofree char *copy = NULL;

  if (text == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (text));
  return copy[0] != '\0' ? g_steal_pointer (&copy) : NULL;
}

/* Sets *@field to polku_strdup_stripped (@value); returns whether that changed it (so that
 * the caller notifies). */
static inline gboolean
polku_set_stripped (char       **field,
                    const char  *value)
{
  g_autofree char *stripped = polku_strdup_stripped (value);

  if (g_strcmp0 (*field, stripped) == 0)
    return FALSE;
  g_free (*field);
  *field = g_steal_pointer (&stripped);
  return TRUE;
}

G_END_DECLS
