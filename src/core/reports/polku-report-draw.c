/* polku-report-draw.c: the report's charts, drawn with cairo for the window and the PDF
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every chart is laid out by one function that either only measures (the height) or draws,
 * so the height asked for is the height drawn. Bars run across the width (one row per
 * category or coordinator, its label above), so a chart stays readable at 360 px: a long
 * label wraps instead of being cut.
 *
 * Colours are mid-tones of the GNOME palette chosen per style so that every bar and line
 * has a contrast of at least 3:1 with the background (WCAG 1.4.11): the light and paper
 * styles use the darker tones on white, the dark style the lighter ones on #383838.
 * "Before" is a plain bar, "after" a striped one, and the domains' lines differ in dash and
 * point shape as well as colour. A suppressed cell is an empty, dashed outline of a fixed
 * size with its "< 5", whatever was behind it; the JSON holds no value for it anyway.
 *
 * The chart's own words are a fi/sv/en table (drawing may run in the PDF writer's thread,
 * where gettext's language cannot be switched per call); labels of categories, domains and
 * coordinators come from the JSON, already in the report's language.
 *
 * Longer than the usual 1,000 lines: the three charts share the text, legend, axis and
 * pattern helpers. The seam to split along, when a fourth chart comes, is a file per chart
 * with those helpers in a polku-report-draw-private.h.
 */

#define G_LOG_DOMAIN "polku-report-draw"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "polku-json.h"
#include "polku-checklist.h"
#include "polku-number.h"
#include "polku-report-draw.h"

typedef struct
{
  double r, g, b;
} Rgb;

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, \
                   ((hex) & 0xff) / 255.0 }

#define N_SERIES 6

typedef struct
{
  Rgb background;
  Rgb foreground;
  Rgb series[N_SERIES];
} Palette;

/* Indexed by PolkuReportStyle. Contrast with the background, in order: light 4.8, 4.9, 3.3,
 * 6.8, 6.1, 5.6; dark 4.3, 5.8, 7.1, 4.8, 3.7, 6.5; paper 6.5, 4.9, 3.3, 10.0, 7.8, 9.7. */
static const Palette palettes[] = {
  { RGB (0xffffff), RGB (0x1e1e1e),
    { RGB (0x1c71d8), RGB (0xc64600), RGB (0x26a269), RGB (0x813d9c), RGB (0xc01c28),
      RGB (0x865e3c) } },
  { RGB (0x383838), RGB (0xffffff),
    { RGB (0x62a0ea), RGB (0xffa348), RGB (0x57e389), RGB (0xdc8add), RGB (0xf66151),
      RGB (0xcdab8f) } },
  { RGB (0xffffff), RGB (0x000000),
    { RGB (0x1a5fb4), RGB (0xc64600), RGB (0x26a269), RGB (0x613583), RGB (0xa51d2d),
      RGB (0x63452c) } },
};

/* The chart's own words. */
typedef enum
{
  W_BEFORE,          /* %u: months */
  W_AFTER,           /* %u: months */
  W_MEAN_PER_CLIENT,
  W_CLIENTS,
  W_SUPPRESSED,      /* %s: "< 5" */
  W_NO_DATA,
  W_DOMAIN_SCORE,
  W_MONTHS_FROM_PLAN,
  N_WORDS
} Word;

static const char * const words[][N_WORDS] = {
  { "%u months before", "%u months after", "Mean per client", "Clients",
    "%s: too few clients to show", "– no data", "Domain score (0–100)",
    "Months from the agreed plan" },
  { "%u kk ennen", "%u kk jälkeen", "Keskimäärin asiakasta kohden", "Asiakkaita",
    "%s: liian vähän asiakkaita näytettäväksi", "– ei tietoja", "Osa-alueen pisteet (0–100)",
    "Kuukautta suunnitelman sopimisesta" },
  { "%u mån före", "%u mån efter", "Medeltal per klient", "Klienter",
    "%s: för få klienter för att visas", "– inga uppgifter", "Domänpoäng (0–100)",
    "Månader från den överenskomna planen" },
};

#define FONT_SIZE     12.0   /* user units: px on screen, pt on paper */
#define PAD           8.0
#define BAR           14.0
#define BAR_GAP       2.0
#define ROW_GAP       10.0
#define SWATCH        14.0
#define SUPPRESSED_W  24.0
#define PLOT_HEIGHT   200.0

typedef struct
{
  cairo_t              *cr;
  gboolean              draw;
  double                width;
  const Palette        *palette;
  guint                 lang;      /* row of words[] */
  PangoFontDescription *font;
  char                 *suppressed; /* "< 5" */
  gboolean              any_suppressed;
} Ctx;

