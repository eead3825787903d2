/* polku-satisfaction-dialog.h: the satisfaction question, answered with one tap
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "polku-assessment.h"
#include "polku-store.h"

G_BEGIN_DECLS

#define POLKU_TYPE_SATISFACTION_DIALOG (polku_satisfaction_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PolkuSatisfactionDialog, polku_satisfaction_dialog, POLKU,
                      SATISFACTION_DIALOG, AdwMessageDialog)

PolkuSatisfactionDialog *polku_satisfaction_dialog_new (GtkWidget   *parent,
                                                        PolkuStore  *store,
                                                        const char  *client_id);

/* A toast saying @title with an "Ask Satisfaction" button that opens the dialog over
 * @parent's window: offered when a follow-up is marked done. */
AdwToast                *polku_satisfaction_toast_new  (GtkWidget   *parent,
                                                        PolkuStore  *store,
                                                        const char  *client_id,
                                                        const char  *title);

G_END_DECLS
