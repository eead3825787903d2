/* test-store-rows.c: the store's SQL and row helpers (polku-store-rows.c): objects made
 * from rows by a table of property names, lists, lookups, counts, text parameters bound,
 * the statement cache
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "polku-store-private.h"
#include "store-test-helpers.h"

/* A record with a property of each type a column can give, and one (tags) that none can. */
#define TEST_TYPE_ROW (test_row_get_type ())
G_DECLARE_FINAL_TYPE (TestRow, test_row, TEST, ROW, GObject)

struct _TestRow
{
  GObject   parent_instance;

  char     *name;
  gboolean  flag;
  int       number;
  guint     count;
  gint64    big;
  double    ratio;
  char     *note;
  GStrv     tags;
};

enum
{
  PROP_0,
  PROP_NAME,
  PROP_FLAG,
  PROP_NUMBER,
  PROP_COUNT,
  PROP_BIG,
  PROP_RATIO,
  PROP_NOTE,
  PROP_TAGS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (TestRow, test_row, G_TYPE_OBJECT)

static void
test_row_finalize (GObject *object)
{
  TestRow *self = TEST_ROW (object);

  g_free (self->name);
  g_free (self->note);
  g_strfreev (self->tags);
  G_OBJECT_CLASS (test_row_parent_class)->finalize (object);
}

static void
test_row_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
test_row_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  TestRow *self = TEST_ROW (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_free (self->name);
      self->name = g_value_dup_string (value);
      break;
    case PROP_FLAG:
      self->flag = g_value_get_boolean (value);
      break;
    case PROP_NUMBER:
      self->number = g_value_get_int (value);
      break;
    case PROP_COUNT:
      self->count = g_value_get_uint (value);
      break;
    case PROP_BIG:
      self->big = g_value_get_int64 (value);
      break;
    case PROP_RATIO:
      self->ratio = g_value_get_double (value);
      break;
    case PROP_NOTE:
      g_free (self->note);
      self->note = g_value_dup_string (value);
      break;
    case PROP_TAGS:
      g_strfreev (self->tags);
      self->tags = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_row_class_init (TestRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  GParamSpec *props[N_PROPS] = { NULL, };

  object_class->finalize = test_row_finalize;
  object_class->get_property = test_row_get_property;
  object_class->set_property = test_row_set_property;

  props[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "default", flags);
  props[PROP_FLAG] = g_param_spec_boolean ("flag", NULL, NULL, FALSE, flags);
  props[PROP_NUMBER] = g_param_spec_int ("number", NULL, NULL, G_MININT, G_MAXINT, 0, flags);
  props[PROP_COUNT] = g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0, flags);
  props[PROP_BIG] = g_param_spec_int64 ("big", NULL, NULL, 0, G_MAXINT64, 0, flags);
  props[PROP_RATIO] = g_param_spec_double ("ratio", NULL, NULL, 0, 10, 0, flags);
  props[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, "default", flags);
  props[PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, flags);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
test_row_init (TestRow *self)
{
}

/* Columns: name, (skipped), flag, number, count, big, ratio, note, (past the list) */
#define ROW_SQL \
  "SELECT 'Aino', 'not read', 1, -3, 7, 9000000000, 2.5, NULL, 'left for the caller'" \
  " WHERE ?1 IS NULL OR ?1 = 'Aino'"

static const char * const row_properties[] = {
  "name", "", "flag", "number", "count", "big", "ratio", "note", NULL
};

static void
assert_row (TestRow *row)
{
  g_assert_true (TEST_IS_ROW (row));
  g_assert_cmpstr (row->name, ==, "Aino");
  g_assert_true (row->flag);
  g_assert_cmpint (row->number, ==, -3);
  g_assert_cmpuint (row->count, ==, 7);
  g_assert_cmpint (row->big, ==, G_GINT64_CONSTANT (9000000000));
  g_assert_cmpfloat (row->ratio, ==, 2.5);
  /* An SQL NULL is a NULL string, not the property's default. */
  g_assert_null (row->note);
}

static void
test_object_from_row (Fixture       *f,
                      gconstpointer  data)
{
  const char * const tags[] = { "a", "b", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TestRow) row = NULL;
  g_autoptr(TestRow) plain = NULL;
  sqlite3_stmt *stmt;
  sqlite3 *db;

  db = polku_store_begin_use (f->store, &error);
  g_assert_no_error (error);
  stmt = polku_store_prepare (db, ROW_SQL, "Testing", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  row = polku_store_object_from_row (stmt, TEST_TYPE_ROW, row_properties,
                                     "tags", tags,
                                     NULL);
  plain = polku_store_object_from_row (stmt, TEST_TYPE_ROW, row_properties, NULL);
  sqlite3_finalize (stmt);
  polku_store_end_use (f->store);

  assert_row (row);
  g_assert_cmpstrv (row->tags, tags);
  assert_row (plain);
  g_assert_null (plain->tags);
}

static void
test_list_objects (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) match = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) broken = NULL;

  /* NULL binds nothing, so ?1 is NULL. */
  all = polku_store_list_objects (f->store, ROW_SQL, NULL, TEST_TYPE_ROW, row_properties,
                                  "Testing", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  assert_row (g_ptr_array_index (all, 0));

  match = polku_store_list_objects (f->store, ROW_SQL, "Aino", TEST_TYPE_ROW, row_properties,
                                    "Testing", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (match->len, ==, 1);

  none = polku_store_list_objects (f->store, ROW_SQL, "Bo", TEST_TYPE_ROW, row_properties,
                                   "Testing", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);

  broken = polku_store_list_objects (f->store, "SELECT * FROM no_such_table WHERE ?1;", NULL,
                                     TEST_TYPE_ROW, row_properties, "Testing", &error);
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_FAILED);
  g_assert_true (g_str_has_prefix (error->message, "Testing failed: "));
  g_assert_null (broken);
}

static void
test_take_first (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TestRow) row = NULL;
  g_autoptr(TestRow) missing = NULL;
  g_autoptr(TestRow) failed = NULL;
  GPtrArray *list;

  list = polku_store_list_objects (f->store, ROW_SQL, "Aino", TEST_TYPE_ROW, row_properties,
                                   "Testing", &error);
  row = polku_store_take_first (list, &error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_NOT_FOUND,
                                "No row “%s”.", "Aino");
  g_assert_no_error (error);
  assert_row (row);

  list = polku_store_list_objects (f->store, ROW_SQL, "Bo", TEST_TYPE_ROW, row_properties,
                                   "Testing", &error);
  missing = polku_store_take_first (list, &error, POLKU_STORE_ERROR,
                                    POLKU_STORE_ERROR_NOT_FOUND, "No row “%s”.", "Bo");
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No row “Bo”.");
  g_assert_null (missing);
  g_clear_error (&error);

  /* A failed read keeps its own error. */
  list = polku_store_list_objects (f->store, "SELECT * FROM no_such_table WHERE ?1;", "Bo",
                                   TEST_TYPE_ROW, row_properties, "Testing", &error);
  failed = polku_store_take_first (list, &error, POLKU_STORE_ERROR,
                                   POLKU_STORE_ERROR_NOT_FOUND, "No row “%s”.", "Bo");
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_FAILED);
  g_assert_null (failed);
}

