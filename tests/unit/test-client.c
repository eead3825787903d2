/* test-client.c: the client object: validation, search, ordering, notification
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "polku-client.h"

static PolkuClient *
make_client (const char *given,
             const char *family)
{
  PolkuClient *client = polku_client_new ();

  polku_client_set_given_name (client, given);
  polku_client_set_family_name (client, family);
  return client;
}

static void
test_validate_names (void)
{
  g_autoptr(PolkuClient) client = make_client ("  ", "Virtanen");
  g_autoptr(GError) error = NULL;

  g_assert_null (polku_client_get_given_name (client));
  g_assert_false (polku_client_validate (client, &error));
  g_assert_error (error, POLKU_CLIENT_ERROR, POLKU_CLIENT_ERROR_NAME);

  g_clear_error (&error);
  polku_client_set_given_name (client, " Aino ");
  g_assert_cmpstr (polku_client_get_given_name (client), ==, "Aino");
  g_assert_true (polku_client_validate (client, &error));
  g_assert_no_error (error);
}

/* A name no person has (a pasted file) and control characters are refused. */
static void
test_validate_limits (void)
{
  g_autoptr(PolkuClient) client = make_client ("Aino", "Virtanen");
  g_autoptr(GError) error = NULL;
  g_autofree char *long_name = g_strnfill (201, 'a');
  g_autofree char *long_enough = g_strnfill (200, 'a');

  polku_client_set_given_name (client, long_name);
  g_assert_false (polku_client_validate (client, &error));
  g_assert_error (error, POLKU_CLIENT_ERROR, POLKU_CLIENT_ERROR_NAME);
  g_assert_nonnull (strstr (error->message, "200"));
  g_clear_error (&error);

  polku_client_set_given_name (client, long_enough);
  g_assert_true (polku_client_validate (client, &error));

  polku_client_set_given_name (client, "Aino\x1b[2J");
  g_assert_false (polku_client_validate (client, &error));
  g_assert_nonnull (strstr (error->message, "control characters"));
  g_clear_error (&error);

  polku_client_set_given_name (client, "Aino");
  polku_client_set_municipality (client, "Espoo\tForged");
  g_assert_false (polku_client_validate (client, &error));
}

static void
test_validate_hetu_and_birth_date (void)
{
  g_autoptr(PolkuClient) client = make_client ("Aino", "Virtanen");
  g_autoptr(GError) error = NULL;

  polku_client_set_hetu (client, "131052-308s");
  g_assert_cmpstr (polku_client_get_hetu (client), ==, "131052-308S");
  g_assert_false (polku_client_validate (client, &error));
  g_assert_error (error, POLKU_CLIENT_ERROR, POLKU_CLIENT_ERROR_HETU);
  g_clear_error (&error);

  /* A valid code fills in the date of birth. */
  polku_client_set_hetu (client, "131052-308t");
  g_assert_true (polku_client_validate (client, &error));
  g_assert_cmpstr (polku_client_get_birth_date (client), ==, "1952-10-13");

  /* A date that disagrees with the code is refused. */
  polku_client_set_birth_date (client, "1952-10-14");
  g_assert_false (polku_client_validate (client, &error));
  g_assert_error (error, POLKU_CLIENT_ERROR, POLKU_CLIENT_ERROR_BIRTH_DATE);
  g_clear_error (&error);

  polku_client_set_hetu (client, NULL);
  g_assert_true (polku_client_validate (client, NULL));

  polku_client_set_birth_date (client, "13.10.1952");
  g_assert_false (polku_client_validate (client, &error));
  g_assert_error (error, POLKU_CLIENT_ERROR, POLKU_CLIENT_ERROR_BIRTH_DATE);
  g_clear_error (&error);

  polku_client_set_birth_date (client, "1952-02-30");
  g_assert_false (polku_client_validate (client, &error));
  g_clear_error (&error);

  polku_client_set_birth_date (client, "2101-01-01");
  g_assert_false (polku_client_validate (client, &error));
  g_assert_error (error, POLKU_CLIENT_ERROR, POLKU_CLIENT_ERROR_BIRTH_DATE);
}

static void
test_validate_email (void)
{
  g_autoptr(PolkuClient) client = make_client ("Bo", "Lindqvist");
  g_autoptr(GError) error = NULL;

  polku_client_set_email (client, "bo.lindqvist");
  g_assert_false (polku_client_validate (client, &error));
  g_assert_error (error, POLKU_CLIENT_ERROR, POLKU_CLIENT_ERROR_EMAIL);
  polku_client_set_email (client, "bo.lindqvist@example.com");
  g_assert_true (polku_client_validate (client, NULL));
}

