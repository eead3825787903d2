/* crash-driver.c: the write load of the crash and concurrency tests, and their check
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * crash-driver write DATA-DIR PASSPHRASE-FILE RUN MAX-WRITES [CHECK-FILE]
 *   Opens the profile (creating it when new) the way polku-cli does; with CHECK-FILE, first
 *   checks it as "check" does (below) and prints the "checked …" line; then writes for ever
 *   (MAX-WRITES 0) or MAX-WRITES times: new clients, phone numbers of clients already there,
 *   contacts.
 *   Each write is printed on stdout ONLY after the store returned TRUE for it, one line:
 *     client ID            a client was added
 *     phone ID COUNTER     the client's phone was set to a number carrying COUNTER
 *     contact ID           a contact was added
 *   COUNTER grows with RUN (RUN * 1000000 + n), so a later write has a larger one.
 *   It prints "open" once the profile is open (and checked). The tests kill it at random
 *   moments, so the check after a kill is the next run's first step.
 *
 * crash-driver write-own …
 *   The same, but it changes only the clients it added itself: for several writers at once,
 *   so that each client has one writer and its newest reported phone number is the stored one.
 *
 * crash-driver check DATA-DIR PASSPHRASE-FILE < LINES
 *   Opens the profile, runs the integrity check and the full audit verification, and
 *   checks that every write in LINES (the lines "write" printed) is in the store: the
 *   client, the contact, and for a phone at least that COUNTER (a later write, committed
 *   but killed before it was printed, may have set a larger one). Prints
 *   "checked WRITES found FOUND audit ENTRIES" and exits 0, or names what is missing and
 *   exits 1. It never prints client data (only ids and counters).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "polku-audit.h"
#include "polku-client-store.h"
#include "polku-contact-store.h"
#include "polku-profile.h"

static const char *given_names[] = { "Aino", "Eino", "Väinö", "Helmi", "Ström", "Åsa" };
static const char *family_names[] = { "Kaatumaton", "Tappokoe", "Sjöström", "Äijälä" };
static const char *contact_types[] = { "doctor", "nurse", "remote", "consultation" };

static PolkuStore *
open_profile (const char *data_dir,
              const char *passphrase_file)
{
  g_autoptr(PolkuProfile) profile = polku_profile_new (data_dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  PolkuStore *store;
  char *newline;

  if (!g_file_get_contents (passphrase_file, &contents, NULL, &error))
    {
      fprintf (stderr, "crash-driver: %s\n", error->message);
      exit (2);
    }
  newline = strchr (contents, '\n');
  if (newline != NULL)
    *newline = '\0';

  store = polku_profile_open_sync (profile, contents, 10, NULL, &error);
  if (store == NULL)
    {
      fprintf (stderr, "crash-driver: the profile does not open: %s\n", error->message);
      exit (1);
    }
  polku_store_set_actor (store, "Crash Driver");
  return store;
}

static int check_writes (PolkuStore *store,
                         FILE       *input);

static int
run_write (const char *data_dir,
           const char *passphrase_file,
           gint64      run,
           gint64      max_writes,
           const char *check_file,
           gboolean    own_clients)
{
  g_autoptr(PolkuStore) store = open_profile (data_dir, passphrase_file);
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GError) error = NULL;
  gint64 counter = run * 1000000;
  GRand *rand = g_rand_new_with_seed ((guint32) (run * 7919 + getpid ()));

  if (check_file != NULL)
    {
      FILE *input = fopen (check_file, "r");
      int status;

      if (input == NULL)
        {
          perror ("crash-driver: the check file");
          return 1;
        }
      status = check_writes (store, input);
      fclose (input);
      if (status != 0)
        return status;
    }

  clients = own_clients ? g_ptr_array_new_with_free_func (g_object_unref)
                        : polku_client_store_list (store, TRUE, &error);
  if (clients == NULL)
    {
      fprintf (stderr, "crash-driver: listing clients failed: %s\n", error->message);
      return 1;
    }
  printf ("open\n");
  fflush (stdout);

  for (gint64 n = 0; max_writes <= 0 || n < max_writes; n++)
    {
      guint kind = clients->len == 0 ? 0 : g_rand_int_range (rand, 0, 3);

      counter++;
      if (kind == 0)
        {
          g_autoptr(PolkuClient) client = polku_client_new ();
          g_autofree char *given = g_strdup_printf ("%s%" G_GINT64_FORMAT,
                                                   given_names[counter % 6], counter);

          polku_client_set_given_name (client, given);
          polku_client_set_family_name (client, family_names[counter % 4]);
          polku_client_set_municipality (client, "Kuopio");
          if (!polku_client_store_save (store, client, &error))
            break;
          printf ("client %s\n", polku_client_get_id (client));
          g_ptr_array_add (clients, g_steal_pointer (&client));
        }
      else if (kind == 1)
        {
          PolkuClient *client = g_ptr_array_index (clients,
                                                   g_rand_int_range (rand, 0, clients->len));
          g_autofree char *phone = g_strdup_printf ("040 %" G_GINT64_FORMAT, counter);

          polku_client_set_phone (client, phone);
          if (!polku_client_store_save (store, client, &error))
            break;
          printf ("phone %s %" G_GINT64_FORMAT "\n", polku_client_get_id (client), counter);
        }
      else
        {
          PolkuClient *client = g_ptr_array_index (clients,
                                                   g_rand_int_range (rand, 0, clients->len));
          g_autoptr(PolkuContact) contact = polku_contact_new ();
          g_autofree char *date = g_strdup_printf ("2026-%02d-%02d",
                                                   g_rand_int_range (rand, 1, 13),
                                                   g_rand_int_range (rand, 1, 29));

          polku_contact_set_client_id (contact, polku_client_get_id (client));
          polku_contact_set_date (contact, date);
          polku_contact_set_type_id (contact, contact_types[counter % 4]);
          polku_contact_set_professional_id (contact, "CRASH-1");
          if (!polku_contact_store_add (store, contact, &error))
            break;
          printf ("contact %s\n", polku_contact_get_id (contact));
        }
      fflush (stdout);
    }
  g_rand_free (rand);

  if (error != NULL)
    {
      fprintf (stderr, "crash-driver: a write failed: %s\n", error->message);
      return 1;
    }
  return 0;
}

static int
check_writes (PolkuStore *store,
              FILE       *input)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) phones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  PolkuAuditVerification verification = { 0, };
  GHashTableIter iter;
  gpointer key, value;
  gint64 writes = 0, found = 0;
  char line[512];
  int status = 0;

  if (!polku_store_check_integrity (store, &error))
    {
      fprintf (stderr, "crash-driver: the integrity check failed: %s\n", error->message);
      return 1;
    }
  if (!polku_audit_verify_full (store, &verification, &error))
    {
      fprintf (stderr, "crash-driver: audit verify failed: %s\n", error->message);
      return 1;
    }

  while (fgets (line, sizeof line, input) != NULL)
    {
      g_auto(GStrv) words = g_strsplit (g_strstrip (line), " ", 3);
      guint n_words = g_strv_length (words);

      if (n_words == 0 || g_strcmp0 (words[0], "open") == 0)
        continue;
      writes++;
      if (g_strcmp0 (words[0], "client") == 0 && n_words == 2)
        {
          g_autoptr(PolkuClient) client = polku_client_store_get (store, words[1], NULL);

          if (client != NULL)
            found++;
          else
            fprintf (stderr, "crash-driver: client %s is missing\n", words[1]);
        }
      else if (g_strcmp0 (words[0], "contact") == 0 && n_words == 2)
        {
          g_autoptr(PolkuContact) contact = polku_contact_store_get (store, words[1], NULL);

          if (contact != NULL)
            found++;
          else
            fprintf (stderr, "crash-driver: contact %s is missing\n", words[1]);
        }
      else if (g_strcmp0 (words[0], "phone") == 0 && n_words == 3)
        {
          gint64 counter = g_ascii_strtoll (words[2], NULL, 10);
          gint64 seen = GPOINTER_TO_SIZE (g_hash_table_lookup (phones, words[1]));

          /* Only the newest reported number of each client is checked; the others count
           * as found when it is. */
          if (counter > seen)
            g_hash_table_insert (phones, g_strdup (words[1]), GSIZE_TO_POINTER (counter));
          found++;
        }
      else
        {
          fprintf (stderr, "crash-driver: a line it did not write: %s\n", line);
          status = 1;
        }
    }

  g_hash_table_iter_init (&iter, phones);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(PolkuClient) client = polku_client_store_get (store, key, NULL);
      const char *phone = client != NULL ? polku_client_get_phone (client) : NULL;
      gint64 stored = phone != NULL && g_str_has_prefix (phone, "040 ")
                      ? g_ascii_strtoll (phone + 4, NULL, 10) : -1;

      if (stored < (gint64) GPOINTER_TO_SIZE (value))
        {
          fprintf (stderr, "crash-driver: the phone of client %s lost write %" G_GSIZE_FORMAT
                   " (stored %" G_GINT64_FORMAT ")\n", (char *) key,
                   GPOINTER_TO_SIZE (value), stored);
          found--;
        }
    }

  printf ("checked %" G_GINT64_FORMAT " found %" G_GINT64_FORMAT " audit %" G_GINT64_FORMAT "\n",
          writes, found, verification.n_entries);
  fflush (stdout);
  return status != 0 || found != writes ? 1 : 0;
}

static int
run_check (const char *data_dir,
           const char *passphrase_file)
{
  g_autoptr(PolkuStore) store = open_profile (data_dir, passphrase_file);

  return check_writes (store, stdin);
}

int
main (int   argc,
      char *argv[])
{
  if ((argc == 6 || argc == 7)
      && (strcmp (argv[1], "write") == 0 || strcmp (argv[1], "write-own") == 0))
    return run_write (argv[2], argv[3], g_ascii_strtoll (argv[4], NULL, 10),
                      g_ascii_strtoll (argv[5], NULL, 10), argc == 7 ? argv[6] : NULL,
                      strcmp (argv[1], "write-own") == 0);
  if (argc == 4 && strcmp (argv[1], "check") == 0)
    return run_check (argv[2], argv[3]);

  fprintf (stderr, "usage: crash-driver write|write-own DATA-DIR PASSPHRASE-FILE RUN MAX-WRITES"
                   " [CHECK-FILE]\n"
                   "       crash-driver check DATA-DIR PASSPHRASE-FILE < LINES\n");
  return 2;
}
