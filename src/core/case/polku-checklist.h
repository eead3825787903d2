/* polku-checklist.h: the warning-sign checklist (herätteet), loaded from data
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The groups and items are data (data/checklists/heratteet.json, format
 * "polku-checklist/1"), so that a wellbeing county can replace them: the first of
 * $POLKU_CHECKLIST, $XDG_CONFIG_HOME/polku/checklists/heratteet.json, the system
 * configuration directories' polku/checklists/heratteet.json, and the built-in copy is
 * used. Every label is given in English, Finnish and Swedish.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define POLKU_CHECKLIST_ERROR (polku_checklist_error_quark ())

typedef enum
{
  POLKU_CHECKLIST_ERROR_INVALID,   /* the file is not a valid checklist: the message names
                                    * the file and the field */
  POLKU_CHECKLIST_ERROR_UNKNOWN,   /* no such group or item */
} PolkuChecklistError;

#define POLKU_TYPE_CHECKLIST (polku_checklist_get_type ())
G_DECLARE_FINAL_TYPE (PolkuChecklist, polku_checklist, POLKU, CHECKLIST, GObject)

GQuark          polku_checklist_error_quark      (void);

PolkuChecklist *polku_checklist_new_from_bytes   (GBytes          *bytes,
                                                  const char      *name,
                                                  GError         **error);
PolkuChecklist *polku_checklist_new_from_file    (const char      *path,
                                                  GError         **error);
PolkuChecklist *polku_checklist_get_default      (GError         **error);
char           *polku_checklist_dup_default_path (void);

const char     *polku_checklist_get_id           (PolkuChecklist  *self);
const char     *polku_checklist_get_source       (PolkuChecklist  *self);
const char     *polku_checklist_get_title        (PolkuChecklist  *self,
                                                  const char      *language);
guint           polku_checklist_get_n_groups     (PolkuChecklist  *self);
const char     *polku_checklist_get_group_id     (PolkuChecklist  *self,
                                                  guint            group);
guint           polku_checklist_get_n_items      (PolkuChecklist  *self,
                                                  guint            group);
const char     *polku_checklist_get_item_id      (PolkuChecklist  *self,
                                                  guint            group,
                                                  guint            item);
const char     *polku_checklist_get_group_label  (PolkuChecklist  *self,
                                                  const char      *group_id,
                                                  const char      *language);
const char     *polku_checklist_get_item_label   (PolkuChecklist  *self,
                                                  const char      *group_id,
                                                  const char      *item_id,
                                                  const char      *language);
gboolean        polku_checklist_check_item       (PolkuChecklist  *self,
                                                  const char      *group_id,
                                                  const char      *item_id,
                                                  GError         **error);
const char     *polku_checklist_ui_language      (void);

G_END_DECLS