typedef enum
{
  CELL_NONE,
  CELL_VALUE,
  CELL_SUPPRESSED,
} CellState;

/* Small arithmetic without libm (the project does not link it). */

static double
floor_of (double v)
{
  double t = (double) (gint64) v;

  return t > v ? t - 1 : t;
}

static gboolean
is_whole (double v)
{
  double d = v - floor_of (v + 0.5);

  return d < 1e-9 && d > -1e-9;
}

/* JSON */

static double
number_member (JsonObject *object,
               const char *name,
               double      fallback)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      return json_node_get_double (node);
    default:
      return fallback;
    }
}

static JsonObject *
array_object (JsonArray *array,
              guint      i)
{
  JsonNode *node = json_array_get_element (array, i);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* What a CELL member holds: its value, or whether it is suppressed (@display: its text). */
static CellState
read_cell (JsonObject  *object,
           const char  *name,
           double      *value,
           const char **display)
{
  JsonObject *cell = polku_json_get_object (object, name);
  JsonNode *node;

  *value = NAN;
  if (display != NULL)
    *display = NULL;
  if (cell == NULL)
    return CELL_NONE;
  node = json_object_get_member (cell, "suppressed");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_boolean (node))
    {
      if (display != NULL)
        *display = polku_json_get_string (cell, "display");
      return CELL_SUPPRESSED;
    }
  *value = number_member (cell, "value", NAN);
  return isnan (*value) ? CELL_NONE : CELL_VALUE;
}

static JsonObject *
root_object (JsonNode *report_json)
{
  return report_json != NULL && JSON_NODE_HOLDS_OBJECT (report_json)
         ? json_node_get_object (report_json) : NULL;
}

static JsonObject *
find_period (JsonNode *report_json,
             guint     months)
{
  JsonArray *periods = polku_json_get_array (root_object (report_json), "before_after");

  for (guint i = 0; periods != NULL && i < json_array_get_length (periods); i++)
    {
      JsonObject *period = array_object (periods, i);

      if (period != NULL && number_member (period, "months", -1) == months)
        return period;
    }
  return NULL;
}

/* Text */

static char *
format_number (Ctx    *ctx,
               double  value,
               int     decimals)
{
  return polku_number_format_in (ctx->lang == 0 ? "en" : ctx->lang == 1 ? "fi" : "sv", value,
                                 decimals);
}

