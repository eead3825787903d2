/* polku-sync-preferences.c: the Sync page of Preferences
 *
 * Server address, account and organisation go to the profile (polku_sync_settings_save (),
 * nothing secret); the password goes to the keyring only (polku_sync_password_store (), in
 * a thread) and the field is emptied: it is never shown again. A bad address is refused with
 * the reason and nothing is saved. Test Connection logs in with the password typed (or the
 * one in the keyring); when the server's certificate is not trusted it shows the
 * certificate's SHA-256 fingerprint and offers to trust it, which pins the fingerprint in the
 * settings.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-sync-preferences"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "polku-couch.h"
#include "polku-organisations.h"
#include "polku-sync-controller.h"
#include "polku-sync-preferences.h"
#include "polku-sync.h"

/* How long Test Connection waits for the server. */
#define TEST_TIMEOUT_SECONDS 15

struct _PolkuSyncPreferences
{
  AdwPreferencesPage   parent_instance;

  PolkuProfile        *profile;
  GCancellable        *cancellable;
  GPtrArray           *organisation_ids;  /* index in the combo → id; [0] NULL: coordinator */
  char                *saved_server;      /* the server the pinned certificate is for */
  char                *trusted;           /* the pinned fingerprint, or NULL */
  char                *fingerprint;       /* offered by the last test, or NULL */
  guint                n_busy;
  guint                focus_tick;        /* waits to focus the fingerprint offered */

  AdwPreferencesGroup *server_group;
  AdwEntryRow         *server_row;
  AdwEntryRow         *account_row;
  AdwComboRow         *organisation_row;
  AdwPasswordEntryRow *password_row;
  GtkLabel            *status_label;
  GtkWidget           *spinner;
  AdwPreferencesGroup *certificate_group;
  AdwActionRow        *fingerprint_row;
  AdwPreferencesGroup *trusted_group;
  AdwActionRow        *trusted_row;
};

G_DEFINE_FINAL_TYPE (PolkuSyncPreferences, polku_sync_preferences, ADW_TYPE_PREFERENCES_PAGE)

/* The address */

static gboolean
is_loopback (const char *host)
{
  return g_ascii_strcasecmp (host, "localhost") == 0
         || g_str_has_prefix (host, "127.")
         || g_strcmp0 (host, "::1") == 0
         || g_strcmp0 (host, "[::1]") == 0;
}

/**
 * polku_sync_preferences_check_url:
 *
 * Returns: %FALSE with @error (POLKU_SYNC_ERROR_INVALID, in words) for an address Polku
 *   does not send plans to
 */
gboolean
polku_sync_preferences_check_url (const char  *url,
                                  GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (url == NULL || url[0] == '\0')
    {
      g_set_error (error, POLKU_SYNC_ERROR, POLKU_SYNC_ERROR_INVALID,
                   _("Write the sync server’s address, for example "
                     "https://sync.example.fi."));
      return FALSE;
    }
  for (const char *p = url; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      {
        g_set_error (error, POLKU_SYNC_ERROR, POLKU_SYNC_ERROR_INVALID,
                     _("The server’s address must not contain spaces."));
        return FALSE;
      }

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (uri == NULL || host == NULL || host[0] == '\0')
    {
      g_set_error (error, POLKU_SYNC_ERROR, POLKU_SYNC_ERROR_INVALID,
                   _("“%s” is not a web address. Write it as https://sync.example.fi."), url);
      return FALSE;
    }
  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    {
      g_set_error (error, POLKU_SYNC_ERROR, POLKU_SYNC_ERROR_INVALID,
                   _("The server’s address must start with https://."));
      return FALSE;
    }
  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, POLKU_SYNC_ERROR, POLKU_SYNC_ERROR_INVALID,
                   _("Do not put the account or the password in the address: they have "
                     "fields of their own."));
      return FALSE;
    }
  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, POLKU_SYNC_ERROR, POLKU_SYNC_ERROR_INVALID,
                   _("The server’s address must not have a “?” or “#” part."));
      return FALSE;
    }
  if (g_ascii_strcasecmp (scheme, "http") == 0 && !is_loopback (host))
    {
      g_set_error (error, POLKU_SYNC_ERROR, POLKU_SYNC_ERROR_INVALID,
                   _("The server’s address must start with https://: over http:// the "
                     "password and the plans would travel unencrypted. (http:// is accepted "
                     "only for a server on this computer.)"));
      return FALSE;
    }
  return TRUE;
}

