/* polku-plan-context.c: what the plan names from outside its document: the team's
 * responsible workers and the case's review date
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-plan"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "polku-case-store.h"
#include "polku-date.h"
#include "polku-plan-context.h"
#include "polku-team-store.h"

static void
worker_free (PolkuPlanWorker *worker)
{
  g_free (worker->name);
  g_free (worker->role);
  g_free (worker->organisation);
  g_free (worker->contact);
  g_free (worker);
}

/* An empty string is no text. */
static char *
dup_text (const char *text)
{
  return text != NULL && text[0] != '\0' ? g_strdup (text) : NULL;
}

/**
 * polku_plan_context_new:
 * @review_on: (nullable): the case's review date, YYYY-MM-DD
 *
 * Returns: (transfer full): a context without responsible workers
 */
PolkuPlanContext *
polku_plan_context_new (const char *review_on)
{
  PolkuPlanContext *context = g_new0 (PolkuPlanContext, 1);

  context->review_on = dup_text (review_on);
  context->workers = g_ptr_array_new_with_free_func ((GDestroyNotify) worker_free);
  return context;
}

void
polku_plan_context_free (PolkuPlanContext *context)
{
  if (context == NULL)
    return;
  g_free (context->review_on);
  g_ptr_array_unref (context->workers);
  g_free (context);
}

void
polku_plan_context_add_worker (PolkuPlanContext *context,
                               const char       *name,
                               const char       *role,
                               const char       *organisation,
                               const char       *contact)
{
  PolkuPlanWorker *worker;

  g_return_if_fail (context != NULL);
  g_return_if_fail (name != NULL);

  worker = g_new0 (PolkuPlanWorker, 1);
  worker->name = g_strdup (name);
  worker->role = dup_text (role);
  worker->organisation = dup_text (organisation);
  worker->contact = dup_text (contact);
  g_ptr_array_add (context->workers, worker);
}

/**
 * polku_plan_context_read:
 *
 * Reads the team's current responsible workers and the case's review date. A client without
 * a case (or a team) gets an empty context: the plan then names nobody and no review.
 *
 * Returns: (transfer full): the context, or %NULL with @error when the store cannot be read
 */
PolkuPlanContext *
polku_plan_context_read (PolkuStore  *store,
                         const char  *client_id,
                         GError     **error)
{
  g_autoptr(PolkuPlanContext) context = NULL;
  g_autoptr(PolkuCase) kase = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (POLKU_IS_STORE (store), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  kase = polku_case_store_get (store, client_id, &local_error);
  if (kase == NULL && !g_error_matches (local_error, POLKU_CASE_ERROR,
                                        POLKU_CASE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  context = polku_plan_context_new (kase != NULL ? polku_case_get_review_on (kase) : NULL);

  members = polku_team_store_list (store, client_id, FALSE, error);
  if (members == NULL)
    return NULL;
  for (guint i = 0; i < members->len; i++)
    {
      PolkuTeamMember *member = g_ptr_array_index (members, i);

      if (polku_team_member_get_responsible (member))
        polku_plan_context_add_worker (context, polku_team_member_get_person (member),
                                       polku_team_member_get_role (member),
                                       polku_team_member_get_organisation (member),
                                       polku_team_member_get_contact (member));
    }
  return g_steal_pointer (&context);
}

/**
 * polku_plan_worker_dup_line:
 *
 * Returns: (transfer full): "Name, role, organisation" (what there is of it)
 */
char *
polku_plan_worker_dup_line (const PolkuPlanWorker *worker)
{
  GString *line;

  g_return_val_if_fail (worker != NULL, NULL);

  line = g_string_new (worker->name);
  if (worker->role != NULL)
    g_string_append_printf (line, ", %s", worker->role);
  if (worker->organisation != NULL)
    g_string_append_printf (line, ", %s", worker->organisation);
  return g_string_free (line, FALSE);
}

/* The team keeps one contact: an address with an @ is an email address, anything else a
 * phone number. */
gboolean
polku_plan_worker_has_email (const PolkuPlanWorker *worker)
{
  g_return_val_if_fail (worker != NULL, FALSE);
  return worker->contact != NULL && strchr (worker->contact, '@') != NULL;
}

/**
 * polku_plan_review_dup_overdue:
 * @review_on: (nullable): a review date, YYYY-MM-DD
 * @today: (nullable): today's date, YYYY-MM-DD (NULL: the local date now)
 *
 * Returns: (transfer full) (nullable): "Overdue since 1.9.2025" in the UI language when the
 *   review date has passed, otherwise %NULL
 */
char *
polku_plan_review_dup_overdue (const char *review_on,
                               const char *today)
{
  g_autofree char *now = today == NULL ? polku_date_today () : NULL;
  g_autofree char *shown = NULL;

  if (review_on == NULL || !polku_date_is_valid (review_on)
      || g_strcmp0 (review_on, today != NULL ? today : now) >= 0)
    return NULL;
  shown = polku_date_format_user (review_on);
  /* Translators: a review date that has passed, e.g. "Overdue since 1.9.2025" */
  return g_strdup_printf (_("Overdue since %s"), shown);
}
