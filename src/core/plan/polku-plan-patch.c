/* polku-plan-patch.c: JSON merge patch (RFC 7396) for plans
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A merge patch is a JSON object: each member replaces the target's member of the same
 * name, null removes it, and an object is merged recursively; anything else (arrays
 * included) replaces the target wholesale. So a patch that changes one goal gives the whole
 * "goals" array, with each goal's "id" (the stable ids make the change traceable and
 * mergeable). The merged plan must pass polku_plan_document_validate (), and the plan's own
 * identity ("schema", "id", "client_id") cannot be changed; otherwise nothing changes.
 */

#define G_LOG_DOMAIN "polku-plan"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-plan-private.h"

/**
 * polku_plan_merge_patch:
 * @target: (nullable): the document to patch
 * @patch: the merge patch
 *
 * MergePatch (Target, Patch) of RFC 7396, section 2, without changing its arguments.
 *
 * Returns: (transfer full): the patched document
 */
JsonNode *
polku_plan_merge_patch (JsonNode *target,
                        JsonNode *patch)
{
  g_autoptr(GList) names = NULL;
  JsonObject *patch_object;
  JsonObject *result_object;
  JsonNode *result;

  g_return_val_if_fail (patch != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (patch))
    return polku_plan_node_deep_copy (patch);

  if (target != NULL && JSON_NODE_HOLDS_OBJECT (target))
    result = polku_plan_node_deep_copy (target);
  else
    {
      result = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (result, json_object_new ());
    }
  result_object = json_node_get_object (result);

  patch_object = json_node_get_object (patch);
  names = json_object_get_members (patch_object);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (patch_object, name);

      if (JSON_NODE_HOLDS_NULL (value))
        {
          if (json_object_has_member (result_object, name))
            json_object_remove_member (result_object, name);
        }
      else
        {
          JsonNode *merged = polku_plan_merge_patch (json_object_get_member (result_object,
                                                                             name),
                                                     value);
          json_object_set_member (result_object, name, merged);
        }
    }

  return result;
}

static const char * const identity_members[] = { "schema", "id", "client_id", NULL };

/**
 * polku_plan_document_apply_patch:
 * @document: a valid plan
 * @patch: a JSON merge patch
 *
 * Returns: (transfer full): the patched plan (not stamped), or %NULL with
 *   POLKU_PLAN_ERROR_INVALID and a one-line message when the patch is not an object, would
 *   change the plan's identity, or would make the plan invalid
 */
JsonNode *
polku_plan_document_apply_patch (JsonNode  *document,
                                 JsonNode  *patch,
                                 GError   **error)
{
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *patch_object;
  JsonObject *plan;

  g_return_val_if_fail (document != NULL && JSON_NODE_HOLDS_OBJECT (document), NULL);
  g_return_val_if_fail (patch != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (patch))
    {
      g_set_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_INVALID,
                   _("The patch must be a JSON object (a JSON merge patch, RFC 7396)."));
      return NULL;
    }

  patch_object = json_node_get_object (patch);
  plan = json_node_get_object (document);
  for (guint i = 0; identity_members[i] != NULL; i++)
    {
      JsonNode *value = json_object_get_member (patch_object, identity_members[i]);
      JsonNode *current = json_object_get_member (plan, identity_members[i]);

      if (value != NULL && (current == NULL || !json_node_equal (value, current)))
        {
          g_set_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_INVALID,
                       _("The patch cannot change “%s”: it identifies the plan."),
                       identity_members[i]);
          return NULL;
        }
    }

  /* The review date and the responsible workers are the case's and the team's now: a patch
   * that sets the legacy members would write a second, unlinked copy (null, which removes
   * them, is fine). */
  if (json_object_has_member (patch_object, "next_review")
      && !JSON_NODE_HOLDS_NULL (json_object_get_member (patch_object, "next_review")))
    {
      g_set_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_INVALID,
                   _("The plan has no review date of its own any more: the review date is the "
                     "case’s (polku-cli case review CLIENT-ID DATE). Nothing was changed."));
      return NULL;
    }
  if (json_object_has_member (patch_object, "responsible_worker")
      && !JSON_NODE_HOLDS_NULL (json_object_get_member (patch_object, "responsible_worker")))
    {
      g_set_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_INVALID,
                   _("The plan names the team’s responsible workers and keeps no copy of "
                     "its own: change them in the team (polku-cli team). Nothing was "
                     "changed."));
      return NULL;
    }

  result = polku_plan_merge_patch (document, patch);
  if (!polku_plan_document_validate (result, &local_error))
    {
      g_set_error (error, POLKU_PLAN_ERROR, POLKU_PLAN_ERROR_INVALID,
                   _("The patch was not applied: %s"), local_error->message);
      return NULL;
    }

  return g_steal_pointer (&result);
}