static PangoLayout *
make_layout (Ctx        *ctx,
             const char *text,
             double      max_width)
{
  PangoLayout *layout = pango_cairo_create_layout (ctx->cr);

  pango_layout_set_font_description (layout, ctx->font);
  pango_layout_set_text (layout, text, -1);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (MAX (max_width, 20) * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  return layout;
}

static void
text_size (Ctx        *ctx,
           const char *text,
           double      max_width,
           double     *width,
           double     *height)
{
  g_autoptr(PangoLayout) layout = make_layout (ctx, text, max_width);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}

static void
set_rgb (Ctx       *ctx,
         const Rgb *rgb,
         double     alpha)
{
  cairo_set_source_rgba (ctx->cr, rgb->r, rgb->g, rgb->b, alpha);
}

/* Draws @text (wrapped at @max_width when > 0) with its anchor at (@x, @y): @xalign 0 left
 * … 1 right, @yalign likewise. Returns its height. */
static double
draw_text (Ctx        *ctx,
           const char *text,
           double      x,
           double      y,
           double      xalign,
           double      yalign,
           double      max_width)
{
  g_autoptr(PangoLayout) layout = make_layout (ctx, text, max_width);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  if (ctx->draw)
    {
      set_rgb (ctx, &ctx->palette->foreground, 1.0);
      cairo_move_to (ctx->cr, x - w * xalign, y - h * yalign);
      pango_cairo_show_layout (ctx->cr, layout);
    }
  return h;
}

/* Shapes */

typedef enum
{
  BAR_SOLID,
  BAR_STRIPED,
} BarPattern;

static void
fill_bar (Ctx        *ctx,
          double      x,
          double      y,
          double      w,
          double      h,
          const Rgb  *color,
          BarPattern  pattern)
{
  cairo_t *cr = ctx->cr;

  if (!ctx->draw)
    return;
  w = MAX (w, 1.5);
  set_rgb (ctx, color, 1.0);
  cairo_rectangle (cr, x, y, w, h);
  cairo_fill (cr);
  if (pattern == BAR_STRIPED)
    {
      /* Stripes of the background across the bar: the pattern tells after from before
       * without the colour. */
      cairo_save (cr);
      cairo_rectangle (cr, x, y, w, h);
      cairo_clip (cr);
      set_rgb (ctx, &ctx->palette->background, 1.0);
      /* Sharp stripes: on screen, blended edges would be colours of too little contrast. */
      cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
      cairo_set_line_width (cr, 2.0);
      for (double s = x - h; s < x + w; s += 6.0)
        {
          cairo_move_to (cr, s, y + h);
          cairo_line_to (cr, s + h, y);
        }
      cairo_stroke (cr);
      cairo_restore (cr);
    }
}

/* An empty, dashed outline: a suppressed cell. */
static void
outline_suppressed (Ctx    *ctx,
                    double  x,
                    double  y,
                    double  w,
                    double  h)
{
  static const double dash[] = { 3.0, 2.0 };
  cairo_t *cr = ctx->cr;

  if (!ctx->draw)
    return;
  cairo_save (cr);
  set_rgb (ctx, &ctx->palette->foreground, 0.8);
  cairo_set_line_width (cr, 1.0);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_rectangle (cr, x + 0.5, y + 0.5, w - 1, h - 1);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static const double line_dashes[][2] = {
  { 0, 0 }, { 7, 4 }, { 2, 3 }, { 10, 3 }, { 4, 4 }, { 1, 4 },
};

static void
set_line_style (Ctx   *ctx,
                guint  index)
{
  const double *dash = line_dashes[index % G_N_ELEMENTS (line_dashes)];

  cairo_set_line_width (ctx->cr, 2.5);
  cairo_set_dash (ctx->cr, dash, dash[0] > 0 ? 2 : 0, 0);
}

static void
draw_point (Ctx    *ctx,
            double  x,
            double  y,
            guint   shape)
{
  cairo_t *cr = ctx->cr;

  switch (shape % 3)
    {
    case 0:
      cairo_arc (cr, x, y, 4.5, 0, 2 * G_PI);
      break;
    case 1:
      cairo_rectangle (cr, x - 4, y - 4, 8, 8);
      break;
    default:
      cairo_move_to (cr, x, y - 5.5);
      cairo_line_to (cr, x + 5.5, y + 4);
      cairo_line_to (cr, x - 5.5, y + 4);
      cairo_close_path (cr);
      break;
    }
  cairo_fill (cr);
}

/* The legend */

typedef enum
{
  KEY_BAR_SOLID,
  KEY_BAR_STRIPED,
  KEY_LINE,
  KEY_SUPPRESSED,
} KeyKind;

typedef struct
{
  KeyKind  kind;
  guint    series;
  char    *text;
} Key;

static void
key_clear (Key *key)
{
  g_clear_pointer (&key->text, g_free);
}

static void
add_key (GArray     *keys,
         KeyKind     kind,
         guint       series,
         const char *text)
{
  Key key = { kind, series, g_strdup (text) };

  g_array_append_val (keys, key);
}

/* Lays the legend's entries out in lines from @y; returns the y below it. */
static double
draw_legend (Ctx    *ctx,
             GArray *keys,
             double  y)
{
  double x = PAD, line_height = 0;
  double sample = 28.0;

  for (guint i = 0; i < keys->len; i++)
    {
      Key *key = &g_array_index (keys, Key, i);
      double swatch = key->kind == KEY_LINE ? sample : SWATCH;
      double text_max = ctx->width - 2 * PAD - swatch - 6;
      double w, h, entry;

      text_size (ctx, key->text, text_max, &w, &h);
      entry = swatch + 6 + w;
      if (x > PAD && x + entry > ctx->width - PAD)
        {
          y += line_height + 4;
          x = PAD;
          line_height = 0;
        }
      h = MAX (h, SWATCH);
      if (ctx->draw)
        {
          double cy = y + h / 2;

          switch (key->kind)
            {
            case KEY_BAR_SOLID:
            case KEY_BAR_STRIPED:
              fill_bar (ctx, x, cy - SWATCH / 2, SWATCH, SWATCH,
                        &ctx->palette->series[key->series % N_SERIES],
                        key->kind == KEY_BAR_SOLID ? BAR_SOLID : BAR_STRIPED);
              break;
            case KEY_SUPPRESSED:
              outline_suppressed (ctx, x, cy - SWATCH / 2, SWATCH, SWATCH);
              break;
            case KEY_LINE:
              cairo_save (ctx->cr);
              set_rgb (ctx, &ctx->palette->series[key->series % N_SERIES], 1.0);
              set_line_style (ctx, key->series);
              cairo_move_to (ctx->cr, x, cy);
              cairo_line_to (ctx->cr, x + sample, cy);
              cairo_stroke (ctx->cr);
              cairo_set_dash (ctx->cr, NULL, 0, 0);
              draw_point (ctx, x + sample / 2, cy, key->series);
              cairo_restore (ctx->cr);
              break;
            default:
              g_assert_not_reached ();
            }
          draw_text (ctx, key->text, x + swatch + 6, cy, 0.0, 0.5, text_max);
        }
      line_height = MAX (line_height, h);
      x += entry + 16;
    }
  return keys->len > 0 ? y + line_height : y;
}

static char *
word_with_number (Ctx   *ctx,
                  Word   word,
                  guint  number)
{
  /* The table's formats are ours and have one %u. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  return g_strdup_printf (words[ctx->lang][word], number);
#pragma GCC diagnostic pop
}

static char *
suppressed_key_text (Ctx *ctx)
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  return g_strdup_printf (words[ctx->lang][W_SUPPRESSED], ctx->suppressed);
#pragma GCC diagnostic pop
}

/* The value axis */

/* A round number ≥ @max for the end of the axis: 1, 2, 2.5 or 5 times a power of ten. */
static double
nice_ceiling (double max)
{
  static const double steps[] = { 1, 2, 2.5, 5, 10 };
  double power = 1;

  if (!(max > 0))
    return 1;
  /* The power of ten at or below @max. */
  while (power > max)
    power /= 10;
  while (power * 10 <= max)
    power *= 10;
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * power >= max - 1e-9)
      return steps[i] * power;
  return 10 * power;
}

typedef struct
{
  double left, right;   /* where 0 and the axis' end are */
  double top, bottom;   /* the bars' extent */
  double max;           /* = step × ticks */
  double step;
  guint  ticks;
  int    decimals;      /* of the values at the bars */
} Axis;

static double
axis_x (const Axis *axis,
        double      value)
{
  return axis->left + value / axis->max * (axis->right - axis->left);
}

static void
draw_gridlines (Ctx        *ctx,
                const Axis *axis)
{
  if (!ctx->draw)
    return;
  cairo_save (ctx->cr);
  cairo_set_line_width (ctx->cr, 1.0);
  for (guint i = 0; i <= axis->ticks; i++)
    {
      double x = floor_of (axis_x (axis, axis->step * i)) + 0.5;

      set_rgb (ctx, &ctx->palette->foreground, i == 0 ? 0.6 : 0.15);
      cairo_move_to (ctx->cr, x, axis->top);
      cairo_line_to (ctx->cr, x, axis->bottom);
      cairo_stroke (ctx->cr);
    }
  cairo_restore (ctx->cr);
}

/* The tick labels under the bars and the axis title; returns the y below. */
static double
draw_value_axis (Ctx        *ctx,
                 const Axis *axis,
                 const char *title,
                 double      y)
{
  double h = 0;

  int decimals = is_whole (axis->step) ? 0 : is_whole (axis->step * 10) ? 1 : 2;

  for (guint i = 0; i <= axis->ticks; i++)
    {
      double value = axis->step * i;
      g_autofree char *label = format_number (ctx, value, decimals);
      /* The first and the last label stay inside the chart. */
      double xalign = i == 0 ? 0.0 : i == axis->ticks ? 1.0 : 0.5;

      h = MAX (h, draw_text (ctx, label, axis_x (axis, value), y, xalign, 0.0, 0));
    }
  y += h + 2;
  y += draw_text (ctx, title, (axis->left + axis->right) / 2, y, 0.5, 0.0,
                  ctx->width - 2 * PAD);
  return y;
}

/* Horizontal bars: before-after and caseload */

typedef struct
{
  const char *label;
  guint       n_bars;        /* 1 or 2 */
  CellState   state[2];
  double      value[2];
  const char *display[2];
} BarRow;

/* Lays out @rows of bars under a legend; returns the height. */
static double
layout_bars (Ctx        *ctx,
             GArray     *rows,
             GArray     *keys,
             const char *axis_title,
             int         decimals)
{
  Axis axis = { 0 };
  double y, max = 0, label_width = 0;
  gboolean suppressed = FALSE;

  for (guint r = 0; r < rows->len; r++)
    {
      BarRow *row = &g_array_index (rows, BarRow, r);

      for (guint k = 0; k < row->n_bars; k++)
        {
          if (row->state[k] == CELL_VALUE)
            max = MAX (max, row->value[k]);
          else if (row->state[k] == CELL_SUPPRESSED)
            suppressed = TRUE;
        }
    }
  if (suppressed)
    {
      g_autofree char *text = suppressed_key_text (ctx);

      ctx->any_suppressed = TRUE;
      add_key (keys, KEY_SUPPRESSED, 0, text);
    }

  /* About four steps of a round size; whole ones for counts. */
  axis.step = nice_ceiling (max / 4);
  if (decimals == 0)
    axis.step = MAX (axis.step, 1);
  axis.ticks = 1;
  while (axis.step * axis.ticks < max - 1e-9)
    axis.ticks++;
  axis.max = axis.step * axis.ticks;
  axis.decimals = decimals;
  /* Room at the bars' end for the widest value label. */
  {
    g_autofree char *widest = format_number (ctx, axis.max, axis.decimals);
    double w;

    text_size (ctx, widest, 0, &label_width, NULL);
    text_size (ctx, ctx->suppressed, 0, &w, NULL);
    label_width = MAX (label_width, SUPPRESSED_W + 4 + w);
  }
  axis.left = PAD;
  axis.right = MAX (axis.left + 40, ctx->width - PAD - label_width - 6);

  y = draw_legend (ctx, keys, PAD) + 12;
  axis.top = y;

  /* A first pass finds where the bars end, for the grid lines behind them. */
  for (int pass = ctx->draw ? 0 : 1; pass < 2; pass++)
    {
      gboolean drawing = ctx->draw;
      double ry = axis.top;

      ctx->draw = drawing && pass == 1;
      if (ctx->draw)
        draw_gridlines (ctx, &axis);
      for (guint r = 0; r < rows->len; r++)
        {
          BarRow *row = &g_array_index (rows, BarRow, r);

          ry += draw_text (ctx, row->label, PAD, ry, 0.0, 0.0, ctx->width - 2 * PAD) + 3;
          for (guint k = 0; k < row->n_bars; k++)
            {
              const Rgb *color = &ctx->palette->series[k];
              double cy = ry + BAR / 2;

              switch (row->state[k])
                {
                case CELL_VALUE:
                  {
                    double end = axis_x (&axis, MAX (row->value[k], 0));
                    g_autofree char *text = format_number (ctx, row->value[k],
                                                           axis.decimals);

                    fill_bar (ctx, axis.left, ry, end - axis.left, BAR, color,
                              k == 0 ? BAR_SOLID : BAR_STRIPED);
                    draw_text (ctx, text, MAX (end, axis.left + 1.5) + 4, cy, 0.0, 0.5, 0);
                  }
                  break;
                case CELL_SUPPRESSED:
                  outline_suppressed (ctx, axis.left, ry, SUPPRESSED_W, BAR);
                  draw_text (ctx, row->display[k] != NULL ? row->display[k] : ctx->suppressed,
                             axis.left + SUPPRESSED_W + 4, cy, 0.0, 0.5, 0);
                  break;
                case CELL_NONE:
                default:
                  draw_text (ctx, words[ctx->lang][W_NO_DATA], axis.left + 4, cy, 0.0, 0.5,
                             0);
                  break;
                }
              ry += BAR + BAR_GAP;
            }
          ry += ROW_GAP - BAR_GAP;
        }
      axis.bottom = ry - ROW_GAP + 4;
      ctx->draw = drawing;
    }

  y = draw_value_axis (ctx, &axis, axis_title, axis.bottom + 4);
  return y + PAD;
}

static double
chart_before_after (Ctx        *ctx,
                    JsonObject *period,
                    guint       months)
{
  JsonArray *categories = polku_json_get_array (period, "categories");
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (BarRow));
  g_autoptr(GArray) keys = g_array_new (FALSE, TRUE, sizeof (Key));
  g_autofree char *before = word_with_number (ctx, W_BEFORE, months);
  g_autofree char *after = word_with_number (ctx, W_AFTER, months);

  g_array_set_clear_func (keys, (GDestroyNotify) key_clear);
  add_key (keys, KEY_BAR_SOLID, 0, before);
  add_key (keys, KEY_BAR_STRIPED, 1, after);

  for (guint i = 0; categories != NULL && i < json_array_get_length (categories); i++)
    {
      JsonObject *category = array_object (categories, i);
      BarRow row = { 0 };

      if (category == NULL)
        continue;
      row.label = polku_json_get_string (category, "label");
      if (row.label == NULL)
        row.label = polku_json_get_string (category, "id");
      if (row.label == NULL)
        row.label = "";
      row.n_bars = 2;
      row.state[0] = read_cell (polku_json_get_object (category, "before"), "mean", &row.value[0],
                                &row.display[0]);
      row.state[1] = read_cell (polku_json_get_object (category, "after"), "mean", &row.value[1],
                                &row.display[1]);
      g_array_append_val (rows, row);
    }
  return layout_bars (ctx, rows, keys, words[ctx->lang][W_MEAN_PER_CLIENT], 1);
}

static double
chart_caseload (Ctx       *ctx,
                JsonArray *caseload)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (BarRow));
  g_autoptr(GArray) keys = g_array_new (FALSE, TRUE, sizeof (Key));

  g_array_set_clear_func (keys, (GDestroyNotify) key_clear);
  add_key (keys, KEY_BAR_SOLID, 0, words[ctx->lang][W_CLIENTS]);
  for (guint i = 0; i < json_array_get_length (caseload); i++)
    {
      JsonObject *entry = array_object (caseload, i);
      BarRow row = { 0 };

      if (entry == NULL)
        continue;
      row.label = polku_json_get_string (entry, "coordinator");
      if (row.label == NULL)
        row.label = "";
      row.n_bars = 1;
      row.state[0] = read_cell (entry, "clients", &row.value[0], &row.display[0]);
      g_array_append_val (rows, row);
    }
  return layout_bars (ctx, rows, keys, words[ctx->lang][W_CLIENTS], 0);
}

