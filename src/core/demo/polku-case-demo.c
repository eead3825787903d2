/* polku-case-demo.c: realistic case work for demo clients
 *
 * Warning signs with reasons, consents (most valid, some withdrawn, some missing), phase
 * histories (with the odd step back), a coordinator for every case past identification (the
 * demo's own worker or a colleague; now and then changed), teams of several professionals
 * with one or two responsible workers, follow-ups (some overdue), review dates and a few notes. All
 * of it is made through the store functions, so it is validated and audited like real work.
 * Deterministic from the GRand; dates are relative to today. Names of professionals and
 * organisations are made up.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-case-demo"

#include "config.h"

#include "polku-case-private.h"
#include "polku-case-store.h"
#include "polku-consent-store.h"
#include "polku-coordinator-store.h"
#include "polku-demo-private.h"
#include "polku-followup-store.h"
#include "polku-team-store.h"

typedef struct
{
  const char *fi;
  const char *sv;
} Text;

/* @sectors: who flagged it, for each reason: NULL for the professional of the service point
 * drawn, or "client" (a self-referral) or "relative" (no unit, no professional). */
typedef struct
{
  const char *group;
  Text        reasons[2];
  const char *sectors[2];
} SignReasons;

static const SignReasons sign_reasons[] = {
  { "worry", {
    { "Tytär otti yhteyttä huolestuneena äitinsä jaksamisesta.",
      "Dottern kontaktade oss, orolig för hur hennes mamma orkar." },
    { "Työntekijälle jäi huoli ja tunne, ettei oma apu riitä asiakkaan tilanteeseen.",
      "Arbetstagaren blev orolig och kände att den egna hjälpen inte räcker till för "
      "klientens situation." } },
    { "relative", NULL } },
  { "crisis", {
    { "Puoliso kuoli keväällä; asiakas ei ole palannut töihin.",
      "Maken dog i våras; klienten har inte återgått till arbetet." },
    { "Asiakas kertoi lähisuhdeväkivallasta, tilanne on jumiutunut.",
      "Klienten berättade om våld i nära relationer, situationen har fastnat." } } },
  { "addiction_medication", {
    { "Kymmenen lääkettä käytössä, reseptejä uusittu usealla yksiköllä.",
      "Tio läkemedel i bruk, recept förnyade vid flera enheter." },
    { "Alkoholinkäyttö lisääntynyt, reseptejä uusitaan kuukausittain.",
      "Alkoholbruket har ökat, recept förnyas varje månad." } } },
  { "life_situation", {
    { "Vuokrarästejä ja ulosottoja, häätö uhkaa.",
      "Hyresskulder och utmätning, vräkning hotar." },
    { "Asiakas kertoi itse tarvitsevansa apua: pitkäaikaistyötön, toimeentulotuki ja velkoja.",
      "Klienten berättade själv att hen behöver hjälp: långtidsarbetslös, utkomststöd och "
      "skulder." } },
    { NULL, "client" } },
  { "service_use", {
    { "Yhdeksän päivystyskäyntiä puolessa vuodessa, kolme peruuttamatonta aikaa.",
      "Nio jourbesök på ett halvår, tre uteblivna tider." },
    { "Asioi viikoittain eri pisteissä, syy jää epäselväksi.",
      "Besöker olika serviceställen varje vecka, orsaken förblir oklar." } } },
  { "health", {
    { "Diabetes ei ole hoitotasapainossa, lisäksi masennus ja uniongelmat.",
      "Diabetesen är inte i balans, dessutom depression och sömnproblem." },
    { "Useita diagnooseja, sydämen vajaatoiminta ja ahdistuneisuus.",
      "Flera diagnoser, hjärtsvikt och ångest." } } },
};

static const Text generic_reason = {
  "Useita samanaikaisia palvelutarpeita.", "Flera samtidiga servicebehov."
};

static const Text relative_name = { "Asiakkaan tytär", "Klientens dotter" };

typedef struct
{
  Text        name;
  const char *sector;
} ServicePoint;

