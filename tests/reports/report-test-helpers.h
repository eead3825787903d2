/* report-test-helpers.h: a small cohort written through the core's own store functions, its
 * figures worked out by hand in the comments, for the report tests (test-report.c,
 * test-cli-report.c)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Today" for the report is 2026-01-15 (query->today). Plans agreed 2024-03-01 (C1–C5, H)
 * have complete 6- and 12-month after-periods (to 2024-09-01, 2025-03-01) and an incomplete
 * 24-month one (to 2026-03-01); F's plan (2025-09-01) has none complete.
 *
 *   client  sector  coordinator     municipality  born        notes
 *   C1      health  Sanna Koivisto  Kuopio        1950-05-05  review 2025-01-01 (overdue)
 *   C2      health  Sanna Koivisto  Kuopio        1960-01-01
 *   C3      health  Sanna Koivisto  Kuopio        1970-01-01
 *   C4      health  Pekka Ojala     Kuopio        1980-01-01
 *   C5      social  Pekka Ojala     Siilinjärvi   1990-01-01  baseline WHOQOL only
 * (units: C1, C2 and C4's coordinators are in county-coordination, C3's is not)
 *   F       health  (queue)         Kuopio        1955-01-01  identified 2025-08-01
 *   G       health  —               Kuopio        1945-01-01  declined: closed 2024-05-10
 *   H       health  —               Kuopio        1940-01-01  died: closed 2024-06-01
 *
 * Non-urgent doctor visits, 6 months (before [2023-09-01, 2024-03-01), after [2024-03-01,
 * 2024-09-01)): C1 4→1, C2 2→2, C3 1→1 (the before visit on 2023-09-01, the first day),
 * C4 6→3, C5 3→0; C2 has one more on 2024-09-01, in the 12-month after-period only, and
 * C3 one on 2023-08-31, in the 12-month before-period only.
 * Totals 16→7 (12 months: 17→8), means 3.2→1.4, medians 3→1, change −56.25 %, fell 3/5.
 * C1: one urgent doctor visit before (2023-12-01) and a social worker before (2023-11-01);
 * C2: a nurse no-show after (2024-04-01); C4: a hospital stay of 10 days before (2024-01-05).
 * Continuity before (professionals): C1 A,A,A,B (COCI 0.5, UPC 0.75), C2 A,A (1, 1), C3 one
 * visit (none), C4 A,A,B,B,C,C (0.2, 1/3), C5 A,B,C (0, 1/3): n 4, median COCI 0.35, UPC
 * (1/3 + 0.75) / 2 = 0.5417. After: C2 A,A (1), C4 A,A,A (1): n 2, medians 1, 1.
 * WHOQOL-BREF: every answer 3 at baseline (all domains 50) on 2024-03-01 for C1–C5, every
 * answer 4 on 2024-09-01 for C1–C4 (physical 60.714, psychological 66.667, social 75,
 * environment 75): 4 pairs, interval 184 days, C5 unpaired.
 * Satisfaction 2024: C1 2 (2024-04-01) then 5 (2024-10-01), C2 5, C3 5, C4 4, C5 3: n 5,
 * shares 60/20/20/0/0.
 * Process (identified 2024-01-01 … 2025-12-31): C1–C5, F, G, H = 8; health 7, social 1;
 * consent given 7 (all but G), declined 1 (G); contacted 10 days after identification
 * (C1–C5, H), F 9 days: median 10 over 7; mapping visit 22 days (C1–C5), F 19: median 22
 * over 6; plan 51 days (C1–C5, H), F 31: median 51 over 7. Caseload Pekka Ojala 2, Sanna
 * Koivisto 3; queue 1 (F); overdue reviews 1 (C1); closures: declined 1, died 1.
 */
#pragma once

#include <glib/gstdio.h>
#include <string.h>

#include "polku-assessment-store.h"
#include "polku-case-store.h"
#include "polku-checklist.h"
#include "polku-client-store.h"
#include "polku-consent-store.h"
#include "polku-date.h"
#include "polku-contact-store.h"
#include "polku-coordinator-store.h"
#include "polku-instrument.h"
#include "polku-plan-store.h"
#include "polku-report.h"
#include "polku-satisfaction-report.h"
#include "polku-store.h"
#include "polku-team-store.h"

#define REPORT_TODAY "2026-01-15"

/* Names, identity codes and free text that must never be in a report. */
#define CANARY_NAME   "Kanarialintu"
#define CANARY_REASON "Salainen huoli kanarialinnusta"

typedef struct
{
  char *c[5];
  char *f, *g, *h;
} Cohort;

static inline void
cohort_clear (Cohort *cohort)
{
  for (guint i = 0; i < 5; i++)
    g_clear_pointer (&cohort->c[i], g_free);
  g_clear_pointer (&cohort->f, g_free);
  g_clear_pointer (&cohort->g, g_free);
  g_clear_pointer (&cohort->h, g_free);
}

