/* polku-coordinator-waiting.c: a client in the queue, waiting for a coordinator
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-coordinator-waiting"

#include "config.h"

#include "polku-coordinator-waiting.h"
#include "polku-object-private.h"

struct _PolkuCoordinatorWaiting
{
  GObject  parent_instance;

  char    *client_id;
  char    *given_name;
  char    *family_name;
  char    *phase;
  char    *identified_on;
  char    *waiting_since;
  guint    days_waiting;
};

G_DEFINE_FINAL_TYPE (PolkuCoordinatorWaiting, polku_coordinator_waiting, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT_ID,
  PROP_GIVEN_NAME,
  PROP_FAMILY_NAME,
  PROP_PHASE,
  PROP_IDENTIFIED_ON,
  PROP_WAITING_SINCE,
  PROP_DAYS_WAITING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char **
string_field (PolkuCoordinatorWaiting *self,
              guint                    prop_id)
{
  switch (prop_id)
    {
    case PROP_CLIENT_ID:
      return &self->client_id;
    case PROP_GIVEN_NAME:
      return &self->given_name;
    case PROP_FAMILY_NAME:
      return &self->family_name;
    case PROP_PHASE:
      return &self->phase;
    case PROP_IDENTIFIED_ON:
      return &self->identified_on;
    case PROP_WAITING_SINCE:
      return &self->waiting_since;
    default:
      return NULL;
    }
}

static void
polku_coordinator_waiting_finalize (GObject *object)
{
  PolkuCoordinatorWaiting *self = (PolkuCoordinatorWaiting *) object;

  for (guint i = PROP_CLIENT_ID; i <= PROP_WAITING_SINCE; i++)
    g_clear_pointer (string_field (self, i), g_free);

  G_OBJECT_CLASS (polku_coordinator_waiting_parent_class)->finalize (object);
}

static void
polku_coordinator_waiting_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  PolkuCoordinatorWaiting *self = (PolkuCoordinatorWaiting *) object;
  char **field = string_field (self, prop_id);

  if (field != NULL)
    g_value_set_string (value, *field);
  else if (prop_id == PROP_DAYS_WAITING)
    g_value_set_uint (value, self->days_waiting);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
polku_coordinator_waiting_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  PolkuCoordinatorWaiting *self = (PolkuCoordinatorWaiting *) object;
  char **field = string_field (self, prop_id);

  if (field != NULL)
    polku_value_replace_string (field, value);
  else if (prop_id == PROP_DAYS_WAITING)
    self->days_waiting = g_value_get_uint (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
polku_coordinator_waiting_class_init (PolkuCoordinatorWaitingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = polku_coordinator_waiting_finalize;
  object_class->get_property = polku_coordinator_waiting_get_property;
  object_class->set_property = polku_coordinator_waiting_set_property;

  properties[PROP_CLIENT_ID] = polku_param_spec_construct_string ("client-id");
  properties[PROP_GIVEN_NAME] = polku_param_spec_construct_string ("given-name");
  properties[PROP_FAMILY_NAME] = polku_param_spec_construct_string ("family-name");
  /* Phase code of the case */
  properties[PROP_PHASE] = polku_param_spec_construct_string ("phase");
  /* When the case was opened */
  properties[PROP_IDENTIFIED_ON] = polku_param_spec_construct_string ("identified-on");
  /* Identification, or the end of the last coordinator's period if later */
  properties[PROP_WAITING_SINCE] = polku_param_spec_construct_string ("waiting-since");
  /* Whole days from waiting-since to today */
  properties[PROP_DAYS_WAITING] =
    g_param_spec_uint ("days-waiting", NULL, NULL, 0, G_MAXUINT, 0,
                       POLKU_PARAM_CONSTRUCT_ONLY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
polku_coordinator_waiting_init (PolkuCoordinatorWaiting *self)
{
}

#define GETTER(type, field) \
  POLKU_DEFINE_GETTER (PolkuCoordinatorWaiting, polku_coordinator_waiting, \
                       COORDINATOR_WAITING, type, field)

GETTER (const char *, client_id)
GETTER (const char *, given_name)
GETTER (const char *, family_name)
GETTER (const char *, phase)
GETTER (const char *, identified_on)
GETTER (const char *, waiting_since)
GETTER (guint, days_waiting)

#undef GETTER
