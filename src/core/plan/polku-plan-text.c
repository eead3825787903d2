/* polku-plan-text.c: the words of the client's copy of the plan, in the plan's language
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain language, addressed to the client ("you"), since the copy is theirs. Finnish and
 * Finland-Swedish terms follow the practice: vastuutyöntekijä / ansvarig arbetstagare,
 * hoito- ja palvelusuunnitelma / vård- och serviceplan.
 */

#define G_LOG_DOMAIN "polku-plan"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "polku-plan-text.h"

typedef struct
{
  const char *fi;
  const char *sv;
} Words;

static const Words texts[POLKU_PLAN_N_TEXTS] = {
  [POLKU_PLAN_TEXT_TITLE] = { "Yhteinen hoito- ja palvelusuunnitelma",
                              "Gemensam vård- och serviceplan" },
  [POLKU_PLAN_TEXT_CLIENT] = { "Asiakas", "Klient" },
  [POLKU_PLAN_TEXT_UPDATED] = { "Päivitetty", "Uppdaterad" },
  [POLKU_PLAN_TEXT_VERSION] = { "Versio", "Version" },
  [POLKU_PLAN_TEXT_RESPONSIBLE_WORKER] = { "Vastuutyöntekijäsi", "Din ansvariga arbetstagare" },
  [POLKU_PLAN_TEXT_PHONE] = { "Puhelin", "Telefon" },
  [POLKU_PLAN_TEXT_EMAIL] = { "Sähköposti", "E-post" },
  [POLKU_PLAN_TEXT_CLIENT_VIEW] = { "Tilanteesi omin sanoin", "Din situation med egna ord" },
  [POLKU_PLAN_TEXT_MAIN_BURDEN] = { "Mikä kuormittaa sinua eniten",
                                    "Det som belastar dig mest" },
  [POLKU_PLAN_TEXT_GOALS] = { "Tavoitteet", "Mål" },
  [POLKU_PLAN_TEXT_NO_GOALS] = { "Tavoitteita ei ole vielä kirjattu.",
                                 "Inga mål har antecknats ännu." },
  [POLKU_PLAN_TEXT_GOAL_BY_CLIENT] = { "Sinun tavoitteesi", "Ditt mål" },
  [POLKU_PLAN_TEXT_GOAL_BY_PROFESSIONAL] = { "Ammattilaisen ehdottama: %s",
                                             "Föreslaget av en yrkesperson: %s" },
  [POLKU_PLAN_TEXT_TARGET_DATE] = { "Tavoiteaika", "Måldatum" },
  [POLKU_PLAN_TEXT_STATUS] = { "Tilanne", "Läge" },
  [POLKU_PLAN_TEXT_CLIENT_ASSESSMENT] = { "Oma arviosi edistymisestä",
                                          "Din egen bedömning av hur det går" },
  [POLKU_PLAN_TEXT_CLIENT_PROGRESS] = { "%d/10", "%d/10" },
  [POLKU_PLAN_TEXT_ACTIONS] = { "Mitä tehdään", "Vad som görs" },
  [POLKU_PLAN_TEXT_RESPONSIBLE] = { "Vastuussa", "Ansvarig" },
  [POLKU_PLAN_TEXT_DUE_DATE] = { "Mennessä", "Senast" },
  [POLKU_PLAN_TEXT_SERVICES] = { "Käytössäsi olevat palvelut", "Tjänster som du använder" },
  [POLKU_PLAN_TEXT_DIFFERING_VIEWS] = { "Kun näkemykset eroavat",
                                        "När synsätten skiljer sig" },
  [POLKU_PLAN_TEXT_YOUR_VIEW] = { "Sinun näkemyksesi", "Din syn" },
  [POLKU_PLAN_TEXT_PROFESSIONAL_VIEW] = { "Ammattilaisen näkemys (%s)",
                                          "Yrkespersonens syn (%s)" },
  [POLKU_PLAN_TEXT_REASON] = { "Perustelu", "Motivering" },
  [POLKU_PLAN_TEXT_NEXT_REVIEW] = { "Suunnitelma tarkistetaan seuraavan kerran",
                                    "Planen ses över nästa gång" },
  [POLKU_PLAN_TEXT_NOT_SET] = { "ei sovittu", "inte avtalat" },
  [POLKU_PLAN_TEXT_PAGE] = { "Sivu %d/%d", "Sida %d/%d" },
  [POLKU_PLAN_TEXT_CLIENT_ROLE] = { "Asiakas", "Klient" },
  [POLKU_PLAN_TEXT_PROFESSIONAL_ROLE] = { "Ammattilainen", "Yrkesperson" },
  [POLKU_PLAN_TEXT_REVIEW_ACTIVITY] = { "Suunnitelman tarkistus", "Översyn av planen" },
  [POLKU_PLAN_TEXT_SERVICE_IN_USE] = { "Käytössä oleva palvelu: %s", "Tjänst i bruk: %s" },
  [POLKU_PLAN_TEXT_CARE_TEAM] = { "Asiakkaan monialainen tiimi",
                                  "Klientens sektorsövergripande team" },
  [POLKU_PLAN_TEXT_RESPONSIBLE_WORKERS] = { "Vastuutyöntekijäsi", "Dina ansvariga arbetstagare" },
  [POLKU_PLAN_TEXT_AGREED_ON] = { "Sovittu kanssasi", "Avtalad med dig" },
  [POLKU_PLAN_TEXT_CONTACT] = { "Yhteystieto", "Kontaktuppgift" },
  [POLKU_PLAN_TEXT_DATE_PASSED] = { "%s – ajankohta on mennyt, sovitaan uusi",
                                    "%s – tidpunkten har passerat, vi avtalar en ny" },
};

