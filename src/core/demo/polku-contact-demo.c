/* polku-contact-demo.c: a year of realistic demo visits, and the mapping visit
 *
 * Each client has a usual doctor and nurse whom they see most of the time, and others
 * sometimes; some visits are urgent or at the emergency department; some are no-shows. When
 * the case reached the mapping visit (from the case's phase history), the visits before it
 * are more frequent and less continuous than after it, as the practice reports describe, so
 * that the before/after counts and the continuity indices have something true to show. The
 * mapping visit itself is stored with a ticked agenda and a timer of about two hours.
 *
 * Every category of the reports gets contacts, moving the way the practice reports saw them
 * move after the coordinator took the case (000, 003, 004): fewer calls to the telephone
 * service and more of the coordinator's own care calls, more consultations, fewer
 * non-urgent doctor visits, slowly fewer emergency visits, more mental-health services, and
 * fewer repeated contacts for the same issue (some contacts carry a reason, drawn from a few
 * issues, so that repeats happen). Inpatient stays record their days.
 *
 * Everything comes from the GRand, so the same seed gives the same log (relative to today).
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-contact"

#include "config.h"

#include <time.h>

#include "polku-case-phase-change.h"
#include "polku-case-store.h"
#include "polku-case.h"
#include "polku-contact-store.h"
#include "polku-demo-private.h"
#include "polku-mapping-visit.h"
#include "polku-team-store.h"

typedef struct
{
  const char *id;
  const char *name;
} Professional;

static const Professional doctors[] = {
  { "L-10231", "Anna Lehtinen" }, { "L-10457", "Mikko Salo" }, { "L-10888", "Helena Koski" },
  { "L-11020", "Johan Ekholm" }, { "L-11342", "Sari Niemi" }, { "L-11590", "Pekka Laine" },
  { "L-12004", "Maria Björk" }, { "L-12377", "Timo Rantala" },
};
static const Professional nurses[] = {
  { "H-20114", "Liisa Mäkelä" }, { "H-20362", "Tiina Heikkilä" }, { "H-20519", "Ulla Forsman" },
  { "H-20780", "Jari Kinnunen" }, { "H-21045", "Päivi Salonen" }, { "H-21233", "Karin Nyström" },
  { "H-21468", "Elina Turunen" }, { "H-21702", "Minna Ahonen" },
};
static const Professional social_workers[] = {
  { "S-30077", "Riitta Jokinen" }, { "S-30215", "Lars Backman" }, { "S-30491", "Hanna Kallio" },
  { "S-30638", "Olli Peltonen" },
};
static const Professional mental_health_workers[] = {
  { "M-40112", "Kaisa Lindholm" }, { "M-40348", "Antti Vainio" }, { "M-40561", "Eva Sjöberg" },
};
static const Professional social_services_workers[] = {
  { "K-50209", "Satu Hämäläinen" }, { "K-50437", "Nina Öhman" }, { "K-50611", "Reijo Kettunen" },
};

/* The issues that bring a client back again and again: a reason, in Finnish and Swedish. */
static const char * const reasons[][2] = {
  { "Selkäkipu", "Ryggvärk" },
  { "Verenpaineen seuranta", "Uppföljning av blodtrycket" },
  { "Unettomuus", "Sömnlöshet" },
  { "Lääkitys epäselvä", "Oklar medicinering" },
  { "Toimeentulo", "Försörjning" },
  { "Huimaus", "Yrsel" },
};

typedef struct
{
  GRand              *rand;
  PolkuClient        *client;
  gboolean            sv;
  const Professional *usual_doctor;
  const Professional *usual_nurse;
  const Professional *social_worker;
  Professional        coordinator;  /* the case's coordinator, from the team */
  GPtrArray          *contacts;
  PolkuContact       *last;         /* the contact add () made last */
} Demo;

static const Professional *
pick_professional (GRand              *rand,
                   const Professional *list,
                   guint               n)
{
  return &list[g_rand_int_range (rand, 0, n)];
}

/* The usual one with probability @usual (percent), else another of the list. */
static const Professional *
someone (Demo               *demo,
         const Professional *usual,
         const Professional *list,
         guint               n,
         int                 usual_percent)
{
  if (g_rand_int_range (demo->rand, 0, 100) < usual_percent)
    return usual;
  return pick_professional (demo->rand, list, n);
}

