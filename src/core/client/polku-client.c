/* polku-client.c: a client of the coordination service
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-client"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "polku-client-private.h"
#include "polku-core-enums.h"
#include "polku-hetu.h"
#include "polku-object-private.h"

struct _PolkuClient
{
  GObject        parent_instance;

  char          *id;
  char          *created;
  char          *modified;
  char          *given_name;
  char          *family_name;
  char          *hetu;
  char          *birth_date;
  char          *phone;
  char          *email;
  char          *address;
  char          *municipality;
  PolkuLanguage  language;
  gboolean       archived;

  /* What polku_client_matches () searches, folded once (NULL: not made yet, or stale) */
  char          *search_text;
};

G_DEFINE_FINAL_TYPE (PolkuClient, polku_client, G_TYPE_OBJECT)
G_DEFINE_QUARK (polku-client-error-quark, polku_client_error)

enum {
  PROP_0,
  PROP_ID,
  PROP_CREATED,
  PROP_MODIFIED,
  PROP_GIVEN_NAME,
  PROP_FAMILY_NAME,
  PROP_DISPLAY_NAME,
  PROP_HETU,
  PROP_BIRTH_DATE,
  PROP_LANGUAGE,
  PROP_PHONE,
  PROP_EMAIL,
  PROP_ADDRESS,
  PROP_MUNICIPALITY,
  PROP_ARCHIVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The language codes are what the database stores. */
const char *
polku_language_to_code (PolkuLanguage language)
{
  switch (language)
    {
    case POLKU_LANGUAGE_FI:
      return "fi";
    case POLKU_LANGUAGE_SV:
      return "sv";
    case POLKU_LANGUAGE_OTHER:
      return "other";
    default:
      g_return_val_if_reached ("other");
    }
}

gboolean
polku_language_from_code (const char    *code,
                          PolkuLanguage *out_language)
{
  g_return_val_if_fail (out_language != NULL, FALSE);

  if (g_strcmp0 (code, "fi") == 0)
    *out_language = POLKU_LANGUAGE_FI;
  else if (g_strcmp0 (code, "sv") == 0)
    *out_language = POLKU_LANGUAGE_SV;
  else if (g_strcmp0 (code, "other") == 0)
    *out_language = POLKU_LANGUAGE_OTHER;
  else
    return FALSE;

  return TRUE;
}

/* A label for the user, in the UI language. */
const char *
polku_language_get_label (PolkuLanguage language)
{
  switch (language)
    {
    case POLKU_LANGUAGE_FI:
      return _("Finnish");
    case POLKU_LANGUAGE_SV:
      return _("Swedish");
    case POLKU_LANGUAGE_OTHER:
      return _("Other language");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Sets *field to a trimmed copy of value (NULL for empty) and notifies on real change. */
static void
set_string (PolkuClient  *self,
            char        **field,
            const char   *value,
            GParamSpec   *pspec)
{
  if (polku_set_stripped (field, value))
    {
      g_clear_pointer (&self->search_text, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), pspec);
    }
}

static void
polku_client_finalize (GObject *object)
{
  PolkuClient *self = (PolkuClient *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->created, g_free);
  g_clear_pointer (&self->modified, g_free);
  g_clear_pointer (&self->given_name, g_free);
  g_clear_pointer (&self->family_name, g_free);
  g_clear_pointer (&self->hetu, g_free);
  g_clear_pointer (&self->birth_date, g_free);
  g_clear_pointer (&self->phone, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->address, g_free);
  g_clear_pointer (&self->municipality, g_free);
  g_clear_pointer (&self->search_text, g_free);

  G_OBJECT_CLASS (polku_client_parent_class)->finalize (object);
}

static void
polku_client_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PolkuClient *self = POLKU_CLIENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_CREATED:
      g_value_set_string (value, self->created);
      break;
    case PROP_MODIFIED:
      g_value_set_string (value, self->modified);
      break;
    case PROP_GIVEN_NAME:
      g_value_set_string (value, self->given_name);
      break;
    case PROP_FAMILY_NAME:
      g_value_set_string (value, self->family_name);
      break;
    case PROP_DISPLAY_NAME:
      g_value_take_string (value, polku_client_dup_display_name (self));
      break;
    case PROP_HETU:
      g_value_set_string (value, self->hetu);
      break;
    case PROP_BIRTH_DATE:
      g_value_set_string (value, self->birth_date);
      break;
    case PROP_LANGUAGE:
      g_value_set_enum (value, self->language);
      break;
    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;
    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    case PROP_MUNICIPALITY:
      g_value_set_string (value, self->municipality);
      break;
    case PROP_ARCHIVED:
      g_value_set_boolean (value, self->archived);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_client_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PolkuClient *self = POLKU_CLIENT (object);

  switch (prop_id)
    {
    case PROP_GIVEN_NAME:
      polku_client_set_given_name (self, g_value_get_string (value));
      break;
    case PROP_FAMILY_NAME:
      polku_client_set_family_name (self, g_value_get_string (value));
      break;
    case PROP_HETU:
      polku_client_set_hetu (self, g_value_get_string (value));
      break;
    case PROP_BIRTH_DATE:
      polku_client_set_birth_date (self, g_value_get_string (value));
      break;
    case PROP_LANGUAGE:
      polku_client_set_language (self, g_value_get_enum (value));
      break;
    case PROP_PHONE:
      polku_client_set_phone (self, g_value_get_string (value));
      break;
    case PROP_EMAIL:
      polku_client_set_email (self, g_value_get_string (value));
      break;
    case PROP_ADDRESS:
      polku_client_set_address (self, g_value_get_string (value));
      break;
    case PROP_MUNICIPALITY:
      polku_client_set_municipality (self, g_value_get_string (value));
      break;
    case PROP_ARCHIVED:
      polku_client_set_archived (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define RW_FLAGS (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)
#define RO_FLAGS (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
polku_client_class_init (PolkuClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = polku_client_finalize;
  object_class->get_property = polku_client_get_property;
  object_class->set_property = polku_client_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, RO_FLAGS);
  properties[PROP_CREATED] = g_param_spec_string ("created", NULL, NULL, NULL, RO_FLAGS);
  properties[PROP_MODIFIED] = g_param_spec_string ("modified", NULL, NULL, NULL, RO_FLAGS);
  properties[PROP_GIVEN_NAME] = g_param_spec_string ("given-name", NULL, NULL, NULL, RW_FLAGS);
  properties[PROP_FAMILY_NAME] = g_param_spec_string ("family-name", NULL, NULL, NULL, RW_FLAGS);
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL,
                                                       RO_FLAGS);
  properties[PROP_HETU] = g_param_spec_string ("hetu", NULL, NULL, NULL, RW_FLAGS);
  properties[PROP_BIRTH_DATE] = g_param_spec_string ("birth-date", NULL, NULL, NULL, RW_FLAGS);
  properties[PROP_LANGUAGE] = g_param_spec_enum ("language", NULL, NULL, POLKU_TYPE_LANGUAGE,
                                                 POLKU_LANGUAGE_FI, RW_FLAGS);
  properties[PROP_PHONE] = g_param_spec_string ("phone", NULL, NULL, NULL, RW_FLAGS);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL, RW_FLAGS);
  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, NULL, RW_FLAGS);
  properties[PROP_MUNICIPALITY] = g_param_spec_string ("municipality", NULL, NULL, NULL,
                                                       RW_FLAGS);
  properties[PROP_ARCHIVED] = g_param_spec_boolean ("archived", NULL, NULL, FALSE, RW_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
polku_client_init (PolkuClient *self)
{
  self->language = POLKU_LANGUAGE_FI;
}

/**
 * polku_client_new:
 *
 * Returns: (transfer full): a client that is not stored yet (it has no id).
 */
PolkuClient *
polku_client_new (void)
{
  return g_object_new (POLKU_TYPE_CLIENT, NULL);
}

/**
 * polku_client_copy:
 *
 * Returns: (transfer full): an independent copy, including id and stamps; editors work
 * on a copy so that a failed save leaves the listed object as it was.
 */
PolkuClient *
polku_client_copy (PolkuClient *self)
{
  PolkuClient *copy;

  g_return_val_if_fail (POLKU_IS_CLIENT (self), NULL);

  copy = polku_client_new ();
  polku_client_update_from (copy, self);
  return copy;
}

/**
 * polku_client_update_from:
 *
 * Makes @self equal to @other, notifying only properties that really change.
 */
void
polku_client_update_from (PolkuClient *self,
                          PolkuClient *other)
{
  g_return_if_fail (POLKU_IS_CLIENT (self));
  g_return_if_fail (POLKU_IS_CLIENT (other));

  g_object_freeze_notify (G_OBJECT (self));
  polku_client_set_stamps (self, other->id, other->created, other->modified);
  polku_client_set_given_name (self, other->given_name);
  polku_client_set_family_name (self, other->family_name);
  polku_client_set_hetu (self, other->hetu);
  polku_client_set_birth_date (self, other->birth_date);
  polku_client_set_language (self, other->language);
  polku_client_set_phone (self, other->phone);
  polku_client_set_email (self, other->email);
  polku_client_set_address (self, other->address);
  polku_client_set_municipality (self, other->municipality);
  polku_client_set_archived (self, other->archived);
  g_object_thaw_notify (G_OBJECT (self));
}

void
polku_client_set_stamps (PolkuClient *self,
                         const char  *id,
                         const char  *created,
                         const char  *modified)
{
  g_return_if_fail (POLKU_IS_CLIENT (self));

  set_string (self, &self->id, id, properties[PROP_ID]);
  set_string (self, &self->created, created, properties[PROP_CREATED]);
  set_string (self, &self->modified, modified, properties[PROP_MODIFIED]);
}

const char *
polku_client_get_id (PolkuClient *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT (self), NULL);
  return self->id;
}

const char *
polku_client_get_created (PolkuClient *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT (self), NULL);
  return self->created;
}

