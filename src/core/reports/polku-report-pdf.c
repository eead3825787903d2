/* polku-report-pdf.c: the report as an A4 PDF in Finnish, Swedish or English
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Made from the report's JSON (polku_report_to_json ()): the suppressed figures, with no
 * client name, identity code or free text in them. A cairo PDF surface and pangocairo; every
 * table of the report, each chart (polku_report_draw_chart (), paper style) right after its
 * table, page numbers "n / N" (the pages are laid out once to count them, then drawn).
 *
 * The document's own words are in the language asked for, whatever the UI's, so they are a
 * fi/sv/en table here (as the record entry's are, polku-record-entry.c) and not gettext:
 * switching gettext's language per call is not thread-safe, and the Reports window writes
 * the PDF in a worker thread. The labels of categories, domains, reasons and sectors come
 * from the JSON, in the report's language (PolkuReportQuery.language): run the report in the
 * language of the PDF. Dates are d.m.yyyy and decimals have a comma in Finnish and Swedish.
 *
 * Over 1,000 lines on purpose: nearly 300 of them are that word table, which is read
 * together with the parts that use it (a new table row means a new word in all three).
 */

#define G_LOG_DOMAIN "polku-report-export"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <string.h>
#include <unistd.h>

#include "polku-json.h"
#include "polku-date.h"
#include "polku-report-draw.h"
#include "polku-report-export.h"

/* A4 in points, and the margins. */
#define PAGE_WIDTH  595.276
#define PAGE_HEIGHT 841.890
#define MARGIN      56.0
#define FOOTER      36.0
#define CONTENT_WIDTH (PAGE_WIDTH - 2 * MARGIN)
#define BOTTOM        (PAGE_HEIGHT - MARGIN - FOOTER)
#define CELL_PAD    3.0

typedef enum
{
  W_TITLE,
  W_PERIOD,               /* %s – %s: the agreed dates */
  W_AS_OF,                /* %s: the day the periods are complete by */
  W_MADE,                 /* %s: the day the report was made */
  W_FILTERS,
  W_NO_FILTERS,
  W_F_COORDINATOR,
  W_F_UNIT,
  W_F_MUNICIPALITY,
  W_F_AGE,
  W_F_SECTOR,
  W_F_CASES,
  W_OPEN,
  W_CLOSED,
  W_THRESHOLD,            /* %u, %u */
  W_COMPLEMENTARY,
  W_PAGE,                 /* %d, %d */
  W_MONTHS,               /* %u */
  W_COHORT,
  W_CLIENTS_ALL,
  W_PERIOD_COLUMN,
  W_INCLUDED,
  W_LEFT_OUT,
  W_BEFORE_AFTER,         /* %u */
  W_CLIENTS_N,            /* %s */
  W_CATEGORY,
  W_BEFORE_TOTAL,
  W_BEFORE_MEAN,
  W_BEFORE_MEDIAN,
  W_AFTER_TOTAL,
  W_AFTER_MEAN,
  W_AFTER_MEDIAN,
  W_CHANGE_PERCENT,
  W_SHARE_FELL,
  W_CONTINUITY,
  W_INDEX,
  W_BEFORE_MEDIAN_N,
  W_AFTER_MEDIAN_N,
  W_CONTINUITY_NOTE,
  W_WHOQOL,
  W_DOMAIN,
  W_PAIRS,
  W_BASELINE_MEAN,
  W_LATEST_MEAN,
  W_MEAN_CHANGE,
  W_INTERVAL,
  W_DISCARDED,
  W_UNPAIRED,
  W_OVER_TIME,
  W_MONTH,
  W_MEAN,
  W_SATISFACTION,
  W_YEAR,
  W_ANSWER,
  W_SHARE,
  W_COSTS,                /* %u */
  W_COSTS_FILE,           /* %s */
  W_SECTOR,
  W_BEFORE_EUR,
  W_AFTER_EUR,
  W_TOTAL,
  W_PROCESS,
  W_IDENTIFIED,
  W_CLIENTS,
  W_CONSENT,
  W_CONSENT_GIVEN,
  W_CONSENT_DECLINED,
  W_CONSENT_NONE,
  W_MEDIAN_DAYS,
  W_TO_FIRST_CONTACT,
  W_TO_MAPPING_VISIT,
  W_TO_AGREED_PLAN,
  W_CASELOAD,
  W_COORDINATOR,
  W_OVERDUE,
  W_CLOSURES,
  W_REASON,
  W_QUEUE,
  W_FIGURE,
  W_VALUE,
  W_NO_DATA,
  N_WORDS
} Word;