static inline char *
cohort_add_client (PolkuStore *store,
                   const char *given,
                   const char *birth_date,
                   const char *municipality,
                   const char *hetu)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuClient) client = polku_client_new ();

  polku_client_set_given_name (client, given);
  polku_client_set_family_name (client, CANARY_NAME);
  polku_client_set_birth_date (client, birth_date);
  polku_client_set_municipality (client, municipality);
  if (hetu != NULL)
    polku_client_set_hetu (client, hetu);
  g_assert_true (polku_client_store_save (store, client, &error));
  g_assert_no_error (error);
  return g_strdup (polku_client_get_id (client));
}

/* Case opened and the sign flagged on @identified; consent 5 days later (unless
 * @consent is FALSE). */
static inline void
cohort_identify (PolkuStore     *store,
                 PolkuChecklist *checklist,
                 const char     *client_id,
                 const char     *identified,
                 const char     *sector,
                 gboolean        consent)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuCase) kase = polku_case_store_open (store, client_id, identified, &error);
  g_autoptr(PolkuCaseSign) sign = NULL;
  g_autoptr(PolkuCaseSign) draft = g_object_new (POLKU_TYPE_CASE_SIGN,
                                                 "client-id", client_id,
                                                 "group-id", "worry",
                                                 "item-id", "client_situation",
                                                 "reason", CANARY_REASON,
                                                 "source-sector", sector,
                                                 "flagged-by", "Minna Rautio",
                                                 "flagged-on", identified,
                                                 "service-point", "Terveysasema",
                                                 NULL);

  g_assert_no_error (error);
  sign = polku_case_store_add_sign (store, checklist, draft, &error);
  g_assert_no_error (error);
  if (consent)
    {
      GDate date;
      char given[11];
      g_autoptr(PolkuConsent) stored = NULL;
      g_autoptr(PolkuConsent) consent_draft = NULL;

      g_assert_true (polku_date_parse_iso (identified, &date));
      g_date_add_days (&date, 5);
      g_date_strftime (given, sizeof given, "%Y-%m-%d", &date);
      consent_draft = g_object_new (POLKU_TYPE_CONSENT,
                                    "client-id", client_id,
                                    "kind", "contact",
                                    "given-on", given,
                                    "given-by", "client",
                                    "method", "written",
                                    NULL);
      stored = polku_consent_store_add (store, consent_draft, &error);
      g_assert_no_error (error);
    }
}

static inline void
cohort_phase (PolkuStore     *store,
              const char     *client_id,
              PolkuCasePhase  phase,
              const char     *date,
              const char     *reason_code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuCase) kase = polku_case_store_set_phase (store, client_id, phase, date,
                                                          reason_code, NULL, &error);

  g_assert_no_error (error);
}

static inline void
cohort_plan (PolkuStore *store,
             const char *client_id,
             const char *agreed_on)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) document = polku_plan_document_new (client_id, "fi");

  json_object_set_string_member (json_node_get_object (document), "agreed_on", agreed_on);
  json_object_set_string_member (json_node_get_object (document), "client_view",
                                 CANARY_REASON);
  g_assert_true (polku_plan_store_save (store, client_id, document, 0, POLKU_PLAN_ORIGIN_EDIT,
                                        NULL, &error));
  g_assert_no_error (error);
}

static inline void
cohort_contact (PolkuStore *store,
                const char *client_id,
                const char *date,
                const char *type,
                const char *professional,
                gboolean    urgent,
                gboolean    no_show,
                guint       days)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuContact) contact = polku_contact_new ();

  polku_contact_set_client_id (contact, client_id);
  polku_contact_set_date (contact, date);
  polku_contact_set_type_id (contact, type);
  if (professional != NULL)
    polku_contact_set_professional_id (contact, professional);
  polku_contact_set_urgent (contact, urgent);
  polku_contact_set_no_show (contact, no_show);
  if (days > 0)
    polku_contact_set_days (contact, days);
  g_assert_true (polku_contact_store_add (store, contact, &error));
  g_assert_no_error (error);
}

/* Non-urgent doctor visits on the first of the months from @first_month (1–12) of @year,
 * with the professionals in @pros (one letter each). */
static inline void
cohort_doctor_visits (PolkuStore *store,
                      const char *client_id,
                      int         year,
                      int         first_month,
                      const char *pros)
{
  for (guint i = 0; pros[i] != '\0'; i++)
    {
      int month = first_month + (int) i;
      g_autofree char *date = g_strdup_printf ("%04d-%02d-%02d", year + (month - 1) / 12,
                                               (month - 1) % 12 + 1, 2 + (int) i % 20);
      char pro[2] = { pros[i], '\0' };

      cohort_contact (store, client_id, date, "doctor", pro[0] == '-' ? NULL : pro, FALSE,
                      FALSE, 0);
    }
}