/* Status */

static void
set_status (PolkuSyncPreferences *self,
            const char           *text,
            gboolean              is_error)
{
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL && text[0] != '\0');
  if (is_error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "success");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "success");
    }
}

static void
update_actions (PolkuSyncPreferences *self)
{
  gboolean idle = self->n_busy == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync-preferences.save", idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync-preferences.test", idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync-preferences.trust",
                                 idle && self->fingerprint != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync-preferences.forget-certificate",
                                 idle && self->trusted != NULL);
  gtk_widget_set_visible (self->spinner, !idle);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), !idle);
}

static void
busy_begin (PolkuSyncPreferences *self)
{
  self->n_busy++;
  update_actions (self);
}

static void
busy_end (PolkuSyncPreferences *self)
{
  g_return_if_fail (self->n_busy > 0);
  self->n_busy--;
  update_actions (self);
}

static void
show_certificates (PolkuSyncPreferences *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->certificate_group), self->fingerprint != NULL);
  adw_action_row_set_subtitle (self->fingerprint_row,
                               self->fingerprint != NULL ? self->fingerprint : "");
  gtk_widget_set_visible (GTK_WIDGET (self->trusted_group), self->trusted != NULL);
  adw_action_row_set_subtitle (self->trusted_row, self->trusted != NULL ? self->trusted : "");
  update_actions (self);
}

static void
add_toast (PolkuSyncPreferences *self,
           const char           *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (text));
}

static void
on_field_changed (PolkuSyncPreferences *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->server_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->account_row), "error");
}

/* The fields */

static char *
dup_trimmed (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static const char *
selected_organisation (PolkuSyncPreferences *self)
{
  guint selected = adw_combo_row_get_selected (self->organisation_row);

  if (self->organisation_ids == NULL || selected >= self->organisation_ids->len)
    return NULL;
  return g_ptr_array_index (self->organisation_ids, selected);
}

/* The settings as filled in, or NULL with the reason shown (and the row marked). */
static PolkuSyncSettings *
read_fields (PolkuSyncPreferences *self)
{
  g_autoptr(PolkuSyncSettings) settings = g_new0 (PolkuSyncSettings, 1);
  g_autoptr(GError) error = NULL;

  settings->server = dup_trimmed (self->server_row);
  settings->account = dup_trimmed (self->account_row);
  settings->organisation = g_strdup (selected_organisation (self));
  settings->profile_id = g_strdup (polku_profile_get_id (self->profile));

  if (!polku_sync_preferences_check_url (settings->server, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->server_row), "error");
      set_status (self, error->message, TRUE);
      return NULL;
    }
  if (settings->account[0] == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->account_row), "error");
      set_status (self, _("Write the account the county gave you for the sync server."), TRUE);
      return NULL;
    }
  for (const char *p = settings->account; *p != '\0'; p++)
    if (g_ascii_iscntrl (*p))
      {
        gtk_widget_add_css_class (GTK_WIDGET (self->account_row), "error");
        set_status (self, _("The account must be one line of text."), TRUE);
        return NULL;
      }
  /* A certificate pinned for one server means nothing for another. */
  if (self->trusted != NULL && g_strcmp0 (self->saved_server, settings->server) == 0)
    settings->trusted_certificate = g_strdup (self->trusted);
  return g_steal_pointer (&settings);
}

static void
load_fields (PolkuSyncPreferences *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuSyncSettings) settings = polku_sync_settings_load (self->profile, &error);

  if (settings == NULL)
    {
      set_status (self, error->message, TRUE);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->server_row),
                         settings->server != NULL ? settings->server : "");
  gtk_editable_set_text (GTK_EDITABLE (self->account_row),
                         settings->account != NULL ? settings->account : "");
  for (guint i = 1; self->organisation_ids != NULL && i < self->organisation_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->organisation_ids, i), settings->organisation) == 0)
      adw_combo_row_set_selected (self->organisation_row, i);
  g_free (self->saved_server);
  self->saved_server = g_strdup (settings->server);
  g_free (self->trusted);
  self->trusted = g_strdup (settings->trusted_certificate);
  show_certificates (self);
}

