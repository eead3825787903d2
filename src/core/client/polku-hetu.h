/* polku-hetu.h: Finnish personal identity codes (henkilötunnus)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define POLKU_HETU_ERROR (polku_hetu_error_quark ())

typedef enum
{
  POLKU_HETU_ERROR_FORMAT,
  POLKU_HETU_ERROR_CENTURY,
  POLKU_HETU_ERROR_DATE,
  POLKU_HETU_ERROR_INDIVIDUAL,
  POLKU_HETU_ERROR_CHECKSUM,
} PolkuHetuError;

GQuark   polku_hetu_error_quark     (void);
char    *polku_hetu_normalize       (const char  *input);
gboolean polku_hetu_validate        (const char  *hetu,
                                     GDate       *out_birth_date,
                                     GError     **error);
gboolean polku_hetu_is_temporary    (const char  *hetu);
char     polku_hetu_check_character (guint        day,
                                     guint        month,
                                     guint        year_in_century,
                                     guint        individual);
char    *polku_hetu_build           (const GDate *birth_date,
                                     guint        individual);

G_END_DECLS
