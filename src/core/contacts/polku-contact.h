/* polku-contact.h: one contact or visit in a client's log
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "polku-record.h"

G_BEGIN_DECLS

#define POLKU_CONTACT_ERROR (polku_contact_error_quark ())

/* One code per field, so that a caller (the CSV import, a form) can point at the field. */
typedef enum
{
  POLKU_CONTACT_ERROR_CLIENT,
  POLKU_CONTACT_ERROR_DATE,
  POLKU_CONTACT_ERROR_TIME,
  POLKU_CONTACT_ERROR_TYPE,
  POLKU_CONTACT_ERROR_PROFESSIONAL,
  POLKU_CONTACT_ERROR_PROFESSIONAL_NAME,
  POLKU_CONTACT_ERROR_ORGANISATION,
  POLKU_CONTACT_ERROR_NOTE,
  POLKU_CONTACT_ERROR_DAYS,
  POLKU_CONTACT_ERROR_REASON,
} PolkuContactError;

typedef enum
{
  POLKU_CONTACT_SOURCE_ENTERED,   /* typed in by a worker */
  POLKU_CONTACT_SOURCE_IMPORTED,  /* from a CSV file */
} PolkuContactSource;

#define POLKU_CONTACT_MAX_TEXT 200   /* professional, organisation */
#define POLKU_CONTACT_MAX_NOTE 2000
#define POLKU_CONTACT_MAX_REASON 200
/* The days of an inpatient stay: 1 to ten years (the schema's CHECK). 0: not recorded. */
#define POLKU_CONTACT_MAX_DAYS 3660

#define POLKU_TYPE_CONTACT (polku_contact_get_type ())
G_DECLARE_FINAL_TYPE (PolkuContact, polku_contact, POLKU, CONTACT, PolkuRecord)

POLKU_RECORD_DEFINE_GETTERS (PolkuContact, polku_contact)

GQuark              polku_contact_error_quark            (void);
const char         *polku_contact_error_field            (int                 code);

const char         *polku_contact_source_to_string       (PolkuContactSource  source);
gboolean            polku_contact_source_from_string     (const char         *text,
                                                          PolkuContactSource *out_source);

PolkuContact       *polku_contact_new                    (void);
PolkuContact       *polku_contact_copy                   (PolkuContact       *self);

void                polku_contact_set_client_id          (PolkuContact       *self,
                                                          const char         *client_id);
const char         *polku_contact_get_date               (PolkuContact       *self);
void                polku_contact_set_date               (PolkuContact       *self,
                                                          const char         *date);
const char         *polku_contact_get_time               (PolkuContact       *self);
void                polku_contact_set_time               (PolkuContact       *self,
                                                          const char         *time);
const char         *polku_contact_get_type_id            (PolkuContact       *self);
void                polku_contact_set_type_id            (PolkuContact       *self,
                                                          const char         *type_id);
gboolean            polku_contact_get_urgent             (PolkuContact       *self);
void                polku_contact_set_urgent             (PolkuContact       *self,
                                                          gboolean            urgent);
const char         *polku_contact_get_professional_id    (PolkuContact       *self);
void                polku_contact_set_professional_id    (PolkuContact       *self,
                                                          const char         *professional_id);
const char         *polku_contact_get_professional_name  (PolkuContact       *self);
void                polku_contact_set_professional_name  (PolkuContact       *self,
                                                          const char         *name);
const char         *polku_contact_get_organisation       (PolkuContact       *self);
void                polku_contact_set_organisation       (PolkuContact       *self,
                                                          const char         *organisation);
gboolean            polku_contact_get_no_show            (PolkuContact       *self);
void                polku_contact_set_no_show            (PolkuContact       *self,
                                                          gboolean            no_show);
const char         *polku_contact_get_note               (PolkuContact       *self);
void                polku_contact_set_note               (PolkuContact       *self,
                                                          const char         *note);
guint               polku_contact_get_days               (PolkuContact       *self);
void                polku_contact_set_days               (PolkuContact       *self,
                                                          guint               days);
const char         *polku_contact_get_reason             (PolkuContact       *self);
void                polku_contact_set_reason             (PolkuContact       *self,
                                                          const char         *reason);
/* @reason folded for comparison (case, accents composed, runs of space), so that "Selkäkipu"
 * and " selkäkipu " are the same issue; NULL for NULL. */
char               *polku_contact_fold_reason            (const char         *reason);
PolkuContactSource  polku_contact_get_source             (PolkuContact       *self);
void                polku_contact_set_source             (PolkuContact       *self,
                                                          PolkuContactSource  source);

gboolean            polku_contact_validate               (PolkuContact       *self,
                                                          GListModel         *types,
                                                          GError            **error);
int                 polku_contact_compare                (PolkuContact       *a,
                                                          PolkuContact       *b);
gboolean            polku_contact_same_event             (PolkuContact       *a,
                                                          PolkuContact       *b);

/* Dates: "YYYY-MM-DD" or "d.m.yyyy" (Finnish) → "YYYY-MM-DD"; times "HH:MM", "H.MM" →
 * "HH:MM". NULL when the text is not a real date or time. */
char               *polku_contact_parse_date             (const char         *text);
char               *polku_contact_parse_time             (const char         *text);

G_END_DECLS