static void
test_matches (void)
{
  g_autoptr(PolkuClient) client = make_client ("Äino", "Virtanen");

  polku_client_set_hetu (client, "131052-308T");
  polku_client_set_municipality (client, "Seinäjoki");

  g_assert_true (polku_client_matches (client, NULL));
  g_assert_true (polku_client_matches (client, ""));
  g_assert_true (polku_client_matches (client, "  "));
  g_assert_true (polku_client_matches (client, "äINO"));
  g_assert_true (polku_client_matches (client, "virt äin"));
  g_assert_true (polku_client_matches (client, "seinäJOKI"));
  g_assert_true (polku_client_matches (client, "131052"));
  g_assert_false (polku_client_matches (client, "aino"));
  g_assert_false (polku_client_matches (client, "virt bo"));
  g_assert_false (polku_client_matches (client, "Lindqvist"));

  /* The folded text is kept between keystrokes, and follows a change of the client. */
  polku_client_set_family_name (client, "Lindqvist");
  g_assert_true (polku_client_matches (client, "Lindqvist"));
  g_assert_false (polku_client_matches (client, "virt"));
  polku_client_set_phone (client, "040 123 4567");
  g_assert_true (polku_client_matches (client, "040 123"));
  polku_client_set_municipality (client, NULL);
  g_assert_false (polku_client_matches (client, "seinäjoki"));
}

static void
test_compare (void)
{
  g_autoptr(PolkuClient) a = make_client ("Aino", "Virtanen");
  g_autoptr(PolkuClient) b = make_client ("Bo", "Lindqvist");
  g_autoptr(PolkuClient) c = make_client ("Anna", "Virtanen");

  g_assert_cmpint (polku_client_compare (b, a), <, 0);
  g_assert_cmpint (polku_client_compare (a, c), <, 0);
  g_assert_cmpint (polku_client_compare (c, a), >, 0);
  g_assert_cmpint (polku_client_compare (a, a), ==, 0);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_notify_and_copy (void)
{
  g_autoptr(PolkuClient) client = make_client ("Aino", "Virtanen");
  g_autoptr(PolkuClient) copy = NULL;
  g_autofree char *name = NULL;
  guint count = 0;

  g_signal_connect (client, "notify::municipality", G_CALLBACK (count_notify), &count);
  polku_client_set_municipality (client, "Vaasa");
  polku_client_set_municipality (client, "Vaasa");
  polku_client_set_municipality (client, " Vaasa ");
  g_assert_cmpuint (count, ==, 1);

  copy = polku_client_copy (client);
  name = polku_client_dup_display_name (copy);
  g_assert_cmpstr (name, ==, "Aino Virtanen");
  polku_client_set_language (copy, POLKU_LANGUAGE_SV);
  g_assert_cmpint (polku_client_get_language (client), ==, POLKU_LANGUAGE_FI);

  polku_client_update_from (client, copy);
  g_assert_cmpint (polku_client_get_language (client), ==, POLKU_LANGUAGE_SV);
  g_assert_cmpuint (count, ==, 1);
}

static void
test_language_codes (void)
{
  PolkuLanguage language;

  for (PolkuLanguage l = POLKU_LANGUAGE_FI; l <= POLKU_LANGUAGE_OTHER; l++)
    {
      g_assert_true (polku_language_from_code (polku_language_to_code (l), &language));
      g_assert_cmpint (language, ==, l);
      g_assert_nonnull (polku_language_get_label (l));
    }
  g_assert_false (polku_language_from_code ("en", &language));
  g_assert_false (polku_language_from_code (NULL, &language));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client/validate/names", test_validate_names);
  g_test_add_func ("/client/validate/hetu-birth-date", test_validate_hetu_and_birth_date);
  g_test_add_func ("/client/validate/email", test_validate_email);
  g_test_add_func ("/client/validate/limits", test_validate_limits);
  g_test_add_func ("/client/matches", test_matches);
  g_test_add_func ("/client/compare", test_compare);
  g_test_add_func ("/client/notify-copy", test_notify_and_copy);
  g_test_add_func ("/client/language-codes", test_language_codes);

  return g_test_run ();
}