static void
add (Demo               *demo,
     const GDate        *date,
     const char         *type,
     const Professional *professional,
     const char         *organisation,
     gboolean            urgent,
     gboolean            no_show)
{
  g_autoptr(PolkuContact) contact = polku_contact_new ();
  char iso[16];
  char time[8];

  g_date_strftime (iso, sizeof iso, "%Y-%m-%d", date);
  polku_contact_set_client_id (contact, polku_client_get_id (demo->client));
  polku_contact_set_date (contact, iso);
  if (g_rand_int_range (demo->rand, 0, 3) > 0)
    {
      g_snprintf (time, sizeof time, "%02d:%02d", g_rand_int_range (demo->rand, 8, 16),
                  15 * g_rand_int_range (demo->rand, 0, 4));
      polku_contact_set_time (contact, time);
    }
  polku_contact_set_type_id (contact, type);
  polku_contact_set_urgent (contact, urgent);
  polku_contact_set_no_show (contact, no_show);
  if (professional != NULL)
    {
      polku_contact_set_professional_id (contact, professional->id);
      polku_contact_set_professional_name (contact, professional->name);
    }
  polku_contact_set_organisation (contact, organisation);
  demo->last = contact;
  g_ptr_array_add (demo->contacts, g_steal_pointer (&contact));
}

/* Gives the last contact a reason now and then: often before the plan, from all the
 * issues (so they repeat), seldom after it. */
static void
maybe_reason (Demo     *demo,
              gboolean  before_plan)
{
  guint n = before_plan ? G_N_ELEMENTS (reasons) : 3;

  if (g_rand_int_range (demo->rand, 0, 100) >= (before_plan ? 45 : 15))
    return;
  polku_contact_set_reason (demo->last,
                            reasons[g_rand_int_range (demo->rand, 0, n)][demo->sv ? 1 : 0]);
}

static void
one_day (Demo        *demo,
         const GDate *date,
         gboolean     before_plan,
         const char  *health_centre,
         const char  *emergency,
         const char  *hospital,
         const char  *social_services,
         const char  *mental_health)
{
  /* Contacts per 1000 days, before and after the mapping visit. */
  int per_mille = before_plan ? 120 : 65;
  int usual = before_plan ? 55 : 85;
  int r;

  if (g_rand_int_range (demo->rand, 0, 1000) >= per_mille)
    return;

  r = g_rand_int_range (demo->rand, 0, 100);
  if (r < (before_plan ? 26 : 20))
    {
      gboolean urgent = g_rand_int_range (demo->rand, 0, 100) < (before_plan ? 25 : 15);

      add (demo, date, "doctor",
           urgent ? pick_professional (demo->rand, doctors, G_N_ELEMENTS (doctors))
                  : someone (demo, demo->usual_doctor, doctors, G_N_ELEMENTS (doctors), usual),
           health_centre, urgent,
           !urgent && g_rand_int_range (demo->rand, 0, 100) < (before_plan ? 12 : 5));
      maybe_reason (demo, before_plan);
    }
  else if (r < (before_plan ? 48 : 40))
    {
      add (demo, date, "nurse",
           someone (demo, demo->usual_nurse, nurses, G_N_ELEMENTS (nurses), usual + 5),
           health_centre, g_rand_int_range (demo->rand, 0, 100) < (before_plan ? 15 : 5),
           g_rand_int_range (demo->rand, 0, 100) < (before_plan ? 10 : 4));
      maybe_reason (demo, before_plan);
    }
  else if (r < (before_plan ? 66 : 48))
    {
      /* The telephone service: whoever answers. */
      add (demo, date, "phone", pick_professional (demo->rand, nurses, G_N_ELEMENTS (nurses)),
           health_centre, FALSE, FALSE);
      maybe_reason (demo, before_plan);
    }
  else if (r < (before_plan ? 70 : 66))
    {
      /* The coordinator's own care calls: a few before the plan (the case is theirs from
       * the contact on), many after it. A case without a coordinator has none. */
      if (demo->coordinator.name != NULL)
        add (demo, date, "coordinator-call", &demo->coordinator, health_centre, FALSE, FALSE);
      else
        add (demo, date, "phone", pick_professional (demo->rand, nurses, G_N_ELEMENTS (nurses)),
             health_centre, FALSE, FALSE);
      maybe_reason (demo, before_plan);
    }
  else if (r < (before_plan ? 71 : 70))
    add (demo, date, demo->coordinator.name != NULL ? "coordinator-visit" : "nurse",
         demo->coordinator.name != NULL ? &demo->coordinator
         : someone (demo, demo->usual_nurse, nurses, G_N_ELEMENTS (nurses), usual),
         health_centre, FALSE, FALSE);
  else if (r < 74)
    add (demo, date, "remote",
         someone (demo, demo->usual_nurse, nurses, G_N_ELEMENTS (nurses), usual),
         health_centre, FALSE, FALSE);
  else if (r < 79)
    add (demo, date, "social-worker", demo->social_worker, social_services, FALSE,
         g_rand_int_range (demo->rand, 0, 100) < (before_plan ? 12 : 5));
  else if (r < (before_plan ? 81 : 82))
    add (demo, date, "social-services",
         pick_professional (demo->rand, social_services_workers,
                            G_N_ELEMENTS (social_services_workers)),
         social_services, FALSE, FALSE);
  else if (r < (before_plan ? 84 : 89))
    add (demo, date, "mental-health",
         pick_professional (demo->rand, mental_health_workers,
                            G_N_ELEMENTS (mental_health_workers)),
         mental_health, FALSE, g_rand_int_range (demo->rand, 0, 100) < 8);
  else if (r < (before_plan ? 94 : 93))
    {
      add (demo, date, "emergency", NULL, emergency, TRUE, FALSE);
      maybe_reason (demo, before_plan);
    }
  else if (r < (before_plan ? 97 : 95))
    {
      add (demo, date, "hospital-stay", NULL, hospital, TRUE, FALSE);
      polku_contact_set_days (demo->last, g_rand_int_range (demo->rand, 1, before_plan ? 15 : 8));
    }
  else
    add (demo, date, "consultation",
         pick_professional (demo->rand, doctors, G_N_ELEMENTS (doctors)), hospital, FALSE,
         FALSE);
}

