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

G_END_DECLS