static const char * const words[][N_WORDS] = {
  { /* fi */
    [W_TITLE] = "Asiakasvastaavatoiminnan raportti",
    [W_PERIOD] = "Hoito- ja palvelusuunnitelma sovittu %s–%s",
    [W_AS_OF] = "Seurantajaksot valmiit %s mennessä",
    [W_MADE] = "Laadittu %s",
    [W_FILTERS] = "Rajaukset",
    [W_NO_FILTERS] = "ei rajauksia",
    [W_F_COORDINATOR] = "asiakasvastaava",
    [W_F_UNIT] = "yksikkö",
    [W_F_MUNICIPALITY] = "kunta",
    [W_F_AGE] = "ikä",
    [W_F_SECTOR] = "tunnistanut sektori",
    [W_F_CASES] = "asiakkuudet",
    [W_OPEN] = "avoimet",
    [W_CLOSED] = "päättyneet",
    [W_THRESHOLD] = "Pienten lukujen raja %s: alle %s asiakkaaseen perustuvat luvut on "
                    "piilotettu (näkyy ”< %s”).",
    [W_COMPLEMENTARY] = "×: piilotettu, jottei piilotettua lukua voi päätellä vähentämällä "
                        "muista.",
    [W_PAGE] = "Sivu %s / %s",
    [W_MONTHS] = "%s kk",
    [W_COHORT] = "Asiakasjoukko",
    [W_CLIENTS_ALL] = "Asiakkaita yhteensä",
    [W_PERIOD_COLUMN] = "Jakso",
    [W_INCLUDED] = "Mukana",
    [W_LEFT_OUT] = "Jätetty pois",
    [W_BEFORE_AFTER] = "Palvelujen käyttö ennen ja jälkeen suunnitelman, %s kk",
    [W_CLIENTS_N] = "Asiakkaita: %s",
    [W_CATEGORY] = "Käyntiluokka",
    [W_BEFORE_TOTAL] = "Ennen yht.",
    [W_BEFORE_MEAN] = "Ennen ka",
    [W_BEFORE_MEDIAN] = "Ennen md",
    [W_AFTER_TOTAL] = "Jälkeen yht.",
    [W_AFTER_MEAN] = "Jälkeen ka",
    [W_AFTER_MEDIAN] = "Jälkeen md",
    [W_CHANGE_PERCENT] = "Muutos %",
    [W_SHARE_FELL] = "Väheni, %",
    [W_CONTINUITY] = "Hoidon jatkuvuus",
    [W_INDEX] = "Indeksi",
    [W_BEFORE_MEDIAN_N] = "Ennen: mediaani (n)",
    [W_AFTER_MEDIAN_N] = "Jälkeen: mediaani (n)",
    [W_CONTINUITY_NOTE] = "n: asiakkaat, joilla vähintään 2 kiireetöntä lääkärin tai hoitajan "
                          "käyntiä jaksolla.",
    [W_WHOQOL] = "Elämänlaatu (WHOQOL-BREF)",
    [W_DOMAIN] = "Osa-alue",
    [W_PAIRS] = "Pareja",
    [W_BASELINE_MEAN] = "Lähtötaso, ka",
    [W_LATEST_MEAN] = "Viimeisin, ka",
    [W_MEAN_CHANGE] = "Muutos, ka",
    [W_INTERVAL] = "Arviointien väli, mediaani (vrk)",
    [W_DISCARDED] = "Hylätyt arvioinnit",
    [W_UNPAIRED] = "Lähtötaso ilman seurantaa",
    [W_OVER_TIME] = "Osa-alueet ajan mittaan",
    [W_MONTH] = "Kuukausi",
    [W_MEAN] = "Keskiarvo",
    [W_SATISFACTION] = "Asiakastyytyväisyys",
    [W_YEAR] = "Vuosi",
    [W_ANSWER] = "Vastaus",
    [W_SHARE] = "Osuus, %",
    [W_COSTS] = "Kustannukset ennen ja jälkeen, %s kk",
    [W_COSTS_FILE] = "Yksikkökustannukset: %s",
    [W_SECTOR] = "Sektori",
    [W_BEFORE_EUR] = "Ennen, €",
    [W_AFTER_EUR] = "Jälkeen, €",
    [W_TOTAL] = "Yhteensä",
    [W_PROCESS] = "Prosessi",
    [W_IDENTIFIED] = "Tunnistetut asiakkaat sektoreittain",
    [W_CLIENTS] = "Asiakkaita",
    [W_CONSENT] = "Suostumus",
    [W_CONSENT_GIVEN] = "annettu",
    [W_CONSENT_DECLINED] = "kieltäydytty",
    [W_CONSENT_NONE] = "ei päätöstä",
    [W_MEDIAN_DAYS] = "Aika tunnistamisesta, mediaani (vrk)",
    [W_TO_FIRST_CONTACT] = "ensimmäiseen yhteydenottoon",
    [W_TO_MAPPING_VISIT] = "kartoituskäyntiin",
    [W_TO_AGREED_PLAN] = "sovittuun suunnitelmaan",
    [W_CASELOAD] = "Asiakasmäärä asiakasvastaavittain",
    [W_COORDINATOR] = "Asiakasvastaava",
    [W_OVERDUE] = "Myöhässä olevat arvioinnit",
    [W_CLOSURES] = "Asiakkuuden päättymisen syyt",
    [W_REASON] = "Syy",
    [W_QUEUE] = "Asiakasvastaavaa odottavat",
    [W_FIGURE] = "Luku",
    [W_VALUE] = "Arvo",
    [W_NO_DATA] = "Ei tietoja.",
  },
  { /* sv */
    [W_TITLE] = "Rapport om klientansvarigverksamheten",
    [W_PERIOD] = "Vård- och serviceplan överenskommen %s–%s",
    [W_AS_OF] = "Uppföljningsperioder fullständiga till %s",
    [W_MADE] = "Sammanställd %s",
    [W_FILTERS] = "Avgränsningar",
    [W_NO_FILTERS] = "inga avgränsningar",
    [W_F_COORDINATOR] = "klientansvarig",
    [W_F_UNIT] = "enhet",
    [W_F_MUNICIPALITY] = "kommun",
    [W_F_AGE] = "ålder",
    [W_F_SECTOR] = "identifierande sektor",
    [W_F_CASES] = "klientskap",
    [W_OPEN] = "öppna",
    [W_CLOSED] = "avslutade",
    [W_THRESHOLD] = "Gräns för små tal %s: tal som bygger på färre än %s klienter visas inte "
                    "(står som ”< %s”).",
    [W_COMPLEMENTARY] = "×: dolt så att ett dolt tal inte kan räknas ut ur de andra.",
    [W_PAGE] = "Sida %s / %s",
    [W_MONTHS] = "%s mån",
    [W_COHORT] = "Klientgruppen",
    [W_CLIENTS_ALL] = "Klienter totalt",
    [W_PERIOD_COLUMN] = "Period",
    [W_INCLUDED] = "Med",
    [W_LEFT_OUT] = "Utelämnade",
    [W_BEFORE_AFTER] = "Användning av tjänster före och efter planen, %s mån",
    [W_CLIENTS_N] = "Klienter: %s",
    [W_CATEGORY] = "Besökskategori",
    [W_BEFORE_TOTAL] = "Före totalt",
    [W_BEFORE_MEAN] = "Före medel",
    [W_BEFORE_MEDIAN] = "Före median",
    [W_AFTER_TOTAL] = "Efter totalt",
    [W_AFTER_MEAN] = "Efter medel",
    [W_AFTER_MEDIAN] = "Efter median",
    [W_CHANGE_PERCENT] = "Förändring, %",
    [W_SHARE_FELL] = "Minskade, %",
    [W_CONTINUITY] = "Vårdkontinuitet",
    [W_INDEX] = "Index",
    [W_BEFORE_MEDIAN_N] = "Före: median (n)",
    [W_AFTER_MEDIAN_N] = "Efter: median (n)",
    [W_CONTINUITY_NOTE] = "n: klienter med minst 2 icke-brådskande läkar- eller "
                          "skötarbesök under perioden.",
    [W_WHOQOL] = "Livskvalitet (WHOQOL-BREF)",
    [W_DOMAIN] = "Domän",
    [W_PAIRS] = "Par",
    [W_BASELINE_MEAN] = "Utgångsläge, medel",
    [W_LATEST_MEAN] = "Senaste, medel",
    [W_MEAN_CHANGE] = "Förändring, medel",
    [W_INTERVAL] = "Tid mellan bedömningarna, median (dygn)",
    [W_DISCARDED] = "Förkastade bedömningar",
    [W_UNPAIRED] = "Utgångsläge utan uppföljning",
    [W_OVER_TIME] = "Domänerna över tid",
    [W_MONTH] = "Månad",
    [W_MEAN] = "Medelvärde",
    [W_SATISFACTION] = "Klientnöjdhet",
    [W_YEAR] = "År",
    [W_ANSWER] = "Svar",
    [W_SHARE] = "Andel, %",
    [W_COSTS] = "Kostnader före och efter, %s mån",
    [W_COSTS_FILE] = "Enhetskostnader: %s",
    [W_SECTOR] = "Sektor",
    [W_BEFORE_EUR] = "Före, €",
    [W_AFTER_EUR] = "Efter, €",
    [W_TOTAL] = "Totalt",
    [W_PROCESS] = "Processen",
    [W_IDENTIFIED] = "Identifierade klienter per sektor",
    [W_CLIENTS] = "Klienter",
    [W_CONSENT] = "Samtycke",
    [W_CONSENT_GIVEN] = "givet",
    [W_CONSENT_DECLINED] = "avböjt",
    [W_CONSENT_NONE] = "inget beslut",
    [W_MEDIAN_DAYS] = "Tid från identifiering, median (dygn)",
    [W_TO_FIRST_CONTACT] = "till första kontakten",
    [W_TO_MAPPING_VISIT] = "till kartläggningsbesöket",
    [W_TO_AGREED_PLAN] = "till den överenskomna planen",
    [W_CASELOAD] = "Klienter per klientansvarig",
    [W_COORDINATOR] = "Klientansvarig",
    [W_OVERDUE] = "Försenade uppföljningar",
    [W_CLOSURES] = "Orsaker till avslutat klientskap",
    [W_REASON] = "Orsak",
    [W_QUEUE] = "Väntar på en klientansvarig",
    [W_FIGURE] = "Tal",
    [W_VALUE] = "Värde",
    [W_NO_DATA] = "Inga uppgifter.",
  },
  { /* en */
    [W_TITLE] = "Report on the client coordinator practice",
    [W_PERIOD] = "Care and service plan agreed %s–%s",
    [W_AS_OF] = "Follow-up periods complete by %s",
    [W_MADE] = "Made %s",
    [W_FILTERS] = "Filters",
    [W_NO_FILTERS] = "none",
    [W_F_COORDINATOR] = "coordinator",
    [W_F_UNIT] = "unit",
    [W_F_MUNICIPALITY] = "municipality",
    [W_F_AGE] = "age",
    [W_F_SECTOR] = "identifying sector",
    [W_F_CASES] = "cases",
    [W_OPEN] = "open",
    [W_CLOSED] = "closed",
    [W_THRESHOLD] = "Small-number threshold %s: figures resting on fewer than %s clients are "
                    "hidden (shown as “< %s”).",
    [W_COMPLEMENTARY] = "×: hidden so that a hidden figure cannot be worked out from the "
                        "others.",
    [W_PAGE] = "Page %s of %s",
    [W_MONTHS] = "%s months",
    [W_COHORT] = "Cohort",
    [W_CLIENTS_ALL] = "Clients in all",
    [W_PERIOD_COLUMN] = "Period",
    [W_INCLUDED] = "Included",
    [W_LEFT_OUT] = "Left out",
    [W_BEFORE_AFTER] = "Use of services before and after the plan, %s months",
    [W_CLIENTS_N] = "Clients: %s",
    [W_CATEGORY] = "Contact category",
    [W_BEFORE_TOTAL] = "Before total",
    [W_BEFORE_MEAN] = "Before mean",
    [W_BEFORE_MEDIAN] = "Before median",
    [W_AFTER_TOTAL] = "After total",
    [W_AFTER_MEAN] = "After mean",
    [W_AFTER_MEDIAN] = "After median",
    [W_CHANGE_PERCENT] = "Change %",
    [W_SHARE_FELL] = "Fell, %",
    [W_CONTINUITY] = "Continuity of care",
    [W_INDEX] = "Index",
    [W_BEFORE_MEDIAN_N] = "Before: median (n)",
    [W_AFTER_MEDIAN_N] = "After: median (n)",
    [W_CONTINUITY_NOTE] = "n: clients with at least 2 non-urgent doctor or nurse visits in the "
                          "period.",
    [W_WHOQOL] = "Quality of life (WHOQOL-BREF)",
    [W_DOMAIN] = "Domain",
    [W_PAIRS] = "Pairs",
    [W_BASELINE_MEAN] = "Baseline mean",
    [W_LATEST_MEAN] = "Latest mean",
    [W_MEAN_CHANGE] = "Mean change",
    [W_INTERVAL] = "Interval between assessments, median (days)",
    [W_DISCARDED] = "Assessments discarded",
    [W_UNPAIRED] = "Baseline without a follow-up",
    [W_OVER_TIME] = "Domains over time",
    [W_MONTH] = "Month",
    [W_MEAN] = "Mean",
    [W_SATISFACTION] = "Client satisfaction",
    [W_YEAR] = "Year",
    [W_ANSWER] = "Answer",
    [W_SHARE] = "Share, %",
    [W_COSTS] = "Costs before and after, %s months",
    [W_COSTS_FILE] = "Unit costs: %s",
    [W_SECTOR] = "Sector",
    [W_BEFORE_EUR] = "Before, €",
    [W_AFTER_EUR] = "After, €",
    [W_TOTAL] = "Total",
    [W_PROCESS] = "The process",
    [W_IDENTIFIED] = "Clients identified, by sector",
    [W_CLIENTS] = "Clients",
    [W_CONSENT] = "Consent",
    [W_CONSENT_GIVEN] = "given",
    [W_CONSENT_DECLINED] = "declined",
    [W_CONSENT_NONE] = "no decision",
    [W_MEDIAN_DAYS] = "Days from identification, median",
    [W_TO_FIRST_CONTACT] = "to the first contact",
    [W_TO_MAPPING_VISIT] = "to the mapping visit",
    [W_TO_AGREED_PLAN] = "to the agreed plan",
    [W_CASELOAD] = "Caseload per coordinator",
    [W_COORDINATOR] = "Coordinator",
    [W_OVERDUE] = "Overdue reviews",
    [W_CLOSURES] = "Closures by reason",
    [W_REASON] = "Reason",
    [W_QUEUE] = "Waiting for a coordinator",
    [W_FIGURE] = "Figure",
    [W_VALUE] = "Value",
    [W_NO_DATA] = "No data.",
  },
};