/* WHOQOL-BREF domains over time */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
chart_whoqol (Ctx        *ctx,
              JsonObject *whoqol)
{
  JsonArray *domains = polku_json_get_array (whoqol, "domains");
  JsonArray *over_time = polku_json_get_array (whoqol, "over_time");
  g_autoptr(GArray) keys = g_array_new (FALSE, TRUE, sizeof (Key));
  g_autoptr(GArray) months = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autofree gboolean *suppressed_at = NULL;
  double y, left, right, top, bottom, axis_label_w = 0, h;
  guint n_months;

  g_array_set_clear_func (keys, (GDestroyNotify) key_clear);

  /* The domains in the order of "domains", then any others "over_time" names. */
  for (guint i = 0; domains != NULL && i < json_array_get_length (domains); i++)
    {
      const char *id = polku_json_get_string (array_object (domains, i), "id");

      if (id != NULL && !g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL))
        g_ptr_array_add (ids, (gpointer) id);
    }
  for (guint i = 0; i < json_array_get_length (over_time); i++)
    {
      JsonObject *point = array_object (over_time, i);
      const char *id = polku_json_get_string (point, "domain");
      double m = number_member (point, "months", NAN);
      gboolean known = FALSE;

      if (id != NULL && !g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL))
        g_ptr_array_add (ids, (gpointer) id);
      if (isnan (m))
        continue;
      for (guint k = 0; k < months->len && !known; k++)
        known = g_array_index (months, double, k) == m;
      if (!known)
        g_array_append_val (months, m);
    }
  g_array_sort (months, compare_doubles);
  n_months = months->len;
  suppressed_at = g_new0 (gboolean, MAX (n_months, 1));

  for (guint d = 0; d < ids->len; d++)
    {
      const char *label = NULL;

      for (guint i = 0; domains != NULL && i < json_array_get_length (domains); i++)
        {
          JsonObject *domain = array_object (domains, i);

          if (g_strcmp0 (polku_json_get_string (domain, "id"), g_ptr_array_index (ids, d)) == 0)
            label = polku_json_get_string (domain, "label");
        }
      add_key (keys, KEY_LINE, d, label != NULL ? label : g_ptr_array_index (ids, d));
    }
  for (guint i = 0; i < json_array_get_length (over_time); i++)
    {
      JsonObject *point = array_object (over_time, i);
      double value;

      if (read_cell (point, "mean", &value, NULL) == CELL_SUPPRESSED)
        {
          double m = number_member (point, "months", NAN);

          for (guint k = 0; k < n_months; k++)
            if (g_array_index (months, double, k) == m)
              suppressed_at[k] = TRUE;
        }
    }
  for (guint k = 0; k < n_months; k++)
    if (suppressed_at[k] && !ctx->any_suppressed)
      {
        g_autofree char *text = suppressed_key_text (ctx);

        ctx->any_suppressed = TRUE;
        add_key (keys, KEY_SUPPRESSED, 0, text);
      }

  y = draw_legend (ctx, keys, PAD) + 10;
  /* The score axis' title above it. */
  y += draw_text (ctx, words[ctx->lang][W_DOMAIN_SCORE], PAD, y, 0.0, 0.0,
                  ctx->width - 2 * PAD) + 2;

  text_size (ctx, "100", 0, &axis_label_w, &h);
  left = PAD + axis_label_w + 6;
  right = ctx->width - PAD - 12;
  top = y + h / 2;
  bottom = top + PLOT_HEIGHT;

  /* The score axis, 0–100, and its grid. */
  for (guint i = 0; i <= 4; i++)
    {
      double value = 25.0 * i;
      double gy = floor_of (bottom - value / 100.0 * (bottom - top)) + 0.5;
      g_autofree char *label = format_number (ctx, value, 0);

      if (ctx->draw)
        {
          set_rgb (ctx, &ctx->palette->foreground, i == 0 ? 0.6 : 0.15);
          cairo_set_line_width (ctx->cr, 1.0);
          cairo_move_to (ctx->cr, left, gy);
          cairo_line_to (ctx->cr, right, gy);
          cairo_stroke (ctx->cr);
        }
      draw_text (ctx, label, left - 6, gy, 1.0, 0.5, 0);
    }

  /* The lines, with a gap where a mean is suppressed or missing. */
  if (ctx->draw)
    {
      cairo_t *cr = ctx->cr;

      for (guint d = 0; d < ids->len; d++)
        {
          g_autofree double *values = g_new (double, MAX (n_months, 1));
          gboolean drawing = FALSE;

          for (guint k = 0; k < n_months; k++)
            values[k] = NAN;
          for (guint i = 0; i < json_array_get_length (over_time); i++)
            {
              JsonObject *point = array_object (over_time, i);
              double m = number_member (point, "months", NAN), value;

              if (g_strcmp0 (polku_json_get_string (point, "domain"), g_ptr_array_index (ids, d)) != 0
                  || read_cell (point, "mean", &value, NULL) != CELL_VALUE)
                continue;
              for (guint k = 0; k < n_months; k++)
                if (g_array_index (months, double, k) == m)
                  values[k] = CLAMP (value, 0, 100);
            }

          cairo_save (cr);
          set_rgb (ctx, &ctx->palette->series[d % N_SERIES], 1.0);
          set_line_style (ctx, d);
          for (guint k = 0; k < n_months; k++)
            {
              double px = n_months > 1 ? left + 12 + (right - left - 24) * k / (n_months - 1)
                                       : (left + right) / 2;
              double py = bottom - values[k] / 100.0 * (bottom - top);

              if (isnan (values[k]))
                {
                  drawing = FALSE;
                  continue;
                }
              if (drawing)
                cairo_line_to (cr, px, py);
              else
                cairo_move_to (cr, px, py);
              drawing = TRUE;
            }
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          for (guint k = 0; k < n_months; k++)
            if (!isnan (values[k]))
              draw_point (ctx,
                          n_months > 1 ? left + 12 + (right - left - 24) * k / (n_months - 1)
                                       : (left + right) / 2,
                          bottom - values[k] / 100.0 * (bottom - top), d);
          cairo_restore (cr);
        }
    }

  /* The months under the axis; "< 5" under a month where a mean is not shown. */
  y = bottom + 4;
  h = 0;
  for (guint k = 0; k < n_months; k++)
    {
      double px = n_months > 1 ? left + 12 + (right - left - 24) * k / (n_months - 1)
                               : (left + right) / 2;
      g_autofree char *label = format_number (ctx, g_array_index (months, double, k), 0);
      double lh = draw_text (ctx, label, px, y, 0.5, 0.0, 0);

      if (suppressed_at[k])
        lh += draw_text (ctx, ctx->suppressed, px, y + lh, 0.5, 0.0, 0);
      h = MAX (h, lh);
    }
  y += h + 2;
  y += draw_text (ctx, words[ctx->lang][W_MONTHS_FROM_PLAN], (left + right) / 2, y, 0.5, 0.0,
                  ctx->width - 2 * PAD);
  return y + PAD;
}

