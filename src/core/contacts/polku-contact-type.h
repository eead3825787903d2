/* polku-contact-type.h: the types of contacts and visits, loaded from data
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define POLKU_CONTACT_TYPE_ERROR (polku_contact_type_error_quark ())

typedef enum
{
  POLKU_CONTACT_TYPE_ERROR_INVALID,  /* the file is not a valid list of contact types */
} PolkuContactTypeError;

#define POLKU_TYPE_CONTACT_TYPE (polku_contact_type_get_type ())
G_DECLARE_FINAL_TYPE (PolkuContactType, polku_contact_type, POLKU, CONTACT_TYPE, GObject)

GQuark            polku_contact_type_error_quark     (void);

const char       *polku_contact_type_get_id          (PolkuContactType *self);
const char       *polku_contact_type_get_label       (PolkuContactType *self);
const char       *polku_contact_type_get_label_for   (PolkuContactType *self,
                                                      const char       *language);
gboolean          polku_contact_type_get_in_person   (PolkuContactType *self);
gboolean          polku_contact_type_get_emergency   (PolkuContactType *self);
gboolean          polku_contact_type_get_inpatient   (PolkuContactType *self);
gboolean          polku_contact_type_get_continuity  (PolkuContactType *self);
gboolean          polku_contact_type_matches         (PolkuContactType *self,
                                                      const char       *text);

/* "fi", "sv" or "en": the language of data-file labels that fits the UI language. */
const char       *polku_data_label_language          (void);

/* Lists of types (GListModel of PolkuContactType, in file order). */
GListModel       *polku_contact_types_load_bytes     (GBytes           *bytes,
                                                      const char       *file_name,
                                                      GError          **error);
GListModel       *polku_contact_types_load_file      (GFile            *file,
                                                      GError          **error);
GListModel       *polku_contact_types_dup_default    (GError          **error);
PolkuContactType *polku_contact_types_lookup         (GListModel       *types,
                                                      const char       *id);
PolkuContactType *polku_contact_types_find           (GListModel       *types,
                                                      const char       *id_or_label);

G_END_DECLS