typedef struct
{
  cairo_t              *cr;
  JsonNode             *json;
  JsonObject           *root;
  const char           *language;
  guint                 lang;         /* row of words[] */
  guint                 threshold;
  double                y;
  int                   page;
  int                   n_pages;      /* 0 in the pass that counts them */
  PangoFontDescription *title_font;
  PangoFontDescription *heading_font;
  PangoFontDescription *body_font;
  PangoFontDescription *table_font;
  PangoFontDescription *table_bold;
  PangoFontDescription *small_font;
} Pdf;

static const char *
w (Pdf  *pdf,
   Word  word)
{
  return words[pdf->lang][word];
}

/* The words of @word with their "%s" holes filled in order (no printf: the words are data). */
static char *
fill (Pdf        *pdf,
      Word        word,
      const char *first,
      const char *second,
      const char *third)
{
  const char *values[] = { first, second, third };
  const char *rest = w (pdf, word);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      const char *hole = strstr (rest, "%s");

      if (hole == NULL)
        break;
      g_string_append_len (text, rest, hole - rest);
      g_string_append (text, values[i] != NULL ? values[i] : "");
      rest = hole + 2;
    }
  g_string_append (text, rest);
  return g_string_free (text, FALSE);
}

/* --- JSON ---------------------------------------------------------------------------------- */

static JsonObject *
element_object (JsonArray *array,
                guint      i)
{
  JsonNode *node = json_array_get_element (array, i);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static guint
array_length (JsonArray *array)
{
  return array != NULL ? json_array_get_length (array) : 0;
}

/* A number as the language writes it: a comma in Finnish and Swedish. */
static char *
format_number (Pdf    *pdf,
               double  value,
               guint   decimals)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *format = NULL;
  char *text;

  if (value > -1e15 && value < 1e15 && value == (double) (gint64) value)
    decimals = 0;
  format = g_strdup_printf ("%%.%uf", decimals);
  text = g_strdup (g_ascii_formatd (buffer, sizeof buffer, format, value));
  if (pdf->lang != 2)
    g_strdelimit (text, ".", ',');
  return text;
}

