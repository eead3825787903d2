/* polku-plan-demo.c: realistic demo plans, with a few versions each
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Clients past the mapping visit get a plan in their language (Finnish for those who speak
 * neither Finnish nor Swedish), made in three or four versions by the responsible worker and
 * a colleague: the plan as first agreed; goals made active with dates and a differing view
 * recorded; the first action done with the client's own assessment; sometimes a goal
 * reached. "Past the mapping visit" is read from the case's phase history (polku-case-demo.c
 * runs first). The plan is agreed on the day of the mapping visit, often a day or two before
 * it is first saved; its responsible workers are the team's (they are not written into the
 * plan), whose first responsible worker writes it, and its review date is the case's: set
 * here when the case has none yet.
 */

#define G_LOG_DOMAIN "polku-plan"

#include "config.h"

#include <string.h>
#include <time.h>

#include "polku-case-store.h"
#include "polku-demo-private.h"
#include "polku-plan-private.h"
#include "polku-plan-store.h"
#include "polku-store-private.h"
#include "polku-team-store.h"

typedef struct
{
  const char *text;
  const char *responsible;   /* a title; NULL: the responsible worker */
  const char *organisation;
} DemoAction;

typedef struct
{
  const char *text;
  const char *professional;  /* NULL: the client's own goal */
  DemoAction  actions[3];
} DemoGoal;

typedef struct
{
  const char *name;
  const char *provider;
} DemoService;

typedef struct
{
  const char *burden;
  const char *view;
  DemoGoal    goals[3];
  DemoService services[3];
  const char *differ[6];     /* topic, client view, client reason, professional, view, reason */
  const char *assessment;
} Scenario;

static const Scenario fi_scenarios[] = {
  {
    "Rahat eivät riitä koko kuukaudeksi, ja velkojen takia en saa nukuttua.",
    "Olen asunut yksin puolison kuoleman jälkeen. Käyn terveyskeskuksessa usein, koska en "
    "tiedä mihin muualle soittaisin. Haluaisin, että yksi ihminen tietäisi kokonaisuuden.",
    {
      { "Saan laskut maksettua ajallaan ja velat järjestykseen.", NULL,
        { { "Aika talous- ja velkaneuvontaan", "sosiaaliohjaaja", "Aikuissosiaalityö" },
          { "Toimeentulotuen hakeminen yhdessä", NULL, "Kela" } } },
      { "Tapaan muita ihmisiä vähintään kerran viikossa.", NULL,
        { { "Tutustumiskäynti kohtaamispaikka Olkkariin", NULL, "Kohtaamispaikka Olkkari" } } },
      { "Verenpaine ja verensokeri hoitotasapainoon.", "terveydenhoitaja",
        { { "Laboratoriokokeet ja hoitajan vastaanotto", "terveydenhoitaja", "Terveysasema" },
          { "Lääkityksen kokonaisarviointi (yli seitsemän lääkettä)", "omalääkäri",
            "Terveysasema" } } },
    },
    { { "Kotihoito, kaksi käyntiä viikossa", "Kotihoito" },
      { "Terveysaseman vastaanotto", "Hyvinvointialue" },
      { "Aikuissosiaalityö", "Hyvinvointialue" } },
    { "Alkoholin käyttö",
      "Juon vain illalla, että saan unta. Se ei ole ongelma.",
      "Ilman sitä en nuku ollenkaan.",
      "terveydenhoitaja",
      "Alkoholi heikentää unta ja verensokerin hoitotasapainoa; ehdotan päihdehoitajan "
      "tapaamista.",
      "AUDIT-kyselyn pisteet 14 ja toistuvat matalat verensokeriarvot." },
    "Velkaneuvojalla käynti helpotti, nyt tiedän mitä seuraavaksi tehdään.",
  },
  {
    "Pelkään menettäväni asunnon, ja ahdistus vie voimat.",
    "Minulla on ollut masennusta vuosia. Eri paikoista soitellaan, mutta kukaan ei tiedä "
    "koko kuvaa. Haluan pysyä omassa kodissani ja jaksaa hoitaa asiani.",
    {
      { "Saan pitää kotini.", NULL,
        { { "Maksusuunnitelma vuokrarästeistä vuokranantajan kanssa", "sosiaaliohjaaja",
            "Aikuissosiaalityö" },
          { "Asumisneuvojan kotikäynti", "asumisneuvoja", "Asumisneuvonta" } } },
      { "Jaksan arjessa paremmin ja nukun yöni.", NULL,
        { { "Hoitokontakti mielenterveyspalveluihin", "psykiatrinen sairaanhoitaja",
            "Mielenterveys- ja päihdepalvelut" },
          { "Unikoulu-ryhmä", "psykiatrinen sairaanhoitaja",
            "Mielenterveys- ja päihdepalvelut" } } },
      { "Liikun ulkona kolmesti viikossa.", "fysioterapeutti",
        { { "Liikuntaneuvonta ja kotiharjoitteet", "fysioterapeutti", "Kuntoutus" } } },
    },
    { { "Mielenterveystoimiston vastaanotto", "Hyvinvointialue" },
      { "Aikuissosiaalityö", "Hyvinvointialue" },
      { "Perustoimeentulotuki", "Kela" } },
    { "Päivätoiminta",
      "En halua ryhmään, vieraat ihmiset ahdistavat.",
      "Edellinen ryhmä jäi kesken huonon kokemuksen takia.",
      "psykiatrinen sairaanhoitaja",
      "Päivätoiminta toisi rytmiä viikkoon ja vähentäisi yksinäisyyttä.",
      "Päivärytmin puute pahentaa unettomuutta." },
    "Asumisneuvojan kanssa tehtiin suunnitelma, se helpottaa vähän.",
  },
};