/* The coordinator of the case: the team member in the coordinator's role (the demo names
 * the first one the case's coordinator), or none. */
static void
find_coordinator (PolkuStore  *store,
                  Demo        *demo,
                  char       **out_name)
{
  g_autoptr(GPtrArray) team = polku_team_store_list (store, polku_client_get_id (demo->client),
                                                     FALSE, NULL);

  for (guint i = 0; team != NULL && i < team->len && *out_name == NULL; i++)
    {
      PolkuTeamMember *member = g_ptr_array_index (team, i);
      const char *role = polku_team_member_get_role (member);

      if (g_strcmp0 (role, "Asiakasvastaava") == 0 || g_strcmp0 (role, "Klientansvarig") == 0)
        *out_name = g_strdup (polku_team_member_get_person (member));
    }
  demo->coordinator.id = "AV-60001";
  demo->coordinator.name = *out_name;
}

/* The date the case reached "mapping visit held" (the last time), or an invalid date. */
static void
mapping_visit_date (PolkuStore  *store,
                    PolkuClient *client,
                    GDate       *out)
{
  g_autoptr(GPtrArray) phases = NULL;
  const char *held = polku_case_phase_to_code (POLKU_CASE_PHASE_VISIT_HELD);

  g_date_clear (out, 1);
  phases = polku_case_store_list_phases (store, polku_client_get_id (client), NULL);
  for (guint i = 0; phases != NULL && i < phases->len; i++)
    {
      PolkuCasePhaseChange *change = g_ptr_array_index (phases, i);

      if (g_strcmp0 (polku_case_phase_change_get_to_phase (change), held) == 0)
        g_date_set_parse (out, polku_case_phase_change_get_changed_on (change));
    }
}

