/* polku-contact.c: one contact or visit in a client's log
 *
 * A contact is what the coordinator learns of or makes: a visit to a doctor, a phone call,
 * a stay in hospital. Its type comes from data/contact-types.json; the professional is an
 * identifier (so that continuity-of-care indices can be computed) with an optional name.
 *
 * A stay on a ward (a type with the inpatient flag) records its days, so that the reports can
 * sum them; the reason is optional free text, the same words for the same issue, so that
 * repeated contacts for one issue can be counted.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-contact"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "polku-contact-private.h"
#include "polku-contact-type.h"
#include "polku-core-enums.h"
#include "polku-date.h"
#include "polku-object-private.h"
#include "polku-record-private.h"

struct _PolkuContact
{
  PolkuRecord         parent_instance;

  char               *date;
  char               *time;
  char               *type_id;
  char               *professional_id;
  char               *professional_name;
  char               *organisation;
  char               *note;
  char               *reason;
  guint               days;
  gboolean            urgent;
  gboolean            no_show;
  PolkuContactSource  source;
};

G_DEFINE_FINAL_TYPE (PolkuContact, polku_contact, POLKU_TYPE_RECORD)
G_DEFINE_QUARK (polku-contact-error-quark, polku_contact_error)

enum {
  PROP_0,
  PROP_DATE,
  PROP_TIME,
  PROP_TYPE_ID,
  PROP_URGENT,
  PROP_PROFESSIONAL_ID,
  PROP_PROFESSIONAL_NAME,
  PROP_ORGANISATION,
  PROP_NO_SHOW,
  PROP_NOTE,
  PROP_SOURCE,
  PROP_DAYS,
  PROP_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * polku_contact_error_field:
 * @code: a #PolkuContactError
 *
 * Returns: the name of the field that @code is about ("date", "type", …), as in the JSON
 *   of polku-cli and the columns of a CSV file
 */
const char *
polku_contact_error_field (int code)
{
  switch (code)
    {
    case POLKU_CONTACT_ERROR_CLIENT:
      return "client_id";
    case POLKU_CONTACT_ERROR_DATE:
      return "date";
    case POLKU_CONTACT_ERROR_TIME:
      return "time";
    case POLKU_CONTACT_ERROR_TYPE:
      return "type";
    case POLKU_CONTACT_ERROR_PROFESSIONAL:
      return "professional";
    case POLKU_CONTACT_ERROR_PROFESSIONAL_NAME:
      return "professional_name";
    case POLKU_CONTACT_ERROR_ORGANISATION:
      return "organisation";
    case POLKU_CONTACT_ERROR_NOTE:
      return "note";
    case POLKU_CONTACT_ERROR_DAYS:
      return "days";
    case POLKU_CONTACT_ERROR_REASON:
      return "reason";
    default:
      return NULL;
    }
}

const char *
polku_contact_source_to_string (PolkuContactSource source)
{
  return source == POLKU_CONTACT_SOURCE_IMPORTED ? "imported" : "entered";
}

gboolean
polku_contact_source_from_string (const char         *text,
                                  PolkuContactSource *out_source)
{
  g_return_val_if_fail (out_source != NULL, FALSE);

  if (g_strcmp0 (text, "entered") == 0)
    *out_source = POLKU_CONTACT_SOURCE_ENTERED;
  else if (g_strcmp0 (text, "imported") == 0)
    *out_source = POLKU_CONTACT_SOURCE_IMPORTED;
  else
    return FALSE;
  return TRUE;
}

static void
polku_contact_finalize (GObject *object)
{
  PolkuContact *self = (PolkuContact *) object;

  g_free (self->date);
  g_free (self->time);
  g_free (self->type_id);
  g_free (self->professional_id);
  g_free (self->professional_name);
  g_free (self->organisation);
  g_free (self->note);
  g_free (self->reason);

  G_OBJECT_CLASS (polku_contact_parent_class)->finalize (object);
}