static void
load_organisations (PolkuSyncPreferences *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  PolkuOrganisations *organisations = polku_organisations_get_default (&error);

  self->organisation_ids = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->organisation_ids, NULL);
  gtk_string_list_append (labels, _("Coordinator: every organisation’s plans"));
  if (organisations == NULL)
    {
      set_status (self, error->message, TRUE);
    }
  else
    {
      GListModel *list = polku_organisations_get_list (organisations);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(PolkuOrganisation) organisation = g_list_model_get_item (list, i);

          g_ptr_array_add (self->organisation_ids,
                           g_strdup (polku_organisation_get_id (organisation)));
          gtk_string_list_append (labels, polku_organisation_get_label (organisation));
        }
    }
  adw_combo_row_set_model (self->organisation_row, G_LIST_MODEL (labels));
}

/* Saving */

typedef struct
{
  char *profile_id;
  char *server;
  char *account;
  char *password;
} PasswordData;

static void
password_data_free (PasswordData *data)
{
  if (data->password != NULL)
    explicit_bzero (data->password, strlen (data->password));
  g_free (data->password);
  g_free (data->profile_id);
  g_free (data->server);
  g_free (data->account);
  g_free (data);
}

static void
password_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  PasswordData *data = task_data;
  GError *error = NULL;

  if (!polku_sync_password_store (data->profile_id, data->server, data->account,
                                  data->password, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
password_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  PolkuSyncPreferences *self = POLKU_SYNC_PREFERENCES (source);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *text = NULL;

      busy_end (self);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = g_strdup_printf (_("The settings were saved, but the password could not be "
                                "kept in the keyring: %s"), error->message);
      set_status (self, text, TRUE);
      return;
    }
  busy_end (self);
  set_status (self, _("Saved. The password is in your keyring."), FALSE);
  add_toast (self, _("Sync settings saved"));
  polku_sync_controller_settings_changed (polku_profile_get_id (self->profile));
}

static gboolean
save_settings (PolkuSyncPreferences *self,
               PolkuSyncSettings    *settings)
{
  g_autoptr(GError) error = NULL;

  if (!polku_sync_settings_save (self->profile, settings, &error))
    {
      set_status (self, error->message, TRUE);
      return FALSE;
    }
  g_free (self->saved_server);
  self->saved_server = g_strdup (settings->server);
  g_free (self->trusted);
  self->trusted = g_strdup (settings->trusted_certificate);
  show_certificates (self);
  return TRUE;
}

/**
 * polku_sync_preferences_save:
 *
 * Saves the settings filled in, and the password typed (if any) to the keyring in a thread
 * (polku_sync_preferences_get_busy () until it is there).
 *
 * Returns: %FALSE when nothing was saved (the reason is shown)
 */
gboolean
polku_sync_preferences_save (PolkuSyncPreferences *self)
{
  g_autoptr(PolkuSyncSettings) settings = NULL;
  const char *typed;

  g_return_val_if_fail (POLKU_IS_SYNC_PREFERENCES (self), FALSE);

  if (self->n_busy > 0)
    return FALSE;
  settings = read_fields (self);
  if (settings == NULL || !save_settings (self, settings))
    return FALSE;

  typed = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  if (typed[0] != '\0')
    {
      g_autoptr(GTask) task = g_task_new (self, self->cancellable, password_done, NULL);
      PasswordData *data = g_new0 (PasswordData, 1);

      data->profile_id = g_strdup (polku_profile_get_id (self->profile));
      data->server = g_strdup (settings->server);
      data->account = g_strdup (settings->account);
      data->password = g_strdup (typed);
      /* Never shown again: the field is emptied at once. */
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
      g_task_set_task_data (task, data, (GDestroyNotify) password_data_free);
      busy_begin (self);
      set_status (self, _("Saving the password in your keyring…"), FALSE);
      g_task_run_in_thread (task, password_thread);
      return TRUE;
    }

  set_status (self, _("Saved."), FALSE);
  add_toast (self, _("Sync settings saved"));
  polku_sync_controller_settings_changed (polku_profile_get_id (self->profile));
  return TRUE;
}

/* Test Connection */

