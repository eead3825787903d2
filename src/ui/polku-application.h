/* polku-application.h: the application object
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define POLKU_TYPE_APPLICATION (polku_application_get_type ())
G_DECLARE_FINAL_TYPE (PolkuApplication, polku_application, POLKU, APPLICATION, AdwApplication)

PolkuApplication *polku_application_new          (void);
const char       *polku_application_get_data_dir (PolkuApplication *self);

G_END_DECLS