static gboolean
add_mapping_visit (PolkuStore             *store,
                   Demo                   *demo,
                   const GDate            *held,
                   const PolkuDemoShared  *shared,
                   GError                **error)
{
  g_autoptr(PolkuMappingVisit) visit = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  GListModel *items;
  char iso[16];
  char scheduled[24];
  int hour = g_rand_int_range (demo->rand, 9, 13);

  visit = polku_mapping_visit_new (polku_client_get_id (demo->client), shared->agenda, error);
  if (visit == NULL)
    return FALSE;
  polku_mapping_visit_set_planned_minutes (visit, shared->planned_minutes);

  g_date_strftime (iso, sizeof iso, "%Y-%m-%d", held);
  g_snprintf (scheduled, sizeof scheduled, "%sT%02d:00", iso, hour);
  polku_mapping_visit_set_scheduled (visit, scheduled);
  polku_mapping_visit_set_place (visit, demo->sv ? "Hemma hos klienten" : "Asiakkaan kotona");
  polku_mapping_visit_set_held_on (visit, iso);
  polku_mapping_visit_set_notes (visit,
                                 demo->sv
                                 ? "Lugnt samtal. Klienten berättade själv vad som belastar "
                                   "mest; vi kom överens om nästa steg."
                                 : "Rauhallinen keskustelu. Asiakas kertoi itse, mikä "
                                   "kuormittaa eniten; sovimme seuraavista askeleista.");

  /* Most of the agenda covered; WHOQOL-BREF sometimes left for later. */
  items = polku_mapping_visit_get_items (visit);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PolkuMappingVisitItem) item = g_list_model_get_item (items, i);

      polku_mapping_visit_item_set_done (item, g_rand_int_range (demo->rand, 0, 100) < 90);
    }

  start = g_date_time_new_utc (g_date_get_year (held), g_date_get_month (held),
                               g_date_get_day (held), hour - 2, 0, 0);
  end = g_date_time_add_minutes (start, g_rand_int_range (demo->rand, 95, 150));
  polku_mapping_visit_timer_start (visit, start);
  polku_mapping_visit_timer_pause (visit, end);

  return polku_mapping_visit_store_add (store, visit, error);
}

/**
 * polku_contact_demo_for_client:
 *
 * Adds a year of visits (more when the mapping visit was longer ago) to a demo client's log,
 * and the mapping visit when the case has had one.
 */
gboolean
polku_contact_demo_for_client (PolkuStore             *store,
                               PolkuClient            *client,
                               GRand                  *rand,
                               const PolkuDemoShared  *shared,
                               GError                **error)
{
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *health_centre = NULL;
  g_autofree char *social_services = NULL;
  g_autofree char *coordinator = NULL;
  const char *municipality;
  const char *mental_health;
  const char *emergency;
  const char *hospital;
  Demo demo = { 0 };
  GDate today, first, held, day;

  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);
  g_return_val_if_fail (POLKU_IS_CLIENT (client), FALSE);

  demo.rand = rand;
  demo.client = client;
  demo.contacts = contacts;
  demo.sv = polku_client_get_language (client) == POLKU_LANGUAGE_SV;
  demo.usual_doctor = pick_professional (rand, doctors, G_N_ELEMENTS (doctors));
  demo.usual_nurse = pick_professional (rand, nurses, G_N_ELEMENTS (nurses));
  demo.social_worker = pick_professional (rand, social_workers, G_N_ELEMENTS (social_workers));

  municipality = polku_client_get_municipality (client);
  if (municipality == NULL)
    municipality = demo.sv ? "Vasa" : "Seinäjoki";
  health_centre = g_strdup_printf (demo.sv ? "%s hälsostation" : "%s terveysasema",
                                   municipality);
  social_services = g_strdup_printf (demo.sv ? "%s socialservice" : "%s sosiaalipalvelut",
                                     municipality);
  emergency = demo.sv ? "Jouren, centralsjukhuset" : "Yhteispäivystys, keskussairaala";
  hospital = demo.sv ? "Centralsjukhuset" : "Keskussairaala";
  mental_health = demo.sv ? "Mentalvårds- och missbrukartjänsterna"
                          : "Mielenterveys- ja päihdepalvelut";
  find_coordinator (store, &demo, &coordinator);

  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  mapping_visit_date (store, client, &held);

  /* A year back from today, and at least six months before the mapping visit. */
  first = today;
  g_date_subtract_days (&first, 365);
  if (g_date_valid (&held))
    {
      GDate six_before = held;

      g_date_subtract_months (&six_before, 6);
      if (g_date_compare (&six_before, &first) < 0)
        first = six_before;
    }

  for (day = first; g_date_compare (&day, &today) <= 0; g_date_add_days (&day, 1))
    one_day (&demo, &day, !g_date_valid (&held) || g_date_compare (&day, &held) < 0,
             health_centre, emergency, hospital, social_services, mental_health);

  if (!polku_contact_store_add_all (store, polku_client_get_id (client), contacts, error))
    return FALSE;

  if (g_date_valid (&held) && !add_mapping_visit (store, &demo, &held, shared, error))
    return FALSE;
  return TRUE;
}
