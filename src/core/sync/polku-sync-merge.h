/* polku-sync-merge.h: the three-way merge of shared documents, field by field
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions on JSON: no store, no clock. The merge compares document content only
 * (polku_sync_is_meta_member (): CouchDB's members, whose names start with "_", conflicts
 * and changed_by are ignored and not in the result) against the base both sides last
 * agreed on.
 *
 * Paths name what changed with stable keys, "/"-separated: an object member by its name, an
 * element of an array of objects that all have a string "id" by that id:
 *   plan/client_view, plan/goals/<goal id>/text,
 *   plan/goals/<goal id>/actions/<action id>/status, team/<member id>/role, client/family_name
 * Arrays of objects with ids are merged element by element (order: the local order, then the
 * elements only the remote has, in the remote's order); any other array, and every scalar,
 * is one value.
 *
 *  - changed on one side only: that side's value; the same new value on both: that value;
 *  - changed on both sides to different values: a conflict on that path;
 *  - an element added on one side: added; deleted on one side and unchanged on the other:
 *    deleted; deleted on one side and edited (anything inside changed) on the other: a
 *    conflict on the element's path (plan/goals/<id>), values the element or NULL;
 *  - in the merged result a conflicted path holds the REMOTE value (what the server already
 *    shares is not overwritten); the caller keeps the local value in its store;
 *  - with a NULL base (two documents meeting for the first time) every differing value is a
 *    conflict, unless one side lacks the element or member (then the other's is taken);
 *  - a member that is null equals one that is absent (as in the plan, polku-plan.h);
 *  - the created/modified stamps (members of those names) are not content: they never
 *    conflict (when both sides changed one differently, the remote's is kept; the plan store
 *    stamps again on save) and are not listed by polku_sync_changed_paths ();
 *  - when the local side kept the base's order of a keyed array and the remote reordered it,
 *    the elements both have take the remote's order (local-only ones keep their places).
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* One conflict. A NULL node: absent there (an element deleted, a member missing). */
typedef struct
{
  char     *path;
  JsonNode *base;
  JsonNode *local;
  JsonNode *remote;
} PolkuSyncMergeConflict;

void        polku_sync_merge_conflict_free  (PolkuSyncMergeConflict *c);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PolkuSyncMergeConflict, polku_sync_merge_conflict_free)

/* The merged content (a new node). @base is nullable (first meeting). @conflicts
 * (nullable) receives a new GPtrArray of PolkuSyncMergeConflict (owning), in document
 * order, empty when everything combined. */
JsonNode   *polku_sync_merge                (JsonNode                *base,
                                             JsonNode                *local,
                                             JsonNode                *remote,
                                             GPtrArray              **conflicts);

/* Equal as the merge compares: null equals absent, numbers by value, members in any order;
 * the created/modified stamps left out at every depth when @skip_stamps. Either may be
 * NULL (absent). */
gboolean    polku_sync_values_equal         (JsonNode                *a,
                                             JsonNode                *b,
                                             gboolean                 skip_stamps);

/* Whether a top-level member of a stored document is not content: CouchDB's own (a name
 * that starts with "_": _id, _rev, _revisions, _conflicts, _deleted, _attachments, …),
 * "conflicts" and "changed_by" (what the engine adds about the sync itself). */
gboolean    polku_sync_is_meta_member       (const char              *name);
/* polku_sync_values_equal () with stamps skipped, of two documents' content (the top-level
 * members polku_sync_is_meta_member () names are not compared). */
gboolean    polku_sync_content_equal        (JsonNode                *a,
                                             JsonNode                *b);

/* A copy that shares nothing with @node (json_node_copy () shares objects, arrays and even
 * the value of a string node, so changing its copy with polku_sync_set_at () changes
 * @node too). Every node polku-sync-merge and polku-sync-doc return is such a copy. */
JsonNode   *polku_sync_copy                 (JsonNode                *node);

/* A copy of what @path names in @doc, or NULL when it is absent. "" is the whole document. */
JsonNode   *polku_sync_value_at             (JsonNode                *doc,
                                             const char              *path);
/* Sets what @path (not empty) names in @doc to a copy of @value; NULL removes it. Missing
 * objects on the way are created; an element named by id that is missing is appended to its
 * array (with @value's "id" set to the id when @value is an object). Nothing happens when
 * the path runs through a value that is not an object or a keyed array. */
void        polku_sync_set_at               (JsonNode                *doc,
                                             const char              *path,
                                             JsonNode                *value);
/* The paths at which @doc differs from @base (char *, owning), in document order (then
 * what only @base has): the deepest paths, the way the merge compares (a member or element
 * only one side has is its own path). @base is nullable: then every top-level member of
 * @doc. Ignores what the merge ignores, and the plan's created/modified stamps. */
GPtrArray  *polku_sync_changed_paths        (JsonNode                *base,
                                             JsonNode                *doc);

G_END_DECLS
