/* polku-sync-preferences.h: the Sync page of Preferences
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "polku-profile.h"

G_BEGIN_DECLS

#define POLKU_TYPE_SYNC_PREFERENCES (polku_sync_preferences_get_type ())
G_DECLARE_FINAL_TYPE (PolkuSyncPreferences, polku_sync_preferences, POLKU, SYNC_PREFERENCES,
                      AdwPreferencesPage)

GtkWidget  *polku_sync_preferences_new             (PolkuProfile         *profile);

/* A server address Polku accepts: https://, or http:// to this computer only. */
gboolean    polku_sync_preferences_check_url       (const char           *url,
                                                    GError              **error);

/* What Test Connection says about a failed login, on this page. */
char       *polku_sync_preferences_describe_error  (const GError         *error,
                                                    const char           *server,
                                                    const char           *account,
                                                    const char           *fingerprint);

/* What the buttons do, and what the tests read. */
gboolean    polku_sync_preferences_save            (PolkuSyncPreferences *self);
void        polku_sync_preferences_test_connection (PolkuSyncPreferences *self);
gboolean    polku_sync_preferences_trust_certificate (PolkuSyncPreferences *self);
gboolean    polku_sync_preferences_get_busy        (PolkuSyncPreferences *self);
const char *polku_sync_preferences_get_status      (PolkuSyncPreferences *self);
gboolean    polku_sync_preferences_get_status_is_error (PolkuSyncPreferences *self);
const char *polku_sync_preferences_get_fingerprint (PolkuSyncPreferences *self);
GtkEditable *polku_sync_preferences_get_server_row   (PolkuSyncPreferences *self);
GtkEditable *polku_sync_preferences_get_account_row  (PolkuSyncPreferences *self);
GtkEditable *polku_sync_preferences_get_password_row (PolkuSyncPreferences *self);
AdwComboRow *polku_sync_preferences_get_organisation_row (PolkuSyncPreferences *self);

G_END_DECLS
