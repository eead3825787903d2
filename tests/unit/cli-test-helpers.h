/* cli-test-helpers.h: running polku-cli ($POLKU_CLI) from the unit tests
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "test-common.h"

#define PASSPHRASE "kotikäynti 2026"

typedef struct
{
  char *dir;              /* POLKU_DATA_DIR */
  char *passphrase_file;
  char *client_id;        /* for tests whose setup adds a client */
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static inline void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs polku-cli with the given arguments (NULL-terminated) and @input on stdin, in the
 * fixture's data directory, without a session bus. */
static inline void
run_cli (Run         *run,
         Fixture     *f,
         const char  *input,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  run_clear (run);
  g_ptr_array_add (argv, (char *) g_getenv ("POLKU_CLI"));
  va_start (args, input);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "POLKU_DATA_DIR", f->dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", "disabled:", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process)
                                                     : -1;
}

/* polku-cli with the fixture's passphrase file, and @input on stdin. */
#define CLI(run, f, input, ...) \
  run_cli ((run), (f), (input), "--passphrase-file", (f)->passphrase_file, __VA_ARGS__, NULL)

/* A failure says one line on stderr, starting with the program name. */
static inline void
assert_one_line_error (Run *run,
                       int  status)
{
  g_assert_cmpint (run->status, ==, status);
  g_assert_true (g_str_has_prefix (run->err, "polku-cli: "));
  g_assert_true (g_str_has_suffix (run->err, "\n"));
  g_assert_null (strchr (run->err, '\n') != strrchr (run->err, '\n') ? "" : NULL);
  g_assert_cmpuint (strlen (run->err), >, 25);
}

/* Parses stdout as JSON. */
static inline JsonNode *
parse_out (Run *run)
{
  return parse_json (run->out);
}

/* A fresh data directory with a passphrase file. */
static inline void
cli_fixture_setup (Fixture       *f,
                   gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("polku-test-cli-XXXXXX", NULL);
  f->passphrase_file = g_build_filename (f->dir, "passphrase", NULL);
  g_assert_true (g_file_set_contents (f->passphrase_file, PASSPHRASE "\n", -1, NULL));
}

static inline void
cli_fixture_teardown (Fixture       *f,
                      gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->passphrase_file);
  g_free (f->client_id);
}