/* What a CELL shows: its display when suppressed, "–" for no value, else the value. */
static char *
cell_text (Pdf        *pdf,
           JsonObject *cell,
           guint       decimals)
{
  JsonNode *value;

  if (cell == NULL)
    return g_strdup ("");
  if (json_object_get_boolean_member_with_default (cell, "suppressed", FALSE))
    {
      const char *display = polku_json_get_string (cell, "display");

      if (display != NULL)
        return g_strdup (display);
      return g_strdup_printf ("< %u", pdf->threshold);
    }
  value = json_object_get_member (cell, "value");
  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
    return g_strdup ("–");
  return format_number (pdf, json_node_get_double (value), decimals);
}

/* "value (n)" for a statistic whose n is its own cell. */
static char *
cell_with_n (Pdf        *pdf,
             JsonObject *cell,
             JsonObject *n,
             guint       decimals)
{
  g_autofree char *value = cell_text (pdf, cell, decimals);
  g_autofree char *count = cell_text (pdf, n, 0);

  return g_strdup_printf ("%s (%s)", value, count);
}

static char *
date_text (const char *iso)
{
  g_autofree char *day = NULL;

  if (iso == NULL)
    return g_strdup ("");
  day = g_strndup (iso, 10);
  return polku_date_format_user (day);
}

/* --- Layout -------------------------------------------------------------------------------- */

static PangoLayout *
make_layout (Pdf                  *pdf,
             PangoFontDescription *font,
             const char           *text,
             double                width,
             PangoAlignment        alignment)
{
  PangoLayout *layout = pango_cairo_create_layout (pdf->cr);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_text (layout, text, -1);

  /* Column headings break between words only: one whose longest word is wider than the
   * column is set smaller (down to 5 points) rather than cut in two or run into the next. */
  if (font == pdf->table_bold)
    {
      g_autoptr(PangoFontDescription) smaller = pango_font_description_copy (font);
      int size = pango_font_description_get_size (font);
      PangoRectangle logical;

      pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
      for (;;)
        {
          pango_layout_get_extents (layout, NULL, &logical);
          if (logical.width <= width * PANGO_SCALE || size <= 5 * PANGO_SCALE)
            break;
          size -= PANGO_SCALE / 2;
          pango_font_description_set_size (smaller, size);
          pango_layout_set_font_description (layout, smaller);
        }
    }
  return layout;
}

