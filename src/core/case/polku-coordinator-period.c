/* polku-coordinator-period.c: one period of a client's coordinator (asiakasvastaava)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-coordinator-period"

#include "config.h"

#include "polku-coordinator-period.h"
#include "polku-object-private.h"

struct _PolkuCoordinatorPeriod
{
  PolkuRecord  parent_instance;

  char        *person;
  char        *started_on;
  char        *ended_on;
  char        *set_by;
};

G_DEFINE_FINAL_TYPE (PolkuCoordinatorPeriod, polku_coordinator_period, POLKU_TYPE_RECORD)

enum {
  PROP_0,
  PROP_PERSON,
  PROP_STARTED_ON,
  PROP_ENDED_ON,
  PROP_SET_BY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
polku_coordinator_period_finalize (GObject *object)
{
  PolkuCoordinatorPeriod *self = (PolkuCoordinatorPeriod *) object;

  g_clear_pointer (&self->person, g_free);
  g_clear_pointer (&self->started_on, g_free);
  g_clear_pointer (&self->ended_on, g_free);
  g_clear_pointer (&self->set_by, g_free);

  G_OBJECT_CLASS (polku_coordinator_period_parent_class)->finalize (object);
}

static void
polku_coordinator_period_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  PolkuCoordinatorPeriod *self = (PolkuCoordinatorPeriod *) object;

  switch (prop_id)
    {
    case PROP_PERSON:
      g_value_set_string (value, self->person);
      break;
    case PROP_STARTED_ON:
      g_value_set_string (value, self->started_on);
      break;
    case PROP_ENDED_ON:
      g_value_set_string (value, self->ended_on);
      break;
    case PROP_SET_BY:
      g_value_set_string (value, self->set_by);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_coordinator_period_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  PolkuCoordinatorPeriod *self = (PolkuCoordinatorPeriod *) object;

  switch (prop_id)
    {
    case PROP_PERSON:
      polku_value_replace_string (&self->person, value);
      break;
    case PROP_STARTED_ON:
      polku_value_replace_string (&self->started_on, value);
      break;
    case PROP_ENDED_ON:
      polku_value_replace_string (&self->ended_on, value);
      break;
    case PROP_SET_BY:
      polku_value_replace_string (&self->set_by, value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_coordinator_period_class_init (PolkuCoordinatorPeriodClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = polku_coordinator_period_finalize;
  object_class->get_property = polku_coordinator_period_get_property;
  object_class->set_property = polku_coordinator_period_set_property;

  properties[PROP_PERSON] = polku_param_spec_construct_string ("person");
  properties[PROP_STARTED_ON] = polku_param_spec_construct_string ("started-on");
  properties[PROP_ENDED_ON] = polku_param_spec_construct_string ("ended-on");
  properties[PROP_SET_BY] = polku_param_spec_construct_string ("set-by");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
polku_coordinator_period_init (PolkuCoordinatorPeriod *self)
{
}

#define GETTER(type, field) \
  POLKU_DEFINE_GETTER (PolkuCoordinatorPeriod, polku_coordinator_period, COORDINATOR_PERIOD, \
                       type, field)

GETTER (const char *, person)
GETTER (const char *, started_on)
GETTER (const char *, ended_on)
GETTER (const char *, set_by)

#undef GETTER