/* Entry points */

gboolean
polku_report_chart_has_data (JsonNode   *report_json,
                             const char *chart,
                             guint       months)
{
  JsonObject *root = root_object (report_json);

  g_return_val_if_fail (chart != NULL, FALSE);

  if (root == NULL)
    return FALSE;
  if (g_str_equal (chart, POLKU_REPORT_CHART_BEFORE_AFTER))
    {
      JsonArray *categories = polku_json_get_array (find_period (report_json, months), "categories");

      return categories != NULL && json_array_get_length (categories) > 0;
    }
  if (g_str_equal (chart, POLKU_REPORT_CHART_CASELOAD))
    {
      JsonArray *caseload = polku_json_get_array (polku_json_get_object (root, "process"), "caseload");

      return caseload != NULL && json_array_get_length (caseload) > 0;
    }
  if (g_str_equal (chart, POLKU_REPORT_CHART_WHOQOL))
    {
      JsonArray *over_time = polku_json_get_array (polku_json_get_object (root, "whoqol"), "over_time");

      return over_time != NULL && json_array_get_length (over_time) > 0;
    }
  return FALSE;
}

static guint
language_row (const char *language)
{
  if (language == NULL)
    language = polku_checklist_ui_language ();
  if (g_str_has_prefix (language, "fi"))
    return 1;
  if (g_str_has_prefix (language, "sv"))
    return 2;
  return 0;
}

