/* polku-demo.c: realistic synthetic clients for demos, tests and benchmarks
 *
 * Names are common Finnish and Finland-Swedish names (and a few others); identity codes
 * use the individual numbers 900–999, which are never given to real people, with valid
 * check characters; phone numbers and addresses are made up.
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-demo"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-assessment-store.h"
#include "polku-case-store.h"
#include "polku-client-store.h"
#include "polku-contact-store.h"
#include "polku-demo-private.h"
#include "polku-demo.h"
#include "polku-hetu.h"
#include "polku-mapping-visit.h"
#include "polku-plan-store.h"
#include "polku-store-private.h"

typedef struct
{
  const char * const *female;
  const char * const *male;
  const char * const *family;
  const char * const *municipalities;
  const char * const *streets;
  PolkuLanguage       language;
} NameSet;

static const char * const fi_female[] = {
  "Aino", "Anna", "Helena", "Johanna", "Kaarina", "Leena", "Liisa", "Maria", "Marja",
  "Minna", "Päivi", "Riitta", "Sari", "Satu", "Tuula", "Eeva", "Hanna", "Pirjo", "Sirpa",
  "Tiina", "Elina", "Emilia", "Veera", "Siiri", NULL
};
static const char * const fi_male[] = {
  "Antero", "Antti", "Eero", "Heikki", "Jari", "Juha", "Juhani", "Kalevi", "Kari", "Markku",
  "Matti", "Mikko", "Pekka", "Petri", "Timo", "Tapani", "Veikko", "Ville", "Janne", "Olli",
  "Eino", "Onni", "Lauri", "Toivo", NULL
};
static const char * const fi_family[] = {
  "Korhonen", "Virtanen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine",
  "Heikkinen", "Koskinen", "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen",
  "Heinonen", "Niemi", "Heikkilä", "Kinnunen", "Salonen", "Turunen", "Salo", "Laitinen",
  "Tuominen", "Rantanen", "Karjalainen", "Jokinen", "Mattila", "Savolainen", "Lahtinen",
  "Ahonen", "Hakala", "Kallio", "Peltonen", "Väisänen", "Pesonen", NULL
};
static const char * const fi_municipalities[] = {
  "Seinäjoki", "Lapua", "Kauhava", "Alavus", "Kurikka", "Ähtäri", "Mikkeli", "Joensuu",
  "Kokkola", "Kannus", "Kuopio", "Jyväskylä", "Tampere", "Lahti", "Oulu", "Rovaniemi", NULL
};
static const char * const fi_streets[] = {
  "Koulukatu", "Rantatie", "Kirkkokatu", "Mäntytie", "Koivukuja", "Puistokatu", "Myllytie",
  "Asemakatu", "Pajatie", "Kauppakatu", NULL
};

static const char * const sv_female[] = {
  "Anna", "Britt", "Ebba", "Elin", "Gun", "Ingrid", "Karin", "Linnea", "Maj", "Margareta",
  "Sara", "Solveig", "Stina", "Ulla", "Vivan", NULL
};
static const char * const sv_male[] = {
  "Anders", "Bo", "Bror", "Erik", "Gunnar", "Henrik", "Johan", "Karl", "Lars", "Mats",
  "Nils", "Per", "Rolf", "Stig", "Tor", NULL
};
static const char * const sv_family[] = {
  "Lindqvist", "Lindholm", "Nyström", "Johansson", "Karlsson", "Holmström", "Sundqvist",
  "Björkman", "Granholm", "Forsman", "Westerlund", "Backman", "Åberg", "Sjöberg", "Ekholm",
  "Östman", NULL
};
static const char * const sv_municipalities[] = {
  "Vasa", "Korsholm", "Jakobstad", "Närpes", "Kristinestad", "Nykarleby", "Larsmo",
  "Pedersöre", "Malax", "Karleby", NULL
};
static const char * const sv_streets[] = {
  "Skolgatan", "Strandvägen", "Kyrkogatan", "Tallvägen", "Björkgränd", "Parkgatan",
  "Kvarnvägen", "Stationsgatan", NULL
};

static const char * const other_female[] = {
  "Amina", "Olga", "Fatima", "Mariam", "Svetlana", "Layla", NULL
};
static const char * const other_male[] = {
  "Ahmed", "Dmitri", "Hassan", "Ali", "Sergei", "Omar", NULL
};
static const char * const other_family[] = {
  "Hassan", "Ivanova", "Mohamed", "Abdi", "Petrov", "Nguyen", "Ali", "Smirnov", NULL
};

static const NameSet name_sets[] = {
  { fi_female, fi_male, fi_family, fi_municipalities, fi_streets, POLKU_LANGUAGE_FI },
  { sv_female, sv_male, sv_family, sv_municipalities, sv_streets, POLKU_LANGUAGE_SV },
  { other_female, other_male, other_family, fi_municipalities, fi_streets,
    POLKU_LANGUAGE_OTHER },
};

static const char *
pick (GRand              *rand,
      const char * const *list)
{
  guint n = g_strv_length ((char **) list);

  return list[g_rand_int_range (rand, 0, n)];
}

static char *
ascii_lower (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");

  return g_ascii_strdown (ascii, -1);
}

/**
 * polku_demo_make_client:
 * @rand: the random source (seeded for repeatable data)
 *
 * Returns: (transfer full): a client that is not stored yet.
 */
