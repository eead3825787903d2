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

#include "polku-case-sign.h"
#include "polku-checklist.h"
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
/* Set by polku_cli_dispatch () for commands that only read (they never create a profile). */
extern gboolean polku_cli_reads_only;

/* A field of a text line with control characters escaped (polku-cli-common.c). */
char *polku_cli_escape_field (const char *text);

/* Prints "polku-cli: MESSAGE" as one line on stderr and returns @code. */
int         polku_cli_fail             (int           code,
                                        const char   *format,
                                        ...) G_GNUC_PRINTF (2, 3);
#define fail polku_cli_fail

/* Opens the profile's store into @out_store: key from the keyring, or the passphrase from
 * --passphrase-file. When it cannot, says why and returns FALSE (the exit status is
 * EXIT_ERROR). */
gboolean    polku_cli_open_store       (PolkuStore  **out_store);

/* Prints @root as pretty JSON on stdout. */
void        polku_cli_print_json       (JsonNode     *root);
#define print_json polku_cli_print_json

/* TRUE when the passphrase comes from standard input (--passphrase-file -), so JSON
 * cannot; @out_message then says what to do. */
gboolean    polku_cli_stdin_is_taken   (const char  **out_message);

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

/* Command lines whose options are given as a table. */
typedef struct
{
  const char   *name;   /* "--date" */
  const char  **value;  /* for an option with a value */
  gboolean     *flag;   /* for a flag */
} PolkuCliOption;

/* Sets the @options (a table ending in { NULL }, or NULL) and up to @n_positional arguments
 * from @argv (argv[0] is the command). On an unknown or incomplete argument, or fewer than
 * @n_required positional ones, says so with @usage ("case show CLIENT-ID [--json]") and
 * returns FALSE with the exit status in @out_status. */
gboolean    polku_cli_parse_args       (int                    argc,
                                        char                 **argv,
                                        const PolkuCliOption  *options,
                                        const char           **positional,
                                        guint                  n_positional,
                                        guint                  n_required,
                                        const char            *usage,
                                        int                   *out_status);

/* FALSE, having said so with @usage, when @id is not a UUID. */
gboolean    polku_cli_check_id         (const char   *id,
                                        const char   *usage,
                                        int          *out_status);

/* "ID [OPTIONS]": polku_cli_parse_args () with one positional argument, which must be an id
 * (polku_cli_check_id ()). */
gboolean    polku_cli_parse_id_args    (int                    argc,
                                        char                 **argv,
                                        const PolkuCliOption  *options,
                                        const char            *usage,
                                        const char           **out_id,
                                        int                   *out_status);

/* The list commands "… CLIENT-ID [--all] [--json]" (@with_all) or "… CLIENT-ID [--json]". */
typedef struct
{
  const char *client_id;
  gboolean    all;
  gboolean    json;
} PolkuCliListArgs;

gboolean    polku_cli_parse_list_args  (int                argc,
                                        char             **argv,
                                        const char        *usage,
                                        gboolean           with_all,
                                        PolkuCliListArgs  *args,
                                        int               *out_status);

/* "Unknown argument “ARG”. Usage: USAGE" (or "Usage: USAGE" when @arg is NULL); returns
 * EXIT_USAGE. @usage is the whole command line ("polku-cli contacts …"). */
int         polku_cli_usage_error      (const char   *usage,
                                        const char   *arg);

/* "ID --json FILE" (in any order): reads the JSON of FILE (- for standard input). Returns
 * EXIT_OK with both set, or the exit status of what was wrong, having said it. */
int         polku_cli_read_id_and_json (int           argc,
                                        char        **argv,
                                        const char   *usage,
                                        const char  **out_id,
                                        JsonNode    **out_input);

/* JSON output: @build adds one item (an object) to the builder. */
typedef void (*PolkuCliBuildFunc) (JsonBuilder *builder,
                                   gpointer     item);