static const Scenario sv_scenarios[] = {
  {
    "Pengarna räcker inte hela månaden, och skulderna gör att jag inte kan sova.",
    "Jag har bott ensam sedan min make dog. Jag går ofta till hälsocentralen, eftersom jag "
    "inte vet vart jag annars ska ringa. Jag vill att en person ska känna till helheten.",
    {
      { "Jag får räkningarna betalda i tid och ordning på skulderna.", NULL,
        { { "Tid till ekonomi- och skuldrådgivningen", "socialhandledare",
            "Socialt arbete för vuxna" },
          { "Ansöka om utkomststöd tillsammans", NULL, "FPA" } } },
      { "Jag träffar andra människor minst en gång i veckan.", NULL,
        { { "Besök på mötesplatsen Vardagsrummet", NULL, "Mötesplatsen Vardagsrummet" } } },
      { "Blodtrycket och blodsockret i balans.", "hälsovårdare",
        { { "Laboratorieprover och mottagning hos skötaren", "hälsovårdare",
            "Hälsostationen" },
          { "Helhetsbedömning av medicineringen (över sju mediciner)", "egen läkare",
            "Hälsostationen" } } },
    },
    { { "Hemvård, två besök i veckan", "Hemvården" },
      { "Hälsostationens mottagning", "Välfärdsområdet" },
      { "Socialt arbete för vuxna", "Välfärdsområdet" } },
    { "Alkoholbruk",
      "Jag dricker bara på kvällen för att kunna sova. Det är inget problem.",
      "Utan det sover jag inte alls.",
      "hälsovårdare",
      "Alkoholen försämrar sömnen och blodsockerbalansen; jag föreslår ett möte med en "
      "rusvårdare.",
      "14 poäng i AUDIT och upprepat låga blodsockervärden." },
    "Besöket hos skuldrådgivaren hjälpte, nu vet jag vad som görs härnäst.",
  },
  {
    "Jag är rädd att förlora bostaden, och ångesten tar all ork.",
    "Jag har haft depression i många år. Olika ställen ringer, men ingen ser helheten. Jag "
    "vill bo kvar i mitt eget hem och orka sköta mina ärenden.",
    {
      { "Jag får behålla mitt hem.", NULL,
        { { "Betalningsplan för hyresskulden med hyresvärden", "socialhandledare",
            "Socialt arbete för vuxna" },
          { "Hembesök av boenderådgivaren", "boenderådgivare", "Boenderådgivningen" } } },
      { "Jag orkar bättre i vardagen och sover om nätterna.", NULL,
        { { "Vårdkontakt inom mentalvårdstjänsterna", "psykiatrisk sjukskötare",
            "Mentalvårds- och missbrukartjänster" },
          { "Sömnskola i grupp", "psykiatrisk sjukskötare",
            "Mentalvårds- och missbrukartjänster" } } },
      { "Jag rör mig utomhus tre gånger i veckan.", "fysioterapeut",
        { { "Motionsrådgivning och hemövningar", "fysioterapeut", "Rehabiliteringen" } } },
    },
    { { "Mentalvårdsbyråns mottagning", "Välfärdsområdet" },
      { "Socialt arbete för vuxna", "Välfärdsområdet" },
      { "Grundläggande utkomststöd", "FPA" } },
    { "Dagverksamhet",
      "Jag vill inte gå i en grupp, främmande människor gör mig ängslig.",
      "Den förra gruppen blev avbruten efter en dålig erfarenhet.",
      "psykiatrisk sjukskötare",
      "Dagverksamhet skulle ge veckan rytm och minska ensamheten.",
      "Bristen på dygnsrytm förvärrar sömnlösheten." },
    "Vi gjorde upp en plan med boenderådgivaren, det känns lite lättare.",
  },
};

