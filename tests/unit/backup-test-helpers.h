/* backup-test-helpers.h: a profile's database as text, to compare a restore with its original
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlcipher/sqlite3.h>

#include "polku-store-private.h"

/* Every table of the database as text, one line per row in rowid order; audit_entry only up
 * to @max_seq and audit_head left out (both grow when a backup is made and restored). */
static inline char *
dump_tables (PolkuStore *store,
             gint64      max_seq)
{
  g_autoptr(GString) dump = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = polku_store_begin_use (store, NULL);
  sqlite3_stmt *stmt;

  g_assert_nonnull (db);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table'"
                                           " ORDER BY name;", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = g_ptr_array_index (tables, i);
      g_autofree char *sql = NULL;

      if (g_str_equal (table, "audit_head"))
        continue;
      sql = g_str_equal (table, "audit_entry")
            ? g_strdup_printf ("SELECT * FROM audit_entry WHERE seq <= %" G_GINT64_FORMAT
                               " ORDER BY seq;", max_seq)
            : g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY rowid;", table);
      g_string_append_printf (dump, "[%s]\n", table);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const char *text = (const char *) sqlite3_column_text (stmt, c);

              g_string_append_printf (dump, "%s%s", c > 0 ? "|" : "", text ? text : "NULL");
            }
          g_string_append_c (dump, '\n');
        }
      sqlite3_finalize (stmt);
    }
  polku_store_end_use (store);
  return g_string_free (g_steal_pointer (&dump), FALSE);
}