/* Prints the builder's root as pretty JSON on stdout. */
void        polku_cli_print_builder    (JsonBuilder       *builder);
void        polku_cli_add_list         (JsonBuilder       *builder,
                                        GPtrArray         *items,
                                        PolkuCliBuildFunc  build);
void        polku_cli_print_list       (GPtrArray         *items,
                                        PolkuCliBuildFunc  build);
/* Prints one @item, built with @build, as pretty JSON on stdout. */
void        polku_cli_print_one        (gpointer           item,
                                        PolkuCliBuildFunc  build);

/* Text output: @line prints one item as a line of text. */
typedef void (*PolkuCliLineFunc) (gpointer item,
                                  gpointer data);

void        polku_cli_print_lines      (GPtrArray         *items,
                                        PolkuCliLineFunc   line,
                                        gpointer           data);

/* JSON input: the members of an object applied to a GObject. Unknown members are an error,
 * so that a typo never drops data silently. */
typedef struct
{
  const char *member;    /* in the JSON */
  const char *property;  /* of the object */
} PolkuCliStringMember;

/* Reads member @name, one that is not in the strings table, or fails (with @error set)
 * on a wrong value or an unknown member. */
typedef gboolean (*PolkuCliMemberFunc) (GObject     *object,
                                        const char  *name,
                                        JsonNode    *value,
                                        GError     **error);

typedef struct
{
  const char                 *not_an_object;  /* N_() message */
  const PolkuCliStringMember *strings;        /* strings or null, { NULL } at the end */
  PolkuCliMemberFunc          read;           /* the other members */
} PolkuCliMembers;

gboolean    polku_cli_read_members     (const PolkuCliMembers  *members,
                                        GObject                *object,
                                        JsonNode               *node,
                                        GError                **error);

/* TRUE when @value is a string or null (a boolean); else FALSE with an error that names
 * @name. */
gboolean    polku_cli_check_string     (const char   *name,
                                        JsonNode     *value,
                                        GError      **error);
gboolean    polku_cli_check_boolean    (const char   *name,
                                        JsonNode     *value,
                                        GError      **error);
gboolean    polku_cli_is_string_or_null (JsonNode    *node);
gboolean    polku_cli_is_boolean       (JsonNode     *node);

/* The case work (polku-cli-casework.c): objects of the case, consent, team and follow-up
 * stores, printed with every property ("_" for "-"). */

/* The case work's exit status: bad input is 2, anything else that failed 1. */
int         polku_cli_fail_with        (GError       *error);

/* Records that the user read a client's case work (@what: "signs.list") from the command
 * line. */
gboolean    polku_cli_record_view      (PolkuStore   *store,
                                        const char   *client_id,
                                        const char   *what,
                                        GError      **error);

/* A PolkuCliBuildFunc for a GObject. */
void        polku_cli_add_object       (JsonBuilder  *builder,
                                        gpointer      object);
void        polku_cli_print_object     (gpointer      object);

/* What a command changed or added: prints @object, or fails with @error (polku_cli_fail_with ())
 * when it is NULL. Returns the exit status. */
int         polku_cli_print_or_fail    (gpointer      object,
                                        GError       *error);

/* Prints @items as a JSON array of objects with every property (@json), or with @line. */
void        polku_cli_print_objects    (GPtrArray         *items,
                                        gboolean           json,
                                        PolkuCliLineFunc   line,
                                        gpointer           data);

/* One of a client's lists of case work. */
typedef GPtrArray *(*PolkuCliListFunc) (PolkuStore  *store,
                                        const char  *client_id,
                                        gboolean     all,
                                        GError     **error);

typedef struct
{
  const char       *view;  /* what the audit log records as read: "signs.list" */
  PolkuCliListFunc  list;
  PolkuCliLineFunc  line;  /* one item as text; gets @data */
} PolkuCliClientList;

/* Opens the store, records that the user read the list and prints it (see
 * polku_cli_print_objects ()). Returns the exit status. */
int         polku_cli_print_client_list (const PolkuCliClientList *what,
                                         const PolkuCliListArgs   *args,
                                         gpointer                  data);