static double
text_height (Pdf                  *pdf,
             PangoFontDescription *font,
             const char           *text,
             double                width)
{
  g_autoptr(PangoLayout) layout = make_layout (pdf, font, text, width, PANGO_ALIGN_LEFT);
  int height = 0;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

static void
draw_text_at (Pdf                  *pdf,
              PangoFontDescription *font,
              const char           *text,
              double                x,
              double                y,
              double                width,
              PangoAlignment        alignment)
{
  g_autoptr(PangoLayout) layout = make_layout (pdf, font, text, width, alignment);

  cairo_move_to (pdf->cr, x, y);
  pango_cairo_show_layout (pdf->cr, layout);
}

static void
finish_page (Pdf *pdf)
{
  g_autofree char *page = g_strdup_printf ("%d", pdf->page);
  g_autofree char *pages = g_strdup_printf ("%d", MAX (pdf->n_pages, pdf->page));
  g_autofree char *number = fill (pdf, W_PAGE, page, pages, NULL);

  cairo_set_source_rgb (pdf->cr, 0.25, 0.25, 0.25);
  draw_text_at (pdf, pdf->small_font, w (pdf, W_TITLE), MARGIN, PAGE_HEIGHT - MARGIN - 10,
                CONTENT_WIDTH, PANGO_ALIGN_LEFT);
  draw_text_at (pdf, pdf->small_font, number, MARGIN, PAGE_HEIGHT - MARGIN - 10, CONTENT_WIDTH,
                PANGO_ALIGN_RIGHT);
  cairo_set_source_rgb (pdf->cr, 0, 0, 0);
  cairo_show_page (pdf->cr);
}

static void
new_page (Pdf *pdf)
{
  finish_page (pdf);
  pdf->page++;
  pdf->y = MARGIN;
}

/* Starts a new page unless @height fits below y (or the page is still empty). */
static void
ensure_space (Pdf    *pdf,
              double  height)
{
  if (pdf->y + height > BOTTOM && pdf->y > MARGIN)
    new_page (pdf);
}

static void
paragraph (Pdf                  *pdf,
           PangoFontDescription *font,
           const char           *text,
           double                space_after)
{
  double height = text_height (pdf, font, text, CONTENT_WIDTH);

  ensure_space (pdf, height);
  draw_text_at (pdf, font, text, MARGIN, pdf->y, CONTENT_WIDTH, PANGO_ALIGN_LEFT);
  pdf->y += height + space_after;
}

/* A heading stays with at least @keep points of what follows it. */
static void
heading (Pdf        *pdf,
         const char *text,
         double      keep)
{
  double height = text_height (pdf, pdf->heading_font, text, CONTENT_WIDTH);

  pdf->y += 10;
  ensure_space (pdf, height + keep);
  draw_text_at (pdf, pdf->heading_font, text, MARGIN, pdf->y, CONTENT_WIDTH, PANGO_ALIGN_LEFT);
  pdf->y += height + 6;
}

/* --- Tables -------------------------------------------------------------------------------- */

typedef struct
{
  guint       n_columns;
  const char *headers[10];
  double      widths[10];      /* fractions of the content width */
  gboolean    text[10];        /* words, aligned left (the first column always is) */
  GPtrArray  *rows;            /* of GStrv, n_columns each */
} Table;

static void
table_init (Table *table)
{
  memset (table, 0, sizeof *table);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
}

static void
table_column (Table      *table,
              const char *header,
              double      width)
{
  g_assert (table->n_columns < G_N_ELEMENTS (table->headers));
  table->headers[table->n_columns] = header;
  table->widths[table->n_columns] = width;
  table->text[table->n_columns] = table->n_columns == 0;
  table->n_columns++;
}

/* A column of words rather than figures. */
static void
table_text_column (Table      *table,
                   const char *header,
                   double      width)
{
  table_column (table, header, width);
  table->text[table->n_columns - 1] = TRUE;
}

/* Adds a row of n_columns strings, taking them. */
static void
table_row (Table *table,
           ...)
{
  char **row = g_new0 (char *, table->n_columns + 1);
  va_list args;

  va_start (args, table);
  for (guint i = 0; i < table->n_columns; i++)
    {
      char *text = va_arg (args, char *);

      row[i] = text != NULL ? text : g_strdup ("");
    }
  va_end (args);
  g_ptr_array_add (table->rows, row);
}

static void
table_clear (Table *table)
{
  g_clear_pointer (&table->rows, g_ptr_array_unref);
}

static double
row_height (Pdf                  *pdf,
            Table                *table,
            const char * const   *cells,
            PangoFontDescription *font)
{
  double height = 0;

  for (guint c = 0; c < table->n_columns; c++)
    height = MAX (height, text_height (pdf, font, cells[c],
                                       table->widths[c] * CONTENT_WIDTH - 2 * CELL_PAD));
  return height + 2 * CELL_PAD;
}

static void
draw_row (Pdf                  *pdf,
          Table                *table,
          const char * const   *cells,
          PangoFontDescription *font,
          double                height,
          gboolean              shaded)
{
  double x = MARGIN;

  if (shaded)
    {
      cairo_set_source_rgb (pdf->cr, 0.92, 0.92, 0.92);
      cairo_rectangle (pdf->cr, MARGIN, pdf->y, CONTENT_WIDTH, height);
      cairo_fill (pdf->cr);
      cairo_set_source_rgb (pdf->cr, 0, 0, 0);
    }
  for (guint c = 0; c < table->n_columns; c++)
    {
      double width = table->widths[c] * CONTENT_WIDTH;

      /* Words on the left, figures line up on the right. */
      draw_text_at (pdf, font, cells[c], x + CELL_PAD, pdf->y + CELL_PAD, width - 2 * CELL_PAD,
                    table->text[c] ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
      x += width;
    }
  cairo_set_line_width (pdf->cr, 0.4);
  cairo_set_source_rgb (pdf->cr, 0.6, 0.6, 0.6);
  cairo_move_to (pdf->cr, MARGIN, pdf->y + height);
  cairo_line_to (pdf->cr, MARGIN + CONTENT_WIDTH, pdf->y + height);
  cairo_stroke (pdf->cr);
  cairo_set_source_rgb (pdf->cr, 0, 0, 0);
  pdf->y += height;
}

/* The table, its header again at the top of every page it runs onto. */
static void
draw_table (Pdf   *pdf,
            Table *table)
{
  double header_height = row_height (pdf, table, table->headers, pdf->table_bold);

  if (table->rows->len == 0)
    {
      paragraph (pdf, pdf->body_font, w (pdf, W_NO_DATA), 4);
      return;
    }
  for (guint r = 0; r < table->rows->len; r++)
    {
      const char * const *cells = g_ptr_array_index (table->rows, r);
      double height = row_height (pdf, table, cells, pdf->table_font);

      if (r == 0 || pdf->y + height > BOTTOM)
        {
          if (r > 0 || pdf->y + header_height + height > BOTTOM)
            ensure_space (pdf, header_height + height);
          draw_row (pdf, table, table->headers, pdf->table_bold, header_height, TRUE);
        }
      draw_row (pdf, table, cells, pdf->table_font, height, FALSE);
    }
  pdf->y += 6;
}

/* The chart right after its table: scaled down to the rest of the page when most of it fits
 * there, else on the next page (scaled down only when it is taller than a page). */
static void
chart (Pdf        *pdf,
       const char *name,
       guint       months)
{
  double height, scale, room;

  if (!polku_report_chart_has_data (pdf->json, name, months))
    return;
  height = polku_report_chart_height (pdf->json, name, months, CONTENT_WIDTH);
  if (height <= 0)
    return;
  room = BOTTOM - pdf->y;
  if (height > room && room < 0.7 * height)
    {
      new_page (pdf);
      room = BOTTOM - pdf->y;
    }
  scale = MIN (1.0, room / height);
  cairo_save (pdf->cr);
  cairo_translate (pdf->cr, MARGIN + (1 - scale) * CONTENT_WIDTH / 2, pdf->y);
  cairo_scale (pdf->cr, scale, scale);
  polku_report_draw_chart (pdf->cr, pdf->json, name, months, CONTENT_WIDTH, height,
                           POLKU_REPORT_STYLE_PAPER, pdf->language);
  cairo_restore (pdf->cr);
  pdf->y += height * scale + 8;
}

/* --- The parts ----------------------------------------------------------------------------- */

static void
front_matter (Pdf *pdf)
{
  JsonObject *query = polku_json_get_object (pdf->root, "query");
  JsonObject *filters = polku_json_get_object (query, "filters");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *from = date_text (polku_json_get_string (query, "from"));
  g_autofree char *to = date_text (polku_json_get_string (query, "to"));
  g_autofree char *today = date_text (polku_json_get_string (query, "today"));
  g_autofree char *made = date_text (polku_json_get_string (pdf->root, "generated"));
  g_autofree char *period = fill (pdf, W_PERIOD, from, to, NULL);
  g_autofree char *as_of = fill (pdf, W_AS_OF, today, NULL, NULL);
  g_autofree char *made_text = fill (pdf, W_MADE, made, NULL, NULL);
  g_autofree char *limit = g_strdup_printf ("%u", pdf->threshold);
  g_autofree char *threshold = fill (pdf, W_THRESHOLD, limit, limit, limit);
  static const struct { const char *member; Word word; } named[] = {
    { "coordinator", W_F_COORDINATOR },
    { "unit", W_F_UNIT },
    { "municipality", W_F_MUNICIPALITY },
    { "sector", W_F_SECTOR },
  };
  JsonNode *age_min = filters != NULL ? json_object_get_member (filters, "age_min") : NULL;
  JsonNode *age_max = filters != NULL ? json_object_get_member (filters, "age_max") : NULL;
  gint64 min = age_min != NULL && JSON_NODE_HOLDS_VALUE (age_min) ? json_node_get_int (age_min)
                                                                  : -1;
  gint64 max = age_max != NULL && JSON_NODE_HOLDS_VALUE (age_max) ? json_node_get_int (age_max)
                                                                  : -1;
  const char *closed = polku_json_get_string (filters, "closed");

  pdf->y = MARGIN;
  paragraph (pdf, pdf->title_font, w (pdf, W_TITLE), 8);
  paragraph (pdf, pdf->body_font, period, 2);
  if (polku_json_get_string (query, "today") != NULL)
    paragraph (pdf, pdf->body_font, as_of, 2);
  paragraph (pdf, pdf->body_font, made_text, 6);

  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    {
      const char *value = polku_json_get_string (filters, named[i].member);

      if (value != NULL)
        g_string_append_printf (text, "%s%s %s", text->len > 0 ? "; " : "",
                                w (pdf, named[i].word), value);
    }
  if (min >= 0 || max >= 0)
    {
      g_autofree char *low = min >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, min)
                                      : g_strdup ("");
      g_autofree char *high = max >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, max)
                                       : g_strdup ("");

      g_string_append_printf (text, "%s%s %s–%s", text->len > 0 ? "; " : "",
                              w (pdf, W_F_AGE), low, high);
    }
  if (closed != NULL)
    g_string_append_printf (text, "%s%s: %s", text->len > 0 ? "; " : "", w (pdf, W_F_CASES),
                            g_strcmp0 (closed, "closed") == 0 ? w (pdf, W_CLOSED)
                                                              : w (pdf, W_OPEN));
  {
    g_autofree char *line = g_strdup_printf ("%s: %s", w (pdf, W_FILTERS),
                                             text->len > 0 ? text->str : w (pdf, W_NO_FILTERS));

    paragraph (pdf, pdf->body_font, line, 2);
  }
  paragraph (pdf, pdf->body_font, threshold, 2);
  paragraph (pdf, pdf->body_font, w (pdf, W_COMPLEMENTARY), 6);
}

static char *
months_text (Pdf    *pdf,
             gint64  months)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, months);

  return fill (pdf, W_MONTHS, number, NULL, NULL);
}