const char *
polku_client_get_modified (PolkuClient *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT (self), NULL);
  return self->modified;
}

const char *
polku_client_get_given_name (PolkuClient *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT (self), NULL);
  return self->given_name;
}

void
polku_client_set_given_name (PolkuClient *self,
                             const char  *given_name)
{
  g_autofree char *old = NULL;

  g_return_if_fail (POLKU_IS_CLIENT (self));

  old = g_strdup (self->given_name);
  set_string (self, &self->given_name, given_name, properties[PROP_GIVEN_NAME]);
  if (g_strcmp0 (old, self->given_name) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
}

const char *
polku_client_get_family_name (PolkuClient *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT (self), NULL);
  return self->family_name;
}

void
polku_client_set_family_name (PolkuClient *self,
                              const char  *family_name)
{
  g_autofree char *old = NULL;

  g_return_if_fail (POLKU_IS_CLIENT (self));

  old = g_strdup (self->family_name);
  set_string (self, &self->family_name, family_name, properties[PROP_FAMILY_NAME]);
  if (g_strcmp0 (old, self->family_name) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
}

/**
 * polku_client_dup_display_name:
 *
 * Returns: (transfer full): "Given Family", or whichever part is set.
 */
char *
polku_client_dup_display_name (PolkuClient *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT (self), NULL);

  if (self->given_name != NULL && self->family_name != NULL)
    return g_strdup_printf ("%s %s", self->given_name, self->family_name);

  return g_strdup (self->given_name != NULL ? self->given_name
                   : self->family_name != NULL ? self->family_name : "");
}