static inline void
cohort_whoqol (PolkuStore          *store,
               const char          *client_id,
               const char          *date,
               PolkuAssessmentRole  role,
               int                  answer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuInstrument) instrument = polku_instrument_lookup (POLKU_INSTRUMENT_WHOQOL_BREF,
                                                                   &error);
  g_autoptr(PolkuAssessment) assessment = NULL;

  g_assert_no_error (error);
  assessment = polku_assessment_new (client_id, instrument);
  polku_assessment_set_date (assessment, date);
  polku_assessment_set_role (assessment, role);
  for (guint i = 0; i < polku_instrument_get_n_items (instrument); i++)
    polku_assessment_set_answer (assessment, i, answer);
  polku_assessment_set_status (assessment, POLKU_ASSESSMENT_STATUS_COMPLETE);
  g_assert_true (polku_assessment_store_save (store, assessment, &error));
  g_assert_no_error (error);
}

static inline void
cohort_satisfaction (PolkuStore *store,
                     const char *client_id,
                     int         value,
                     const char *date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuAssessment) answer = polku_satisfaction_store_answer (store, client_id, value,
                                                                       date, &error);

  g_assert_no_error (error);
}

/* The path to a client on its way to an agreed plan: identified, consent, contacted after
 * @contact_days, visit held after @visit_days, plan agreed on @agreed. */
static inline void
cohort_path (PolkuStore     *store,
             PolkuChecklist *checklist,
             const char     *client_id,
             const char     *identified,
             const char     *sector,
             const char     *contacted,
             const char     *visit_held,
             const char     *agreed)
{
  cohort_identify (store, checklist, client_id, identified, sector, TRUE);
  cohort_phase (store, client_id, POLKU_CASE_PHASE_CONTACTED, contacted, NULL);
  if (visit_held != NULL)
    cohort_phase (store, client_id, POLKU_CASE_PHASE_VISIT_HELD, visit_held, NULL);
  if (agreed != NULL)
    {
      cohort_phase (store, client_id, POLKU_CASE_PHASE_COORDINATION, agreed, NULL);
      cohort_plan (store, client_id, agreed);
    }
}

static inline void
cohort_member (PolkuStore *store,
               const char *client_id,
               const char *person,
               const char *organisation)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuTeamMember) draft = g_object_new (POLKU_TYPE_TEAM_MEMBER,
                                                   "client-id", client_id,
                                                   "person", person,
                                                   "role", "Asiakasvastaava",
                                                   "organisation", organisation,
                                                   "sector", "health",
                                                   "joined-on", "2024-01-20",
                                                   NULL);
  g_autoptr(PolkuTeamMember) member = polku_team_store_add (store, draft, &error);

  g_assert_no_error (error);
}