static void
cohort_part (Pdf *pdf)
{
  JsonObject *cohort = polku_json_get_object (pdf->root, "cohort");
  JsonArray *periods = polku_json_get_array (cohort, "periods");
  g_autofree char *all = NULL;
  g_autofree char *line = NULL;
  Table table;

  if (cohort == NULL)
    return;
  heading (pdf, w (pdf, W_COHORT), 60);
  all = cell_text (pdf, polku_json_get_object (cohort, "clients"), 0);
  line = g_strdup_printf ("%s: %s", w (pdf, W_CLIENTS_ALL), all);
  paragraph (pdf, pdf->body_font, line, 4);

  table_init (&table);
  table_column (&table, w (pdf, W_PERIOD_COLUMN), 0.2);
  table_column (&table, w (pdf, W_INCLUDED), 0.2);
  table_text_column (&table, w (pdf, W_LEFT_OUT), 0.6);
  for (guint i = 0; i < array_length (periods); i++)
    {
      JsonObject *period = element_object (periods, i);
      JsonArray *left_out = polku_json_get_array (period, "left_out");
      g_autoptr(GString) reasons = g_string_new (NULL);

      for (guint j = 0; j < array_length (left_out); j++)
        {
          JsonObject *reason = element_object (left_out, j);
          g_autofree char *n = cell_text (pdf, polku_json_get_object (reason, "n"), 0);
          const char *label = polku_json_get_string (reason, "label");

          g_string_append_printf (reasons, "%s%s: %s", reasons->len > 0 ? "\n" : "",
                                  label != NULL ? label : polku_json_get_string (reason, "reason"), n);
        }
      table_row (&table,
                 months_text (pdf, json_object_get_int_member_with_default (period, "months",
                                                                            0)),
                 cell_text (pdf, polku_json_get_object (period, "included"), 0),
                 g_string_free (g_steal_pointer (&reasons), FALSE));
    }
  draw_table (pdf, &table);
  table_clear (&table);
}

static void
before_after_part (Pdf *pdf)
{
  JsonArray *periods = polku_json_get_array (pdf->root, "before_after");

  for (guint i = 0; i < array_length (periods); i++)
    {
      JsonObject *period = element_object (periods, i);
      gint64 months = json_object_get_int_member_with_default (period, "months", 0);
      JsonArray *categories = polku_json_get_array (period, "categories");
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, months);
      g_autofree char *title = fill (pdf, W_BEFORE_AFTER, number, NULL, NULL);
      g_autofree char *clients = cell_text (pdf, polku_json_get_object (period, "clients"), 0);
      g_autofree char *line = fill (pdf, W_CLIENTS_N, clients, NULL, NULL);
      Table table;

      heading (pdf, title, 80);
      paragraph (pdf, pdf->body_font, line, 4);
      table_init (&table);
      table_column (&table, w (pdf, W_CATEGORY), 0.2);
      table_column (&table, w (pdf, W_BEFORE_TOTAL), 0.1);
      table_column (&table, w (pdf, W_BEFORE_MEAN), 0.1);
      table_column (&table, w (pdf, W_BEFORE_MEDIAN), 0.1);
      table_column (&table, w (pdf, W_AFTER_TOTAL), 0.1);
      table_column (&table, w (pdf, W_AFTER_MEAN), 0.1);
      table_column (&table, w (pdf, W_AFTER_MEDIAN), 0.1);
      table_column (&table, w (pdf, W_CHANGE_PERCENT), 0.1);
      table_column (&table, w (pdf, W_SHARE_FELL), 0.1);
      for (guint j = 0; j < array_length (categories); j++)
        {
          JsonObject *category = element_object (categories, j);
          JsonObject *before = polku_json_get_object (category, "before");
          JsonObject *after = polku_json_get_object (category, "after");
          const char *label = polku_json_get_string (category, "label");

          table_row (&table,
                     g_strdup (label != NULL ? label : polku_json_get_string (category, "id")),
                     cell_text (pdf, polku_json_get_object (before, "total"), 0),
                     cell_text (pdf, polku_json_get_object (before, "mean"), 1),
                     cell_text (pdf, polku_json_get_object (before, "median"), 1),
                     cell_text (pdf, polku_json_get_object (after, "total"), 0),
                     cell_text (pdf, polku_json_get_object (after, "mean"), 1),
                     cell_text (pdf, polku_json_get_object (after, "median"), 1),
                     cell_text (pdf, polku_json_get_object (category, "change_percent"), 1),
                     cell_text (pdf, polku_json_get_object (category, "share_fell"), 1));
        }
      draw_table (pdf, &table);
      table_clear (&table);
      chart (pdf, POLKU_REPORT_CHART_BEFORE_AFTER, (guint) months);
    }
}

static void
continuity_part (Pdf *pdf)
{
  JsonArray *rows = polku_json_get_array (pdf->root, "continuity");
  Table table;

  if (array_length (rows) == 0)
    return;
  heading (pdf, w (pdf, W_CONTINUITY), 60);
  table_init (&table);
  table_column (&table, w (pdf, W_PERIOD_COLUMN), 0.2);
  table_text_column (&table, w (pdf, W_INDEX), 0.2);
  table_column (&table, w (pdf, W_BEFORE_MEDIAN_N), 0.3);
  table_column (&table, w (pdf, W_AFTER_MEDIAN_N), 0.3);
  for (guint i = 0; i < array_length (rows); i++)
    {
      JsonObject *row = element_object (rows, i);
      JsonObject *before = polku_json_get_object (row, "before");
      JsonObject *after = polku_json_get_object (row, "after");

      table_row (&table,
                 months_text (pdf, json_object_get_int_member_with_default (row, "months", 0)),
                 g_strdup (polku_json_get_string (row, "index")),
                 cell_with_n (pdf, polku_json_get_object (before, "median"),
                              polku_json_get_object (before, "n"), 2),
                 cell_with_n (pdf, polku_json_get_object (after, "median"),
                              polku_json_get_object (after, "n"), 2));
    }
  draw_table (pdf, &table);
  table_clear (&table);
  paragraph (pdf, pdf->small_font, w (pdf, W_CONTINUITY_NOTE), 4);
}

