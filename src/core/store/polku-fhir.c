/* polku-fhir.c: the pieces of FHIR R4 JSON that the core's exports share
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-fhir"

#include "config.h"

#include "polku-fhir-private.h"

char *
polku_fhir_urn (const char *id)
{
  return g_strconcat ("urn:uuid:", id, NULL);
}

void
polku_fhir_add_string (JsonBuilder *builder,
                       const char  *name,
                       const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/* Starts the member @name, or an element of the array being built when @name is NULL. */
static void
begin_object (JsonBuilder *builder,
              const char  *name)
{
  if (name != NULL)
    json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
}

void
polku_fhir_add_reference (JsonBuilder *builder,
                          const char  *name,
                          const char  *id,
                          const char  *display)
{
  begin_object (builder, name);
  if (id != NULL)
    {
      g_autofree char *url = polku_fhir_urn (id);

      polku_fhir_add_string (builder, "reference", url);
    }
  polku_fhir_add_string (builder, "display", display);
  json_builder_end_object (builder);
}

void
polku_fhir_add_system_value (JsonBuilder *builder,
                             const char  *name,
                             const char  *system,
                             const char  *value)
{
  begin_object (builder, name);
  polku_fhir_add_string (builder, "system", system);
  polku_fhir_add_string (builder, "value", value);
  json_builder_end_object (builder);
}

void
polku_fhir_add_name (JsonBuilder *builder,
                     const char  *family,
                     const char  *given)
{
  json_builder_set_member_name (builder, "name");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  polku_fhir_add_string (builder, "family", family);
  json_builder_set_member_name (builder, "given");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, given);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
}

void
polku_fhir_add_concept (JsonBuilder *builder,
                        const char  *name,
                        const char  *system,
                        const char  *code,
                        const char  *display,
                        const char  *text)
{
  begin_object (builder, name);
  json_builder_set_member_name (builder, "coding");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  polku_fhir_add_string (builder, "system", system);
  polku_fhir_add_string (builder, "code", code);
  polku_fhir_add_string (builder, "display", display);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  polku_fhir_add_string (builder, "text", text);
  json_builder_end_object (builder);
}

void
polku_fhir_begin_bundle (JsonBuilder *builder,
                         const char  *timestamp)
{
  g_autofree char *id = g_uuid_string_random ();

  json_builder_begin_object (builder);
  polku_fhir_add_string (builder, "resourceType", "Bundle");
  polku_fhir_add_string (builder, "id", id);
  polku_fhir_add_string (builder, "type", "collection");
  polku_fhir_add_string (builder, "timestamp", timestamp);
  json_builder_set_member_name (builder, "entry");
  json_builder_begin_array (builder);
}

void
polku_fhir_end_bundle (JsonBuilder *builder)
{
  json_builder_end_array (builder);   /* entry */
  json_builder_end_object (builder);  /* Bundle */
}

void
polku_fhir_begin_entry (JsonBuilder *builder,
                        const char  *type,
                        const char  *id)
{
  g_autofree char *url = polku_fhir_urn (id);

  json_builder_begin_object (builder);
  polku_fhir_add_string (builder, "fullUrl", url);
  json_builder_set_member_name (builder, "resource");
  json_builder_begin_object (builder);
  polku_fhir_add_string (builder, "resourceType", type);
  polku_fhir_add_string (builder, "id", id);
}

void
polku_fhir_end_entry (JsonBuilder *builder)
{
  json_builder_end_object (builder);  /* resource */
  json_builder_end_object (builder);  /* entry */
}