static void
polku_contact_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PolkuContact *self = POLKU_CONTACT (object);

  switch (prop_id)
    {
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;
    case PROP_TIME:
      g_value_set_string (value, self->time);
      break;
    case PROP_TYPE_ID:
      g_value_set_string (value, self->type_id);
      break;
    case PROP_URGENT:
      g_value_set_boolean (value, self->urgent);
      break;
    case PROP_PROFESSIONAL_ID:
      g_value_set_string (value, self->professional_id);
      break;
    case PROP_PROFESSIONAL_NAME:
      g_value_set_string (value, self->professional_name);
      break;
    case PROP_ORGANISATION:
      g_value_set_string (value, self->organisation);
      break;
    case PROP_NO_SHOW:
      g_value_set_boolean (value, self->no_show);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    case PROP_SOURCE:
      g_value_set_enum (value, self->source);
      break;
    case PROP_DAYS:
      g_value_set_uint (value, self->days);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_contact_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PolkuContact *self = POLKU_CONTACT (object);

  switch (prop_id)
    {
    case PROP_DATE:
      polku_contact_set_date (self, g_value_get_string (value));
      break;
    case PROP_TIME:
      polku_contact_set_time (self, g_value_get_string (value));
      break;
    case PROP_TYPE_ID:
      polku_contact_set_type_id (self, g_value_get_string (value));
      break;
    case PROP_URGENT:
      polku_contact_set_urgent (self, g_value_get_boolean (value));
      break;
    case PROP_PROFESSIONAL_ID:
      polku_contact_set_professional_id (self, g_value_get_string (value));
      break;
    case PROP_PROFESSIONAL_NAME:
      polku_contact_set_professional_name (self, g_value_get_string (value));
      break;
    case PROP_ORGANISATION:
      polku_contact_set_organisation (self, g_value_get_string (value));
      break;
    case PROP_NO_SHOW:
      polku_contact_set_no_show (self, g_value_get_boolean (value));
      break;
    case PROP_NOTE:
      polku_contact_set_note (self, g_value_get_string (value));
      break;
    case PROP_SOURCE:
      polku_contact_set_source (self, g_value_get_enum (value));
      break;
    case PROP_DAYS:
      polku_contact_set_days (self, g_value_get_uint (value));
      break;
    case PROP_REASON:
      polku_contact_set_reason (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_contact_class_init (PolkuContactClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = polku_contact_finalize;
  object_class->get_property = polku_contact_get_property;
  object_class->set_property = polku_contact_set_property;

  properties[PROP_DATE] = g_param_spec_string ("date", NULL, NULL, NULL, rw);
  properties[PROP_TIME] = g_param_spec_string ("time", NULL, NULL, NULL, rw);
  properties[PROP_TYPE_ID] = g_param_spec_string ("type-id", NULL, NULL, NULL, rw);
  properties[PROP_URGENT] = g_param_spec_boolean ("urgent", NULL, NULL, FALSE, rw);
  properties[PROP_PROFESSIONAL_ID] =
    g_param_spec_string ("professional-id", NULL, NULL, NULL, rw);
  properties[PROP_PROFESSIONAL_NAME] =
    g_param_spec_string ("professional-name", NULL, NULL, NULL, rw);
  properties[PROP_ORGANISATION] = g_param_spec_string ("organisation", NULL, NULL, NULL, rw);
  properties[PROP_NO_SHOW] = g_param_spec_boolean ("no-show", NULL, NULL, FALSE, rw);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, rw);
  properties[PROP_SOURCE] =
    g_param_spec_enum ("source", NULL, NULL, POLKU_TYPE_CONTACT_SOURCE,
                       POLKU_CONTACT_SOURCE_ENTERED, rw);
  /* 0: not recorded (not an inpatient stay, or a stay logged before days were kept) */
  properties[PROP_DAYS] = g_param_spec_uint ("days", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
polku_contact_init (PolkuContact *self)
{
}

PolkuContact *
polku_contact_new (void)
{
  return g_object_new (POLKU_TYPE_CONTACT, NULL);
}

/**
 * polku_contact_copy:
 *
 * Returns: (transfer full): a copy, with the same id and stamps
 */
PolkuContact *
polku_contact_copy (PolkuContact *self)
{
  PolkuContact *copy;

  g_return_val_if_fail (POLKU_IS_CONTACT (self), NULL);

  copy = polku_contact_new ();
  polku_record_set_from (POLKU_RECORD (copy), POLKU_RECORD (self));
  copy->date = g_strdup (self->date);
  copy->time = g_strdup (self->time);
  copy->type_id = g_strdup (self->type_id);
  copy->professional_id = g_strdup (self->professional_id);
  copy->professional_name = g_strdup (self->professional_name);
  copy->organisation = g_strdup (self->organisation);
  copy->note = g_strdup (self->note);
  copy->reason = g_strdup (self->reason);
  copy->days = self->days;
  copy->urgent = self->urgent;
  copy->no_show = self->no_show;
  copy->source = self->source;
  return copy;
}

/* Stores @value stripped of surrounding space, or NULL when it is empty. */
static void
set_text (PolkuContact  *self,
          char         **field,
          const char    *value,
          guint          prop)
{
  if (polku_set_stripped (field, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_flag (PolkuContact *self,
          gboolean     *field,
          gboolean      value,
          guint         prop)
{
  value = !!value;
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

#define GETTER(type, name, expr) \
  type polku_contact_get_##name (PolkuContact *self) \
  { \
    g_return_val_if_fail (POLKU_IS_CONTACT (self), 0); \
    return expr; \
  }
#define TEXT_SETTER(name, PROP) \
  void polku_contact_set_##name (PolkuContact *self, const char *value) \
  { \
    g_return_if_fail (POLKU_IS_CONTACT (self)); \
    set_text (self, &self->name, value, PROP); \
  }
#define FLAG_SETTER(name, PROP) \
  void polku_contact_set_##name (PolkuContact *self, gboolean value) \
  { \
    g_return_if_fail (POLKU_IS_CONTACT (self)); \
    set_flag (self, &self->name, value, PROP); \
  }

GETTER (const char *, date, self->date)
GETTER (const char *, time, self->time)
GETTER (const char *, type_id, self->type_id)
GETTER (gboolean, urgent, self->urgent)
GETTER (const char *, professional_id, self->professional_id)
GETTER (const char *, professional_name, self->professional_name)
GETTER (const char *, organisation, self->organisation)
GETTER (gboolean, no_show, self->no_show)
GETTER (const char *, note, self->note)
GETTER (PolkuContactSource, source, self->source)
GETTER (guint, days, self->days)
GETTER (const char *, reason, self->reason)

TEXT_SETTER (date, PROP_DATE)
TEXT_SETTER (time, PROP_TIME)
TEXT_SETTER (type_id, PROP_TYPE_ID)
TEXT_SETTER (professional_id, PROP_PROFESSIONAL_ID)
TEXT_SETTER (professional_name, PROP_PROFESSIONAL_NAME)
TEXT_SETTER (organisation, PROP_ORGANISATION)
TEXT_SETTER (note, PROP_NOTE)
TEXT_SETTER (reason, PROP_REASON)
FLAG_SETTER (urgent, PROP_URGENT)
FLAG_SETTER (no_show, PROP_NO_SHOW)

#undef GETTER
#undef TEXT_SETTER
#undef FLAG_SETTER

void
polku_contact_set_client_id (PolkuContact *self,
                             const char   *client_id)
{
  g_autofree char *stripped = polku_strdup_stripped (client_id);

  g_return_if_fail (POLKU_IS_CONTACT (self));

  polku_record_set_client_id (POLKU_RECORD (self), stripped);
}

void
polku_contact_set_days (PolkuContact *self,
                        guint         days)
{
  g_return_if_fail (POLKU_IS_CONTACT (self));

  if (self->days == days)
    return;
  self->days = days;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAYS]);
}

/**
 * polku_contact_fold_reason:
 * @reason: (nullable): a reason as typed
 *
 * Returns: (transfer full) (nullable): @reason folded, so that the same words typed with
 *   other capitals or spaces are the same issue
 */
char *
polku_contact_fold_reason (const char *reason)
{
  g_autofree char *normal = NULL;
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_auto(GStrv) joined = NULL;

  if (reason == NULL || !g_utf8_validate (reason, -1, NULL))
    return NULL;
  normal = g_utf8_normalize (reason, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  folded = g_utf8_casefold (normal, -1);
  g_strdelimit (folded, "\t\n\r", ' ');
  words = g_strsplit (folded, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      g_strv_builder_add (kept, words[i]);
  joined = g_strv_builder_end (kept);
  if (joined[0] == NULL)
    return NULL;
  return g_strjoinv (" ", joined);
}

void
polku_contact_set_source (PolkuContact       *self,
                          PolkuContactSource  source)
{
  g_return_if_fail (POLKU_IS_CONTACT (self));
  g_return_if_fail (source == POLKU_CONTACT_SOURCE_ENTERED
                    || source == POLKU_CONTACT_SOURCE_IMPORTED);

  if (self->source == source)
    return;
  self->source = source;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
}

static gboolean
all_digits (const char *text,
            gsize       min,
            gsize       max)
{
  gsize n = strlen (text);

  if (n < min || n > max)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

/**
 * polku_contact_parse_date:
 * @text: "YYYY-MM-DD" or the Finnish "d.m.yyyy" (with or without leading zeros)
 *
 * Returns: (transfer full) (nullable): the date as "YYYY-MM-DD", or %NULL when @text is
 *   not a real date between the years 1900 and 2199
 */
char *
polku_contact_parse_date (const char *text)
{
  g_autofree char *iso = NULL;

  /* The shared reading of dates, within the contacts' years. */
  if (!polku_date_parse_user (text, &iso, NULL) || g_ascii_strtoull (iso, NULL, 10) > 2199)
    return NULL;
  return g_steal_pointer (&iso);
}

/**
 * polku_contact_parse_time:
 * @text: "HH:MM", "H:MM", "HH.MM" or "H.MM" (the Finnish way)
 *
 * Returns: (transfer full) (nullable): the time as "HH:MM", or %NULL
 */
char *
polku_contact_parse_time (const char *text)
{
  g_autofree char *stripped = NULL;
  g_auto(GStrv) parts = NULL;
  guint64 hour, minute;

  if (text == NULL)
    return NULL;
  stripped = g_strstrip (g_strdup (text));
  g_strdelimit (stripped, ".", ':');
  parts = g_strsplit (stripped, ":", -1);
  /* Seconds, as some exports write them, are accepted and dropped. */
  if (g_strv_length (parts) < 2 || g_strv_length (parts) > 3
      || !all_digits (parts[0], 1, 2) || !all_digits (parts[1], 2, 2)
      || (parts[2] != NULL && !all_digits (parts[2], 2, 2)))
    return NULL;
  hour = g_ascii_strtoull (parts[0], NULL, 10);
  minute = g_ascii_strtoull (parts[1], NULL, 10);
  if (hour > 23 || minute > 59)
    return NULL;
  return g_strdup_printf ("%02u:%02u", (guint) hour, (guint) minute);
}

static gboolean
check_length (const char  *text,
              gsize        max,
              int          code,
              GError     **error)
{
  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, POLKU_CONTACT_ERROR, code, _("The text is not valid UTF-8."));
      return FALSE;
    }
  if (g_utf8_strlen (text, -1) > (glong) max)
    {
      switch (code)
        {
        case POLKU_CONTACT_ERROR_PROFESSIONAL:
          g_set_error (error, POLKU_CONTACT_ERROR, code,
                       _("The professional's identifier is too long (at most %u characters)."),
                       (guint) max);
          break;
        case POLKU_CONTACT_ERROR_PROFESSIONAL_NAME:
          g_set_error (error, POLKU_CONTACT_ERROR, code,
                       _("The professional's name is too long (at most %u characters)."),
                       (guint) max);
          break;
        case POLKU_CONTACT_ERROR_ORGANISATION:
          g_set_error (error, POLKU_CONTACT_ERROR, code,
                       _("The organisation is too long (at most %u characters)."),
                       (guint) max);
          break;
        case POLKU_CONTACT_ERROR_REASON:
          g_set_error (error, POLKU_CONTACT_ERROR, code,
                       _("The reason is too long (at most %u characters)."), (guint) max);
          break;
        default:
          g_set_error (error, POLKU_CONTACT_ERROR, code,
                       _("The note is too long (at most %u characters)."), (guint) max);
          break;
        }
      return FALSE;
    }
  return TRUE;
}

/**
 * polku_contact_validate:
 * @types: (nullable): the known contact types, or %NULL for the bundled ones
 *
 * Checks the contact. The error's code names the field (polku_contact_error_field ()).
 */
gboolean
polku_contact_validate (PolkuContact  *self,
                        GListModel    *types,
                        GError       **error)
{
  g_autoptr(GListModel) default_types = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;
  PolkuContactType *type;
  const char *client_id;

  g_return_val_if_fail (POLKU_IS_CONTACT (self), FALSE);
  g_return_val_if_fail (types == NULL || G_IS_LIST_MODEL (types), FALSE);

  client_id = polku_contact_get_client_id (self);
  if (client_id == NULL || !g_uuid_string_is_valid (client_id))
    {
      g_set_error (error, POLKU_CONTACT_ERROR, POLKU_CONTACT_ERROR_CLIENT,
                   _("The contact belongs to no client."));
      return FALSE;
    }

  date = polku_contact_parse_date (self->date);
  if (self->date == NULL)
    {
      g_set_error (error, POLKU_CONTACT_ERROR, POLKU_CONTACT_ERROR_DATE,
                   _("The date is missing."));
      return FALSE;
    }
  if (date == NULL || !g_str_equal (date, self->date))
    {
      g_set_error (error, POLKU_CONTACT_ERROR, POLKU_CONTACT_ERROR_DATE,
                   _("“%s” is not a date: write it as YYYY-MM-DD or d.m.yyyy."), self->date);
      return FALSE;
    }

  time = polku_contact_parse_time (self->time);
  if (self->time != NULL && (time == NULL || !g_str_equal (time, self->time)))
    {
      g_set_error (error, POLKU_CONTACT_ERROR, POLKU_CONTACT_ERROR_TIME,
                   _("“%s” is not a time of day: write it as HH:MM."), self->time);
      return FALSE;
    }

  if (self->type_id == NULL)
    {
      g_set_error (error, POLKU_CONTACT_ERROR, POLKU_CONTACT_ERROR_TYPE,
                   _("The type of the contact is missing."));
      return FALSE;
    }
  if (types == NULL)
    {
      default_types = polku_contact_types_dup_default (error);
      if (default_types == NULL)
        return FALSE;
      types = default_types;
    }
  type = polku_contact_types_lookup (types, self->type_id);
  if (type == NULL)
    {
      g_set_error (error, POLKU_CONTACT_ERROR, POLKU_CONTACT_ERROR_TYPE,
                   _("“%s” is not a known type of contact."), self->type_id);
      return FALSE;
    }

  /* The days are what the reports sum for inpatient stays. A stay entered now gives them;
   * a stay imported from a file without a days column, or logged before days were kept,
   * has them as "not recorded" (0). */
  if (polku_contact_type_get_inpatient (type))
    {
      if (self->days > POLKU_CONTACT_MAX_DAYS
          || (self->days == 0 && self->source == POLKU_CONTACT_SOURCE_ENTERED))
        {
          g_set_error (error, POLKU_CONTACT_ERROR, POLKU_CONTACT_ERROR_DAYS,
                       _("A stay (“%s”) needs its number of days, from 1 to %u."),
                       polku_contact_type_get_label (type), POLKU_CONTACT_MAX_DAYS);
          return FALSE;
        }
    }
  else if (self->days != 0)
    {
      g_set_error (error, POLKU_CONTACT_ERROR, POLKU_CONTACT_ERROR_DAYS,
                   _("Only a stay on a ward has days: leave the days empty for “%s”."),
                   polku_contact_type_get_label (type));
      return FALSE;
    }

  return check_length (self->professional_id, POLKU_CONTACT_MAX_TEXT,
                       POLKU_CONTACT_ERROR_PROFESSIONAL, error)
      && check_length (self->professional_name, POLKU_CONTACT_MAX_TEXT,
                       POLKU_CONTACT_ERROR_PROFESSIONAL_NAME, error)
      && check_length (self->organisation, POLKU_CONTACT_MAX_TEXT,
                       POLKU_CONTACT_ERROR_ORGANISATION, error)
      && check_length (self->note, POLKU_CONTACT_MAX_NOTE, POLKU_CONTACT_ERROR_NOTE, error)
      && check_length (self->reason, POLKU_CONTACT_MAX_REASON, POLKU_CONTACT_ERROR_REASON,
                       error);
}

/* Oldest first: by date, then time (a contact without a time comes first), then id. */
int
polku_contact_compare (PolkuContact *a,
                       PolkuContact *b)
{
  int c = g_strcmp0 (a->date, b->date);

  if (c == 0)
    c = g_strcmp0 (a->time, b->time);
  if (c == 0)
    c = g_strcmp0 (polku_contact_get_id (a), polku_contact_get_id (b));
  return c;
}

/**
 * polku_contact_same_event:
 *
 * Returns: whether @a and @b record the same event: the same date, time, type,
 *   professional and organisation (used to find rows that were imported already)
 */
gboolean
polku_contact_same_event (PolkuContact *a,
                          PolkuContact *b)
{
  g_return_val_if_fail (POLKU_IS_CONTACT (a), FALSE);
  g_return_val_if_fail (POLKU_IS_CONTACT (b), FALSE);

  return g_strcmp0 (a->date, b->date) == 0
      && g_strcmp0 (a->time, b->time) == 0
      && g_strcmp0 (a->type_id, b->type_id) == 0
      && g_strcmp0 (a->professional_id, b->professional_id) == 0
      && g_strcmp0 (a->organisation, b->organisation) == 0
      && a->no_show == b->no_show;
}