static void
ctx_init (Ctx              *ctx,
          cairo_t          *cr,
          gboolean          draw,
          JsonNode         *report_json,
          double            width,
          PolkuReportStyle  style,
          const char       *language)
{
  JsonObject *query = polku_json_get_object (root_object (report_json), "query");
  double threshold = number_member (query, "threshold", 5);

  memset (ctx, 0, sizeof *ctx);
  ctx->cr = cr;
  ctx->draw = draw;
  ctx->width = width;
  ctx->palette = &palettes[CLAMP ((int) style, 0, (int) G_N_ELEMENTS (palettes) - 1)];
  ctx->lang = language_row (language);
  ctx->font = pango_font_description_from_string ("Sans");
  pango_font_description_set_absolute_size (ctx->font, FONT_SIZE * PANGO_SCALE);
  ctx->suppressed = g_strdup_printf ("< %u", (guint) MAX (threshold, 1));
}

static void
ctx_clear (Ctx *ctx)
{
  g_clear_pointer (&ctx->font, pango_font_description_free);
  g_clear_pointer (&ctx->suppressed, g_free);
}

/* Lays the chart out (and draws it when @ctx->draw); returns its height. */
static double
layout_chart (Ctx        *ctx,
              JsonNode   *report_json,
              const char *chart,
              guint       months)
{
  JsonObject *root = root_object (report_json);

  if (g_str_equal (chart, POLKU_REPORT_CHART_BEFORE_AFTER))
    return chart_before_after (ctx, find_period (report_json, months), months);
  if (g_str_equal (chart, POLKU_REPORT_CHART_CASELOAD))
    return chart_caseload (ctx, polku_json_get_array (polku_json_get_object (root, "process"), "caseload"));
  return chart_whoqol (ctx, polku_json_get_object (root, "whoqol"));
}