static void
whoqol_part (Pdf *pdf)
{
  JsonObject *whoqol = polku_json_get_object (pdf->root, "whoqol");
  JsonArray *domains = polku_json_get_array (whoqol, "domains");
  JsonArray *over_time = polku_json_get_array (whoqol, "over_time");
  Table table;
  static const struct { const char *member; Word word; } figures[] = {
    { "interval_days_median", W_INTERVAL },
    { "discarded", W_DISCARDED },
    { "unpaired", W_UNPAIRED },
  };

  if (whoqol == NULL)
    return;
  heading (pdf, w (pdf, W_WHOQOL), 60);
  table_init (&table);
  table_column (&table, w (pdf, W_DOMAIN), 0.32);
  table_column (&table, w (pdf, W_PAIRS), 0.17);
  table_column (&table, w (pdf, W_BASELINE_MEAN), 0.17);
  table_column (&table, w (pdf, W_LATEST_MEAN), 0.17);
  table_column (&table, w (pdf, W_MEAN_CHANGE), 0.17);
  for (guint i = 0; i < array_length (domains); i++)
    {
      JsonObject *domain = element_object (domains, i);
      const char *label = polku_json_get_string (domain, "label");

      table_row (&table, g_strdup (label != NULL ? label : polku_json_get_string (domain, "id")),
                 cell_text (pdf, polku_json_get_object (domain, "pairs"), 0),
                 cell_text (pdf, polku_json_get_object (domain, "baseline_mean"), 1),
                 cell_text (pdf, polku_json_get_object (domain, "latest_mean"), 1),
                 cell_text (pdf, polku_json_get_object (domain, "mean_change"), 1));
    }
  draw_table (pdf, &table);
  table_clear (&table);

  table_init (&table);
  table_column (&table, w (pdf, W_FIGURE), 0.66);
  table_column (&table, w (pdf, W_VALUE), 0.34);
  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    table_row (&table, g_strdup (w (pdf, figures[i].word)),
               cell_text (pdf, polku_json_get_object (whoqol, figures[i].member), 0));
  draw_table (pdf, &table);
  table_clear (&table);

  if (array_length (over_time) > 0)
    {
      heading (pdf, w (pdf, W_OVER_TIME), 60);
      table_init (&table);
      table_column (&table, w (pdf, W_MONTH), 0.2);
      table_text_column (&table, w (pdf, W_DOMAIN), 0.4);
      table_column (&table, w (pdf, W_MEAN), 0.2);
      table_column (&table, "n", 0.2);
      for (guint i = 0; i < array_length (over_time); i++)
        {
          JsonObject *point = element_object (over_time, i);
          const char *domain = polku_json_get_string (point, "domain");
          const char *label = NULL;

          for (guint d = 0; d < array_length (domains); d++)
            if (g_strcmp0 (polku_json_get_string (element_object (domains, d), "id"), domain) == 0)
              label = polku_json_get_string (element_object (domains, d), "label");
          table_row (&table,
                     g_strdup_printf ("%" G_GINT64_FORMAT,
                                      json_object_get_int_member_with_default (point, "months",
                                                                               0)),
                     g_strdup (label != NULL ? label : domain),
                     cell_text (pdf, polku_json_get_object (point, "mean"), 1),
                     cell_text (pdf, polku_json_get_object (point, "n"), 0));
        }
      draw_table (pdf, &table);
      table_clear (&table);
    }
  chart (pdf, POLKU_REPORT_CHART_WHOQOL, 0);
}

static void
satisfaction_part (Pdf *pdf)
{
  JsonArray *years = polku_json_get_array (polku_json_get_object (pdf->root, "satisfaction"), "years");
  Table table;

  if (array_length (years) == 0)
    return;
  heading (pdf, w (pdf, W_SATISFACTION), 60);
  table_init (&table);
  table_column (&table, w (pdf, W_YEAR), 0.15);
  table_column (&table, "n", 0.15);
  table_text_column (&table, w (pdf, W_ANSWER), 0.45);
  table_column (&table, w (pdf, W_SHARE), 0.25);
  for (guint i = 0; i < array_length (years); i++)
    {
      JsonObject *year = element_object (years, i);
      JsonArray *categories = polku_json_get_array (year, "categories");
      gint64 y = json_object_get_int_member_with_default (year, "year", 0);

      for (guint j = 0; j < array_length (categories); j++)
        {
          JsonObject *category = element_object (categories, j);
          const char *label = polku_json_get_string (category, "label");

          table_row (&table,
                     j == 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, y) : NULL,
                     j == 0 ? cell_text (pdf, polku_json_get_object (year, "n"), 0) : NULL,
                     g_strdup (label != NULL ? label : polku_json_get_string (category, "id")),
                     cell_text (pdf, polku_json_get_object (category, "share"), 1));
        }
    }
  draw_table (pdf, &table);
  table_clear (&table);
}

static void
costs_table (Pdf        *pdf,
             JsonObject *costs)
{
  JsonArray *sectors = polku_json_get_array (costs, "sectors");
  JsonObject *total = polku_json_get_object (costs, "total");
  gint64 months = json_object_get_int_member_with_default (costs, "months", 0);
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, months);
  g_autofree char *title = fill (pdf, W_COSTS, number, NULL, NULL);
  Table table;

  heading (pdf, title, 60);
  table_init (&table);
  table_column (&table, w (pdf, W_SECTOR), 0.4);
  table_column (&table, w (pdf, W_BEFORE_EUR), 0.3);
  table_column (&table, w (pdf, W_AFTER_EUR), 0.3);
  for (guint i = 0; i < array_length (sectors); i++)
    {
      JsonObject *sector = element_object (sectors, i);
      const char *label = polku_json_get_string (sector, "label");

      table_row (&table, g_strdup (label != NULL ? label : polku_json_get_string (sector, "sector")),
                 cell_text (pdf, polku_json_get_object (sector, "before"), 0),
                 cell_text (pdf, polku_json_get_object (sector, "after"), 0));
    }
  if (total != NULL)
    table_row (&table, g_strdup (w (pdf, W_TOTAL)),
               cell_text (pdf, polku_json_get_object (total, "before"), 0),
               cell_text (pdf, polku_json_get_object (total, "after"), 0));
  draw_table (pdf, &table);
  table_clear (&table);
}

static void
costs_part (Pdf *pdf)
{
  JsonObject *costs = polku_json_get_object (pdf->root, "costs");
  JsonArray *periods = polku_json_get_array (costs, "periods");

  if (costs == NULL)
    return;
  if (array_length (periods) > 0)
    for (guint i = 0; i < array_length (periods); i++)
      costs_table (pdf, element_object (periods, i));
  else
    costs_table (pdf, costs);
  if (polku_json_get_string (costs, "file") != NULL)
    {
      g_autofree char *line = fill (pdf, W_COSTS_FILE, polku_json_get_string (costs, "file"), NULL,
                                    NULL);

      paragraph (pdf, pdf->small_font, line, 4);
    }
}

/* A two-column table of a list of { label, n } items with their total. */
static void
list_table (Pdf        *pdf,
            Word        title,
            Word        first_column,
            JsonArray  *list,
            const char *label_member,
            const char *fallback_member,
            const char *cell_member,
            JsonObject *total)
{
  Table table;

  heading (pdf, w (pdf, title), 50);
  table_init (&table);
  table_column (&table, w (pdf, first_column), 0.66);
  table_column (&table, w (pdf, W_CLIENTS), 0.34);
  for (guint i = 0; i < array_length (list); i++)
    {
      JsonObject *item = element_object (list, i);
      const char *label = polku_json_get_string (item, label_member);

      table_row (&table, g_strdup (label != NULL ? label : polku_json_get_string (item, fallback_member)),
                 cell_text (pdf, polku_json_get_object (item, cell_member), 0));
    }
  if (total != NULL && table.rows->len > 0)
    table_row (&table, g_strdup (w (pdf, W_TOTAL)), cell_text (pdf, total, 0));
  draw_table (pdf, &table);
  table_clear (&table);
}