/* The fingerprint offered is below the fields, often out of sight: once it is laid out, the
 * focus goes to its row (which scrolls it into view and reads it to a screen reader), not to
 * the Trust button, where a key pressed by habit would trust it. */
static gboolean
focus_fingerprint_tick (GtkWidget     *widget,
                        GdkFrameClock *clock,
                        gpointer       user_data)
{
  PolkuSyncPreferences *self = POLKU_SYNC_PREFERENCES (widget);
  GtkWidget *row = GTK_WIDGET (self->fingerprint_row);

  if (self->fingerprint == NULL)
    {
      self->focus_tick = 0;
      return G_SOURCE_REMOVE;
    }
  if (!gtk_widget_get_mapped (row) || gtk_widget_get_height (row) == 0)
    return G_SOURCE_CONTINUE;
  self->focus_tick = 0;
  gtk_widget_grab_focus (row);
  return G_SOURCE_REMOVE;
}

static void
focus_fingerprint (PolkuSyncPreferences *self)
{
  if (self->focus_tick == 0)
    self->focus_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), focus_fingerprint_tick,
                                                     NULL, NULL);
}

typedef struct
{
  PolkuSyncSettings *settings;
  char              *password;   /* NULL: the keyring's */
} TestData;

typedef struct
{
  GError            *error;
  char              *fingerprint;
} TestResult;

static void
test_data_free (TestData *data)
{
  g_clear_pointer (&data->settings, polku_sync_settings_free);
  if (data->password != NULL)
    explicit_bzero (data->password, strlen (data->password));
  g_free (data->password);
  g_free (data);
}

static void
test_result_free (TestResult *result)
{
  g_clear_error (&result->error);
  g_free (result->fingerprint);
  g_free (result);
}

static void
test_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TestData *data = task_data;
  TestResult *result = g_new0 (TestResult, 1);
  g_autoptr(PolkuCouch) couch = NULL;
  char *password = data->password;
  char *looked_up = NULL;

  if (password == NULL)
    {
      looked_up = polku_sync_password_lookup (data->settings->profile_id, data->settings->server,
                                              data->settings->account, cancellable,
                                              &result->error);
      if (looked_up == NULL)
        {
          if (result->error == NULL
              || g_error_matches (result->error, POLKU_SYNC_ERROR, POLKU_SYNC_ERROR_NO_PASSWORD))
            {
              g_clear_error (&result->error);
              g_set_error (&result->error, POLKU_SYNC_ERROR, POLKU_SYNC_ERROR_NO_PASSWORD,
                           _("No password for this server and account is saved yet. Type it "
                             "in the password field."));
            }
          g_task_return_pointer (task, result, (GDestroyNotify) test_result_free);
          return;
        }
      password = looked_up;
    }

  couch = polku_couch_new (data->settings->server, data->settings->account, password,
                           data->settings->trusted_certificate, &result->error);
  if (couch != NULL)
    {
      polku_couch_set_timeout (couch, TEST_TIMEOUT_SECONDS);
      if (!polku_couch_login (couch, cancellable, &result->error)
          && g_error_matches (result->error, POLKU_COUCH_ERROR, POLKU_COUCH_ERROR_TLS))
        result->fingerprint = polku_couch_dup_peer_fingerprint (couch, cancellable, NULL);
    }
  if (looked_up != NULL)
    {
      explicit_bzero (looked_up, strlen (looked_up));
      g_free (looked_up);
    }
  g_task_return_pointer (task, result, (GDestroyNotify) test_result_free);
}

/* The HTTP status a server error names ("… (HTTP 503) …"), or 0. */
static guint
http_status_of (const char *message)
{
  const char *at = message != NULL ? strstr (message, "HTTP ") : NULL;
  char digits[4] = { 0 };
  guint64 status = 0;

  if (at == NULL)
    return 0;
  for (guint i = 0; i < 3 && g_ascii_isdigit (at[5 + i]); i++)
    digits[i] = at[5 + i];
  if (!g_ascii_string_to_unsigned (digits, 10, 100, 599, &status, NULL))
    return 0;
  return (guint) status;
}

/**
 * polku_sync_preferences_describe_error:
 * @error: what Test Connection failed with
 * @server: the address tested
 * @account: (nullable): the account tested
 * @fingerprint: (nullable): the certificate's fingerprint, shown below to be trusted
 *
 * polku-couch's messages are written for the sync that runs by itself ("check … in
 * Preferences", "sync will try again"); here the person is on that page, trying the
 * address once. Errors of other domains (the keyring's) keep their message.
 *
 * Returns: (transfer full): the words the Sync page shows for @error
 */
