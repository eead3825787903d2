/* polku-client.h: a client of the coordination service
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define POLKU_CLIENT_ERROR (polku_client_error_quark ())

typedef enum
{
  POLKU_CLIENT_ERROR_NAME,
  POLKU_CLIENT_ERROR_HETU,
  POLKU_CLIENT_ERROR_BIRTH_DATE,
  POLKU_CLIENT_ERROR_LANGUAGE,
  POLKU_CLIENT_ERROR_EMAIL,
} PolkuClientError;

typedef enum
{
  POLKU_LANGUAGE_FI,
  POLKU_LANGUAGE_SV,
  POLKU_LANGUAGE_OTHER,
} PolkuLanguage;

const char  *polku_language_to_code      (PolkuLanguage  language);
gboolean     polku_language_from_code    (const char    *code,
                                          PolkuLanguage *out_language);
const char  *polku_language_get_label    (PolkuLanguage  language);

#define POLKU_TYPE_CLIENT (polku_client_get_type ())
G_DECLARE_FINAL_TYPE (PolkuClient, polku_client, POLKU, CLIENT, GObject)

GQuark         polku_client_error_quark        (void);

PolkuClient   *polku_client_new                (void);
PolkuClient   *polku_client_copy               (PolkuClient   *self);
void           polku_client_update_from        (PolkuClient   *self,
                                                PolkuClient   *other);

const char    *polku_client_get_id             (PolkuClient   *self);
const char    *polku_client_get_created        (PolkuClient   *self);
const char    *polku_client_get_modified       (PolkuClient   *self);
const char    *polku_client_get_given_name     (PolkuClient   *self);
void           polku_client_set_given_name     (PolkuClient   *self,
                                                const char    *given_name);
const char    *polku_client_get_family_name    (PolkuClient   *self);
void           polku_client_set_family_name    (PolkuClient   *self,
                                                const char    *family_name);
char          *polku_client_dup_display_name   (PolkuClient   *self);
const char    *polku_client_get_hetu           (PolkuClient   *self);
void           polku_client_set_hetu           (PolkuClient   *self,
                                                const char    *hetu);
const char    *polku_client_get_birth_date     (PolkuClient   *self);
void           polku_client_set_birth_date     (PolkuClient   *self,
                                                const char    *birth_date);
PolkuLanguage  polku_client_get_language       (PolkuClient   *self);
void           polku_client_set_language       (PolkuClient   *self,
                                                PolkuLanguage  language);
const char    *polku_client_get_phone          (PolkuClient   *self);
void           polku_client_set_phone          (PolkuClient   *self,
                                                const char    *phone);
const char    *polku_client_get_email          (PolkuClient   *self);
void           polku_client_set_email          (PolkuClient   *self,
                                                const char    *email);
const char    *polku_client_get_address        (PolkuClient   *self);
void           polku_client_set_address        (PolkuClient   *self,
                                                const char    *address);
const char    *polku_client_get_municipality   (PolkuClient   *self);
void           polku_client_set_municipality   (PolkuClient   *self,
                                                const char    *municipality);
gboolean       polku_client_get_archived       (PolkuClient   *self);
void           polku_client_set_archived       (PolkuClient   *self,
                                                gboolean       archived);

gboolean       polku_client_validate           (PolkuClient   *self,
                                                GError       **error);
void           polku_client_prepare_search     (PolkuClient   *self);
gboolean       polku_client_matches            (PolkuClient   *self,
                                                const char    *query);
int            polku_client_compare            (PolkuClient   *a,
                                                PolkuClient   *b);

G_END_DECLS