static const char * const fi_workers[] = {
  "Minna Laine", "Sari Heikkinen", "Jussi Koskinen", "Tiina Mattila", "Anu Lehtonen", NULL
};
static const char * const fi_colleagues[] = {
  "Paula Niemi", "Mikko Salo", "Riikka Kallio", "Heidi Turunen", NULL
};
static const char * const sv_workers[] = {
  "Camilla Björkman", "Johanna Nyström", "Patrik Forsman", "Annika Sjöberg", NULL
};
static const char * const sv_colleagues[] = {
  "Malin Ekholm", "Jonas Backman", "Susanne Granholm", NULL
};

static const char *
pick (GRand              *rand,
      const char * const *list)
{
  return list[g_rand_int_range (rand, 0, g_strv_length ((char **) list))];
}

/* The day @days after the mapping visit @visit (YYYY-MM-DD). */
static char *
date_in_days (const char *visit,
              int         days)
{
  GDate date;
  char text[16];

  g_date_clear (&date, 1);
  g_date_set_parse (&date, visit);
  if (!g_date_valid (&date))
    g_date_set_time_t (&date, time (NULL));
  g_date_add_days (&date, days);
  g_snprintf (text, sizeof text, "%04d-%02d-%02d", g_date_get_year (&date),
              g_date_get_month (&date), g_date_get_day (&date));
  return g_strdup (text);
}