static const ServicePoint service_points[] = {
  { { "Terveysasema, vastaanotto", "Hälsostationen, mottagningen" }, "health" },
  { { "Yhteispäivystys", "Samjouren" }, "health" },
  { { "Aikuissosiaalityö", "Socialt arbete för vuxna" }, "social" },
  { { "Kotihoito", "Hemvården" }, "social" },
  { { "Mielenterveys- ja päihdepalvelut", "Mentalvårds- och missbrukartjänster" }, "health" },
  { { "Suun terveydenhuolto", "Munhälsovården" }, "health" },
  { { "Mielenterveysyhdistys Tukipilari ry", "Föreningen Stödpelaren rf" }, "third_sector" },
  { { "Lääkärikeskus Terveyspolku", "Läkarcentralen Hälsostigen" }, "private" },
};

typedef struct
{
  Text        role;
  Text        organisation;
  const char *sector;
} Template;

/* 0 is the coordinator, 3 the social worker (the usual responsible workers). */
static const Template templates[] = {
  { { "Asiakasvastaava", "Klientansvarig" },
    { "Hyvinvointialue, paljon palveluja tarvitsevien asiakkaiden palvelu",
      "Välfärdsområdet, tjänsten för klienter som behöver många tjänster" }, "social" },
  { { "Omalääkäri", "Egen läkare" }, { "Terveysasema", "Hälsostationen" }, "health" },
  { { "Terveydenhoitaja", "Hälsovårdare" }, { "Terveysasema", "Hälsostationen" }, "health" },
  { { "Sosiaalityöntekijä", "Socialarbetare" },
    { "Aikuissosiaalityö", "Socialt arbete för vuxna" }, "social" },
  { { "Psykiatrinen sairaanhoitaja", "Psykiatrisk sjukskötare" },
    { "Mielenterveys- ja päihdepalvelut", "Mentalvårds- och missbrukartjänster" }, "health" },
  { { "Kotihoidon lähihoitaja", "Närvårdare i hemvården" }, { "Kotihoito", "Hemvården" },
    "social" },
  { { "Vertaistukija", "Stödperson" },
    { "Mielenterveysyhdistys Tukipilari ry", "Föreningen Stödpelaren rf" }, "third_sector" },
  { { "Työvalmentaja", "Arbetscoach" },
    { "Työllisyyspalvelut", "Sysselsättningstjänsterna" }, "other" },
  { { "Talous- ja velkaneuvoja", "Ekonomi- och skuldrådgivare" },
    { "Talous- ja velkaneuvonta", "Ekonomi- och skuldrådgivningen" }, "other" },
};

static const char * const pro_given[] = {
  "Sanna", "Minna", "Jukka", "Tiina", "Mervi", "Kimmo", "Heli", "Outi", "Pasi", "Anu",
  "Sofia", "Mikael", "Johanna", "Kristian", "Emma", "Jonas", NULL
};
static const char * const pro_family[] = {
  "Koivisto", "Rautio", "Hakkarainen", "Lindroos", "Penttilä", "Björklund", "Kangas",
  "Wikström", "Ojala", "Sandberg", "Mattila", "Nygård", NULL
};

/* Ids of the built-in organisations file (data/organisations.json), whose names are the
 * ones earlier demo data typed into consents. */
static const char * const consent_organisations[] = {
  "county-social-services", "county-health-services", "county-mental-health",
  "employment-services", "kela", "tukipilari",
};

static const Text followup_titles[] = {
  { "Soita asiakkaalle ja kysy kuulumiset", "Ring klienten och fråga hur det går" },
  { "Tarkista Kela-hakemuksen tilanne", "Kontrollera läget för FPA-ansökan" },
  { "Varaa lääkärin kontrolliaika", "Boka en kontrolltid hos läkaren" },
  { "Yhteispalaveri tiimin kanssa", "Nätverksmöte med teamet" },
  { "Suunnitelman arviointi asiakkaan kanssa", "Utvärdering av planen med klienten" },
  { "Selvitä velkajärjestelyn mahdollisuus", "Utred möjligheten till skuldsanering" },
  { "Lääkityksen tarkistus apteekin kanssa", "Läkemedelsgenomgång med apoteket" },
};

static const Text notes[] = {
  { "Asiakas toivoo, että yhteydenotot tehdään aamupäivisin.",
    "Klienten önskar att kontakterna tas på förmiddagen." },
  { "Tytär on mukana tapaamisissa asiakkaan toiveesta.",
    "Dottern deltar i mötena på klientens begäran." },
  { "Kotikäynneillä koira suljetaan makuuhuoneeseen.",
    "Vid hembesöken stängs hunden in i sovrummet." },
};