static void
process_part (Pdf *pdf)
{
  JsonObject *process = polku_json_get_object (pdf->root, "process");
  JsonObject *consent = polku_json_get_object (process, "consent");
  JsonObject *days = polku_json_get_object (process, "median_days");
  Table table;

  if (process == NULL)
    return;
  heading (pdf, w (pdf, W_PROCESS), 80);
  list_table (pdf, W_IDENTIFIED, W_SECTOR, polku_json_get_array (process, "identified_by_sector"),
              "label", "sector", "n", polku_json_get_object (process, "clients"));

  heading (pdf, w (pdf, W_CONSENT), 50);
  table_init (&table);
  table_column (&table, w (pdf, W_CONSENT), 0.66);
  table_column (&table, w (pdf, W_CLIENTS), 0.34);
  table_row (&table, g_strdup (w (pdf, W_CONSENT_GIVEN)),
             cell_text (pdf, polku_json_get_object (consent, "given"), 0));
  table_row (&table, g_strdup (w (pdf, W_CONSENT_DECLINED)),
             cell_text (pdf, polku_json_get_object (consent, "declined"), 0));
  table_row (&table, g_strdup (w (pdf, W_CONSENT_NONE)),
             cell_text (pdf, polku_json_get_object (consent, "no_decision"), 0));
  table_row (&table, g_strdup (w (pdf, W_TOTAL)),
             cell_text (pdf, polku_json_get_object (process, "clients"), 0));
  draw_table (pdf, &table);
  table_clear (&table);

  heading (pdf, w (pdf, W_MEDIAN_DAYS), 50);
  table_init (&table);
  table_column (&table, w (pdf, W_FIGURE), 0.66);
  table_column (&table, w (pdf, W_VALUE), 0.34);
  table_row (&table, g_strdup (w (pdf, W_TO_FIRST_CONTACT)),
             cell_text (pdf, polku_json_get_object (days, "to_first_contact"), 1));
  table_row (&table, g_strdup (w (pdf, W_TO_MAPPING_VISIT)),
             cell_text (pdf, polku_json_get_object (days, "to_mapping_visit"), 1));
  table_row (&table, g_strdup (w (pdf, W_TO_AGREED_PLAN)),
             cell_text (pdf, polku_json_get_object (days, "to_agreed_plan"), 1));
  draw_table (pdf, &table);
  table_clear (&table);

  list_table (pdf, W_CASELOAD, W_COORDINATOR, polku_json_get_array (process, "caseload"),
              "coordinator", "coordinator", "clients", polku_json_get_object (process, "caseload_total"));
  chart (pdf, POLKU_REPORT_CHART_CASELOAD, 0);

  list_table (pdf, W_CLOSURES, W_REASON, polku_json_get_array (process, "closures"), "label", "code",
              "n", polku_json_get_object (process, "closures_total"));

  pdf->y += 10;
  table_init (&table);
  table_column (&table, w (pdf, W_FIGURE), 0.66);
  table_column (&table, w (pdf, W_CLIENTS), 0.34);
  table_row (&table, g_strdup (w (pdf, W_OVERDUE)),
             cell_text (pdf, polku_json_get_object (process, "overdue_reviews"), 0));
  table_row (&table, g_strdup (w (pdf, W_QUEUE)),
             cell_text (pdf, polku_json_get_object (process, "queue"), 0));
  draw_table (pdf, &table);
  table_clear (&table);
}

/* Lays out and draws the whole document on @surface; returns the number of pages. */
static int
render (Pdf             *pdf,
        cairo_surface_t *surface)
{
  pdf->cr = cairo_create (surface);
  pdf->page = 1;
  cairo_set_source_rgb (pdf->cr, 0, 0, 0);

  front_matter (pdf);
  cohort_part (pdf);
  before_after_part (pdf);
  continuity_part (pdf);
  whoqol_part (pdf);
  satisfaction_part (pdf);
  costs_part (pdf);
  process_part (pdf);
  finish_page (pdf);

  cairo_destroy (pdf->cr);
  pdf->cr = NULL;
  return pdf->page;
}

static cairo_status_t
discard_write (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
fd_write (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  int fd = GPOINTER_TO_INT (closure);

  while (length > 0)
    {
      ssize_t n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return CAIRO_STATUS_WRITE_ERROR;
      data += n;
      length -= n;
    }
  return CAIRO_STATUS_SUCCESS;
}

static void
set_write_error (GError     **error,
                 const char  *path,
                 const char  *reason)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, POLKU_REPORT_EXPORT_ERROR, POLKU_REPORT_EXPORT_ERROR_WRITE,
               _("Could not write the report to “%s”: %s"), display, reason);
}

/**
 * polku_report_write_pdf:
 * @report: a report
 * @language: "fi", "sv" or "en"
 * @path: the PDF to make (replaced if it exists)
 * @error: POLKU_REPORT_EXPORT_ERROR_INVALID or _WRITE
 *
 * Returns: whether the PDF is at @path
 */
gboolean
polku_report_write_pdf (PolkuReport  *report,
                        const char   *language,
                        const char   *path,
                        GError      **error)
{
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *tmp = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  Pdf pdf = { 0 };
  int fd;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (language == NULL)
    language = polku_report_get_language (report);
  if (g_strcmp0 (language, "fi") == 0)
    pdf.lang = 0;
  else if (g_strcmp0 (language, "sv") == 0)
    pdf.lang = 1;
  else if (g_strcmp0 (language, "en") == 0)
    pdf.lang = 2;
  else
    {
      g_set_error (error, POLKU_REPORT_EXPORT_ERROR, POLKU_REPORT_EXPORT_ERROR_INVALID,
                   _("The report can be written in Finnish (fi), Swedish (sv) or English (en), "
                     "not “%s”."), language);
      return FALSE;
    }

  json = polku_report_to_json (report);
  pdf.json = json;
  pdf.root = json_node_get_object (json);
  pdf.language = language;
  pdf.threshold = polku_report_get_threshold (report);
  pdf.title_font = pango_font_description_from_string ("Sans Bold 16");
  pdf.heading_font = pango_font_description_from_string ("Sans Bold 11.5");
  pdf.body_font = pango_font_description_from_string ("Sans 9.5");
  pdf.table_font = pango_font_description_from_string ("Sans 8");
  pdf.table_bold = pango_font_description_from_string ("Sans Bold 7");
  pdf.small_font = pango_font_description_from_string ("Sans 7.5");

  /* The first pass counts the pages for "n / N". */
  surface = cairo_pdf_surface_create_for_stream (discard_write, NULL, PAGE_WIDTH, PAGE_HEIGHT);
  pdf.n_pages = render (&pdf, surface);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  tmp = g_strconcat (path, ".tmp-XXXXXX", NULL);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_write_error (error, path, g_strerror (errno));
      pdf.n_pages = -1;
    }
  else
    {
      surface = cairo_pdf_surface_create_for_stream (fd_write, GINT_TO_POINTER (fd),
                                                     PAGE_WIDTH, PAGE_HEIGHT);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, w (&pdf, W_TITLE));
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Polku");
      render (&pdf, surface);
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
      cairo_surface_destroy (surface);

      if (status != CAIRO_STATUS_SUCCESS)
        set_write_error (error, path, cairo_status_to_string (status));
      else if (fsync (fd) != 0 || close (g_steal_fd (&fd)) != 0)
        set_write_error (error, path, g_strerror (errno));
      else if (g_rename (tmp, path) != 0)
        set_write_error (error, path, g_strerror (errno));
      else
        g_clear_pointer (&tmp, g_free);

      if (fd >= 0)
        close (fd);
      if (tmp != NULL)
        g_unlink (tmp);
    }

  pango_font_description_free (pdf.title_font);
  pango_font_description_free (pdf.heading_font);
  pango_font_description_free (pdf.body_font);
  pango_font_description_free (pdf.table_font);
  pango_font_description_free (pdf.table_bold);
  pango_font_description_free (pdf.small_font);

  return tmp == NULL && pdf.n_pages > 0;
}
