/* polku-form-dialog.h: a small form in a message dialog, with typed rows read back by key
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define POLKU_TYPE_FORM_DIALOG (polku_form_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PolkuFormDialog, polku_form_dialog, POLKU, FORM_DIALOG, AdwMessageDialog)

/* Returns FALSE and sets @error (its message is shown in the form, which stays open) to
 * refuse what was filled in. */
typedef gboolean (*PolkuFormValidate) (PolkuFormDialog  *form,
                                       gpointer          user_data,
                                       GError          **error);

PolkuFormDialog *polku_form_dialog_new            (GtkWidget          *parent,
                                                   const char         *heading,
                                                   const char         *body,
                                                   const char         *submit_label);
void             polku_form_dialog_set_destructive (PolkuFormDialog   *self,
                                                    gboolean           destructive);
void             polku_form_dialog_set_validate   (PolkuFormDialog    *self,
                                                   PolkuFormValidate   validate,
                                                   gpointer            user_data,
                                                   GDestroyNotify      destroy);

void             polku_form_dialog_add_text       (PolkuFormDialog    *self,
                                                   const char         *key,
                                                   const char         *title,
                                                   const char         *text);
void             polku_form_dialog_add_date       (PolkuFormDialog    *self,
                                                   const char         *key,
                                                   const char         *title,
                                                   const char         *iso);
void             polku_form_dialog_add_choice     (PolkuFormDialog    *self,
                                                   const char         *key,
                                                   const char         *title,
                                                   const char * const *ids,
                                                   const char * const *labels,
                                                   gboolean            in_subtitle);
void             polku_form_dialog_set_choices    (PolkuFormDialog    *self,
                                                   const char         *key,
                                                   const char * const *ids,
                                                   const char * const *labels);
void             polku_form_dialog_add_switch     (PolkuFormDialog    *self,
                                                   const char         *key,
                                                   const char         *title,
                                                   gboolean            active);
void             polku_form_dialog_add_multiline  (PolkuFormDialog    *self,
                                                   const char         *key,
                                                   const char         *accessible_name);
void             polku_form_dialog_add_check_list (PolkuFormDialog    *self,
                                                   const char         *key,
                                                   const char * const *ids,
                                                   const char * const *labels,
                                                   gboolean            active);
void             polku_form_dialog_add_check_group (PolkuFormDialog    *self,
                                                    const char         *key,
                                                    const char         *title,
                                                    const char * const *ids,
                                                    const char * const *labels);
void             polku_form_dialog_add_hidden     (PolkuFormDialog    *self,
                                                   const char         *key,
                                                   const char         *value);

char            *polku_form_dialog_get_text       (PolkuFormDialog    *self,
                                                   const char         *key);
char            *polku_form_dialog_get_date_iso   (PolkuFormDialog    *self,
                                                   const char         *key);
const char      *polku_form_dialog_get_choice     (PolkuFormDialog    *self,
                                                   const char         *key);
gboolean         polku_form_dialog_get_switch     (PolkuFormDialog    *self,
                                                   const char         *key);
GStrv            polku_form_dialog_get_checked    (PolkuFormDialog    *self,
                                                   const char         *key);

void             polku_form_dialog_set_text       (PolkuFormDialog    *self,
                                                   const char         *key,
                                                   const char         *text);
void             polku_form_dialog_set_choice     (PolkuFormDialog    *self,
                                                   const char         *key,
                                                   const char         *id);
void             polku_form_dialog_set_switch     (PolkuFormDialog    *self,
                                                   const char         *key,
                                                   gboolean            active);
void             polku_form_dialog_set_checked    (PolkuFormDialog    *self,
                                                   const char         *key,
                                                   const char         *id,
                                                   gboolean            active);

void             polku_form_dialog_set_visible    (PolkuFormDialog    *self,
                                                   const char         *key,
                                                   gboolean            visible);

gboolean         polku_form_dialog_submit         (PolkuFormDialog    *self);
const char      *polku_form_dialog_get_message    (PolkuFormDialog    *self);

G_END_DECLS