char *
polku_sync_preferences_describe_error (const GError *error,
                                       const char   *server,
                                       const char   *account,
                                       const char   *fingerprint)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != POLKU_COUCH_ERROR || server == NULL)
    return g_strdup (error->message);

  switch ((PolkuCouchError) error->code)
    {
    case POLKU_COUCH_ERROR_UNREACHABLE:
      return g_strdup_printf (_("The sync server %s cannot be reached. Check the address "
                                "above and this computer’s network connection."), server);
    case POLKU_COUCH_ERROR_TIMEOUT:
      return g_strdup_printf (_("The sync server %s did not answer within %u s. Check the "
                                "address above; if it is right, the server may be "
                                "overloaded: tell its administrator."),
                              server, TEST_TIMEOUT_SECONDS);
    case POLKU_COUCH_ERROR_UNAUTHORIZED:
      return g_strdup_printf (_("The sync server %s did not accept the account “%s” with this "
                                "password. Check the account and the password above."),
                              server, account != NULL ? account : "");
    case POLKU_COUCH_ERROR_NOT_FOUND:
      return g_strdup_printf (_("%s does not answer as a sync server (CouchDB) does. Check "
                                "the address above: the server’s address alone, without a "
                                "database name."), server);
    case POLKU_COUCH_ERROR_SERVER:
      {
        guint status = http_status_of (error->message);

        if (status != 0)
          return g_strdup_printf (_("The sync server %s answered with an error (HTTP %u). "
                                    "Check the address above; if it is right, tell the "
                                    "server’s administrator."), server, status);
        return g_strdup_printf (_("The sync server %s answered with an error. Check the "
                                  "address above; if it is right, tell the server’s "
                                  "administrator."), server);
      }
    case POLKU_COUCH_ERROR_MALFORMED:
    case POLKU_COUCH_ERROR_TOO_LARGE:
      return g_strdup_printf (_("%s answers, but not as a sync server (CouchDB) does. Check "
                                "the address above, its port too; if it is right, tell the "
                                "server’s administrator."), server);
    case POLKU_COUCH_ERROR_TLS:
      if (fingerprint != NULL)
        return g_strdup_printf (_("The certificate of the sync server %s is not trusted. "
                                  "Trust it below only if the server’s administrator "
                                  "confirms its fingerprint."), server);
      return g_strdup_printf (_("A secure connection to the sync server %s could not be set "
                                "up. Check that the address above starts with the right "
                                "https:// or http:// and has the right port."), server);
    case POLKU_COUCH_ERROR_NO_ACCESS:
    case POLKU_COUCH_ERROR_CONFLICT:
    case POLKU_COUCH_ERROR_INVALID:
    default:
      /* Written for any place already: who to ask, or what in the address is wrong. */
      return g_strdup (error->message);
    }
}

static void
test_done (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  PolkuSyncPreferences *self = POLKU_SYNC_PREFERENCES (source);
  g_autoptr(GError) error = NULL;
  TestResult *result = g_task_propagate_pointer (G_TASK (res), &error);
  TestData *data = g_task_get_task_data (G_TASK (res));
  g_autofree char *server = user_data;

  if (result == NULL)
    {
      /* Cancelled: the page is going away. */
      return;
    }
  busy_end (self);
  g_clear_pointer (&self->fingerprint, g_free);
  if (result->error != NULL)
    {
      self->fingerprint = g_steal_pointer (&result->fingerprint);
      if (!g_error_matches (result->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = polku_sync_preferences_describe_error (result->error, server,
                                                                         data->settings->account,
                                                                         self->fingerprint);

          set_status (self, text, TRUE);
        }
      if (self->fingerprint != NULL)
        focus_fingerprint (self);
    }
  else
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (_("Connected to %s. The account and password work."), server);
      set_status (self, text, FALSE);
    }
  show_certificates (self);
  test_result_free (result);
}

/* Logs in with what is filled in, in a thread (polku_sync_preferences_get_busy () until the
 * answer is in; then the status says how it went). */
