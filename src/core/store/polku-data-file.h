/* polku-data-file.h: reading the data files a wellbeing county may replace
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The checklist, the closing reasons, the organisations and the contact types are JSON files
 * bundled in the core's GResource; a county may replace most of them (HACKING.md, "Data a
 * county replaces"). What every loader of them does is here: finding the county's file,
 * reading it within bounds once, ids, labels in English, Finnish and Swedish, and errors that
 * name the file and the field ("closing-reasons.json: reasons[2].label.sv: a label is
 * missing"), in the error domain of the loader.
 *
 * It lives in store/ because both case/ and contacts/ use it (store ← audit ← domains).
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The languages of labels, in this order. */
#define POLKU_DATA_FILE_N_LANGUAGES 3
extern const char * const polku_data_file_languages[POLKU_DATA_FILE_N_LANGUAGES + 1];

/* The two generations of county files word their errors differently, and their messages are
 * kept word for word (translations and tests quote them). */
typedef enum
{
  /* The checklist and the closing reasons: "format" only, ids of a–z, 0–9 and "_", labels
   * stored stripped, short problems ("unknown field"). */
  POLKU_DATA_FILE_TERSE,
  /* The organisations, contact types and mapping-visit agenda: "format" and "version", keys of
   * a–z, 0–9 and hyphens, labels stored as written and valid UTF-8, problems as sentences
   * ("unknown field (check its spelling)."). */
  POLKU_DATA_FILE_SENTENCES,
} PolkuDataFileStyle;

/* One file being read: its name in messages, the error its loader sets and its style.
 * Made on the stack by the loader: { name, MY_ERROR, MY_ERROR_INVALID, POLKU_DATA_FILE_… }. */
typedef struct
{
  const char         *name;
  GQuark              domain;
  int                 code;
  PolkuDataFileStyle  style;
} PolkuDataFileReader;

/* Sets "NAME: @field: @problem" ("NAME: @problem" when @field is %NULL or empty); returns
 * FALSE. */
gboolean    polku_data_file_invalid        (const PolkuDataFileReader *reader,
                                            const char                *field,
                                            const char                *problem,
                                            GError                   **error);
/* "@field.@member", or @member when @field is empty. */
char       *polku_data_file_path           (const char                *field,
                                            const char                *member);
/* TRUE when @text (nullable) is valid UTF-8 or %NULL; else fails naming @field, in the same
 * words for both styles. A "\udc00" escape passes json-glib but is no character. */
gboolean    polku_data_file_check_utf8     (const PolkuDataFileReader *reader,
                                            const char                *field,
                                            const char                *text,
                                            GError                   **error);
/* 1 to 64 of the lower-case letters a–z, the digits and @separator ('_' or '-'). */
gboolean    polku_data_file_is_id          (const char                *text,
                                            char                       separator);

/* Whether @text (nullable) is a text a SENTENCES file accepts (a label, a name): valid UTF-8,
 * neither empty nor white space only. */
gboolean    polku_data_file_is_text        (const char                *text);

/* Parses @bytes, its nesting bounded (polku_json_parse_bounded ()); the error is "NAME: not
 * valid JSON: …", the TERSE files' wording (SENTENCES files use
 * polku_data_file_parse_versioned ()). */
JsonNode   *polku_data_file_parse          (const PolkuDataFileReader *reader,
                                            GBytes                    *bytes,
                                            GError                   **error);
/* Parses @bytes (SENTENCES), which must hold one JSON object whose "format" is @format and
 * "version" 1. */
JsonObject *polku_data_file_parse_versioned (const PolkuDataFileReader *reader,
                                             GBytes                    *bytes,
                                             const char                *format,
                                             GError                   **error);
/* Fails, naming "@field.MEMBER", when @object has a member not in @allowed. */
gboolean    polku_data_file_check_members  (const PolkuDataFileReader *reader,
                                            JsonObject                *object,
                                            const char * const        *allowed,
                                            const char                *field,
                                            GError                   **error);
/* The "id" of @object (TERSE: a–z, 0–9 and "_"; SENTENCES: a–z, 0–9 and hyphens), or %NULL
 * with an error naming "@field.id". */
const char *polku_data_file_read_id        (const PolkuDataFileReader *reader,
                                            JsonObject                *object,
                                            const char                *field,
                                            GError                   **error);
/* Reads @member of @parent, an object with a non-empty label per language, into @out (in the
 * order of polku_data_file_languages; copies, stripped by a TERSE reader). On failure @out
 * may hold some labels: they are the caller's to free. */
gboolean    polku_data_file_read_labels    (const PolkuDataFileReader *reader,
                                            JsonObject                *parent,
                                            const char                *member,
                                            const char                *field,
                                            char                     **out,
                                            GError                   **error);

/* Reads a file's bytes into a loader's object (its *_new_from_bytes ()); @name is the file's
 * name for messages. */
typedef gpointer (*PolkuDataFileParseFunc) (GBytes      *bytes,
                                            const char  *name,
                                            GError     **error);

/* One kind of data file: where a county's copy is looked for, the bundled copy and how to
 * read it. Declared static (its last fields zero): it keeps the copy in use once loaded. */
typedef struct
{
  const char             *env_var;        /* names the county's file; NULL: only bundled */
  const char             *subdir;         /* under polku/ in the config dirs, or NULL */
  const char             *file_name;      /* in the config dirs, and the bundled copy's name */
  const char             *resource_path;  /* the bundled copy in the core's GResource */
  PolkuDataFileParseFunc  parse;

  /*< private >*/
  GMutex                  lock;
  GObject                *in_use;
} PolkuDataFileKind;

/* The county's file that replaces the bundled one: $ENV_VAR when set and not empty, else
 * $XDG_CONFIG_HOME/polku/[SUBDIR/]FILE_NAME, else the same under the system config dirs;
 * %NULL when the bundled one is used. */
char       *polku_data_file_find           (const PolkuDataFileKind   *kind);
/* Reads @path within bounds and parses it, with its display name in messages. */
gpointer    polku_data_file_new_from_file  (const PolkuDataFileKind   *kind,
                                            const char                *path,
                                            GError                   **error);
/* Loads (once) the copy in use: the county's file when there is one, else the bundled one.
 * A county's file that is not valid is an error, never replaced by the bundled one; a
 * failure is not kept, the next call tries again. Returns: (transfer full) (nullable). */
gpointer    polku_data_file_get_default    (PolkuDataFileKind         *kind,
                                            GError                   **error);

G_END_DECLS
