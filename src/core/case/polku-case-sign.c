/* polku-case-sign.c: one warning sign (heräte) flagged for a client
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "polku-case-sign"

#include "config.h"

#include <glib/gi18n.h>

#include "polku-case-sign.h"
#include "polku-object-private.h"

struct _PolkuCaseSign
{
  PolkuRecord  parent_instance;

  char        *group_id;
  char        *item_id;
  char        *reason;
  char        *source_sector;
  char        *flagged_by;
  char        *flagged_on;
  char        *service_point;
  char        *recorded_by;
  char        *retracted_on;
  char        *retracted_by;
};

G_DEFINE_FINAL_TYPE (PolkuCaseSign, polku_case_sign, POLKU_TYPE_RECORD)

enum {
  PROP_0,
  PROP_GROUP_ID,
  PROP_ITEM_ID,
  PROP_REASON,
  PROP_SOURCE_SECTOR,
  PROP_FLAGGED_BY,
  PROP_FLAGGED_ON,
  PROP_SERVICE_POINT,
  PROP_RECORDED_BY,
  PROP_RETRACTED_ON,
  PROP_RETRACTED_BY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
polku_case_sign_finalize (GObject *object)
{
  PolkuCaseSign *self = (PolkuCaseSign *) object;

  g_clear_pointer (&self->group_id, g_free);
  g_clear_pointer (&self->item_id, g_free);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->source_sector, g_free);
  g_clear_pointer (&self->flagged_by, g_free);
  g_clear_pointer (&self->flagged_on, g_free);
  g_clear_pointer (&self->service_point, g_free);
  g_clear_pointer (&self->recorded_by, g_free);
  g_clear_pointer (&self->retracted_on, g_free);
  g_clear_pointer (&self->retracted_by, g_free);

  G_OBJECT_CLASS (polku_case_sign_parent_class)->finalize (object);
}

static void
polku_case_sign_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PolkuCaseSign *self = (PolkuCaseSign *) object;

  switch (prop_id)
    {
    case PROP_GROUP_ID:
      g_value_set_string (value, self->group_id);
      break;
    case PROP_ITEM_ID:
      g_value_set_string (value, self->item_id);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    case PROP_SOURCE_SECTOR:
      g_value_set_string (value, self->source_sector);
      break;
    case PROP_FLAGGED_BY:
      g_value_set_string (value, self->flagged_by);
      break;
    case PROP_FLAGGED_ON:
      g_value_set_string (value, self->flagged_on);
      break;
    case PROP_SERVICE_POINT:
      g_value_set_string (value, self->service_point);
      break;
    case PROP_RECORDED_BY:
      g_value_set_string (value, self->recorded_by);
      break;
    case PROP_RETRACTED_ON:
      g_value_set_string (value, self->retracted_on);
      break;
    case PROP_RETRACTED_BY:
      g_value_set_string (value, self->retracted_by);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_case_sign_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PolkuCaseSign *self = (PolkuCaseSign *) object;

  switch (prop_id)
    {
    case PROP_GROUP_ID:
      polku_value_replace_string (&self->group_id, value);
      break;
    case PROP_ITEM_ID:
      polku_value_replace_string (&self->item_id, value);
      break;
    case PROP_REASON:
      polku_value_replace_string (&self->reason, value);
      break;
    case PROP_SOURCE_SECTOR:
      polku_value_replace_string (&self->source_sector, value);
      break;
    case PROP_FLAGGED_BY:
      polku_value_replace_string (&self->flagged_by, value);
      break;
    case PROP_FLAGGED_ON:
      polku_value_replace_string (&self->flagged_on, value);
      break;
    case PROP_SERVICE_POINT:
      polku_value_replace_string (&self->service_point, value);
      break;
    case PROP_RECORDED_BY:
      polku_value_replace_string (&self->recorded_by, value);
      break;
    case PROP_RETRACTED_ON:
      polku_value_replace_string (&self->retracted_on, value);
      break;
    case PROP_RETRACTED_BY:
      polku_value_replace_string (&self->retracted_by, value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
polku_case_sign_class_init (PolkuCaseSignClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = polku_case_sign_finalize;
  object_class->get_property = polku_case_sign_get_property;
  object_class->set_property = polku_case_sign_set_property;

  /* Checklist group */
  properties[PROP_GROUP_ID] = polku_param_spec_construct_string ("group-id");
  /* Checklist item */
  properties[PROP_ITEM_ID] = polku_param_spec_construct_string ("item-id");
  properties[PROP_REASON] = polku_param_spec_construct_string ("reason");
  /* Who flagged the client: a code of polku_case_sign_sector_codes (), or %NULL for a sign
   * recorded before the source was (not recorded) */
  properties[PROP_SOURCE_SECTOR] = polku_param_spec_construct_string ("source-sector");
  properties[PROP_FLAGGED_BY] = polku_param_spec_construct_string ("flagged-by");
  properties[PROP_FLAGGED_ON] = polku_param_spec_construct_string ("flagged-on");
  properties[PROP_SERVICE_POINT] = polku_param_spec_construct_string ("service-point");
  properties[PROP_RECORDED_BY] = polku_param_spec_construct_string ("recorded-by");
  properties[PROP_RETRACTED_ON] = polku_param_spec_construct_string ("retracted-on");
  properties[PROP_RETRACTED_BY] = polku_param_spec_construct_string ("retracted-by");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
