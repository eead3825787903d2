/* polku-instrument-fields-private.h: what an instrument holds, for the files that build and
 * read it (polku-instrument*.c) and no one else
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "polku-instrument-private.h"

G_BEGIN_DECLS

typedef struct
{
  int         value;
  GHashTable *label;   /* language code → text */
} Anchor;

typedef struct
{
  char       *id;
  int         min;
  int         max;
  GArray     *anchors; /* Anchor */
} Scale;

typedef struct
{
  char       *id;
  GHashTable *text;
  guint       scale;
  gboolean    reversed;
} Item;

typedef struct
{
  char       *key;
  guint       item;
} Reported;

typedef struct
{
  char       *id;
  GHashTable *title;
  GArray     *items;   /* guint */
  guint       min_answered;
} Domain;

typedef struct
{
  char       *id;
  double      range_min;
  double      range_max;
  double      mean_times;
  int         rescale_from;  /* -1: the mean of the answers × mean_times */
} ScoreDef;

struct _PolkuInstrument
{
  GObject     parent_instance;

  char       *file_name;
  char       *id;
  char       *version;
  GHashTable *title;
  GHashTable *description;
  GArray     *scales;     /* Scale */
  GArray     *items;      /* Item */
  GArray     *reported;   /* Reported */
  GArray     *domains;    /* Domain */
  GArray     *scores;     /* ScoreDef */
  guint       max_missing;
};

/* A JSON number that is a whole number (1 or 1.0). */
gboolean polku_instrument_json_whole_number (JsonNode *node,
                                             gint64   *out);

G_END_DECLS