const char *
polku_client_get_hetu (PolkuClient *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT (self), NULL);
  return self->hetu;
}

/* Stored normalized (upper case, trimmed); validated by polku_client_validate(). */
void
polku_client_set_hetu (PolkuClient *self,
                       const char  *hetu)
{
  g_autofree char *normalized = NULL;

  g_return_if_fail (POLKU_IS_CLIENT (self));

  if (hetu != NULL)
    normalized = polku_hetu_normalize (hetu);
  set_string (self, &self->hetu, normalized, properties[PROP_HETU]);
}

const char *
polku_client_get_birth_date (PolkuClient *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT (self), NULL);
  return self->birth_date;
}

/* ISO 8601 date, YYYY-MM-DD; validated by polku_client_validate(). */
void
polku_client_set_birth_date (PolkuClient *self,
                             const char  *birth_date)
{
  g_return_if_fail (POLKU_IS_CLIENT (self));
  set_string (self, &self->birth_date, birth_date, properties[PROP_BIRTH_DATE]);
}

PolkuLanguage
polku_client_get_language (PolkuClient *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT (self), POLKU_LANGUAGE_FI);
  return self->language;
}

void
polku_client_set_language (PolkuClient   *self,
                           PolkuLanguage  language)
{
  g_return_if_fail (POLKU_IS_CLIENT (self));
  g_return_if_fail (language <= POLKU_LANGUAGE_OTHER);

  if (self->language == language)
    return;

  self->language = language;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

const char *
polku_client_get_phone (PolkuClient *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT (self), NULL);
  return self->phone;
}

void
polku_client_set_phone (PolkuClient *self,
                        const char  *phone)
{
  g_return_if_fail (POLKU_IS_CLIENT (self));
  set_string (self, &self->phone, phone, properties[PROP_PHONE]);
}

const char *
polku_client_get_email (PolkuClient *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT (self), NULL);
  return self->email;
}

