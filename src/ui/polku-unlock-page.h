/* polku-unlock-page.h: asks for what opens the client database
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  POLKU_UNLOCK_MODE_NONE,            /* only progress or an error: nothing to enter */
  POLKU_UNLOCK_MODE_UNLOCK,          /* the key is in the Secret Service: an Unlock button */
  POLKU_UNLOCK_MODE_PASSPHRASE,      /* an existing database: its passphrase */
  POLKU_UNLOCK_MODE_NEW_PASSPHRASE,  /* a new database: a passphrase and its confirmation */
  POLKU_UNLOCK_MODE_RESTORE,         /* a backup, its recovery key, where (and a passphrase) */
} PolkuUnlockMode;

#define POLKU_TYPE_UNLOCK_PAGE (polku_unlock_page_get_type ())
G_DECLARE_FINAL_TYPE (PolkuUnlockPage, polku_unlock_page, POLKU, UNLOCK_PAGE, GtkWidget)

GtkWidget       *polku_unlock_page_new        (void);
PolkuUnlockMode  polku_unlock_page_get_mode   (PolkuUnlockPage *self);
void             polku_unlock_page_set_mode   (PolkuUnlockPage *self,
                                               PolkuUnlockMode  mode,
                                               const char      *description);
gboolean         polku_unlock_page_get_busy   (PolkuUnlockPage *self);
void             polku_unlock_page_set_busy   (PolkuUnlockPage *self,
                                               gboolean         busy);
const char      *polku_unlock_page_get_error  (PolkuUnlockPage *self);
void             polku_unlock_page_set_error  (PolkuUnlockPage *self,
                                               const char      *message);
void             polku_unlock_page_clear      (PolkuUnlockPage *self);
void             polku_unlock_page_set_profile_folder     (PolkuUnlockPage *self,
                                                           const char      *folder,
                                                           gboolean         occupied);
void             polku_unlock_page_set_backup_file        (PolkuUnlockPage *self,
                                                           const char      *path);
void             polku_unlock_page_set_restore_folder     (PolkuUnlockPage *self,
                                                           const char      *folder);
void             polku_unlock_page_ask_restore_passphrase (PolkuUnlockPage *self,
                                                           const char      *message);

G_END_DECLS
