/* polku-instrument.h: questionnaires defined as data, scored by one engine
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An instrument (WHOQOL-BREF, the client-satisfaction question, …) is a JSON file in
 * data/instruments/ (bundled as a resource): its items, response scales with labelled
 * anchors, reversed items, items reported on their own, domains with their missing-data
 * rules, and how domain scores are computed. The format is described in
 * data/instruments/FORMAT.md. A broken file gives an error naming the file and the field.
 *
 * An organisation may put files in the same format into $POLKU_INSTRUMENTS_DIR, or
 * $XDG_CONFIG_HOME/polku/instruments/: a file with a new id adds an instrument; a file with
 * the id of a bundled one replaces its texts (for example with the licensed WHOQOL-BREF
 * wording) and must keep its structure (items, scales, domains, scoring) exactly.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define POLKU_INSTRUMENT_ERROR (polku_instrument_error_quark ())

typedef enum
{
  POLKU_INSTRUMENT_ERROR_INVALID,     /* a definition file is broken */
  POLKU_INSTRUMENT_ERROR_NOT_FOUND,   /* no instrument with that id */
  POLKU_INSTRUMENT_ERROR_ANSWERS,     /* answers that do not fit the instrument */
} PolkuInstrumentError;

#define POLKU_INSTRUMENT_WHOQOL_BREF "whoqol-bref"
#define POLKU_INSTRUMENT_CLIENT_SATISFACTION "client-satisfaction"

/* An unanswered item in an array of answers. */
#define POLKU_ANSWER_MISSING 0

#define POLKU_TYPE_INSTRUMENT (polku_instrument_get_type ())
G_DECLARE_FINAL_TYPE (PolkuInstrument, polku_instrument, POLKU, INSTRUMENT, GObject)

GQuark           polku_instrument_error_quark      (void);

PolkuInstrument *polku_instrument_new_from_data    (const char       *data,
                                                    gssize            length,
                                                    const char       *file_name,
                                                    GError          **error);
PolkuInstrument *polku_instrument_new_from_file    (const char       *path,
                                                    GError          **error);

/* The instruments Polku knows: the bundled ones, with an organisation's files applied.
 * Loaded once; a broken file makes every call fail with the same error. */
PolkuInstrument *polku_instrument_lookup           (const char       *id,
                                                    GError          **error);
GPtrArray       *polku_instrument_list_all         (GError          **error);

const char      *polku_instrument_get_id           (PolkuInstrument  *self);
const char      *polku_instrument_get_version      (PolkuInstrument  *self);
const char      *polku_instrument_get_title        (PolkuInstrument  *self);
const char      *polku_instrument_get_description  (PolkuInstrument  *self);
const char      *polku_instrument_get_file_name    (PolkuInstrument  *self);

guint            polku_instrument_get_n_items      (PolkuInstrument  *self);
int              polku_instrument_find_item        (PolkuInstrument  *self,
                                                    const char       *item_id);
const char      *polku_instrument_get_item_id      (PolkuInstrument  *self,
                                                    guint             item);
const char      *polku_instrument_get_item_text    (PolkuInstrument  *self,
                                                    guint             item);
gboolean         polku_instrument_get_item_reversed (PolkuInstrument *self,
                                                    guint             item);
int              polku_instrument_get_item_min     (PolkuInstrument  *self,
                                                    guint             item);
int              polku_instrument_get_item_max     (PolkuInstrument  *self,
                                                    guint             item);
/* The label of answer @value of @item, or NULL when the scale has none for it. */
const char      *polku_instrument_get_item_anchor  (PolkuInstrument  *self,
                                                    guint             item,
                                                    int               value);
/* The same in @language ("fi", "sv", "en"; English when the file has none in it), whatever
 * the user's language is: for text written in the plan's language (the record entry). */
const char      *polku_instrument_get_item_anchor_in (PolkuInstrument *self,
                                                    guint             item,
                                                    int               value,
                                                    const char       *language);

guint            polku_instrument_get_n_reported   (PolkuInstrument  *self);
const char      *polku_instrument_get_reported_key (PolkuInstrument  *self,
                                                    guint             reported);
guint            polku_instrument_get_reported_item (PolkuInstrument *self,
                                                    guint             reported);

guint            polku_instrument_get_n_domains    (PolkuInstrument  *self);
const char      *polku_instrument_get_domain_id    (PolkuInstrument  *self,
                                                    guint             domain);
const char      *polku_instrument_get_domain_title (PolkuInstrument  *self,
                                                    guint             domain);
const char      *polku_instrument_get_domain_title_in (PolkuInstrument *self,
                                                    guint             domain,
                                                    const char       *language);
guint            polku_instrument_get_domain_n_items (PolkuInstrument *self,
                                                    guint             domain);
guint            polku_instrument_get_domain_item  (PolkuInstrument  *self,
                                                    guint             domain,
                                                    guint             i);
guint            polku_instrument_get_domain_min_answered (PolkuInstrument *self,
                                                    guint             domain);

guint            polku_instrument_get_n_scores     (PolkuInstrument  *self);
const char      *polku_instrument_get_score_id     (PolkuInstrument  *self,
                                                    guint             score);
void             polku_instrument_get_score_range  (PolkuInstrument  *self,
                                                    guint             score,
                                                    double           *out_min,
                                                    double           *out_max);

guint            polku_instrument_get_max_missing  (PolkuInstrument  *self);

/* TRUE when @value is an answer @item accepts: a whole number on its scale. */
gboolean         polku_instrument_answer_is_valid  (PolkuInstrument  *self,
                                                    guint             item,
                                                    int               value);

/* Reads {"1": 4, "2": null, …}: one value per item (POLKU_ANSWER_MISSING where a key is
 * missing or null, or the value is not a whole number on the item's scale: 4.0 is 4; 2.5,
 * 0, 6, strings, booleans, arrays and objects are missing). A key that is not an item is an
 * error. Returns an array of polku_instrument_get_n_items () ints. */
int             *polku_instrument_answers_from_json (PolkuInstrument *self,
                                                    JsonObject       *answers,
                                                    GError          **error);
/* {"1": 4, "2": null, …} with every item. */
JsonNode        *polku_instrument_answers_to_json  (PolkuInstrument  *self,
                                                    const int        *answers);

G_END_DECLS
