/* polku-fhir-private.h: the pieces of FHIR R4 JSON that the core's exports share
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plan's export (polku-plan-fhir.c) and the assessments' (polku-assessment-export.c)
 * build their Bundles with these. A @name of NULL adds the value as the next element of the
 * array being built; otherwise it is set as the member @name of the object being built.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* "urn:uuid:@id": an entry's fullUrl, and what references to it say. */
char *polku_fhir_urn              (const char  *id);
/* Sets the member @name to @value; nothing when @value is NULL. */
void  polku_fhir_add_string       (JsonBuilder *builder,
                                   const char  *name,
                                   const char  *value);
/* { "reference": "urn:uuid:@id", "display": @display }, each left out when NULL. */
void  polku_fhir_add_reference    (JsonBuilder *builder,
                                   const char  *name,
                                   const char  *id,
                                   const char  *display);
/* { "system": @system, "value": @value }: an Identifier or a ContactPoint. */
void  polku_fhir_add_system_value (JsonBuilder *builder,
                                   const char  *name,
                                   const char  *system,
                                   const char  *value);
/* "name": [{ "family": @family, "given": [@given] }]: a Patient's one HumanName. */
void  polku_fhir_add_name         (JsonBuilder *builder,
                                   const char  *family,
                                   const char  *given);
/* A CodeableConcept with one coding: { "coding": [{ "system", "code", "display" }], "text" }
 * (@display and @text left out when NULL). */
void  polku_fhir_add_concept      (JsonBuilder *builder,
                                   const char  *name,
                                   const char  *system,
                                   const char  *code,
                                   const char  *display,
                                   const char  *text);
/* Opens a Bundle of type "collection" with a random id and @timestamp, and its "entry"
 * array; polku_fhir_end_bundle () closes both. */
void  polku_fhir_begin_bundle     (JsonBuilder *builder,
                                   const char  *timestamp);
void  polku_fhir_end_bundle       (JsonBuilder *builder);
/* Opens an entry of the Bundle, { "fullUrl": "urn:uuid:@id", "resource": { "resourceType":
 * @type, "id": @id …, for the resource's members; polku_fhir_end_entry () closes both. */
void  polku_fhir_begin_entry      (JsonBuilder *builder,
                                   const char  *type,
                                   const char  *id);
void  polku_fhir_end_entry        (JsonBuilder *builder);

G_END_DECLS