static gpointer
get_row_locked (sqlite3     *db,
                const char  *name,
                GError     **error)
{
  GPtrArray *list = polku_store_select_objects (db, ROW_SQL, name, TEST_TYPE_ROW,
                                                row_properties, "Testing", error);

  return polku_store_take_first (list, error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_NOT_FOUND,
                                 "No row “%s”.", name);
}

static void
test_get (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TestRow) row = NULL;
  g_autoptr(TestRow) missing = NULL;
  g_autoptr(TestRow) closed = NULL;

  row = polku_store_get (f->store, get_row_locked, "Aino", &error);
  g_assert_no_error (error);
  assert_row (row);

  /* The lock is let go after a failed read too. */
  missing = polku_store_get (f->store, get_row_locked, "Bo", &error);
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_NOT_FOUND);
  g_assert_null (missing);
  g_clear_error (&error);
  g_clear_object (&row);
  row = polku_store_get (f->store, get_row_locked, "Aino", &error);
  g_assert_no_error (error);

  polku_store_close (f->store);
  closed = polku_store_get (f->store, get_row_locked, "Aino", &error);
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_FAILED);
  g_assert_null (closed);
}

static void
test_count (Fixture       *f,
            gconstpointer  data)
{
  const char *sql = "SELECT count(*) FROM client WHERE ?1 IS NULL OR id = ?1;";
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (polku_store_count (f->store, sql, NULL, "Testing", &error), ==, 1);
  g_assert_cmpint (polku_store_count (f->store, sql, f->client_id, "Testing", &error), ==, 1);
  g_assert_cmpint (polku_store_count (f->store, sql, "no-such-id", "Testing", &error), ==, 0);
  g_assert_no_error (error);

  g_assert_cmpint (polku_store_count (f->store, "SELECT count(*) FROM no_such_table;", NULL,
                                      "Testing", &error), ==, -1);
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_FAILED);
  g_assert_true (g_str_has_prefix (error->message, "Testing failed: "));
}