polku_case_sign_init (PolkuCaseSign *self)
{
}

#define GETTER(type, field) \
  POLKU_DEFINE_GETTER (PolkuCaseSign, polku_case_sign, CASE_SIGN, type, field)

GETTER (const char *, group_id)
GETTER (const char *, item_id)
GETTER (const char *, reason)
GETTER (const char *, source_sector)
GETTER (const char *, flagged_by)
GETTER (const char *, flagged_on)
GETTER (const char *, service_point)
GETTER (const char *, recorded_by)
GETTER (const char *, retracted_on)
GETTER (const char *, retracted_by)

#undef GETTER

/* Sources: who flagged the client. A professional names the unit and the person; the client
 * (001: "Asiakas voi myös itse kertoa") or a relative may flag without either. */

static const char * const sector_codes[] = {
  "health", "social", "third_sector", "private", "client", "relative", NULL
};

/**
 * polku_case_sign_sector_codes:
 *
 * Returns: (transfer none): the codes of the flagging sectors, %NULL-terminated, in the order
 *   a form offers them
 */
const char * const *
polku_case_sign_sector_codes (void)
{
  return sector_codes;
}

/* Whether @code is a sector whose sign must name the unit and the person. */
gboolean
polku_case_sign_sector_is_professional (const char *code)
{
  return code != NULL && g_strv_contains (sector_codes, code)
         && !g_str_equal (code, "client") && !g_str_equal (code, "relative");
}

/**
 * polku_case_sign_sector_get_label:
 * @code: (nullable): a sector code, or %NULL for a sign recorded before sources were
 *
 * Returns: the sector's label in the user interface's language; "Not recorded" for %NULL,
 *   %NULL for an unknown code
 */
const char *
polku_case_sign_sector_get_label (const char *code)
{
  if (code == NULL)
    return C_("sign source", "Not recorded");
  if (g_str_equal (code, "health"))
    return C_("sign source", "Health care");
  if (g_str_equal (code, "social"))
    return C_("sign source", "Social services");
  if (g_str_equal (code, "third_sector"))
    return C_("sign source", "Third sector");
  if (g_str_equal (code, "private"))
    return C_("sign source", "Private sector");
  if (g_str_equal (code, "client"))
    return C_("sign source", "The client themself");
  if (g_str_equal (code, "relative"))
    return C_("sign source", "A relative");
  return NULL;
}

/**
 * polku_case_sign_dup_source:
 *
 * Returns: (transfer full): where the sign came from, for people: "Health care · Health
 *   centre · Minna Rautio", "The client themself", "A relative · Liisa Virtanen"; the parts
 *   not recorded are left out
 */
char *
polku_case_sign_dup_source (PolkuCaseSign *self)
{
  const char *label;
  GString *text;

  g_return_val_if_fail (POLKU_IS_CASE_SIGN (self), NULL);

  label = polku_case_sign_sector_get_label (self->source_sector);
  text = g_string_new (label != NULL ? label : self->source_sector);
  /* A sign recorded before sources were: its unit and person are what is known. */
  if (self->source_sector == NULL && (self->service_point != NULL || self->flagged_by != NULL))
    g_string_truncate (text, 0);
  for (guint i = 0; i < 2; i++)
    {
      const char *part = i == 0 ? self->service_point : self->flagged_by;

      if (part == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append (text, part);
    }
  return g_string_free (text, FALSE);
}