void
polku_client_set_email (PolkuClient *self,
                        const char  *email)
{
  g_return_if_fail (POLKU_IS_CLIENT (self));
  set_string (self, &self->email, email, properties[PROP_EMAIL]);
}

const char *
polku_client_get_address (PolkuClient *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT (self), NULL);
  return self->address;
}

void
polku_client_set_address (PolkuClient *self,
                          const char  *address)
{
  g_return_if_fail (POLKU_IS_CLIENT (self));
  set_string (self, &self->address, address, properties[PROP_ADDRESS]);
}

const char *
polku_client_get_municipality (PolkuClient *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT (self), NULL);
  return self->municipality;
}

void
polku_client_set_municipality (PolkuClient *self,
                               const char  *municipality)
{
  g_return_if_fail (POLKU_IS_CLIENT (self));
  set_string (self, &self->municipality, municipality, properties[PROP_MUNICIPALITY]);
}

gboolean
polku_client_get_archived (PolkuClient *self)
{
  g_return_val_if_fail (POLKU_IS_CLIENT (self), FALSE);
  return self->archived;
}

void
polku_client_set_archived (PolkuClient *self,
                           gboolean     archived)
{
  g_return_if_fail (POLKU_IS_CLIENT (self));

  archived = !!archived;
  if (self->archived == archived)
    return;

  self->archived = archived;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARCHIVED]);
}

static gboolean
parse_iso_date (const char *text,
                GDate      *date)
{
  guint y, m, d;
  char end;

  if (strlen (text) != 10 || sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &end) != 3)
    return FALSE;
  if (text[4] != '-' || text[7] != '-')
    return FALSE;
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

/**
 * polku_client_validate:
 *
 * Checks what a client must satisfy before it is stored: both names, a valid identity code
 * if one is given, an ISO birth date that is not in the future and that agrees with the
 * identity code, and a plausible e-mail address. Fills in the birth date from the code
 * when it is missing.
 */
gboolean
polku_client_validate (PolkuClient  *self,
                       GError      **error)
{
  GDate from_hetu;
  GDate given;
  GDate today;
  gboolean have_hetu_date = FALSE;

  g_return_val_if_fail (POLKU_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->given_name == NULL || self->family_name == NULL)
    {
      g_set_error (error, POLKU_CLIENT_ERROR, POLKU_CLIENT_ERROR_NAME,
                   _("Enter both the given name and the family name."));
      return FALSE;
    }

  /* Limits no person reaches, so that a pasted file does not become a name. */
  {
    const char *fields[] = { self->given_name, self->family_name, self->phone, self->email,
                             self->address, self->municipality };
    const char *labels[] = { N_("The given name"), N_("The family name"), N_("The phone number"),
                             N_("The email address"), N_("The address"),
                             N_("The municipality") };
    const glong limits[] = { 200, 200, 50, 254, 500, 100 };

    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      if (fields[i] != NULL && g_utf8_strlen (fields[i], -1) > limits[i])
        {
          g_set_error (error, POLKU_CLIENT_ERROR, i == 3 ? POLKU_CLIENT_ERROR_EMAIL
                                                         : POLKU_CLIENT_ERROR_NAME,
                       _("%s is longer than %ld characters: shorten it. Nothing was saved."),
                       _(labels[i]), limits[i]);
          return FALSE;
        }
  }

  /* One-line fields hold no line breaks, tabs or terminal escapes: they would forge lines
   * and columns wherever the client is listed as text. */
  {
    const char *one_line[] = { self->given_name, self->family_name, self->hetu, self->phone,
                               self->email, self->municipality };

    for (guint i = 0; i < G_N_ELEMENTS (one_line); i++)
      for (const char *p = one_line[i]; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
        if (g_unichar_iscntrl (g_utf8_get_char (p)))
          {
            g_set_error (error, POLKU_CLIENT_ERROR, POLKU_CLIENT_ERROR_NAME,
                         _("A name, identity code, phone, email or municipality cannot contain "
                           "line breaks, tabs or other control characters. Nothing was "
                           "saved."));
            return FALSE;
          }
  }

  if (self->hetu != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      if (!polku_hetu_validate (self->hetu, &from_hetu, &local_error))
        {
          g_set_error_literal (error, POLKU_CLIENT_ERROR, POLKU_CLIENT_ERROR_HETU,
                               local_error->message);
          return FALSE;
        }
      have_hetu_date = TRUE;
    }

  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));

  if (self->birth_date != NULL)
    {
      if (!parse_iso_date (self->birth_date, &given))
        {
          g_set_error (error, POLKU_CLIENT_ERROR, POLKU_CLIENT_ERROR_BIRTH_DATE,
                       _("Write the date of birth as YYYY-MM-DD, for example 1954-03-21."));
          return FALSE;
        }
      if (g_date_compare (&given, &today) > 0)
        {
          g_set_error (error, POLKU_CLIENT_ERROR, POLKU_CLIENT_ERROR_BIRTH_DATE,
                       _("The date of birth is in the future."));
          return FALSE;
        }
      if (have_hetu_date && g_date_compare (&given, &from_hetu) != 0)
        {
          g_set_error (error, POLKU_CLIENT_ERROR, POLKU_CLIENT_ERROR_BIRTH_DATE,
                       _("The date of birth does not match the identity code."));
          return FALSE;
        }
    }
  else if (have_hetu_date)
    {
      char buf[16];

      if (g_date_compare (&from_hetu, &today) > 0)
        {
          g_set_error (error, POLKU_CLIENT_ERROR, POLKU_CLIENT_ERROR_HETU,
                       _("The identity code gives a date of birth in the future."));
          return FALSE;
        }
      g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &from_hetu);
      polku_client_set_birth_date (self, buf);
    }

  if (self->email != NULL)
    {
      const char *at = strchr (self->email, '@');

      if (at == NULL || at == self->email || strchr (at, '.') == NULL
          || strchr (self->email, ' ') != NULL)
        {
          g_set_error (error, POLKU_CLIENT_ERROR, POLKU_CLIENT_ERROR_EMAIL,
                       _("The e-mail address is not valid; it should look like "
                         "name@example.fi."));
          return FALSE;
        }
    }

  return TRUE;
}