static char *
dup_row (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = polku_store_prepare (db, sql, "Testing", NULL);
  char *row;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  row = polku_store_column_dup (stmt, 0);
  sqlite3_finalize (stmt);
  return row;
}

static void
test_run (Fixture       *f,
          gconstpointer  data)
{
  const char *sql = "SELECT quote(a) || ' ' || quote(b) || ' ' || quote(c) || ' ' || quote(d)"
                    " FROM t;";
  g_autoptr(GError) error = NULL;
  g_autofree char *row = NULL;
  g_autofree char *bound = NULL;
  sqlite3_stmt *stmt;
  sqlite3 *db;

  db = polku_store_begin_use (f->store, &error);
  g_assert_no_error (error);
  g_assert_true (polku_store_exec (db, "CREATE TEMP TABLE t (a NOT NULL, b, c, d);", "Testing",
                                   &error));

  /* Each text in order, NULL as SQL NULL. */
  g_assert_true (polku_store_run (db, "INSERT INTO t VALUES (?1, ?2, ?3, 'x');", "Testing",
                                  &error, 3, "one", NULL, "three"));
  g_assert_no_error (error);
  row = dup_row (db, sql);
  g_assert_cmpstr (row, ==, "'one' NULL 'three' 'x'");

  /* From ?2 on, after a parameter of another type. */
  stmt = polku_store_prepare (db, "SELECT quote(?1) || ' ' || quote(?2) || ' ' || quote(?3);",
                              "Testing", &error);
  g_assert_no_error (error);
  sqlite3_bind_int (stmt, 1, 7);
  polku_store_bind_texts (stmt, 2, 2, NULL, "b");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  bound = polku_store_column_dup (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpstr (bound, ==, "7 NULL 'b'");

  /* A failure to prepare, and to step, names what failed. */
  g_assert_false (polku_store_run (db, "INSERT INTO no_such_table VALUES (?1);", "Testing",
                                   &error, 1, "one"));
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_FAILED);
  g_assert_true (g_str_has_prefix (error->message, "Testing failed: "));
  g_clear_error (&error);
  g_assert_false (polku_store_run (db, "INSERT INTO t VALUES (?1, ?2, NULL, NULL);", "Testing",
                                   &error, 2, NULL, "two"));
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  polku_store_end_use (f->store);
}

/* Rows that are not objects: the list frees them with the function it is given, also the
 * rows it made before a step or the row function failed. */
#define TEXT_ROWS_SQL(third) \
  "WITH RECURSIVE n (x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 5)" \
  " SELECT CASE WHEN x = 3 THEN " third " ELSE 'row ' || x END FROM n" \
  " WHERE ?1 IS NULL OR x <= CAST (?1 AS INTEGER);"