static void
set_or_null (JsonObject *object,
             const char *name,
             const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

/* The first version: as agreed at the mapping visit (@visit), that day. */
static JsonNode *
first_version (PolkuClient    *client,
               const char     *visit,
               const Scenario *scenario,
               const char     *language,
               const char     *worker,
               GRand          *rand)
{
  JsonNode *document = polku_plan_document_new (polku_client_get_id (client), language);
  JsonObject *plan = json_node_get_object (document);
  JsonArray *goals = json_object_get_array_member (plan, "goals");
  JsonArray *services = json_object_get_array_member (plan, "services");
  guint n_goals = g_rand_int_range (rand, 2, 4);

  json_object_set_string_member (plan, "agreed_on", visit);
  json_object_set_string_member (plan, "client_view", scenario->view);
  json_object_set_string_member (plan, "main_burden", scenario->burden);

  for (guint i = 0; i < n_goals && scenario->goals[i].text != NULL; i++)
    {
      const DemoGoal *dgoal = &scenario->goals[i];
      g_autoptr(JsonObject) goal = json_object_new ();
      g_autofree char *id = polku_plan_new_element_id ();
      JsonArray *actions = json_array_new ();

      json_object_set_string_member (goal, "id", id);
      json_object_set_string_member (goal, "text", dgoal->text);
      json_object_set_string_member (goal, "expressed_by",
                                     dgoal->professional != NULL ? "professional" : "client");
      if (dgoal->professional != NULL)
        {
          g_autofree char *named = g_strdup_printf ("%s, %s",
                                                    pick (rand, g_str_equal (language, "sv")
                                                                ? sv_colleagues
                                                                : fi_colleagues),
                                                    dgoal->professional);
          json_object_set_string_member (goal, "professional", named);
        }
      json_object_set_null_member (goal, "target_date");
      json_object_set_string_member (goal, "status", "proposed");

      for (guint j = 0; j < G_N_ELEMENTS (dgoal->actions) && dgoal->actions[j].text != NULL; j++)
        {
          const DemoAction *daction = &dgoal->actions[j];
          g_autoptr(JsonObject) action = json_object_new ();
          g_autofree char *action_id = polku_plan_new_element_id ();
          g_autofree char *responsible = NULL;

          if (daction->responsible != NULL)
            responsible = g_strdup_printf ("%s, %s",
                                           pick (rand, g_str_equal (language, "sv")
                                                       ? sv_colleagues : fi_colleagues),
                                           daction->responsible);
          else
            responsible = g_strdup (worker);

          json_object_set_string_member (action, "id", action_id);
          json_object_set_string_member (action, "text", daction->text);
          json_object_set_string_member (action, "responsible", responsible);
          set_or_null (action, "organisation", daction->organisation);
          json_object_set_null_member (action, "due_date");
          json_object_set_string_member (action, "status", "planned");
          json_array_add_object_element (actions, g_steal_pointer (&action));
        }
      json_object_set_array_member (goal, "actions", actions);
      json_array_add_object_element (goals, g_steal_pointer (&goal));
    }

  for (guint i = 0; i < G_N_ELEMENTS (scenario->services); i++)
    {
      g_autoptr(JsonObject) service = json_object_new ();
      g_autofree char *id = polku_plan_new_element_id ();

      if (scenario->services[i].name == NULL || g_rand_int_range (rand, 0, 4) == 0)
        continue;
      json_object_set_string_member (service, "id", id);
      json_object_set_string_member (service, "name", scenario->services[i].name);
      set_or_null (service, "provider", scenario->services[i].provider);
      json_array_add_object_element (services, g_steal_pointer (&service));
    }

  return document;
}

/* The second: goals active with target dates, actions with due dates, a differing view. */
static void
second_version (JsonNode       *document,
                const char     *visit,
                const Scenario *scenario,
                const char     *colleague,
                GRand          *rand)
{
  JsonObject *plan = json_node_get_object (document);
  JsonArray *goals = json_object_get_array_member (plan, "goals");

  for (guint i = 0; i < json_array_get_length (goals); i++)
    {
      JsonObject *goal = json_array_get_object_element (goals, i);
      JsonArray *actions = json_object_get_array_member (goal, "actions");
      g_autofree char *target = date_in_days (visit, g_rand_int_range (rand, 60, 200));

      json_object_set_string_member (goal, "status", "active");
      json_object_set_string_member (goal, "target_date", target);
      for (guint j = 0; j < json_array_get_length (actions); j++)
        {
          JsonObject *action = json_array_get_object_element (actions, j);
          g_autofree char *due = date_in_days (visit, g_rand_int_range (rand, 7, 60));

          json_object_set_string_member (action, "due_date", due);
          if (j == 0)
            json_object_set_string_member (action, "status", "in_progress");
        }
    }

  if (scenario->differ[0] != NULL)
    {
      JsonArray *views = json_object_get_array_member (plan, "differing_views");
      g_autoptr(JsonObject) view = json_object_new ();
      g_autofree char *id = polku_plan_new_element_id ();
      static const char * const names[] = {
        "topic", "client_view", "client_reason", "professional", "professional_view",
        "professional_reason"
      };

      json_object_set_string_member (view, "id", id);
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        json_object_set_string_member (view, names[i], scenario->differ[i]);
      {
        g_autofree char *named = g_strdup_printf ("%s, %s", colleague, scenario->differ[3]);
        json_object_set_string_member (view, "professional", named);
      }
      json_array_add_object_element (views, g_steal_pointer (&view));
    }
}

/* The third: the first action done, the client's assessment of the first goal. */
static void
third_version (JsonNode       *document,
               const Scenario *scenario,
               GRand          *rand)
{
  JsonObject *plan = json_node_get_object (document);
  JsonArray *goals = json_object_get_array_member (plan, "goals");
  JsonObject *goal = json_array_get_object_element (goals, 0);
  JsonArray *actions = json_object_get_array_member (goal, "actions");

  json_object_set_string_member (json_array_get_object_element (actions, 0), "status", "done");
  if (json_array_get_length (actions) > 1)
    json_object_set_string_member (json_array_get_object_element (actions, 1), "status",
                                   "in_progress");
  json_object_set_string_member (goal, "client_assessment", scenario->assessment);
  json_object_set_int_member (goal, "client_progress", g_rand_int_range (rand, 4, 8));
}

/* Sometimes a fourth: the last goal reached or dropped. */
static void
fourth_version (JsonNode *document,
                GRand    *rand)
{
  JsonObject *plan = json_node_get_object (document);
  JsonArray *goals = json_object_get_array_member (plan, "goals");
  JsonObject *goal = json_array_get_object_element (goals, json_array_get_length (goals) - 1);
  JsonArray *actions = json_object_get_array_member (goal, "actions");
  gboolean reached = g_rand_int_range (rand, 0, 3) != 0;

  json_object_set_string_member (goal, "status", reached ? "achieved" : "dropped");
  for (guint j = 0; j < json_array_get_length (actions); j++)
    json_object_set_string_member (json_array_get_object_element (actions, j), "status",
                                   reached ? "done" : "cancelled");
}

/* The case's review date, when it has none yet: about three months after the visit. */
static gboolean
set_review (PolkuStore  *store,
            const char  *client_id,
            const char  *visit,
            GRand       *rand,
            GError     **error)
{
  g_autoptr(PolkuCase) kase = polku_case_store_get (store, client_id, NULL);
  g_autofree char *review = date_in_days (visit, g_rand_int_range (rand, 75, 100));
  g_autoptr(PolkuCase) reviewed = NULL;

  if (kase == NULL || polku_case_get_review_on (kase) != NULL)
    return TRUE;
  reviewed = polku_case_store_set_review (store, client_id, review, error);
  return reviewed != NULL;
}

/* The day of the client's mapping visit (the case's phase history), or NULL. */
static char *
mapping_visit_date (PolkuStore *store,
                    const char *client_id)
{
  g_autoptr(GPtrArray) phases = polku_case_store_list_phases (store, client_id, NULL);

  for (guint i = 0; phases != NULL && i < phases->len; i++)
    {
      PolkuCasePhaseChange *change = g_ptr_array_index (phases, i);
      const char *to = polku_case_phase_change_get_to_phase (change);

      if (g_strcmp0 (to, polku_case_phase_to_code (POLKU_CASE_PHASE_VISIT_HELD)) == 0)
        return g_strdup (polku_case_phase_change_get_changed_on (change));
    }
  return NULL;
}

/* A working-hours time @days after @date (YYYY-MM-DD), never later than now. */
static char *
stamp_after (const char *date,
             int         days,
             GRand      *rand)
{
  g_autofree char *iso = g_strdup_printf ("%sT%02d:%02d:00Z", date,
                                          g_rand_int_range (rand, 6, 13),
                                          g_rand_int_range (rand, 0, 60));
  g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 (iso, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = NULL;
  g_autofree char *base = NULL;

  if (start == NULL)
    return polku_date_now_stamp ();
  then = g_date_time_add_days (start, days);
  if (g_date_time_compare (then, now) > 0)
    return polku_date_now_stamp ();
  base = g_date_time_format (then, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.000Z", base);
}

/* The team's first current responsible worker, who writes the plan; NULL when none. */
static char *
team_worker (PolkuStore *store,
             const char *client_id)
{
  g_autoptr(GPtrArray) members = polku_team_store_list (store, client_id, FALSE, NULL);

  for (guint i = 0; members != NULL && i < members->len; i++)
    {
      PolkuTeamMember *member = g_ptr_array_index (members, i);

      if (polku_team_member_get_responsible (member))
        return g_strdup (polku_team_member_get_person (member));
    }
  return NULL;
}

/**
 * polku_plan_demo_for_client:
 *
 * The demo step of the plan module (polku-demo.c): gives some clients a plan with a few
 * versions.
 */
gboolean
polku_plan_demo_for_client (PolkuStore             *store,
                            PolkuClient            *client,
                            GRand                  *rand,
                            const PolkuDemoShared  *shared,
                            GError                **error)
{
  g_autoptr(JsonNode) document = NULL;
  g_autofree char *team = NULL;
  g_autofree char *actor = NULL;
  g_autofree char *visit = NULL;
  g_autofree char *stamp = NULL;
  const Scenario *scenario;
  const char *language;
  const char *worker;
  const char *colleague;
  gboolean sv;
  gboolean ok;

  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);
  g_return_val_if_fail (POLKU_IS_CLIENT (client), FALSE);
  g_return_val_if_fail (rand != NULL, FALSE);

  visit = mapping_visit_date (store, polku_client_get_id (client));
  if (visit == NULL)
    return TRUE;

  sv = polku_client_get_language (client) == POLKU_LANGUAGE_SV;
  language = sv ? "sv" : "fi";
  scenario = sv ? &sv_scenarios[g_rand_int_range (rand, 0, G_N_ELEMENTS (sv_scenarios))]
                : &fi_scenarios[g_rand_int_range (rand, 0, G_N_ELEMENTS (fi_scenarios))];
  worker = pick (rand, sv ? sv_workers : fi_workers);
  colleague = pick (rand, sv ? sv_colleagues : fi_colleagues);

  /* The versions are the workers' own (the audit log says so too). */
  actor = polku_store_dup_actor (store);
  team = team_worker (store, polku_client_get_id (client));
  if (team != NULL)
    worker = team;
  polku_store_set_actor (store, worker);
  document = first_version (client, visit, scenario, language, worker, rand);
  stamp = stamp_after (visit, g_rand_int_range (rand, 0, 3), rand);
  ok = polku_plan_store_save_stamped (store, polku_client_get_id (client), document, 0,
                                      POLKU_PLAN_ORIGIN_CREATE, stamp, NULL, error)
       && set_review (store, polku_client_get_id (client), visit, rand, error);

  if (ok)
    {
      polku_store_set_actor (store, colleague);
      second_version (document, visit, scenario, colleague, rand);
      g_free (stamp);
      stamp = stamp_after (visit, g_rand_int_range (rand, 10, 25), rand);
      ok = polku_plan_store_save_stamped (store, polku_client_get_id (client), document, -1,
                                          POLKU_PLAN_ORIGIN_EDIT, stamp, NULL, error);
    }
  if (ok)
    {
      polku_store_set_actor (store, worker);
      third_version (document, scenario, rand);
      g_free (stamp);
      stamp = stamp_after (visit, g_rand_int_range (rand, 30, 60), rand);
      ok = polku_plan_store_save_stamped (store, polku_client_get_id (client), document, -1,
                                          POLKU_PLAN_ORIGIN_EDIT, stamp, NULL, error);
    }
  if (ok && g_rand_boolean (rand))
    {
      fourth_version (document, rand);
      g_free (stamp);
      stamp = stamp_after (visit, g_rand_int_range (rand, 70, 120), rand);
      ok = polku_plan_store_save_stamped (store, polku_client_get_id (client), document, -1,
                                          POLKU_PLAN_ORIGIN_EDIT, stamp, NULL, error);
    }

  polku_store_set_actor (store, actor);
  return ok;
}
