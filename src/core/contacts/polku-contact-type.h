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

/* A category of the reports (doctor visits, telephone-service calls, inpatient stays, …):
 * each type belongs to one, so that the practice's figures can be counted. */
#define POLKU_TYPE_CONTACT_CATEGORY (polku_contact_category_get_type ())
G_DECLARE_FINAL_TYPE (PolkuContactCategory, polku_contact_category, POLKU, CONTACT_CATEGORY,
                      GObject)

GQuark            polku_contact_type_error_quark     (void);

const char       *polku_contact_type_get_id          (PolkuContactType *self);
const char       *polku_contact_type_get_label       (PolkuContactType *self);
const char       *polku_contact_type_get_label_for   (PolkuContactType *self,
                                                      const char       *language);
gboolean          polku_contact_type_get_in_person   (PolkuContactType *self);
gboolean          polku_contact_type_get_emergency   (PolkuContactType *self);
gboolean          polku_contact_type_get_inpatient   (PolkuContactType *self);
gboolean          polku_contact_type_get_continuity  (PolkuContactType *self);
PolkuContactCategory *polku_contact_type_get_category (PolkuContactType *self);
gboolean          polku_contact_type_matches         (PolkuContactType *self,
                                                      const char       *text);

const char       *polku_contact_category_get_id      (PolkuContactCategory *self);
const char       *polku_contact_category_get_label   (PolkuContactCategory *self);
const char       *polku_contact_category_get_label_for (PolkuContactCategory *self,
                                                      const char           *language);

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
/* The categories of the file @types was read from, in file order (element-type
 * PolkuContactCategory); empty for a list that was not read from a file. */
GPtrArray        *polku_contact_types_get_categories (GListModel       *types);
PolkuContactCategory *polku_contact_types_lookup_category (GListModel   *types,
                                                      const char       *category_id);

G_END_DECLS
