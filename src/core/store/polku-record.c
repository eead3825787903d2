/* polku-record.c: what every stored row of a client's data has: id, stamps, client
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-record"

#include "config.h"

#include "polku-object-private.h"
#include "polku-record-private.h"

enum {
  PROP_0,
  PROP_ID,
  PROP_CREATED,
  PROP_MODIFIED,
  PROP_CLIENT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Each property's text, by its id. */
typedef struct
{
  char *text[N_PROPS];
} PolkuRecordPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (PolkuRecord, polku_record, G_TYPE_OBJECT)

static void
polku_record_finalize (GObject *object)
{
  PolkuRecordPrivate *priv = polku_record_get_instance_private (POLKU_RECORD (object));

  for (guint i = 0; i < N_PROPS; i++)
    g_clear_pointer (&priv->text[i], g_free);

  G_OBJECT_CLASS (polku_record_parent_class)->finalize (object);
}

static void
polku_record_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PolkuRecordPrivate *priv = polku_record_get_instance_private (POLKU_RECORD (object));

  g_value_set_string (value, priv->text[prop_id]);
}

/* Sets the text of @prop to @value and notifies when that changed it. */
static void
set_text (PolkuRecord *self,
          guint        prop,
          const char  *value)
{
  PolkuRecordPrivate *priv = polku_record_get_instance_private (self);

  if (polku_set_string (&priv->text[prop], value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
polku_record_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  set_text (POLKU_RECORD (object), prop_id, g_value_get_string (value));
}

static void
polku_record_class_init (PolkuRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = POLKU_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = polku_record_finalize;
  object_class->get_property = polku_record_get_property;
  object_class->set_property = polku_record_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_CREATED] = g_param_spec_string ("created", NULL, NULL, NULL, flags);
  properties[PROP_MODIFIED] = g_param_spec_string ("modified", NULL, NULL, NULL, flags);
  properties[PROP_CLIENT_ID] = g_param_spec_string ("client-id", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
polku_record_init (PolkuRecord *self)
{
}

#define GETTER(name, PROP) \
  const char * \
  polku_record_get_##name (PolkuRecord *self) \
  { \
    PolkuRecordPrivate *priv; \
    \
    g_return_val_if_fail (POLKU_IS_RECORD (self), NULL); \
    priv = polku_record_get_instance_private (self); \
    return priv->text[PROP]; \
  }

GETTER (id, PROP_ID)
GETTER (created, PROP_CREATED)
GETTER (modified, PROP_MODIFIED)
GETTER (client_id, PROP_CLIENT_ID)

#undef GETTER

void
polku_record_set_client_id (PolkuRecord *self,
                            const char  *client_id)
{
  g_return_if_fail (POLKU_IS_RECORD (self));

  set_text (self, PROP_CLIENT_ID, client_id);
}

void
polku_record_set_stamps (PolkuRecord *self,
                         const char  *id,
                         const char  *created,
                         const char  *modified)
{
  g_return_if_fail (POLKU_IS_RECORD (self));

  set_text (self, PROP_ID, id);
  set_text (self, PROP_CREATED, created);
  set_text (self, PROP_MODIFIED, modified);
}

void
polku_record_set_from (PolkuRecord *self,
                       PolkuRecord *other)
{
  PolkuRecordPrivate *from;

  g_return_if_fail (POLKU_IS_RECORD (self));
  g_return_if_fail (POLKU_IS_RECORD (other));

  from = polku_record_get_instance_private (other);
  polku_record_set_stamps (self, from->text[PROP_ID], from->text[PROP_CREATED],
                           from->text[PROP_MODIFIED]);
  polku_record_set_client_id (self, from->text[PROP_CLIENT_ID]);
}
