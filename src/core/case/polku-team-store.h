/* polku-team-store.h: the multi-professional team around a client, in the store
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each member has a person, role, organisation, sector (social, health, other,
 * third_sector) and a contact. Exactly one member at a time is the named responsible worker
 * (vastuutyöntekijä): naming another ends the previous period in the same transaction, the
 * schema allows only one open period per client, and the history is kept. A member who
 * leaves stays in the history; the responsible worker cannot leave before another is named.
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
  POLKU_TEAM_ERROR_RESPONSIBLE,  /* the change would leave the team without its named
                                  * responsible worker */
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
