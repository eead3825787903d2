/* polku-cli-private.h: what the commands of polku-cli share
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each group of commands lives in its own polku-cli-<group>.c with one entry point
 * `int polku_cli_<group> (int argc, char **argv)` (argv[0] is the group's name) and is listed
 * in the command table at the top of polku-cli.c.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "polku-store.h"

G_BEGIN_DECLS

/* Exit codes */
enum {
  EXIT_OK = 0,
  EXIT_ERROR = 1,  /* the command could not be carried out */
  EXIT_USAGE = 2,  /* the command line or the input is wrong */
};

/* Global options, set by main (). */
extern char *polku_cli_data_dir;
extern char *polku_cli_passphrase_file;
extern char *polku_cli_actor;

/* Prints "polku-cli: MESSAGE" as one line on stderr and returns @code. */
int         polku_cli_fail             (int           code,
                                        const char   *format,
                                        ...) G_GNUC_PRINTF (2, 3);
#define fail polku_cli_fail

/* Opens the profile's store: key from the keyring, or the passphrase from
 * --passphrase-file. */
PolkuStore *polku_cli_open_store       (GError      **error);

/* Prints @root as pretty JSON on stdout. */
void        polku_cli_print_json       (JsonNode     *root);
#define print_json polku_cli_print_json

/* Reads and parses JSON from @file, or from standard input when @file is NULL or "-".
 * Errors are in G_IO_ERROR_INVALID_DATA and say what is wrong with the input. */
JsonNode   *polku_cli_read_json        (const char   *file,
                                        GError      **error);

/* Parses a whole decimal number from 0 to @max. */
gboolean    polku_cli_parse_uint       (const char   *text,
                                        guint64       max,
                                        guint64      *out);

/* Adds "name": value, or "name": null when @value is NULL. */
void        polku_cli_add_member_or_null (JsonBuilder *builder,
                                          const char  *name,
                                          const char  *value);

/* A group's subcommands: polku_cli_dispatch () runs the one named in argv[1] with
 * (argc - 1, argv + 1), or says in one line which there are. */
typedef struct
{
  const char *name;
  int       (*run) (int argc, char **argv);
} PolkuCliSubcommand;

int         polku_cli_dispatch         (int                       argc,
                                        char                    **argv,
                                        const PolkuCliSubcommand *subcommands,
                                        guint                     n_subcommands);

/* Command groups (polku-cli-<group>.c) */
int         polku_cli_assessment       (int           argc,
                                        char        **argv);
int         polku_cli_audit            (int           argc,
                                        char        **argv);
int         polku_cli_case             (int           argc,
                                        char        **argv);
int         polku_cli_consent          (int           argc,
                                        char        **argv);
int         polku_cli_contacts         (int           argc,
                                        char        **argv);
int         polku_cli_followups        (int           argc,
                                        char        **argv);
int         polku_cli_mapping_visit    (int           argc,
                                        char        **argv);
int         polku_cli_plan             (int           argc,
                                        char        **argv);
int         polku_cli_score            (int           argc,
                                        char        **argv);
int         polku_cli_signs            (int           argc,
                                        char        **argv);
int         polku_cli_team             (int           argc,
                                        char        **argv);

G_END_DECLS