/* The whole cohort of the comment at the top. */
static inline void
cohort_build (PolkuStore *store,
              Cohort     *cohort)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuChecklist) checklist = polku_checklist_get_default (&error);
  static const char *births[] = {
    "1950-05-05", "1960-01-01", "1970-01-01", "1980-01-01", "1990-01-01",
  };
  static const char *hetus[] = {
    "050550-1234", NULL, NULL, NULL, NULL,
  };

  g_assert_no_error (error);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *given = g_strdup_printf ("Asiakas%u", i + 1);
      g_autoptr(PolkuCoordinatorPeriod) period = NULL;

      cohort->c[i] = cohort_add_client (store, given, births[i],
                                        i == 4 ? "Siilinjärvi" : "Kuopio", hetus[i]);
      cohort_path (store, checklist, cohort->c[i], "2024-01-10", i == 4 ? "social" : "health",
                   "2024-01-20", "2024-02-01", "2024-03-01");
      period = polku_coordinator_store_set (store, cohort->c[i],
                                            i < 3 ? "Sanna Koivisto" : "Pekka Ojala",
                                            "2024-01-20", &error);
      g_assert_no_error (error);
    }
  /* Units: the coordinator's own team row counts (C2's names the organisation as typed
   * before schema 7; C3's coordinator is in another unit than C3's other worker). */
  cohort_member (store, cohort->c[0], "Sanna Koivisto", "county-coordination");
  cohort_member (store, cohort->c[1], "Sanna Koivisto",
                 "Hyvinvointialue, paljon palveluja tarvitsevien asiakkaiden palvelu");
  cohort_member (store, cohort->c[2], "Sanna Koivisto", "county-health-services");
  cohort_member (store, cohort->c[2], "Liisa Laine", "county-coordination");
  cohort_member (store, cohort->c[3], "Pekka Ojala", "county-coordination");
  {
    g_autoptr(PolkuCase) kase = polku_case_store_set_review (store, cohort->c[0], "2025-01-01",
                                                             &error);

    g_assert_no_error (error);
  }

  cohort->f = cohort_add_client (store, "Asiakas6", "1955-01-01", "Kuopio", NULL);
  cohort_path (store, checklist, cohort->f, "2025-08-01", "health", "2025-08-10", "2025-08-20",
               "2025-09-01");
  cohort->g = cohort_add_client (store, "Asiakas7", "1945-01-01", "Kuopio", NULL);
  cohort_identify (store, checklist, cohort->g, "2024-05-01", "health", FALSE);
  cohort_phase (store, cohort->g, POLKU_CASE_PHASE_CLOSED, "2024-05-10", "declined");
  cohort->h = cohort_add_client (store, "Asiakas8", "1940-01-01", "Kuopio", NULL);
  cohort_path (store, checklist, cohort->h, "2024-01-10", "health", "2024-01-20", NULL,
               NULL);
  cohort_phase (store, cohort->h, POLKU_CASE_PHASE_COORDINATION, "2024-03-01", NULL);
  cohort_plan (store, cohort->h, "2024-03-01");
  cohort_phase (store, cohort->h, POLKU_CASE_PHASE_CLOSED, "2024-06-01", "died");

  /* Non-urgent doctor visits (see the top). Before: from 2023-09; after: from 2024-03. */
  cohort_contact (store, cohort->c[0], "2023-09-05", "doctor", "A", FALSE, FALSE, 0);
  cohort_contact (store, cohort->c[0], "2023-10-05", "doctor", "A", FALSE, FALSE, 0);
  cohort_contact (store, cohort->c[0], "2023-11-05", "doctor", "A", FALSE, FALSE, 0);
  cohort_contact (store, cohort->c[0], "2024-02-29", "doctor", "B", FALSE, FALSE, 0);
  cohort_contact (store, cohort->c[0], "2024-05-05", "doctor", NULL, FALSE, FALSE, 0);
  cohort_contact (store, cohort->c[0], "2023-12-01", "doctor", "E", TRUE, FALSE, 0);
  cohort_contact (store, cohort->c[0], "2023-11-01", "social-worker", "S", FALSE, FALSE, 0);
  /* outside every period */
  cohort_contact (store, cohort->c[0], "2021-01-01", "doctor", "A", FALSE, FALSE, 0);

  cohort_contact (store, cohort->c[1], "2023-10-10", "doctor", "A", FALSE, FALSE, 0);
  cohort_contact (store, cohort->c[1], "2023-12-10", "doctor", "A", FALSE, FALSE, 0);
  cohort_contact (store, cohort->c[1], "2024-03-01", "doctor", "A", FALSE, FALSE, 0);
  cohort_contact (store, cohort->c[1], "2024-08-31", "doctor", "A", FALSE, FALSE, 0);
  cohort_contact (store, cohort->c[1], "2024-09-01", "doctor", NULL, FALSE, FALSE, 0);
  cohort_contact (store, cohort->c[1], "2024-04-01", "nurse", NULL, FALSE, TRUE, 0);

  cohort_contact (store, cohort->c[2], "2023-09-01", "doctor", "A", FALSE, FALSE, 0);
  cohort_contact (store, cohort->c[2], "2023-08-31", "doctor", "A", FALSE, FALSE, 0);
  cohort_contact (store, cohort->c[2], "2024-06-01", "doctor", NULL, FALSE, FALSE, 0);

  cohort_doctor_visits (store, cohort->c[3], 2023, 9, "AABBCC");
  cohort_doctor_visits (store, cohort->c[3], 2024, 3, "AAA");
  cohort_contact (store, cohort->c[3], "2024-01-05", "hospital-stay", NULL, FALSE, FALSE, 10);

  cohort_doctor_visits (store, cohort->c[4], 2023, 10, "ABC");

  /* F: after its agreed date, never counted (no period complete). */
  cohort_contact (store, cohort->f, "2025-10-01", "doctor", "A", FALSE, FALSE, 0);

  for (guint i = 0; i < 5; i++)
    cohort_whoqol (store, cohort->c[i], "2024-03-01", POLKU_ASSESSMENT_ROLE_BASELINE, 3);
  for (guint i = 0; i < 4; i++)
    cohort_whoqol (store, cohort->c[i], "2024-09-01", POLKU_ASSESSMENT_ROLE_FOLLOW_UP, 4);

  cohort_satisfaction (store, cohort->c[0], 2, "2024-04-01");
  cohort_satisfaction (store, cohort->c[0], 5, "2024-10-01");
  cohort_satisfaction (store, cohort->c[1], 5, "2024-10-01");
  cohort_satisfaction (store, cohort->c[2], 5, "2024-10-01");
  cohort_satisfaction (store, cohort->c[3], 4, "2024-10-01");
  cohort_satisfaction (store, cohort->c[4], 3, "2024-10-01");
}