typedef struct
{
  PolkuStore *store;
  GRand      *rand;
  const char *client_id;
  gboolean    sv;
  GDate       today;
  GDate       date;   /* the running date of the story, never after today */
  char       *actor;        /* whoever runs the demo: one of the coordinators */
  const char *coordinator;  /* the case's coordinator, once named */
} Demo;

/* The demo's coordinators: the demo's own worker (the store's actor, so that "My clients"
 * is not empty) and a few colleagues, who each hold a caseload. */
static const char * const coordinator_colleagues[] = {
  "Sanna Koivisto", "Mikael Nygård", "Heli Ojala",
};

/* Names the case's coordinator on @date: the demo's own worker or a colleague. */
static gboolean
name_coordinator (Demo        *demo,
                  const char  *date,
                  GError     **error)
{
  g_autoptr(PolkuCoordinatorPeriod) period = NULL;
  guint n = G_N_ELEMENTS (coordinator_colleagues) + 1;
  guint i = g_rand_int_range (demo->rand, 0, n);
  const char *person = NULL;

  /* Changing hands: never to the same person (the actor may be a colleague's name). */
  for (guint k = 0; k < n && (person == NULL || g_strcmp0 (person, demo->coordinator) == 0);
       k++)
    person = (i + k) % n == 0 ? demo->actor : coordinator_colleagues[(i + k) % n - 1];
  period = polku_coordinator_store_set (demo->store, demo->client_id, person, date, error);
  if (period == NULL)
    return FALSE;
  demo->coordinator = person;
  return TRUE;
}

static const char *
text (Demo       *demo,
      const Text *t)
{
  return demo->sv ? t->sv : t->fi;
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* Moves the story on by a few days, not past today. */
static char *
advance (Demo *demo,
         int   min_days,
         int   max_days)
{
  g_date_add_days (&demo->date, g_rand_int_range (demo->rand, min_days, max_days + 1));
  if (g_date_compare (&demo->date, &demo->today) > 0)
    demo->date = demo->today;
  return format_date (&demo->date);
}

static char *
relative_to_today (Demo *demo,
                   int   days)
{
  GDate date = demo->today;

  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);
  return format_date (&date);
}

static char *
professional_name (Demo *demo)
{
  return g_strdup_printf ("%s %s",
                          pro_given[g_rand_int_range (demo->rand, 0,
                                                      g_strv_length ((char **) pro_given))],
                          pro_family[g_rand_int_range (demo->rand, 0,
                                                       g_strv_length ((char **) pro_family))]);
}

static gboolean
set_phase (Demo            *demo,
           PolkuCasePhase   phase,
           const char      *date,
           const char      *reason,
           GError         **error)
{
  g_autoptr(PolkuCase) result = polku_case_store_set_phase (demo->store, demo->client_id, phase,
                                                            date, NULL, reason, error);
  return result != NULL;
}

/* @code: of the closing-reasons list; @reason: (nullable): the words */
static gboolean
close_case (Demo        *demo,
            const char  *date,
            const char  *code,
            const char  *reason,
            GError     **error)
{
  g_autoptr(PolkuCase) result = polku_case_store_set_phase (demo->store, demo->client_id,
                                                            POLKU_CASE_PHASE_CLOSED, date, code,
                                                            reason, error);
  return result != NULL;
}

