/* polku-organisations.h: the county's organisations, loaded from data
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A consent names the organisations that may receive a client's data by id, never by free
 * text: the ids, names (Finnish, Swedish and English), sectors and server access groups are
 * data (data/organisations.json, format "polku-organisations", version 1), so that a
 * wellbeing county can replace them with its own. The first of $POLKU_ORGANISATIONS,
 * $XDG_CONFIG_HOME/polku/organisations.json, the system configuration directories'
 * polku/organisations.json and the built-in copy is used.
 *
 * Consents recorded before schema 7 hold the organisation's name as it was typed:
 * polku_organisations_resolve () matches those by name, in any language, ignoring case.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define POLKU_ORGANISATIONS_ERROR (polku_organisations_error_quark ())

typedef enum
{
  POLKU_ORGANISATIONS_ERROR_INVALID,  /* the file is not valid: the message names the file and
                                       * the field */
  POLKU_ORGANISATIONS_ERROR_UNKNOWN,  /* no organisation with that id */
} PolkuOrganisationsError;

GQuark              polku_organisations_error_quark (void);

#define POLKU_TYPE_ORGANISATION (polku_organisation_get_type ())
G_DECLARE_FINAL_TYPE (PolkuOrganisation, polku_organisation, POLKU, ORGANISATION, GObject)

const char         *polku_organisation_get_id            (PolkuOrganisation *self);
/* @language: "fi", "sv" or "en" (NULL: the user interface's) */
const char         *polku_organisation_get_name          (PolkuOrganisation *self,
                                                          const char        *language);
const char         *polku_organisation_get_label         (PolkuOrganisation *self);
const char         *polku_organisation_get_sector        (PolkuOrganisation *self);
const char         *polku_organisation_get_access_group  (PolkuOrganisation *self);

/* health, social, third_sector, private, other */
const char * const *polku_organisation_sector_codes      (void);
const char         *polku_organisation_sector_get_label  (const char        *sector);

#define POLKU_TYPE_ORGANISATIONS (polku_organisations_get_type ())
G_DECLARE_FINAL_TYPE (PolkuOrganisations, polku_organisations, POLKU, ORGANISATIONS, GObject)

PolkuOrganisations *polku_organisations_new_from_bytes   (GBytes             *bytes,
                                                          const char         *name,
                                                          GError            **error);
PolkuOrganisations *polku_organisations_new_from_file    (const char         *path,
                                                          GError            **error);
PolkuOrganisations *polku_organisations_get_default      (GError            **error);
char               *polku_organisations_dup_default_path (void);

/* The organisations in the file's order (a GListModel of PolkuOrganisation). */
GListModel         *polku_organisations_get_list         (PolkuOrganisations *self);
PolkuOrganisation  *polku_organisations_lookup           (PolkuOrganisations *self,
                                                          const char         *id);
PolkuOrganisation  *polku_organisations_resolve          (PolkuOrganisations *self,
                                                          const char         *stored);
gboolean            polku_organisations_check_id         (PolkuOrganisations *self,
                                                          const char         *id,
                                                          GError            **error);

G_END_DECLS
