/* polku-team-member.h: a professional in the team around a client
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

#define POLKU_TYPE_TEAM_MEMBER (polku_team_member_get_type ())
G_DECLARE_FINAL_TYPE (PolkuTeamMember, polku_team_member, POLKU, TEAM_MEMBER, PolkuRecord)

POLKU_RECORD_DEFINE_GETTERS (PolkuTeamMember, polku_team_member)

const char          *polku_team_member_get_person       (PolkuTeamMember *self);
const char          *polku_team_member_get_role         (PolkuTeamMember *self);
const char          *polku_team_member_get_organisation (PolkuTeamMember *self);
const char          *polku_team_member_get_sector       (PolkuTeamMember *self);
const char          *polku_team_member_get_contact      (PolkuTeamMember *self);
const char          *polku_team_member_get_joined_on    (PolkuTeamMember *self);
const char          *polku_team_member_get_left_on      (PolkuTeamMember *self);
gboolean             polku_team_member_get_responsible  (PolkuTeamMember *self);

G_END_DECLS