static gboolean
add_signs (Demo            *demo,
           PolkuChecklist  *checklist,
           GError         **error)
{
  guint n_groups = polku_checklist_get_n_groups (checklist);
  guint n = g_rand_int_range (demo->rand, 1, MIN (3, n_groups) + 1);
  guint first = g_rand_int_range (demo->rand, 0, n_groups);

  for (guint i = 0; i < n; i++)
    {
      guint group = (first + i * 2) % n_groups;
      const char *group_id = polku_checklist_get_group_id (checklist, group);
      guint item = g_rand_int_range (demo->rand, 0, polku_checklist_get_n_items (checklist, group));
      const Text *reason = &generic_reason;
      const char *sector = NULL;
      g_autofree char *flagged_by = professional_name (demo);
      g_autofree char *flagged_on = advance (demo, 0, i == 0 ? 0 : 12);
      g_autoptr(PolkuCaseSign) draft = NULL;
      g_autoptr(PolkuCaseSign) sign = NULL;
      const ServicePoint *point;

      for (guint j = 0; j < G_N_ELEMENTS (sign_reasons); j++)
        if (g_str_equal (sign_reasons[j].group, group_id))
          {
            guint k = g_rand_int_range (demo->rand, 0, 2);

            reason = &sign_reasons[j].reasons[k];
            sector = sign_reasons[j].sectors[k];
          }
      point = &service_points[g_rand_int_range (demo->rand, 0, G_N_ELEMENTS (service_points))];

      /* The client's own report names no unit and no professional; a relative's names the
       * relative. */
      draft = g_object_new (POLKU_TYPE_CASE_SIGN,
                            "client-id", demo->client_id,
                            "group-id", group_id,
                            "item-id", polku_checklist_get_item_id (checklist, group, item),
                            "reason", text (demo, reason),
                            "source-sector", sector != NULL ? sector : point->sector,
                            "flagged-by", sector == NULL ? flagged_by
                                          : g_str_equal (sector, "relative")
                                          ? text (demo, &relative_name) : NULL,
                            "flagged-on", flagged_on,
                            "service-point", sector == NULL ? text (demo, &point->name) : NULL,
                            NULL);
      sign = polku_case_store_add_sign (demo->store, checklist, draft, error);
      if (sign == NULL)
        return FALSE;
    }
  return TRUE;
}

static PolkuConsent *
add_consent (Demo    *demo,
             GError **error)
{
  g_autofree char *given_on = advance (demo, 3, 20);
  g_autofree char *valid_until = NULL;
  g_autofree char *representative = NULL;
  g_autoptr(GStrvBuilder) organisations = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) parts = g_strv_builder_new ();
  g_auto(GStrv) organisation_list = NULL;
  g_auto(GStrv) part_list = NULL;
  g_autoptr(PolkuConsent) draft = NULL;
  g_autoptr(PolkuConsent) sharing = NULL;
  PolkuConsent *contact;
  const char * const *part_codes = polku_consent_part_codes ();
  const char *given_by = "client";
  const char *method;
  int r;

  if (g_rand_int_range (demo->rand, 0, 10) == 0)
    {
      g_autofree char *name = professional_name (demo);

      given_by = "legal_representative";
      representative = g_strdup_printf (demo->sv ? "%s (intressebevakare)"
                                                 : "%s (edunvalvoja)", name);
    }
  r = g_rand_int_range (demo->rand, 0, 20);
  method = r < 12 ? "written" : r < 17 ? "electronic" : "oral";

  /* The coordination service and health care always; others now and then. */
  g_strv_builder_add (organisations, consent_organisations[0]);
  g_strv_builder_add (organisations, consent_organisations[1]);
  for (guint i = 2; i < G_N_ELEMENTS (consent_organisations); i++)
    if (g_rand_int_range (demo->rand, 0, 3) == 0)
      g_strv_builder_add (organisations, consent_organisations[i]);
  for (guint i = 0; part_codes[i] != NULL; i++)
    if (!g_str_equal (part_codes[i], "measures") || g_rand_boolean (demo->rand))
      g_strv_builder_add (parts, part_codes[i]);
  organisation_list = g_strv_builder_end (organisations);
  part_list = g_strv_builder_end (parts);

  if (g_rand_int_range (demo->rand, 0, 5) != 0)
    {
      GDate until = demo->date;

      g_date_add_years (&until, 2);
      valid_until = format_date (&until);
    }

  /* Two consents given together: to be contacted and referred (the phase gate), and to share
   * the plan with the organisations named. */
  draft = g_object_new (POLKU_TYPE_CONSENT,
                        "client-id", demo->client_id,
                        "kind", "contact",
                        "given-on", given_on,
                        "given-by", given_by,
                        "representative", representative,
                        "method", method,
                        "valid-until", valid_until,
                        NULL);
  contact = polku_consent_store_add (demo->store, draft, error);
  if (contact == NULL)
    return NULL;
  g_clear_object (&draft);
  draft = g_object_new (POLKU_TYPE_CONSENT,
                        "client-id", demo->client_id,
                        "kind", "sharing",
                        "given-on", given_on,
                        "given-by", given_by,
                        "representative", representative,
                        "method", method,
                        "organisations", organisation_list,
                        "parts", part_list,
                        "valid-until", valid_until,
                        NULL);
  sharing = polku_consent_store_add (demo->store, draft, error);
  if (sharing == NULL)
    {
      g_object_unref (contact);
      return NULL;
    }
  return contact;
}