void
polku_sync_preferences_test_connection (PolkuSyncPreferences *self)
{
  g_autoptr(GTask) task = NULL;
  TestData *data;
  const char *typed;

  g_return_if_fail (POLKU_IS_SYNC_PREFERENCES (self));

  if (self->n_busy > 0)
    return;

  data = g_new0 (TestData, 1);
  data->settings = read_fields (self);
  if (data->settings == NULL)
    {
      test_data_free (data);
      return;
    }
  typed = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  data->password = typed[0] != '\0' ? g_strdup (typed) : NULL;

  g_clear_pointer (&self->fingerprint, g_free);
  show_certificates (self);
  task = g_task_new (self, self->cancellable, test_done, g_strdup (data->settings->server));
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_task_data (task, data, (GDestroyNotify) test_data_free);
  busy_begin (self);
  set_status (self, _("Connecting…"), FALSE);
  g_task_run_in_thread (task, test_thread);
}

/**
 * polku_sync_preferences_trust_certificate:
 *
 * Pins the fingerprint the last test showed, saving it with the settings filled in.
 *
 * Returns: %FALSE when nothing was saved (the reason is shown)
 */
gboolean
polku_sync_preferences_trust_certificate (PolkuSyncPreferences *self)
{
  g_autoptr(PolkuSyncSettings) settings = NULL;

  g_return_val_if_fail (POLKU_IS_SYNC_PREFERENCES (self), FALSE);

  if (self->fingerprint == NULL || self->n_busy > 0)
    return FALSE;
  settings = read_fields (self);
  if (settings == NULL)
    return FALSE;
  g_free (settings->trusted_certificate);
  settings->trusted_certificate = g_strdup (self->fingerprint);
  if (!save_settings (self, settings))
    return FALSE;

  g_clear_pointer (&self->fingerprint, g_free);
  show_certificates (self);
  set_status (self, _("The certificate is trusted. Test the connection again."), FALSE);
  polku_sync_controller_settings_changed (polku_profile_get_id (self->profile));
  return TRUE;
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  polku_sync_preferences_save (POLKU_SYNC_PREFERENCES (widget));
}

static void
test_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  polku_sync_preferences_test_connection (POLKU_SYNC_PREFERENCES (widget));
}

static void
trust_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  polku_sync_preferences_trust_certificate (POLKU_SYNC_PREFERENCES (widget));
}

static void
forget_certificate_activated (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  PolkuSyncPreferences *self = POLKU_SYNC_PREFERENCES (widget);
  g_autoptr(PolkuSyncSettings) settings = NULL;

  if (self->trusted == NULL || self->n_busy > 0)
    return;
  settings = read_fields (self);
  if (settings == NULL)
    return;
  g_clear_pointer (&settings->trusted_certificate, g_free);
  if (save_settings (self, settings))
    {
      set_status (self, _("The certificate is no longer trusted."), FALSE);
      polku_sync_controller_settings_changed (polku_profile_get_id (self->profile));
    }
}

/* What the tests read */

gboolean
polku_sync_preferences_get_busy (PolkuSyncPreferences *self)
{
  g_return_val_if_fail (POLKU_IS_SYNC_PREFERENCES (self), FALSE);
  return self->n_busy > 0;
}

const char *
polku_sync_preferences_get_status (PolkuSyncPreferences *self)
{
  g_return_val_if_fail (POLKU_IS_SYNC_PREFERENCES (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->status_label))
         ? gtk_label_get_text (self->status_label) : NULL;
}

gboolean
polku_sync_preferences_get_status_is_error (PolkuSyncPreferences *self)
{
  g_return_val_if_fail (POLKU_IS_SYNC_PREFERENCES (self), FALSE);
  return gtk_widget_has_css_class (GTK_WIDGET (self->status_label), "error");
}

/* The fingerprint offered for trust (shown after a test met an untrusted certificate). */
const char *
polku_sync_preferences_get_fingerprint (PolkuSyncPreferences *self)
{
  g_return_val_if_fail (POLKU_IS_SYNC_PREFERENCES (self), NULL);
  return self->fingerprint;
}

GtkEditable *
polku_sync_preferences_get_server_row (PolkuSyncPreferences *self)
{
  g_return_val_if_fail (POLKU_IS_SYNC_PREFERENCES (self), NULL);
  return GTK_EDITABLE (self->server_row);
}