static guint n_texts_freed;

static void
free_text (gpointer text)
{
  n_texts_freed++;
  g_free (text);
}

static gpointer
text_row (sqlite3_stmt  *stmt,
          gpointer       user_data,
          GError       **error)
{
  const char *text = POLKU_STORE_COL (stmt, 0);

  if (g_strcmp0 (text, "refused") == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Row %s refused.",
                   (const char *) user_data);
      return NULL;
    }
  return g_strdup (text);
}

static void
test_list_texts (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  GPtrArray *failed;
  sqlite3_stmt *stmt;
  sqlite3 *db;

  /* Read to the end: the list frees its texts with @free_func. */
  n_texts_freed = 0;
  texts = polku_store_list (f->store, TEXT_ROWS_SQL ("'row 3'"), NULL, text_row, "three",
                            free_text, "Testing", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (texts->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (texts, 0), ==, "row 1");
  g_assert_cmpstr (g_ptr_array_index (texts, 4), ==, "row 5");
  g_clear_pointer (&texts, g_ptr_array_unref);
  g_assert_cmpuint (n_texts_freed, ==, 5);

  /* A step that fails on the third row (an integer overflow): the error, and the two texts
   * already made freed as texts. */
  n_texts_freed = 0;
  failed = polku_store_list (f->store, TEXT_ROWS_SQL ("abs (-9223372036854775807 - 1)"), NULL,
                             text_row, "three", free_text, "Testing", &error);
  g_assert_null (failed);
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_FAILED);
  g_assert_true (g_str_has_prefix (error->message, "Testing failed: "));
  g_assert_nonnull (strstr (error->message, "integer overflow"));
  g_assert_cmpuint (n_texts_freed, ==, 2);
  g_clear_error (&error);

  /* The row function refuses the third row: its own error, and the two texts freed. */
  n_texts_freed = 0;
  failed = polku_store_list (f->store, TEXT_ROWS_SQL ("'refused'"), NULL, text_row, "three",
                             free_text, "Testing", &error);
  g_assert_null (failed);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, "Row three refused.");
  g_assert_cmpuint (n_texts_freed, ==, 2);
  g_clear_error (&error);

  /* The same through polku_store_list_rows () on a statement of one's own, and the
   * statement is given back (reset) after the failure: it reads again. */
  db = polku_store_begin_use (f->store, &error);
  g_assert_no_error (error);
  n_texts_freed = 0;
  stmt = polku_store_prepare_cached (db, TEXT_ROWS_SQL ("abs (-9223372036854775807 - 1)"),
                                     "Testing", &error);
  g_assert_no_error (error);
  failed = polku_store_list_rows (db, stmt, text_row, "three", free_text, "Testing", &error);
  g_assert_null (failed);
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_FAILED);
  g_assert_cmpuint (n_texts_freed, ==, 2);
  g_clear_error (&error);
  texts = polku_store_select_rows (db, TEXT_ROWS_SQL ("abs (-9223372036854775807 - 1)"), "2",
                                   text_row, "three", free_text, "Testing", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (texts->len, ==, 2);
  polku_store_end_use (f->store);
}

/* How many statements the connection has prepared and not finalized. */
static guint
count_statements (sqlite3 *db)
{
  guint n = 0;

  for (sqlite3_stmt *stmt = sqlite3_next_stmt (db, NULL); stmt != NULL;
       stmt = sqlite3_next_stmt (db, stmt))
    n++;
  return n;
}

/* The statement cache: the same statement for the same SQL, reset with its bindings cleared
 * when given back; a one-off statement when it is in use; bounded; emptied on demand; and
 * plain prepare/finalize on a connection without a cache. */