PolkuClient *
polku_demo_make_client (GRand *rand)
{
  g_autoptr(PolkuClient) client = polku_client_new ();
  g_autofree char *hetu = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *address = NULL;
  const NameSet *set;
  gboolean female;
  guint individual;
  GDate birth;
  int r;

  g_return_val_if_fail (rand != NULL, NULL);

  /* Roughly 80 % Finnish-, 15 % Swedish-speaking and 5 % others. */
  r = g_rand_int_range (rand, 0, 100);
  set = &name_sets[r < 80 ? 0 : r < 95 ? 1 : 2];
  female = g_rand_boolean (rand);

  polku_client_set_given_name (client, pick (rand, female ? set->female : set->male));
  polku_client_set_family_name (client, pick (rand, set->family));
  polku_client_set_language (client, set->language);

  /* High-need clients are mostly middle-aged or older. */
  g_date_clear (&birth, 1);
  g_date_set_dmy (&birth, 1, 1, 1936);
  g_date_add_days (&birth, g_rand_int_range (rand, 0, 365 * 68));

  /* 900–999: temporary/test individual numbers; odd for men, even for women. */
  individual = 900 + 2 * g_rand_int_range (rand, 0, 50) + (female ? 0 : 1);
  hetu = polku_hetu_build (&birth, individual);
  polku_client_set_hetu (client, hetu);

  phone = g_strdup_printf ("040 %03d %04d", g_rand_int_range (rand, 0, 1000),
                           g_rand_int_range (rand, 0, 10000));
  polku_client_set_phone (client, phone);

  if (g_rand_int_range (rand, 0, 3) == 0)
    {
      g_autofree char *given = ascii_lower (polku_client_get_given_name (client));
      g_autofree char *family = ascii_lower (polku_client_get_family_name (client));
      g_autofree char *email = g_strdup_printf ("%s.%s@example.com", given, family);

      polku_client_set_email (client, email);
    }

  address = g_strdup_printf ("%s %d", pick (rand, set->streets), g_rand_int_range (rand, 1, 60));
  polku_client_set_address (client, address);
  polku_client_set_municipality (client, pick (rand, set->municipalities));

  return g_steal_pointer (&client);
}

typedef gboolean (*DemoStep) (PolkuStore             *store,
                              PolkuClient            *client,
                              GRand                  *rand,
                              const PolkuDemoShared  *shared,
                              GError                **error);

/* What each module adds to a saved demo client (case work, contacts, plan, measures), in
 * this order: a step may read what the earlier ones made. A module adds its
 * polku_<module>_demo_for_client () here, declared in its own header. */
static const DemoStep demo_steps[] = {
  polku_case_demo_for_client,
  polku_contact_demo_for_client,
  polku_plan_demo_for_client,
  polku_assessment_demo_for_client,
  NULL
};