double
polku_report_chart_height (JsonNode   *report_json,
                           const char *chart,
                           guint       months,
                           double      width)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  Ctx ctx;
  double height;

  g_return_val_if_fail (chart != NULL, 0);

  if (!polku_report_chart_has_data (report_json, chart, months) || width <= 0)
    return 0;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  ctx_init (&ctx, cr, FALSE, report_json, width, POLKU_REPORT_STYLE_LIGHT, NULL);
  height = -floor_of (-layout_chart (&ctx, report_json, chart, months));
  ctx_clear (&ctx);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return height;
}

gboolean
polku_report_draw_chart (cairo_t          *cr,
                         JsonNode         *report_json,
                         const char       *chart,
                         guint             months,
                         double            width,
                         double            height,
                         PolkuReportStyle  style,
                         const char       *language)
{
  gboolean has_data;
  Ctx ctx;

  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (chart != NULL, FALSE);

  has_data = polku_report_chart_has_data (report_json, chart, months);

  cairo_save (cr);
  ctx_init (&ctx, cr, TRUE, report_json, width, style, language);
  set_rgb (&ctx, &ctx.palette->background, 1.0);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  if (has_data)
    {
      cairo_rectangle (cr, 0, 0, width, height);
      cairo_clip (cr);
      layout_chart (&ctx, report_json, chart, months);
    }
  ctx_clear (&ctx);
  cairo_restore (cr);
  return has_data;
}

gboolean
polku_report_style_get_color (PolkuReportStyle  style,
                              guint             index,
                              double           *red,
                              double           *green,
                              double           *blue)
{
  const Palette *palette;
  const Rgb *rgb;

  g_return_val_if_fail ((guint) style < G_N_ELEMENTS (palettes), FALSE);

  palette = &palettes[style];
  if (index >= 2 + N_SERIES)
    return FALSE;
  rgb = index == 0 ? &palette->background : index == 1 ? &palette->foreground
                                                       : &palette->series[index - 2];
  if (red != NULL)
    *red = rgb->r;
  if (green != NULL)
    *green = rgb->g;
  if (blue != NULL)
    *blue = rgb->b;
  return TRUE;
}