static char *
fold (const char *s)
{
  g_autofree char *normalized = g_utf8_normalize (s, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normalized != NULL ? normalized : "", -1);
}

/**
 * polku_client_prepare_search:
 *
 * Folds what polku_client_matches () searches now, so that the first search does not fold
 * every client: a list loading many clients calls it in its loading thread. Not
 * thread-safe for one client: call it before the client is shared.
 */
void
polku_client_prepare_search (PolkuClient *self)
{
  g_autofree char *joined = NULL;

  g_return_if_fail (POLKU_IS_CLIENT (self));

  if (self->search_text != NULL)
    return;
  joined = g_strjoin ("\n",
                      self->given_name ? self->given_name : "",
                      self->family_name ? self->family_name : "",
                      self->hetu ? self->hetu : "",
                      self->municipality ? self->municipality : "",
                      self->phone ? self->phone : "",
                      NULL);
  self->search_text = fold (joined);
}

/**
 * polku_client_matches:
 * @query: (nullable): what the user typed into the search
 *
 * Returns: %TRUE when every word of @query is found (case-insensitively) in the name,
 * identity code, municipality or phone number. An empty query matches everything.
 */
gboolean
polku_client_matches (PolkuClient *self,
                      const char  *query)
{
  /* The search runs over every client on each keystroke: the client's text is folded once
   * (and again only after a change), the query once per keystroke, not once per client. */
  static __thread char *last_query = NULL;
  static __thread char **last_words = NULL;

  g_return_val_if_fail (POLKU_IS_CLIENT (self), FALSE);

  if (query == NULL)
    return TRUE;

  if (last_query == NULL || strcmp (last_query, query) != 0)
    {
      g_autofree char *folded_query = fold (query);

      g_free (last_query);
      g_strfreev (last_words);
      last_query = g_strdup (query);
      last_words = g_strsplit_set (folded_query, " \t\n", -1);
    }

  polku_client_prepare_search (self);

  for (guint i = 0; last_words[i] != NULL; i++)
    {
      if (last_words[i][0] == '\0')
        continue;
      if (strstr (self->search_text, last_words[i]) == NULL)
        return FALSE;
    }

  return TRUE;
}

/**
 * polku_client_compare:
 *
 * Orders by family name, then given name, by the user's collation, then by id.
 */
int
polku_client_compare (PolkuClient *a,
                      PolkuClient *b)
{
  int result;

  g_return_val_if_fail (POLKU_IS_CLIENT (a) && POLKU_IS_CLIENT (b), 0);

  result = g_utf8_collate (a->family_name ? a->family_name : "",
                           b->family_name ? b->family_name : "");
  if (result == 0)
    result = g_utf8_collate (a->given_name ? a->given_name : "",
                             b->given_name ? b->given_name : "");
  if (result == 0)
    result = g_strcmp0 (a->id, b->id);

  return result;
}
