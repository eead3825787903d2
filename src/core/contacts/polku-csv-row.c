/* polku-csv-row.c: one row of a CSV import's preview: what the file says, the contact it
 * describes, or its errors, each naming the field
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-csv-import"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-csv-import-private.h"

typedef struct
{
  char *field;
  char *message;
} RowError;

static void
row_error_free (RowError *e)
{
  g_free (e->field);
  g_free (e->message);
  g_free (e);
}

struct _PolkuCsvRow
{
  GObject            parent_instance;

  guint              number;
  guint              line;
  PolkuCsvRowStatus  status;
  PolkuContact      *contact;
  GPtrArray         *errors;  /* RowError */
  GStrv              values;
};

G_DEFINE_FINAL_TYPE (PolkuCsvRow, polku_csv_row, G_TYPE_OBJECT)

enum {
  ROW_PROP_0,
  ROW_PROP_NUMBER,
  ROW_PROP_STATUS,
  ROW_PROP_CONTACT,
  ROW_PROP_ERRORS_TEXT,
  ROW_N_PROPS
};

static GParamSpec *row_properties[ROW_N_PROPS];

static void
polku_csv_row_finalize (GObject *object)
{
  PolkuCsvRow *self = (PolkuCsvRow *) object;

  g_clear_object (&self->contact);
  g_clear_pointer (&self->errors, g_ptr_array_unref);
  g_clear_pointer (&self->values, g_strfreev);

  G_OBJECT_CLASS (polku_csv_row_parent_class)->finalize (object);
}

static void
polku_csv_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PolkuCsvRow *self = POLKU_CSV_ROW (object);

  switch (prop_id)
    {
    case ROW_PROP_NUMBER:
      g_value_set_uint (value, self->number);
      break;
    case ROW_PROP_STATUS:
      g_value_set_int (value, self->status);
      break;
    case ROW_PROP_CONTACT:
      g_value_set_object (value, self->contact);
      break;
    case ROW_PROP_ERRORS_TEXT:
      g_value_take_string (value, polku_csv_row_dup_errors_text (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_csv_row_class_init (PolkuCsvRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = polku_csv_row_finalize;
  object_class->get_property = polku_csv_row_get_property;

  row_properties[ROW_PROP_NUMBER] = g_param_spec_uint ("number", NULL, NULL, 0, G_MAXUINT, 0,
                                                       ro);
  row_properties[ROW_PROP_STATUS] = g_param_spec_int ("status", NULL, NULL,
                                                      POLKU_CSV_ROW_VALID,
                                                      POLKU_CSV_ROW_DUPLICATE,
                                                      POLKU_CSV_ROW_VALID, ro);
  row_properties[ROW_PROP_CONTACT] = g_param_spec_object ("contact", NULL, NULL,
                                                          POLKU_TYPE_CONTACT, ro);
  row_properties[ROW_PROP_ERRORS_TEXT] = g_param_spec_string ("errors-text", NULL, NULL, NULL,
                                                              ro);
  g_object_class_install_properties (object_class, ROW_N_PROPS, row_properties);
}

static void
polku_csv_row_init (PolkuCsvRow *self)
{
  self->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) row_error_free);
}

guint
polku_csv_row_get_number (PolkuCsvRow *self)
{
  g_return_val_if_fail (POLKU_IS_CSV_ROW (self), 0);
  return self->number;
}

guint
polku_csv_row_get_line (PolkuCsvRow *self)
{
  g_return_val_if_fail (POLKU_IS_CSV_ROW (self), 0);
  return self->line;
}

PolkuCsvRowStatus
polku_csv_row_get_status (PolkuCsvRow *self)
{
  g_return_val_if_fail (POLKU_IS_CSV_ROW (self), POLKU_CSV_ROW_INVALID);
  return self->status;
}

/**
 * polku_csv_row_get_contact:
 *
 * Returns: (transfer none) (nullable): the contact the row describes; %NULL when the row
 *   has errors
 */
PolkuContact *
polku_csv_row_get_contact (PolkuCsvRow *self)
{
  g_return_val_if_fail (POLKU_IS_CSV_ROW (self), NULL);
  return self->contact;
}

guint
polku_csv_row_get_n_errors (PolkuCsvRow *self)
{
  g_return_val_if_fail (POLKU_IS_CSV_ROW (self), 0);
  return self->errors->len;
}

/* The field ("date", "type", …; "row" for the row as a whole). */
const char *
polku_csv_row_get_error_field (PolkuCsvRow *self,
                               guint        index)
{
  g_return_val_if_fail (POLKU_IS_CSV_ROW (self), NULL);
  g_return_val_if_fail (index < self->errors->len, NULL);
  return ((RowError *) g_ptr_array_index (self->errors, index))->field;
}

const char *
polku_csv_row_get_error_message (PolkuCsvRow *self,
                                 guint        index)
{
  g_return_val_if_fail (POLKU_IS_CSV_ROW (self), NULL);
  g_return_val_if_fail (index < self->errors->len, NULL);
  return ((RowError *) g_ptr_array_index (self->errors, index))->message;
}

/**
 * polku_csv_row_dup_errors_text:
 *
 * Returns: (transfer full) (nullable): "field: message" lines, or %NULL without errors
 */
char *
polku_csv_row_dup_errors_text (PolkuCsvRow *self)
{
  g_autoptr(GString) text = NULL;

  g_return_val_if_fail (POLKU_IS_CSV_ROW (self), NULL);

  if (self->errors->len == 0)
    return NULL;
  text = g_string_new (NULL);
  for (guint i = 0; i < self->errors->len; i++)
    {
      RowError *e = g_ptr_array_index (self->errors, i);

      if (i > 0)
        g_string_append_c (text, '\n');
      /* TRANSLATORS: an error of one field of a CSV row, e.g. "date: “31.2.2025” is not …" */
      g_string_append_printf (text, _("%s: %s"), e->field, e->message);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * polku_csv_row_get_values:
 *
 * Returns: (transfer none): the row's fields as they are in the file
 */
const char * const *
polku_csv_row_get_values (PolkuCsvRow *self)
{
  g_return_val_if_fail (POLKU_IS_CSV_ROW (self), NULL);
  return (const char * const *) self->values;
}

PolkuCsvRow *
polku_csv_row_new (guint               number,
                   guint               line,
                   const char * const *values)
{
  PolkuCsvRow *self = g_object_new (POLKU_TYPE_CSV_ROW, NULL);

  self->number = number;
  self->line = line;
  self->values = g_strdupv ((GStrv) values);
  return self;
}

void
polku_csv_row_add_error (PolkuCsvRow *self,
                         const char  *field,
                         const char  *message)
{
  RowError *e = g_new0 (RowError, 1);

  e->field = g_strdup (field);
  e->message = g_strdup (message);
  g_ptr_array_add (self->errors, e);
}

void
polku_csv_row_set_status (PolkuCsvRow       *self,
                          PolkuCsvRowStatus  status)
{
  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), row_properties[ROW_PROP_STATUS]);
}

void
polku_csv_row_set_contact (PolkuCsvRow  *self,
                           PolkuContact *contact)
{
  g_set_object (&self->contact, contact);
}
