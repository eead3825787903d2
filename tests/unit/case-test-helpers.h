/* case-test-helpers.h: a fresh store with one client, and drafts of case-work records, for
 * the unit tests of case work (cases, consents, follow-ups, team)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gstdio.h>
#include <sqlcipher/sqlite3.h>
#include <string.h>

#include "polku-audit.h"
#include "polku-case-store.h"
#include "polku-client-store.h"
#include "polku-consent-store.h"
#include "polku-store-private.h"

#include "test-common.h"

typedef struct
{
  char           *dir;
  PolkuStore     *store;
  PolkuClient    *client;
  PolkuChecklist *checklist;
  char           *today;
} Fixture;

static inline PolkuClient *
add_client (PolkuStore *store,
            const char *given,
            const char *family)
{
  g_autoptr(GError) error = NULL;
  PolkuClient *client = polku_client_new ();

  polku_client_set_given_name (client, given);
  polku_client_set_family_name (client, family);
  g_assert_true (polku_client_store_save (store, client, &error));
  g_assert_no_error (error);
  return client;
}

static inline void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("polku-test-case-XXXXXX", NULL);
  path = g_build_filename (f->dir, "polku.db", NULL);
  f->store = polku_store_open (path, POLKU_KEY_RAW, KEY, TRUE, &error);
  g_assert_no_error (error);
  polku_store_set_actor (f->store, "Sanna Koivisto");
  f->client = add_client (f->store, "Aino", "Virtanen");
  f->checklist = polku_checklist_get_default (&error);
  g_assert_no_error (error);
  f->today = days_from_today (0);
}

static inline void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->client);
  g_clear_object (&f->checklist);
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->today);
}

static inline const char *
client_id (Fixture *f)
{
  return polku_client_get_id (f->client);
}

static inline PolkuCaseSign *
add_sign (Fixture     *f,
          const char  *client,
          const char  *group,
          const char  *item,
          const char  *reason,
          const char  *flagged_on,
          GError     **error)
{
  g_autoptr(PolkuCaseSign) draft = g_object_new (POLKU_TYPE_CASE_SIGN,
                                                 "client-id", client,
                                                 "group-id", group,
                                                 "item-id", item,
                                                 "reason", reason,
                                                 "source-sector", "health",
                                                 "flagged-by", "Minna Rautio",
                                                 "flagged-on", flagged_on,
                                                 "service-point", "Yhteispäivystys",
                                                 NULL);
  return polku_case_store_add_sign (f->store, f->checklist, draft, error);
}

/* A consent to be contacted and referred: what opens the phase gate. */
static inline PolkuConsent *
add_consent (Fixture    *f,
             const char *client,
             const char *given_on)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuConsent) draft = g_object_new (POLKU_TYPE_CONSENT,
                                                "client-id", client,
                                                "kind", "contact",
                                                "given-on", given_on,
                                                "given-by", "client",
                                                "method", "written",
                                                NULL);
  PolkuConsent *consent = polku_consent_store_add (f->store, draft, &error);

  g_assert_no_error (error);
  return consent;
}