GtkEditable *
polku_sync_preferences_get_account_row (PolkuSyncPreferences *self)
{
  g_return_val_if_fail (POLKU_IS_SYNC_PREFERENCES (self), NULL);
  return GTK_EDITABLE (self->account_row);
}

GtkEditable *
polku_sync_preferences_get_password_row (PolkuSyncPreferences *self)
{
  g_return_val_if_fail (POLKU_IS_SYNC_PREFERENCES (self), NULL);
  return GTK_EDITABLE (self->password_row);
}

AdwComboRow *
polku_sync_preferences_get_organisation_row (PolkuSyncPreferences *self)
{
  g_return_val_if_fail (POLKU_IS_SYNC_PREFERENCES (self), NULL);
  return self->organisation_row;
}

/* GObject */

/* The page is made for one profile (polku_sync_preferences_new ()), so the profile is not a
 * property: nothing sets it later. */
static void
load (PolkuSyncPreferences *self)
{
  /* The organisation row shows the choice as its subtitle (an organisation's name is too long
   * to stand beside its title in a narrow window), so what the choice means is said here. */
  g_autofree char *description =
    g_strdup_printf ("%s\n\n%s", adw_preferences_group_get_description (self->server_group),
                     _("A coordinator syncs every shared plan; clinic staff sync the plans "
                       "shared with their organisation."));

  adw_preferences_group_set_description (self->server_group, description);
  load_organisations (self);
  load_fields (self);
  update_actions (self);
}

static void
polku_sync_preferences_dispose (GObject *object)
{
  PolkuSyncPreferences *self = (PolkuSyncPreferences *) object;

  if (self->focus_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->focus_tick);
  self->focus_tick = 0;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), POLKU_TYPE_SYNC_PREFERENCES);
  g_clear_object (&self->profile);

  G_OBJECT_CLASS (polku_sync_preferences_parent_class)->dispose (object);
}

static void
polku_sync_preferences_finalize (GObject *object)
{
  PolkuSyncPreferences *self = (PolkuSyncPreferences *) object;

  g_clear_pointer (&self->organisation_ids, g_ptr_array_unref);
  g_free (self->saved_server);
  g_free (self->trusted);
  g_free (self->fingerprint);

  G_OBJECT_CLASS (polku_sync_preferences_parent_class)->finalize (object);
}

static void
polku_sync_preferences_class_init (PolkuSyncPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = polku_sync_preferences_dispose;
  object_class->finalize = polku_sync_preferences_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/polku-sync-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, PolkuSyncPreferences, server_group);
  gtk_widget_class_bind_template_child (widget_class, PolkuSyncPreferences, server_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuSyncPreferences, account_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuSyncPreferences, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuSyncPreferences, password_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuSyncPreferences, status_label);
  gtk_widget_class_bind_template_child (widget_class, PolkuSyncPreferences, spinner);
  gtk_widget_class_bind_template_child (widget_class, PolkuSyncPreferences, certificate_group);
  gtk_widget_class_bind_template_child (widget_class, PolkuSyncPreferences, fingerprint_row);
  gtk_widget_class_bind_template_child (widget_class, PolkuSyncPreferences, trusted_group);
  gtk_widget_class_bind_template_child (widget_class, PolkuSyncPreferences, trusted_row);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);

  gtk_widget_class_install_action (widget_class, "sync-preferences.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "sync-preferences.test", NULL, test_activated);
  gtk_widget_class_install_action (widget_class, "sync-preferences.trust", NULL,
                                   trust_activated);
  gtk_widget_class_install_action (widget_class, "sync-preferences.forget-certificate", NULL,
                                   forget_certificate_activated);
}

static void
polku_sync_preferences_init (PolkuSyncPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}

/**
 * polku_sync_preferences_new:
 * @profile: the open profile, whose sync settings are shown and saved
 */
GtkWidget *
polku_sync_preferences_new (PolkuProfile *profile)
{
  PolkuSyncPreferences *self;

  g_return_val_if_fail (POLKU_IS_PROFILE (profile), NULL);

  self = g_object_new (POLKU_TYPE_SYNC_PREFERENCES, NULL);
  self->profile = g_object_ref (profile);
  load (self);
  return GTK_WIDGET (self);
}