static const Words goal_statuses[] = {
  [POLKU_PLAN_GOAL_PROPOSED] = { "ehdotettu", "föreslaget" },
  [POLKU_PLAN_GOAL_ACTIVE] = { "työn alla", "pågår" },
  [POLKU_PLAN_GOAL_ACHIEVED] = { "saavutettu", "uppnått" },
  [POLKU_PLAN_GOAL_NOT_ACHIEVED] = { "ei saavutettu", "inte uppnått" },
  [POLKU_PLAN_GOAL_DROPPED] = { "luovuttu", "slopat" },
};

static const Words action_statuses[] = {
  [POLKU_PLAN_ACTION_PLANNED] = { "suunniteltu", "planerad" },
  [POLKU_PLAN_ACTION_IN_PROGRESS] = { "käynnissä", "pågår" },
  [POLKU_PLAN_ACTION_DONE] = { "tehty", "gjord" },
  [POLKU_PLAN_ACTION_CANCELLED] = { "peruttu", "inställd" },
};

static const char *
pick (const Words *words,
      const char  *language)
{
  return g_strcmp0 (language, "sv") == 0 ? words->sv : words->fi;
}

/**
 * polku_plan_text:
 * @language: the plan's language, "fi" or "sv" (anything else gives Finnish)
 *
 * Returns: (transfer none): the words, in @language
 */
const char *
polku_plan_text (const char    *language,
                 PolkuPlanText  text)
{
  g_return_val_if_fail (text < POLKU_PLAN_N_TEXTS, "");
  return pick (&texts[text], language);
}

const char *
polku_plan_text_goal_status (const char          *language,
                             PolkuPlanGoalStatus  status)
{
  g_return_val_if_fail (status <= POLKU_PLAN_GOAL_DROPPED, "");
  return pick (&goal_statuses[status], language);
}

const char *
polku_plan_text_action_status (const char            *language,
                               PolkuPlanActionStatus  status)
{
  g_return_val_if_fail (status <= POLKU_PLAN_ACTION_CANCELLED, "");
  return pick (&action_statuses[status], language);
}

/* YYYY-MM-DD as written in Finland in both languages: 5.3.2027. */
char *
polku_plan_text_format_date (const char *date)
{
  if (date == NULL || strlen (date) != 10)
    return g_strdup (date != NULL ? date : "");

  return g_strdup_printf ("%d.%d.%.4s", atoi (date + 8), atoi (date + 5), date);
}

/**
 * polku_plan_text_fill:
 * @value: what fills the text's one "%s" or "%d"
 *
 * Returns: (transfer full): the words of @text in @language with @value put in.
 */
char *
polku_plan_text_fill (const char    *language,
                      PolkuPlanText  text,
                      const char    *value)
{
  const char *words = polku_plan_text (language, text);
  const char *hole = strstr (words, "%s");

  if (hole == NULL)
    hole = strstr (words, "%d");
  if (hole == NULL)
    return g_strdup (words);

  return g_strdup_printf ("%.*s%s%s", (int) (hole - words), words, value != NULL ? value : "",
                          hole + 2);
}
