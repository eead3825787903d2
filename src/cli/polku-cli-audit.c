/* polku-cli-audit.c: polku-cli audit list|verify
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "polku-audit.h"
#include "polku-cli-private.h"

static void
build_entry_json (JsonBuilder     *builder,
                  PolkuAuditEntry *entry)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "seq");
  json_builder_add_int_value (builder, polku_audit_entry_get_seq (entry));
  polku_cli_add_member_or_null (builder, "id", polku_audit_entry_get_id (entry));
  polku_cli_add_member_or_null (builder, "time", polku_audit_entry_get_time (entry));
  polku_cli_add_member_or_null (builder, "actor", polku_audit_entry_get_actor (entry));
  polku_cli_add_member_or_null (builder, "action", polku_audit_entry_get_action (entry));
  polku_cli_add_member_or_null (builder, "client_id", polku_audit_entry_get_client_id (entry));
  polku_cli_add_member_or_null (builder, "detail", polku_audit_entry_get_detail (entry));
  polku_cli_add_member_or_null (builder, "hash", polku_audit_entry_get_hash (entry));
  json_builder_end_object (builder);
}

static int
audit_list (int    argc,
            char **argv)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  const char *client_id = NULL;
  gboolean json = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else if (client_id == NULL && g_uuid_string_is_valid (argv[i]))
        client_id = argv[i];
      else
        return fail (EXIT_USAGE, _("Unknown argument “%s”. Usage: polku-cli audit list "
                                   "[CLIENT-ID] [--json]"), argv[i]);
    }

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;

  entries = polku_audit_list (store, client_id, &error);
  if (entries == NULL)
    return fail (EXIT_ERROR, "%s", error->message);

  if (json)
    polku_cli_print_list (entries, (PolkuCliBuildFunc) build_entry_json);
  else
    for (guint i = 0; i < entries->len; i++)
      {
        PolkuAuditEntry *entry = g_ptr_array_index (entries, i);
        g_autofree char *actor = polku_cli_escape_field (polku_audit_entry_get_actor (entry));
        g_autofree char *action = polku_cli_escape_field (polku_audit_entry_get_action (entry));
        g_autofree char *client = polku_cli_escape_field (polku_audit_entry_get_client_id (entry));
        g_autofree char *detail = polku_cli_escape_field (polku_audit_entry_get_detail (entry));

        printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%s\n", polku_audit_entry_get_seq (entry),
                polku_audit_entry_get_time (entry), actor, action, client, detail);
      }

  return EXIT_OK;
}

static int
audit_verify (int    argc,
              char **argv)
{
  g_autoptr(PolkuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  g_autofree char *anchored = NULL;
  PolkuAuditVerification result;

  if (argc != 1)
    return fail (EXIT_USAGE, _("Usage: polku-cli audit verify"));

  if (!polku_cli_open_store (&store))
    return EXIT_ERROR;

  if (!polku_audit_verify_full (store, &result, &error))
    return fail (EXIT_ERROR, "%s", error->message);

  number = g_strdup_printf ("%" G_GINT64_FORMAT, result.n_entries);
  printf (g_dngettext (GETTEXT_PACKAGE, "The audit log is intact: %s entry checked.\n",
                       "The audit log is intact: %s entries checked.\n", result.n_entries),
          number);
  /* How far back the log is proven complete (not cut short) by the anchor outside the
   * database; what comes after it rests on the hash chain alone. */
  if (result.anchored > 0)
    {
      anchored = g_strdup_printf ("%" G_GINT64_FORMAT, result.anchored);
      printf (_("Entries 1–%s are proven complete by the anchor kept outside the database; "
                "the database file passed its integrity check.\n"), anchored);
    }
  else
    printf ("%s\n", _("No anchor outside the database (a profile from before anchors, or the "
                      "file was removed): the chain is whole, but newest entries removed "
                      "together with the head could not be noticed. The next change writes "
                      "the anchor. The database file passed its integrity check."));
  return EXIT_OK;
}

int
polku_cli_audit (int    argc,
                 char **argv)
{
  static const PolkuCliSubcommand subcommands[] = {
    { "list", audit_list },
    { "verify", audit_verify },
  };

  return polku_cli_dispatch (argc, argv, subcommands, G_N_ELEMENTS (subcommands));
}
