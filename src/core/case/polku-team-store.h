/* polku-team-store.h: the multi-professional team around a client, in the store
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each member has a person, role, organisation, sector (social, health, other,
 * third_sector) and a contact. One or more members are the plan's responsible workers
 * (vastuutyöntekijät): each is named (set_responsible) and stops (unset_responsible) on a
 * date of their own, the schema allows one open period per member, and the history is kept.
 * A member who leaves stays in the history and stops being a responsible worker on the day
 * they leave; the last one may leave too (the overview then warns that the plan names no
 * responsible worker). The case's coordinator (asiakasvastaava) is another role:
 * polku-coordinator-store.h.
 */
#pragma once

#include <glib-object.h>
#include <sqlcipher/sqlite3.h>

#include "polku-store.h"
#include "polku-team-member.h"
#include "polku-team-responsible.h"

G_BEGIN_DECLS

#define POLKU_TEAM_ERROR (polku_team_error_quark ())

typedef enum
{
  POLKU_TEAM_ERROR_INVALID,      /* the input is wrong; nothing was changed */
  POLKU_TEAM_ERROR_NOT_FOUND,    /* no such team member */
} PolkuTeamError;

GQuark               polku_team_error_quark          (void);

const char * const  *polku_team_sector_codes         (void);
const char          *polku_team_sector_get_label     (const char       *code);

PolkuTeamMember     *polku_team_store_add            (PolkuStore       *store,
                                                      PolkuTeamMember  *draft,
                                                      GError          **error);
PolkuTeamMember     *polku_team_store_set_responsible (PolkuStore      *store,
                                                      const char       *member_id,
                                                      const char       *date,
                                                      GError          **error);
PolkuTeamMember     *polku_team_store_unset_responsible (PolkuStore    *store,
                                                      const char       *member_id,
                                                      const char       *date,
                                                      GError          **error);
PolkuTeamMember     *polku_team_store_leave          (PolkuStore       *store,
                                                      const char       *member_id,
                                                      const char       *date,
                                                      GError          **error);
GPtrArray           *polku_team_store_list           (PolkuStore       *store,
                                                      const char       *client_id,
                                                      gboolean          include_left,
                                                      GError          **error);
GPtrArray           *polku_team_store_list_responsible (PolkuStore     *store,
                                                      const char       *client_id,
                                                      GError          **error);

/* Inside a polku_store_write () body (@db its connection), for changes made elsewhere (a
 * pulled shared document): the same rules and audit entries as the calls above, with
 * @origin (nullable, e.g. "sync") added to the entry's detail. A NULL @date is today, or
 * the earliest day the rules allow when today is earlier (a laptop's clock may be behind
 * the other side's): the day the member joined, the day their period started. @set_by
 * (nullable: the store's actor) is who named the responsible worker. */
gboolean             polku_team_store_set_responsible_locked (PolkuStore   *store,
                                                      sqlite3          *db,
                                                      const char       *member_id,
                                                      const char       *date,
                                                      const char       *set_by,
                                                      const char       *origin,
                                                      GError          **error);
/* Ends the member's period today (not before it started). */
gboolean             polku_team_store_unset_responsible_locked (PolkuStore *store,
                                                      sqlite3          *db,
                                                      const char       *member_id,
                                                      const char       *origin,
                                                      GError          **error);
/* The member leaves on @date (nullable); an open responsible period ends that day, or the
 * day it started when that is later. */
gboolean             polku_team_store_leave_locked   (PolkuStore       *store,
                                                      sqlite3          *db,
                                                      const char       *member_id,
                                                      const char       *date,
                                                      const char       *origin,
                                                      GError          **error);

G_END_DECLS
