/* polku-record.h: what every stored row of a client's data has: id, stamps, client
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The base of the core's record classes (case, case note, consent, contact, assessment, …).
 * Its properties "id", "created", "modified" and "client-id" are construct-only, so that
 * polku_store_object_from_row () and g_object_new () can set them; afterwards only the
 * store changes the stamps and an editable record its client (polku-record-private.h),
 * and each notifies only on a real change.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define POLKU_TYPE_RECORD (polku_record_get_type ())
G_DECLARE_DERIVABLE_TYPE (PolkuRecord, polku_record, POLKU, RECORD, GObject)

struct _PolkuRecordClass
{
  GObjectClass parent_class;
};

const char *polku_record_get_id        (PolkuRecord *self);
const char *polku_record_get_created   (PolkuRecord *self);
const char *polku_record_get_modified  (PolkuRecord *self);
const char *polku_record_get_client_id (PolkuRecord *self);

/* Defines type_name_get_id (), _get_created (), _get_modified () and _get_client_id () for
 * a subclass, as type-checked inline calls of the polku_record_get_* () above. */
#define POLKU_RECORD_DEFINE_GETTERS(TypeName, type_name) \
  static inline const char * \
  type_name##_get_id (TypeName *self) \
  { \
    return polku_record_get_id (POLKU_RECORD (self)); \
  } \
  static inline const char * \
  type_name##_get_created (TypeName *self) \
  { \
    return polku_record_get_created (POLKU_RECORD (self)); \
  } \
  static inline const char * \
  type_name##_get_modified (TypeName *self) \
  { \
    return polku_record_get_modified (POLKU_RECORD (self)); \
  } \
  static inline const char * \
  type_name##_get_client_id (TypeName *self) \
  { \
    return polku_record_get_client_id (POLKU_RECORD (self)); \
  }

G_END_DECLS