/* Clients per transaction: one commit (one fsync) per batch instead of one per change, and
 * short enough that a window sharing the profile waits at most a moment (reads never wait,
 * WAL; its writes wait up to 5 s, and a batch took 2–5 s near 10,000 clients on a busy
 * two-core machine). With random (version 4) ids every batch touched index pages all over
 * the file and wrote each of them into the WAL again (a 10,000-client build wrote 8 times
 * the database's size); rows now get time-ordered ids (polku_id_new ()), so a batch mostly
 * appends, and the client's own id, still random, leaves a build writing about 3.7 times
 * the file (the WAL and its checkpoint are 2). */
#define DEMO_BATCH_CLIENTS 250

typedef struct
{
  GRand                 *rand;
  const PolkuDemoShared *shared;
  guint                  n_clients;     /* in this batch */
  guint                 *attempts;      /* repeated identity codes so far, over all batches */
  guint                  max_attempts;
} DemoBatch;

static gboolean
populate_batch (PolkuStore  *store,
                gpointer     data,
                GError     **error)
{
  DemoBatch *batch = data;
  guint added = 0;

  while (added < batch->n_clients)
    {
      g_autoptr(PolkuClient) client = polku_demo_make_client (batch->rand);
      gint64 taken;

      /* A repeated identity code is tried again with another client. It is looked for
       * first: the batch has no savepoints (polku_store_run_batch_whole ()), so a save that
       * failed on it would undo the whole batch. */
      taken = polku_store_count (store, "SELECT count(*) FROM client WHERE hetu = ?1;",
                                 polku_client_get_hetu (client), _("Reading a client"), error);
      if (taken < 0)
        return FALSE;
      if (taken > 0)
        {
          if (++*batch->attempts > batch->max_attempts)
            {
              g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_CONSTRAINT,
                           _("Could not make demo clients with identity codes of their own: "
                             "too many were taken. Nothing more was added."));
              return FALSE;
            }
          continue;
        }

      if (!polku_client_store_save (store, client, error))
        return FALSE;
      for (guint i = 0; demo_steps[i] != NULL; i++)
        if (!demo_steps[i] (store, client, batch->rand, batch->shared, error))
          return FALSE;
      added++;
    }
  return TRUE;
}

/**
 * polku_demo_populate:
 * @n_clients: how many clients to add (at most %POLKU_DEMO_MAX_CLIENTS)
 * @seed: seed of the generator; the same seed gives the same clients
 *
 * Adds synthetic clients to @store.
 */
gboolean
polku_demo_populate (PolkuStore  *store,
                     guint        n_clients,
                     guint32      seed,
                     GError     **error)
{
  return polku_demo_populate_with_progress (store, n_clients, seed, NULL, NULL, error);
}

/**
 * polku_demo_populate_with_progress:
 * @progress: (nullable): called after each batch with the clients added so far
 *
 * polku_demo_populate () in transactions of %DEMO_BATCH_CLIENTS clients: the data is the
 * same, written with one commit per batch. A failure rolls back the batch it happened in;
 * the batches before it stay.
 */
gboolean
polku_demo_populate_with_progress (PolkuStore           *store,
                                   guint                 n_clients,
                                   guint32               seed,
                                   PolkuDemoProgressFunc progress,
                                   gpointer              user_data,
                                   GError              **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GListModel) agenda = NULL;
  PolkuDemoShared shared = { NULL, POLKU_MAPPING_VISIT_DEFAULT_MINUTES };
  guint added = 0;
  guint attempts = 0;

  g_return_val_if_fail (POLKU_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_clients > POLKU_DEMO_MAX_CLIENTS)
    {
      g_set_error (error, POLKU_STORE_ERROR, POLKU_STORE_ERROR_FAILED,
                   _("At most %d demo clients can be made at a time."),
                   POLKU_DEMO_MAX_CLIENTS);
      return FALSE;
    }

  agenda = polku_mapping_visit_agenda_dup_default (&shared.planned_minutes, error);
  if (agenda == NULL)
    return FALSE;
  shared.agenda = agenda;

  while (added < n_clients)
    {
      DemoBatch batch = { rand, &shared, MIN (DEMO_BATCH_CLIENTS, n_clients - added),
                          &attempts, n_clients + 100 };

      if (!polku_store_run_batch_whole (store, populate_batch, &batch, error))
        return FALSE;
      added += batch.n_clients;
      if (progress != NULL)
        progress (added, n_clients, user_data);
    }

  return TRUE;
}
