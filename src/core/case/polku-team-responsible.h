/* polku-team-responsible.h: one period of a client's responsible worker
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An immutable snapshot read from the store: every property is construct-only. Changes go
 * through the store functions, which return new objects.
 */
#pragma once

#include "polku-record.h"

G_BEGIN_DECLS

#define POLKU_TYPE_TEAM_RESPONSIBLE (polku_team_responsible_get_type ())
G_DECLARE_FINAL_TYPE (PolkuTeamResponsible, polku_team_responsible, POLKU, TEAM_RESPONSIBLE,
                      PolkuRecord)

POLKU_RECORD_DEFINE_GETTERS (PolkuTeamResponsible, polku_team_responsible)

const char          *polku_team_responsible_get_member_id  (PolkuTeamResponsible *self);
const char          *polku_team_responsible_get_person     (PolkuTeamResponsible *self);
const char          *polku_team_responsible_get_started_on (PolkuTeamResponsible *self);
const char          *polku_team_responsible_get_ended_on   (PolkuTeamResponsible *self);
const char          *polku_team_responsible_get_set_by     (PolkuTeamResponsible *self);

G_END_DECLS
