/* polku-closing-reasons.h: why a case was closed, as a coded list loaded from data
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reasons are data (data/closing-reasons.json, format "polku-closing-reasons/1") so that
 * the reports can count them and a wellbeing county can replace the list like the
 * checklist: the first of $POLKU_CLOSING_REASONS, $XDG_CONFIG_HOME/polku/closing-reasons.json,
 * the system configuration directories' polku/closing-reasons.json, and the built-in copy is
 * used. Every label is given in English, Finnish and Swedish; a reason may require words
 * ("text_required": true, as "other" does). The list must keep "other": cases closed before
 * the reasons were coded have it.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define POLKU_CLOSING_REASONS_ERROR (polku_closing_reasons_error_quark ())

typedef enum
{
  POLKU_CLOSING_REASONS_ERROR_INVALID,   /* the file is not a valid list: the message names
                                          * the file and the field */
  POLKU_CLOSING_REASONS_ERROR_UNKNOWN,   /* no such reason */
} PolkuClosingReasonsError;

#define POLKU_TYPE_CLOSING_REASONS (polku_closing_reasons_get_type ())
G_DECLARE_FINAL_TYPE (PolkuClosingReasons, polku_closing_reasons, POLKU, CLOSING_REASONS,
                      GObject)

GQuark               polku_closing_reasons_error_quark      (void);

PolkuClosingReasons *polku_closing_reasons_new_from_bytes   (GBytes               *bytes,
                                                             const char           *name,
                                                             GError              **error);
PolkuClosingReasons *polku_closing_reasons_new_from_file    (const char           *path,
                                                             GError              **error);
PolkuClosingReasons *polku_closing_reasons_get_default      (GError              **error);
char                *polku_closing_reasons_dup_default_path (void);

const char          *polku_closing_reasons_get_id           (PolkuClosingReasons  *self);
const char          *polku_closing_reasons_get_title        (PolkuClosingReasons  *self,
                                                             const char           *language);
guint                polku_closing_reasons_get_n_reasons    (PolkuClosingReasons  *self);
const char          *polku_closing_reasons_get_reason_id    (PolkuClosingReasons  *self,
                                                             guint                 index);
const char          *polku_closing_reasons_get_label        (PolkuClosingReasons  *self,
                                                             const char           *code,
                                                             const char           *language);
gboolean             polku_closing_reasons_get_text_required (PolkuClosingReasons *self,
                                                              const char          *code);
gboolean             polku_closing_reasons_check            (PolkuClosingReasons  *self,
                                                             const char           *code,
                                                             const char           *text,
                                                             GError              **error);
char                *polku_closing_reasons_dup_description  (PolkuClosingReasons  *self,
                                                             const char           *code,
                                                             const char           *text);

G_END_DECLS