/* The label of a warning sign's item in @checklist, or the item's id when it has none. */
const char *polku_cli_sign_label       (PolkuChecklist *checklist,
                                        PolkuCaseSign  *sign);

/* The commands "… ID [--date DATE]" that change one thing on a date (default today) and
 * print it. */
typedef GObject *(*PolkuCliDatedFunc) (PolkuStore  *store,
                                       const char  *id,
                                       const char  *date,
                                       GError     **error);

int         polku_cli_change_on_date   (int                 argc,
                                        char              **argv,
                                        const char         *usage,
                                        PolkuCliDatedFunc   change);

/* A PolkuCliDatedFunc @name that calls a store's function @call. */
#define POLKU_CLI_DATED_ADAPTER(name, call) \
  static GObject * \
  name (PolkuStore  *store, \
        const char  *id, \
        const char  *date, \
        GError     **error) \
  { \
    return G_OBJECT (call (store, id, date, error)); \
  }

/* The "add" commands: a JSON object with the @allowed members becomes a draft of @type for
 * CLIENT-ID, which @check (optional) checks and @add stores; the stored object is printed. */
typedef GObject *(*PolkuCliAddFunc) (PolkuStore  *store,
                                     GObject     *draft,
                                     GError     **error);

/* Checks a draft before the store is opened (bad input never needs the key); returns an exit
 * status, EXIT_OK to go on. */
typedef int (*PolkuCliCheckFunc) (GObject *draft);

int         polku_cli_add_from_json    (int                  argc,
                                        char               **argv,
                                        GType                type,
                                        const char * const  *allowed,
                                        const char          *usage,
                                        PolkuCliCheckFunc    check,
                                        PolkuCliAddFunc      add);

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

/* Exports for someone else (polku-cli-organisations.c): "--to ORG-ID" names the receiving
 * organisation, "--own-use" says the export is for the coordinator's own use. */
typedef struct
{
  const char *to;       /* --to: an id of the county's organisations */
  gboolean    own_use;  /* --own-use */
} PolkuCliExportTo;

/* FALSE, having said so with @usage (exit status 2 in @out_status), unless exactly one of
 * --to and --own-use was given and --to names an organisation of the county's list. */
gboolean    polku_cli_check_export_to  (const PolkuCliExportTo *to,
                                        const char             *usage,
                                        int                    *out_status);
/* Checks the client's sharing consent for every part in @parts and records the export in the
 * audit log (polku_consent_export_record ()). Returns EXIT_OK to go on, or the exit status
 * having said why nothing was exported. */
int         polku_cli_record_export    (PolkuStore             *store,
                                        const char             *client_id,
                                        const PolkuCliExportTo *to,
                                        const char * const     *parts,
                                        const char             *action,
                                        const char             *what);

/* Command groups (polku-cli-<group>.c) */
int         polku_cli_assessment       (int           argc,
                                        char        **argv);
int         polku_cli_audit            (int           argc,
                                        char        **argv);
int         polku_cli_backup           (int           argc,
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
int         polku_cli_organisations    (int           argc,
                                        char        **argv);
int         polku_cli_plan             (int           argc,
                                        char        **argv);
int         polku_cli_recovery_key     (int           argc,
                                        char        **argv);
int         polku_cli_restore          (int           argc,
                                        char        **argv);
int         polku_cli_report           (int           argc,
                                        char        **argv);
int         polku_cli_score            (int           argc,
                                        char        **argv);
int         polku_cli_signs            (int           argc,
                                        char        **argv);
int         polku_cli_sync             (int           argc,
                                        char        **argv);
int         polku_cli_conflicts        (int           argc,
                                        char        **argv);
int         polku_cli_team             (int           argc,
                                        char        **argv);
/* case coordinator and case queue, with the team's commands (polku-cli-team.c) */
int         polku_cli_case_coordinator (int           argc,
                                        char        **argv);
int         polku_cli_case_queue       (int           argc,
                                        char        **argv);

G_END_DECLS