static gboolean
add_team (Demo    *demo,
          GError **error)
{
  g_autoptr(PolkuTeamMember) first = NULL;
  g_autoptr(PolkuTeamMember) social_worker = NULL;
  g_autoptr(PolkuTeamMember) leaver = NULL;
  g_autofree char *joined_on = format_date (&demo->date);
  guint n = g_rand_int_range (demo->rand, 2, 6);
  guint used = 1;

  for (guint i = 0; i <= n; i++)
    {
      g_autoptr(PolkuTeamMember) draft = NULL;
      g_autoptr(PolkuTeamMember) member = NULL;
      g_autofree char *person = professional_name (demo);
      g_autofree char *contact = NULL;
      g_autofree char *ascii = NULL;
      guint t = 0;

      /* The first member (an asiakasvastaava) is the case's coordinator, in the team and
       * its first responsible worker: one person may be both. */
      if (i == 0 && demo->coordinator != NULL)
        {
          g_free (person);
          person = g_strdup (demo->coordinator);
        }

      if (i > 0)
        {
          /* Each template at most once. */
          do
            t = g_rand_int_range (demo->rand, 1, G_N_ELEMENTS (templates));
          while (used & (1u << t));
        }
      used |= 1u << t;

      ascii = g_str_to_ascii (person, "C");
      g_strdelimit (ascii, " ", '.');
      for (char *p = ascii; *p != '\0'; p++)
        *p = g_ascii_tolower (*p);
      contact = g_rand_boolean (demo->rand)
                ? g_strdup_printf ("%s@hyvinvointialue.example", ascii)
                : g_strdup_printf ("044 %03d %04d", g_rand_int_range (demo->rand, 0, 1000),
                                   g_rand_int_range (demo->rand, 0, 10000));
      draft = g_object_new (POLKU_TYPE_TEAM_MEMBER,
                            "client-id", demo->client_id,
                            "person", person,
                            "role", text (demo, &templates[t].role),
                            "organisation", text (demo, &templates[t].organisation),
                            "sector", templates[t].sector,
                            "contact", contact,
                            "joined-on", joined_on,
                            "responsible", i == 0,
                            NULL);
      member = polku_team_store_add (demo->store, draft, error);
      if (member == NULL)
        return FALSE;
      if (i == 0)
        first = g_object_ref (member);
      if (t == 3)
        social_worker = g_object_ref (member);
      else if (i > 0 && leaver == NULL && t != 1)
        leaver = g_object_ref (member);
    }

  /* Now and then the social worker becomes a second responsible worker, and once in a
   * while the first one then steps back. */
  if (social_worker != NULL && g_rand_int_range (demo->rand, 0, 3) == 0)
    {
      g_autofree char *date = advance (demo, 10, 60);
      g_autoptr(PolkuTeamMember) changed =
        polku_team_store_set_responsible (demo->store, polku_team_member_get_id (social_worker),
                                          date, error);
      if (changed == NULL)
        return FALSE;
      if (g_rand_int_range (demo->rand, 0, 4) == 0)
        {
          g_autofree char *later = advance (demo, 10, 60);
          g_autoptr(PolkuTeamMember) stepped_back =
            polku_team_store_unset_responsible (demo->store, polku_team_member_get_id (first),
                                                later, error);
          if (stepped_back == NULL)
            return FALSE;
        }
    }
  if (leaver != NULL && g_rand_int_range (demo->rand, 0, 6) == 0)
    {
      g_autofree char *date = advance (demo, 5, 40);
      g_autoptr(PolkuTeamMember) left =
        polku_team_store_leave (demo->store, polku_team_member_get_id (leaver), date, error);
      if (left == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_followups (Demo    *demo,
               guint    n,
               GError **error)
{
  for (guint i = 0; i < n; i++)
    {
      int offset = g_rand_int_range (demo->rand, -25, 46);
      g_autofree char *due_on = relative_to_today (demo, offset);
      g_autoptr(PolkuFollowup) draft = NULL;
      g_autoptr(PolkuFollowup) followup = NULL;
      g_autofree char *assignee = g_rand_boolean (demo->rand) ? professional_name (demo) : NULL;

      draft = g_object_new (POLKU_TYPE_FOLLOWUP,
                            "client-id", demo->client_id,
                            "title", text (demo, &followup_titles[g_rand_int_range (demo->rand, 0,
                                                        G_N_ELEMENTS (followup_titles))]),
                            "due-on", due_on,
                            "assignee", assignee,
                            NULL);
      followup = polku_followup_store_add (demo->store, draft, error);
      if (followup == NULL)
        return FALSE;
      /* Most past ones are done; the rest are overdue. */
      if (offset < 0 && g_rand_int_range (demo->rand, 0, 3) != 0)
        {
          g_autoptr(PolkuFollowup) done =
            polku_followup_store_done (demo->store, polku_followup_get_id (followup), due_on,
                                       error);
          if (done == NULL)
            return FALSE;
        }
    }
  return TRUE;
}

/**
 * polku_case_demo_for_client:
 *
 * Gives a saved demo client its case work (a step of polku_demo_populate ()).
 */
gboolean
polku_case_demo_for_client (PolkuStore             *store,
                            PolkuClient            *client,
                            GRand                  *rand,
                            const PolkuDemoShared  *shared,
                            GError                **error)
{
  g_autoptr(PolkuChecklist) checklist = NULL;
  g_autoptr(PolkuConsent) consent = NULL;
  PolkuCasePhase target;
  g_autofree char *actor = polku_store_dup_actor (store);
  Demo demo = { store, rand, polku_client_get_id (client), FALSE, };
  int r;

  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);
  g_return_val_if_fail (POLKU_IS_CLIENT (client), FALSE);
  g_return_val_if_fail (rand != NULL, FALSE);

  checklist = polku_checklist_get_default (error);
  if (checklist == NULL)
    return FALSE;

  demo.sv = polku_client_get_language (client) == POLKU_LANGUAGE_SV;
  g_date_clear (&demo.today, 1);
  g_date_set_time_t (&demo.today, time (NULL));
  /* 8 % identified and waiting for consent, 6 % closed without consent, then the phases
   * of the path; most are in care coordination. */
  r = g_rand_int_range (rand, 0, 100);
  target = r < 8 ? POLKU_CASE_PHASE_IDENTIFIED
           : r < 14 ? -1
           : r < 22 ? POLKU_CASE_PHASE_CONSENT
           : r < 30 ? POLKU_CASE_PHASE_CONTACTED
           : r < 38 ? POLKU_CASE_PHASE_VISIT_PREPARED
           : r < 46 ? POLKU_CASE_PHASE_VISIT_HELD
           : r < 88 ? POLKU_CASE_PHASE_COORDINATION
           : POLKU_CASE_PHASE_CLOSED;

  /* Cases further on the path began longer ago. */
  demo.date = demo.today;
  g_date_subtract_days (&demo.date, 30 + 45 * CLAMP ((int) target, 0, POLKU_CASE_N_PHASES)
                                    + g_rand_int_range (rand, 0, 360));

  if (!add_signs (&demo, checklist, error))
    return FALSE;

  if ((int) target == -1)
    {
      g_autofree char *date = advance (&demo, 7, 30);

      return close_case (&demo, date, "declined",
                         demo.sv ? "Klienten gav inte sitt samtycke till samordningen."
                                 : "Asiakas ei antanut suostumusta koordinaatioon.", error);
    }
  if (target == POLKU_CASE_PHASE_IDENTIFIED)
    {
      static const Text ask = { "Kysy asiakkaan suostumus", "Fråga efter klientens samtycke" };
      g_autofree char *due_on = relative_to_today (&demo, g_rand_int_range (rand, -10, 15));
      g_autoptr(PolkuFollowup) draft = g_object_new (POLKU_TYPE_FOLLOWUP,
                                                     "client-id", demo.client_id,
                                                     "title", text (&demo, &ask),
                                                     "due-on", due_on, NULL);
      g_autoptr(PolkuFollowup) followup = polku_followup_store_add (store, draft, error);

      return followup != NULL;
    }

  consent = add_consent (&demo, error);
  if (consent == NULL
      || !set_phase (&demo, POLKU_CASE_PHASE_CONSENT, polku_consent_get_given_on (consent),
                     NULL, error))
    return FALSE;
  /* Past identification every case has its coordinator, who asked for the consent; those
   * still identified wait in the queue. */
  demo.actor = actor;
  if (!name_coordinator (&demo, polku_consent_get_given_on (consent), error))
    return FALSE;

  for (PolkuCasePhase phase = POLKU_CASE_PHASE_CONTACTED;
       phase <= target && phase <= POLKU_CASE_PHASE_COORDINATION; phase++)
    {
      g_autofree char *date = advance (&demo, 2, phase == POLKU_CASE_PHASE_VISIT_HELD ? 30 : 14);

      if (!set_phase (&demo, phase, date, NULL, error))
        return FALSE;
      if (phase == POLKU_CASE_PHASE_CONTACTED && !add_team (&demo, error))
        return FALSE;
      /* Now and then the case changes hands (a coordinator's caseload was rebalanced). */
      if (phase == POLKU_CASE_PHASE_VISIT_HELD && g_rand_int_range (rand, 0, 8) == 0
          && !name_coordinator (&demo, date, error))
        return FALSE;
      /* A mapping visit that had to be put off: back one step, then on again. */
      if (phase == POLKU_CASE_PHASE_VISIT_PREPARED && g_rand_int_range (rand, 0, 7) == 0)
        {
          g_autofree char *back = advance (&demo, 1, 7);
          g_autofree char *again = NULL;

          if (!set_phase (&demo, POLKU_CASE_PHASE_CONTACTED, back,
                          demo.sv ? "Kartläggningsbesöket sköts upp: klienten insjuknade."
                                  : "Kartoituskäynti siirtyi: asiakas sairastui.", error))
            return FALSE;
          again = advance (&demo, 5, 20);
          if (!set_phase (&demo, POLKU_CASE_PHASE_VISIT_PREPARED, again, NULL, error))
            return FALSE;
        }
    }

  if (target == POLKU_CASE_PHASE_CLOSED)
    {
      /* The reasons a coordination ends, with words now and then; which one follows from the
       * day (no draw of its own, so the rest of the demo stays as it was). */
      static const struct { const char *code; Text words; } endings[] = {
        { "goals_reached", { "Suunnitelman tavoitteet saavutettu; koordinaatio päättyi.",
                             "Målen i planen har nåtts; samordningen avslutades." } },
        { "stable_usual_care", { NULL, NULL } },
        { "moved_away", { "Muutti toiselle hyvinvointialueelle.",
                          "Flyttade till ett annat välfärdsområde." } },
        { "goals_reached", { NULL, NULL } },
        { "other", { "Siirtyi tehostettuun palveluasumiseen.",
                     "Flyttade till serviceboende med heldygnsomsorg." } },
        { "died", { NULL, NULL } },
      };
      g_autofree char *date = advance (&demo, 30, 200);
      guint e = g_date_get_day (&demo.date) % G_N_ELEMENTS (endings);
      const char *code = endings[e].code;
      const char *reason = endings[e].words.fi != NULL ? text (&demo, &endings[e].words) : NULL;

      if (g_rand_boolean (rand))
        {
          g_autoptr(GPtrArray) consents = polku_consent_store_list (store, demo.client_id,
                                                                    error);

          /* Both consents: the client withdrew from the service. */
          if (consents == NULL)
            return FALSE;
          for (guint i = 0; i < consents->len; i++)
            {
              g_autoptr(PolkuConsent) withdrawn =
                polku_consent_store_withdraw (store, polku_consent_get_id (
                                                g_ptr_array_index (consents, i)), date, error);

              if (withdrawn == NULL)
                return FALSE;
            }
          code = "declined";
          reason = demo.sv ? "Klienten återkallade sitt samtycke."
                           : "Asiakas peruutti suostumuksensa.";
        }
      return close_case (&demo, date, code, reason, error);
    }

  if (target >= POLKU_CASE_PHASE_CONTACTED
      && !add_followups (&demo, g_rand_int_range (rand, 1, 5), error))
    return FALSE;

  if (target == POLKU_CASE_PHASE_COORDINATION)
    {
      g_autofree char *review_on = relative_to_today (&demo, g_rand_int_range (rand, -15, 90));
      g_autoptr(PolkuCase) reviewed = polku_case_store_set_review (store, demo.client_id,
                                                                   review_on, error);
      if (reviewed == NULL)
        return FALSE;
    }

  if (g_rand_int_range (rand, 0, 3) == 0)
    {
      g_autoptr(PolkuCaseNote) note =
        polku_case_store_add_note (store, demo.client_id,
                                   text (&demo, &notes[g_rand_int_range (rand, 0,
                                                                         G_N_ELEMENTS (notes))]),
                                   error);
      if (note == NULL)
        return FALSE;
    }

  return TRUE;
}