static void
test_statement_cache (Fixture       *f,
                      gconstpointer  data)
{
  const char *sql = "SELECT quote(?1) FROM client;";
  g_autoptr(GError) error = NULL;
  g_autofree char *bare_path = NULL;
  sqlite3_stmt *first;
  sqlite3_stmt *again;
  sqlite3_stmt *nested;
  sqlite3 *bare;
  sqlite3 *db;
  guint n_before;

  db = polku_store_begin_use (f->store, &error);
  g_assert_no_error (error);
  polku_store_cache_clear (db);
  g_assert_cmpuint (polku_store_cache_get_size (db), ==, 0);
  n_before = count_statements (db);

  first = polku_store_prepare_cached (db, sql, "Testing", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (first, 1, "Aino", -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (first), ==, SQLITE_ROW);
  g_assert_cmpstr (POLKU_STORE_COL (first, 0), ==, "'Aino'");
  g_assert_true (sqlite3_stmt_busy (first));

  /* In use (stepped, not given back): the same SQL gets a statement of its own, finalized
   * when it is given back. */
  nested = polku_store_prepare_cached (db, sql, "Testing", &error);
  g_assert_no_error (error);
  g_assert_true (nested != first);
  g_assert_cmpint (sqlite3_step (nested), ==, SQLITE_ROW);
  g_assert_cmpstr (POLKU_STORE_COL (nested, 0), ==, "NULL");
  polku_store_release (nested);
  g_assert_cmpuint (polku_store_cache_get_size (db), ==, 1);
  g_assert_cmpuint (count_statements (db), ==, n_before + 1);

  /* Given back: reset (no read transaction kept open) and its binding cleared. */
  polku_store_release (first);
  g_assert_false (sqlite3_stmt_busy (first));
  again = polku_store_prepare_cached (db, sql, "Testing", &error);
  g_assert_no_error (error);
  g_assert_true (again == first);
  g_assert_cmpint (sqlite3_step (again), ==, SQLITE_ROW);
  g_assert_cmpstr (POLKU_STORE_COL (again, 0), ==, "NULL");
  polku_store_release (again);

  /* The helpers use it: polku_store_run () and polku_store_count () leave their statements
   * in the cache, idle. */
  g_assert_true (polku_store_run (db, "UPDATE client SET language = language WHERE id = ?1;",
                                  "Testing", &error, 1, f->client_id));
  g_assert_no_error (error);
  g_assert_cmpuint (polku_store_cache_get_size (db), ==, 2);

  /* SQL that is never the same (values written into it) cannot fill it without bound. */
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *one_off = g_strdup_printf ("UPDATE client SET language = language"
                                                  " WHERE %u = 0;", i);

      g_assert_true (polku_store_run (db, one_off, "Testing", &error, 0));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (polku_store_cache_get_size (db), <=, 128);
  g_assert_cmpuint (polku_store_cache_get_size (db), >=, 100);

  /* A bad statement is not kept. */
  g_assert_null (polku_store_prepare_cached (db, "SELECT * FROM no_such_table;", "Testing",
                                             &error));
  g_assert_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_FAILED);
  g_assert_true (g_str_has_prefix (error->message, "Testing failed: "));
  g_clear_error (&error);

  /* Emptied (as after a migration): every idle statement finalized. */
  polku_store_cache_clear (db);
  g_assert_cmpuint (polku_store_cache_get_size (db), ==, 0);
  g_assert_cmpuint (count_statements (db), ==, n_before);

  /* One in use while the cache is emptied is finalized when it is given back. */
  first = polku_store_prepare_cached (db, sql, "Testing", &error);
  g_assert_no_error (error);
  polku_store_cache_clear (db);
  g_assert_cmpuint (count_statements (db), ==, n_before + 1);
  polku_store_release (first);
  g_assert_cmpuint (count_statements (db), ==, n_before);
  polku_store_end_use (f->store);

  /* A bare connection has no cache: prepared and finalized every time. */
  bare_path = g_build_filename (f->dir, "polku.db", NULL);
  bare = polku_store_open_connection (bare_path, SQLITE_OPEN_READONLY, POLKU_KEY_RAW, KEY,
                                      &error);
  g_assert_no_error (error);
  first = polku_store_prepare_cached (bare, sql, "Testing", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (polku_store_cache_get_size (bare), ==, 0);
  g_assert_cmpuint (count_statements (bare), ==, 1);
  polku_store_release (first);
  g_assert_cmpuint (count_statements (bare), ==, 0);
  g_assert_cmpint (sqlite3_close (bare), ==, SQLITE_OK);
}

/* Dropping a connection's cache (what polku_store_close () does before closing) finalizes
 * every statement: sqlite3_close (), which refuses while any statement is left, then
 * works. */
static void
test_statement_cache_close (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "polku.db", NULL);
  sqlite3_stmt *stmt;
  sqlite3 *db;

  db = polku_store_open_connection (path, SQLITE_OPEN_READONLY, POLKU_KEY_RAW, KEY, &error);
  g_assert_no_error (error);
  polku_store_cache_attach (db);
  g_assert_cmpint (polku_store_count (f->store, "SELECT count(*) FROM client;", NULL, "Testing",
                                      &error), ==, 1);
  stmt = polku_store_prepare_cached (db, "SELECT count(*) FROM client;", "Testing", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  polku_store_release (stmt);
  g_assert_cmpuint (polku_store_cache_get_size (db), ==, 1);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_BUSY);

  polku_store_cache_detach (db);
  g_assert_cmpuint (polku_store_cache_get_size (db), ==, 0);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* An integer PRAGMA read by polku_store_get_int_pragma (), which the store (schema version,
 * application id, a batch's cache size) and the sync's pull (its cache and WAL) share: the
 * store's own values, one just set; a pragma that gives no row or not an integer is not
 * read and leaves the value alone. */
static void
test_int_pragma (Fixture       *f,
                 gconstpointer  data)
{
  sqlite3 *db = polku_store_begin_use (f->store, NULL);
  int value = 12345;

  g_assert_nonnull (db);
  g_assert_true (polku_store_get_int_pragma (db, "user_version", &value));
  g_assert_cmpint (value, ==, POLKU_STORE_SCHEMA_VERSION);
  g_assert_true (polku_store_get_int_pragma (db, "application_id", &value));
  g_assert_cmpint (value, ==, 0x504f4c4b);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA cache_size = -4096;", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_true (polku_store_get_int_pragma (db, "cache_size", &value));
  g_assert_cmpint (value, ==, -4096);

  value = 12345;
  g_assert_false (polku_store_get_int_pragma (db, "no_such_pragma", &value));
  g_assert_false (polku_store_get_int_pragma (db, "journal_mode", &value));
  g_assert_cmpint (value, ==, 12345);
  polku_store_end_use (f->store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/store-rows/object-from-row", Fixture, NULL, fixture_setup,
              test_object_from_row, fixture_teardown);
  g_test_add ("/store-rows/list-objects", Fixture, NULL, fixture_setup, test_list_objects,
              fixture_teardown);
  g_test_add ("/store-rows/list-texts", Fixture, NULL, fixture_setup, test_list_texts,
              fixture_teardown);
  g_test_add ("/store-rows/take-first", Fixture, NULL, fixture_setup, test_take_first,
              fixture_teardown);
  g_test_add ("/store-rows/get", Fixture, NULL, fixture_setup, test_get, fixture_teardown);
  g_test_add ("/store-rows/count", Fixture, NULL, fixture_setup, test_count, fixture_teardown);
  g_test_add ("/store-rows/run", Fixture, NULL, fixture_setup, test_run, fixture_teardown);
  g_test_add ("/store-rows/statement-cache", Fixture, NULL, fixture_setup,
              test_statement_cache, fixture_teardown);
  g_test_add ("/store-rows/statement-cache-close", Fixture, NULL, fixture_setup,
              test_statement_cache_close, fixture_teardown);
  g_test_add ("/store-rows/int-pragma", Fixture, NULL, fixture_setup, test_int_pragma,
              fixture_teardown);
  return g_test_run ();
}
