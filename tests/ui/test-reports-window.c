/* test-reports-window.c: the Reports window on a real store (clients, cases, plans and
 * contacts made through the core's store functions): a report made and shown, a small
 * cohort shown as "< 5" with its reason, a run cancelled, the charts drawn (bars where
 * figures are shown and none where they are not, light and dark, contrast; the dark
 * style's "before" bars as the window draws them), and a 360-px window; and
 * polku_report_draw_chart () on its own
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "polku-audit.h"
#include "polku-case-store.h"
#include "polku-client-store.h"
#include "polku-contact-store.h"
#include "polku-coordinator-store.h"
#include "polku-date.h"
#include "polku-plan-store.h"
#include "polku-plan.h"
#include "polku-report-chart.h"
#include "polku-report-draw.h"
#include "polku-reports-window.h"
#include "polku-window-private.h"
#include "test-helpers.h"

#define COORDINATOR "Sanna Koivisto"

typedef struct
{
  char         *dir;
  PolkuProfile *profile;
  PolkuStore   *store;
  GtkWindow    *window;
} Fixture;

/* @iso moved by @days, YYYY-MM-DD. */
static char *
shift_date (const char *iso,
            int         days)
{
  GDate date;
  char buffer[16];

  g_date_clear (&date, 1);
  g_date_set_parse (&date, iso);
  g_assert_true (g_date_valid (&date));
  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);
  g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", &date);
  return g_strdup (buffer);
}

static PolkuContact *
make_contact (const char *client_id,
              const char *date,
              const char *type)
{
  PolkuContact *contact = polku_contact_new ();

  polku_contact_set_client_id (contact, client_id);
  polku_contact_set_date (contact, date);
  polku_contact_set_type_id (contact, type);
  polku_contact_set_professional_name (contact, "Lääkäri Laine");
  return contact;
}

/* A client whose plan was agreed @agreed_on, in @municipality, with three doctor visits in
 * the months before and one after, and the coordinator COORDINATOR. */
static void
add_client (Fixture    *f,
            const char *given,
            const char *municipality,
            const char *agreed_on)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PolkuClient) client = polku_client_new ();
  g_autoptr(PolkuCase) kase = NULL;
  g_autoptr(PolkuCoordinatorPeriod) period = NULL;
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonNode) document = NULL;
  g_autofree char *opened = shift_date (agreed_on, -120);
  const char *id;

  polku_client_set_given_name (client, given);
  polku_client_set_family_name (client, "Testinen");
  polku_client_set_birth_date (client, "1950-05-05");
  polku_client_set_municipality (client, municipality);
  g_assert_true (polku_client_store_save (f->store, client, &error));
  g_assert_no_error (error);
  id = polku_client_get_id (client);

  kase = polku_case_store_open (f->store, id, opened, &error);
  g_assert_no_error (error);
  period = polku_coordinator_store_set (f->store, id, COORDINATOR, opened, &error);
  g_assert_no_error (error);

  document = polku_plan_document_new (id, "fi");
  json_object_set_string_member (json_node_get_object (document), "agreed_on", agreed_on);
  g_assert_true (polku_plan_store_save (f->store, id, document, 0, POLKU_PLAN_ORIGIN_EDIT,
                                        NULL, &error));
  g_assert_no_error (error);

  for (int days = -90; days < 0; days += 30)
    {
      g_autofree char *date = shift_date (agreed_on, days);

      g_ptr_array_add (contacts, make_contact (id, date, "doctor"));
    }
  {
    g_autofree char *date = shift_date (agreed_on, 40);

    g_ptr_array_add (contacts, make_contact (id, date, "doctor"));
  }
  g_assert_true (polku_contact_store_add_all (f->store, id, contacts, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *today = polku_date_today ();
  g_autofree char *agreed = shift_date (today, -800);
  static const char * const names[] = { "Aino", "Eino", "Helmi", "Onni", "Lyyli", "Väinö",
                                        "Sylvi" };

  f->store = test_make_store (0, &f->dir, &f->profile);
  polku_store_set_actor (f->store, COORDINATOR);
  /* Five in Kuopio, two in Siilinjärvi. */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    add_client (f, names[i], i < 5 ? "Kuopio" : "Siilinjärvi", agreed);

  f->window = GTK_WINDOW (polku_reports_window_new (NULL, f->store));
  gtk_window_set_default_size (f->window, 760, 800);
  gtk_window_present (f->window);
  test_spin (50);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
  test_wait_loaded (f->window);
  test_destroy_window (f->window);
  test_release_store (&f->store);
  g_clear_object (&f->profile);
  test_remove_tree (f->dir);
  g_free (f->dir);
}

static gboolean
has_buildable_id (GtkWidget     *widget,
                  gconstpointer  name)
{
  return g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), name) == 0;
}

/* The widget of the window's template named @name. */
static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  return test_find_widget_where (root, has_buildable_id, name);
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_ACTION_ROW (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_numeric_label (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "numeric");
}

/* The figure (the "numeric" label) of the first row titled @title under @root. */
static GtkLabel *
find_figure (GtkWidget  *root,
             const char *title)
{
  GtkWidget *row = test_find_widget_where (root, is_row_titled, title);
  /* The row's suffix label is the only one with the class. */
  GtkWidget *label = row != NULL ? test_find_widget_where (row, is_numeric_label, NULL) : NULL;

  return label != NULL ? GTK_LABEL (label) : NULL;
}

static gboolean
is_label_with_text (GtkWidget     *widget,
                    gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  return test_find_widget_where (root, is_label_with_text, text);
}

static void
collect_charts (GtkWidget *root,
                GPtrArray *charts)
{
  if (POLKU_IS_REPORT_CHART (root))
    g_ptr_array_add (charts, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_charts (child, charts);
}

static void
set_entry (Fixture    *f,
           const char *name,
           const char *text)
{
  GtkWidget *row = find_named (GTK_WIDGET (f->window), name);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
run_report (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "reports.run", NULL));
  g_assert_true (polku_reports_window_get_loading (POLKU_REPORTS_WINDOW (f->window)));
  test_wait_loaded (f->window);
  test_spin (50);
}

static const char *
status_text (Fixture *f)
{
  GtkWidget *label = find_named (GTK_WIDGET (f->window), "status_label");

  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

/* Pixels of a chart */

/* Horizontal bands of rows with at least @min_run chromatic pixels: one per bar (and one
 * per line of the legend). */
static guint
count_bar_bands (const TestImage *image,
                 int              min_run)
{
  guint bands = 0;
  gboolean in_band = FALSE;

  for (int y = 0; y < image->height; y++)
    {
      int run = 0;

      for (int x = 0; x < image->width; x++)
        {
          double rgb[3];

          test_pixel (image, x, y, rgb);
          run += test_is_chromatic (rgb);
        }
      if (run >= min_run && !in_band)
        bands++;
      in_band = run >= min_run;
    }
  return bands;
}

/* The colour most bar or line pixels are drawn in (anti-aliased edges are blends with the
 * background) has a contrast of at least 3:1 with the background (the pixel at the top left
 * corner), and is one of the style's. Returns the number of chromatic pixels. */
static guint
check_contrast (const TestImage  *image,
                PolkuReportStyle  style)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  double background[3], rgb[3];
  guint chromatic = 0, top_count = 0;
  guint32 top = 0;
  gboolean known = FALSE;
  GHashTableIter iter;
  gpointer key, value;

  test_pixel (image, 0, 0, background);
  for (int y = 0; y < image->height; y++)
    for (int x = 0; x < image->width; x++)
      {
        guint32 packed = *(guint32 *) (image->data + y * image->stride + x * 4) & 0xffffff;

        test_pixel (image, x, y, rgb);
        if (!test_is_chromatic (rgb))
          continue;
        chromatic++;
        g_hash_table_insert (counts, GUINT_TO_POINTER (packed),
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (
                               g_hash_table_lookup (counts, GUINT_TO_POINTER (packed))) + 1));
      }
  if (chromatic == 0)
    return 0;
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (value) > top_count)
      {
        top_count = GPOINTER_TO_UINT (value);
        top = GPOINTER_TO_UINT (key);
      }
  rgb[0] = ((top >> 16) & 0xff) / 255.0;
  rgb[1] = ((top >> 8) & 0xff) / 255.0;
  rgb[2] = (top & 0xff) / 255.0;
  if (test_contrast (rgb, background) < 3.0)
    g_error ("Colour #%06x has a contrast of %.2f with the background", top,
             test_contrast (rgb, background));
  for (guint i = 2; !known; i++)
    {
      double c[3];

      g_assert_true (polku_report_style_get_color (style, i, &c[0], &c[1], &c[2]));
      known = (guint32) (c[0] * 255 + 0.5) << 16 == (top & 0xff0000)
              && (guint32) (c[1] * 255 + 0.5) << 8 == (top & 0xff00)
              && (guint32) (c[2] * 255 + 0.5) == (top & 0xff);
    }
  return chromatic;
}

/* Every colour of a style a bar or a line may have: at least 3:1 with its background. */
static void
test_palette (void)
{
  for (int style = POLKU_REPORT_STYLE_LIGHT; style <= POLKU_REPORT_STYLE_PAPER; style++)
    {
      double background[3], foreground[3], before[3] = { 0 };
      guint n = 0;

      g_assert_true (polku_report_style_get_color (style, 0, &background[0], &background[1],
                                                   &background[2]));
      g_assert_true (polku_report_style_get_color (style, 1, &foreground[0], &foreground[1],
                                                   &foreground[2]));
      /* Text: 4.5:1. */
      g_assert_cmpfloat (test_contrast (foreground, background), >=, 4.5);
      for (guint i = 2; ; i++)
        {
          double rgb[3];

          if (!polku_report_style_get_color (style, i, &rgb[0], &rgb[1], &rgb[2]))
            break;
          g_assert_cmpfloat (test_contrast (rgb, background), >=, 3.0);
          if (n == 0)
            memcpy (before, rgb, sizeof before);
          else if (n == 1)
            /* Before and after differ in colour as well as in pattern. */
            g_assert_cmpfloat (MAX (ABS (rgb[0] - before[0]), ABS (rgb[2] - before[2])), >,
                               0.4);
          n++;
        }
      g_assert_cmpuint (n, >=, 4);
    }
}

/* With POLKU_TEST_CHART_DIR set, every chart drawn is also written there as PNG, to look
 * at. */
static void
save_image (const TestImage *image,
            const char      *chart,
            int              style)
{
  static guint counter;
  const char *dir = g_getenv ("POLKU_TEST_CHART_DIR");
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  name = g_strdup_printf ("%02u-%s-%d.png", counter++, chart, style);
  path = g_build_filename (dir, name, NULL);
  g_assert_cmpint (cairo_surface_write_to_png (image->surface, path), ==, CAIRO_STATUS_SUCCESS);
}

static void
draw_json (TestImage        *image,
           JsonNode         *json,
           const char       *chart,
           guint             months,
           int               width,
           PolkuReportStyle  style,
           gboolean          expect)
{
  double height = polku_report_chart_height (json, chart, months, width);
  cairo_t *cr;

  image->width = width;
  image->height = MAX ((int) height, 10);
  image->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, image->width,
                                               image->height);
  cr = cairo_create (image->surface);
  g_assert_cmpint (polku_report_draw_chart (cr, json, chart, months, image->width,
                                            image->height, style, "fi"), ==, expect);
  cairo_destroy (cr);
  cairo_surface_flush (image->surface);
  image->data = cairo_image_surface_get_data (image->surface);
  image->stride = cairo_image_surface_get_stride (image->surface);
  save_image (image, chart, style);
}

/* With POLKU_TEST_CHART_DIR set, the window as it is drawn, as PNG, to look at. */
static void
save_window (GtkWidget  *window,
             const char *name)
{
  const char *dir = g_getenv ("POLKU_TEST_CHART_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  cairo_surface_t *surface;
  cairo_t *cr;
  int width = gtk_widget_get_width (window), height = gtk_widget_get_height (window);

  if (dir == NULL)
    return;
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  path = g_build_filename (dir, name, NULL);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static gboolean
has_size (gpointer data)
{
  return gtk_widget_get_width (data) > 0 && gtk_widget_get_height (data) > 0;
}

/* The widget as the window draws it, through its own snapshot. */
static void
draw_widget (TestImage *image,
             GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  cairo_t *cr;

  test_wait_until (has_size, widget, 5000, "the chart is laid out");

  image->width = gtk_widget_get_width (widget);
  image->height = gtk_widget_get_height (widget);
  g_assert_cmpint (image->width, >, 100);
  g_assert_cmpint (image->height, >, 50);
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  image->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, image->width,
                                               image->height);
  cr = cairo_create (image->surface);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (image->surface);
  image->data = cairo_image_surface_get_data (image->surface);
  image->stride = cairo_image_surface_get_stride (image->surface);
  save_image (image, "widget", -1);
}

static gboolean
is_scrolled (gpointer adjustment)
{
  return gtk_adjustment_get_value (adjustment) > 0;
}

/* The tests */

static void
test_report_shown (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) charts = g_ptr_array_new ();
  GtkWidget *heading;
  JsonNode *json;
  GtkLabel *label;

  g_assert_null (polku_reports_window_get_report_json (POLKU_REPORTS_WINDOW (f->window)));
  g_assert_false (gtk_widget_get_sensitive (find_named (GTK_WIDGET (f->window),
                                                        "export_button")));
  run_report (f);
  g_assert_null (status_text (f));
  json = polku_reports_window_get_report_json (POLKU_REPORTS_WINDOW (f->window));
  g_assert_nonnull (json);
  g_assert_true (gtk_widget_get_sensitive (find_named (GTK_WIDGET (f->window),
                                                       "export_button")));

  /* Seven clients: shown, with no tooltip. */
  label = find_figure (GTK_WIDGET (f->window), "Clients in the report");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (label), ==, "7");
  g_assert_null (gtk_widget_get_tooltip_text (GTK_WIDGET (label)));

  /* The figures of the before/after table: three visits before, one after, per client. */
  label = find_figure (GTK_WIDGET (f->window), "Total before");
  g_assert_nonnull (label);
  label = find_figure (GTK_WIDGET (f->window), "Clients included");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (label), ==, "7");

  /* The caseload: the one coordinator's seven clients. */
  label = find_figure (GTK_WIDGET (f->window), COORDINATOR);
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (label), ==, "7");

  /* Charts with their accessible role and description. */
  collect_charts (GTK_WIDGET (f->window), charts);
  g_assert_cmpuint (charts->len, >=, 2);
  for (guint i = 0; i < charts->len; i++)
    g_assert_cmpint (gtk_accessible_get_accessible_role (g_ptr_array_index (charts, i)), ==,
                     GTK_ACCESSIBLE_ROLE_IMG);
  save_window (GTK_WIDGET (f->window), "window.png");

  /* Each section is a group named by its heading; the caseload too. */
  for (guint i = 0; i < 2; i++)
    {
      heading = find_label (GTK_WIDGET (f->window), i == 0 ? "Before and After" : "Caseload");
      g_assert_nonnull (heading);
      g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (heading)), ==,
                       GTK_ACCESSIBLE_ROLE_HEADING);
      g_assert_cmpint (gtk_accessible_get_accessible_role (
                         GTK_ACCESSIBLE (gtk_widget_get_parent (heading))), ==,
                       GTK_ACCESSIBLE_ROLE_GROUP);
    }

  /* The results start in sight, not below the filters where nothing seems to happen. */
  {
    GtkWidget *scroller = find_named (GTK_WIDGET (f->window), "scroller");
    GtkWidget *results = find_named (GTK_WIDGET (f->window), "results_box");
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (
                                  GTK_SCROLLED_WINDOW (scroller));
    graphene_point_t top;

    /* At the next frames, once the results are laid out. */
    test_wait_until (is_scrolled, adjustment, 5000, "the window scrolls to the results");
    g_assert_true (gtk_widget_compute_point (results, scroller, &GRAPHENE_POINT_INIT (0, 0),
                                             &top));
    g_assert_cmpfloat (top.y, >=, 0);
    g_assert_cmpfloat (top.y, <, gtk_adjustment_get_page_size (adjustment) / 4);
  }
}

static void
test_small_cohort (Fixture       *f,
                   gconstpointer  data)
{
  GtkLabel *label;
  const char *tooltip;

  /* Five clients in Kuopio: shown. */
  set_entry (f, "municipality_row", "Kuopio");
  run_report (f);
  label = find_figure (GTK_WIDGET (f->window), "Clients in the report");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (label), ==, "5");

  /* Two in Siilinjärvi: "< 5" and why, and never the 2. */
  set_entry (f, "municipality_row", "Siilinjärvi");
  run_report (f);
  label = find_figure (GTK_WIDGET (f->window), "Clients in the report");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (label), ==, "< 5");
  tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (label));
  g_assert_nonnull (tooltip);
  g_assert_nonnull (strstr (tooltip, "Fewer than 5 clients"));
  /* The caseload follows the filters: two. */
  label = find_figure (GTK_WIDGET (f->window), COORDINATOR);
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (label), ==, "< 5");
  label = find_figure (GTK_WIDGET (f->window), "Clients included");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (label), ==, "< 5");

  /* Every figure of that period is hidden: said once, not as a chart and a table of "< 5". */
  g_assert_nonnull (find_label (GTK_WIDGET (f->window),
                                "Fewer than 5 clients are included in this period, so none of "
                                "its figures are shown."));
  g_assert_null (find_figure (GTK_WIDGET (f->window), "Total before"));
  {
    g_autoptr(GPtrArray) charts = g_ptr_array_new ();

    collect_charts (GTK_WIDGET (f->window), charts);
    for (guint i = 0; i < charts->len; i++)
      g_assert_cmpstr (polku_report_chart_get_chart (g_ptr_array_index (charts, i)), !=,
                       POLKU_REPORT_CHART_BEFORE_AFTER);
  }
}

static void
test_bad_date (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *row = find_named (GTK_WIDGET (f->window), "from_row");

  set_entry (f, "from_row", "31.2.2024");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "reports.run", NULL));
  g_assert_false (polku_reports_window_get_loading (POLKU_REPORTS_WINDOW (f->window)));
  g_assert_nonnull (status_text (f));
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_null (polku_reports_window_get_report_json (POLKU_REPORTS_WINDOW (f->window)));
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *progress = find_named (GTK_WIDGET (f->window), "progress_box");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "reports.run", NULL));
  g_assert_true (gtk_widget_get_visible (progress));
  /* Cancelled before its result comes back: nothing from it is shown. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "reports.cancel", NULL));
  test_wait_loaded (f->window);
  g_assert_false (gtk_widget_get_visible (progress));
  g_assert_cmpstr (status_text (f), ==, "The report was cancelled.");
  g_assert_null (polku_reports_window_get_report_json (POLKU_REPORTS_WINDOW (f->window)));

  /* And the next run works. */
  run_report (f);
  g_assert_nonnull (polku_reports_window_get_report_json (POLKU_REPORTS_WINDOW (f->window)));
}

/* The window's before-after chart of @months, shown. */
static GtkWidget *
find_before_after (Fixture *f,
                   guint    months)
{
  g_autoptr(GPtrArray) charts = g_ptr_array_new ();
  GtkWidget *before_after = NULL;

  collect_charts (GTK_WIDGET (f->window), charts);
  for (guint i = 0; i < charts->len; i++)
    {
      PolkuReportChart *chart = g_ptr_array_index (charts, i);

      if (g_str_equal (polku_report_chart_get_chart (chart), POLKU_REPORT_CHART_BEFORE_AFTER)
          && polku_report_chart_get_months (chart) == months)
        before_after = GTK_WIDGET (chart);
    }
  g_assert_nonnull (before_after);
  g_assert_true (gtk_widget_get_mapped (before_after));
  return before_after;
}

static void
test_chart_widget (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *before_after;
  TestImage light = { 0 }, dark = { 0 };
  double background[3];

  run_report (f);
  before_after = find_before_after (f, 6);

  g_assert_false (polku_report_chart_get_dark (POLKU_REPORT_CHART (before_after)));
  draw_widget (&light, before_after);
  test_pixel (&light, 2, 2, background);
  g_assert_cmpfloat (test_luminance (background), >, 0.8);
  /* Bars (doctor visits before and after) in colour, with enough contrast. */
  g_assert_cmpuint (check_contrast (&light, POLKU_REPORT_STYLE_LIGHT), >, 200);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  test_spin (50);
  g_assert_true (polku_report_chart_get_dark (POLKU_REPORT_CHART (before_after)));
  draw_widget (&dark, before_after);
  test_pixel (&dark, 2, 2, background);
  g_assert_cmpfloat (test_luminance (background), <, 0.1);
  g_assert_cmpuint (check_contrast (&dark, POLKU_REPORT_STYLE_DARK), >, 200);

  test_image_clear (&light);
  test_image_clear (&dark);
}

/* The most frequent colour of @image (0xRRGGBB): the background a chart is drawn on. */
static guint32
background_of (const TestImage *image)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  guint32 top = 0;
  guint top_count = 0;

  for (int y = 0; y < image->height; y++)
    for (int x = 0; x < image->width; x++)
      {
        guint32 packed = *(guint32 *) (image->data + y * image->stride + x * 4) & 0xffffff;
        guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts,
                                                             GUINT_TO_POINTER (packed))) + 1;

        g_hash_table_insert (counts, GUINT_TO_POINTER (packed), GUINT_TO_POINTER (count));
        if (count > top_count)
          {
            top_count = count;
            top = packed;
          }
      }
  return top;
}

/* The colours of @image's solid areas: every 6 × 6 block of one colour other than
 * @background, as colour (0xRRGGBB) → blocks. In a before-after chart these are the
 * "before" bars and their key: the "after" bars are striped with the background every 6 px,
 * so no such block lies in them, and text and grid lines are thinner. */
static GHashTable *
solid_colours (const TestImage *image,
               guint32          background)
{
  GHashTable *counts = g_hash_table_new (NULL, NULL);

  for (int y = 0; y + 6 <= image->height; y++)
    for (int x = 0; x + 6 <= image->width; x++)
      {
        guint32 colour = *(guint32 *) (image->data + y * image->stride + x * 4) & 0xffffff;
        gboolean solid = colour != background;

        for (int dy = 0; solid && dy < 6; dy++)
          for (int dx = 0; solid && dx < 6; dx++)
            solid = (*(guint32 *) (image->data + (y + dy) * image->stride + (x + dx) * 4)
                     & 0xffffff) == colour;
        if (solid)
          g_hash_table_insert (counts, GUINT_TO_POINTER (colour),
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (
                                                   counts, GUINT_TO_POINTER (colour))) + 1));
      }
  return counts;
}

/* In the dark style the "before" bars, as the window draws them (its snapshot rendered and
 * read back), stand out from the background they are drawn on by at least 3:1 (WCAG 2,
 * non-text contrast). */
static void
test_dark_before_bars (Fixture       *f,
                       gconstpointer  data)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  AdwColorScheme scheme = adw_style_manager_get_color_scheme (manager);
  g_autoptr(GHashTable) solid = NULL;
  GtkWidget *before_after;
  TestImage dark = { 0 };
  double background[3];
  guint32 packed;
  guint blocks = 0;
  GHashTableIter iter;
  gpointer key, value;

  run_report (f);
  before_after = find_before_after (f, 6);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  test_spin (50);
  g_assert_true (polku_report_chart_get_dark (POLKU_REPORT_CHART (before_after)));
  draw_widget (&dark, before_after);

  packed = background_of (&dark);
  background[0] = ((packed >> 16) & 0xff) / 255.0;
  background[1] = ((packed >> 8) & 0xff) / 255.0;
  background[2] = (packed & 0xff) / 255.0;
  g_assert_cmpfloat (test_luminance (background), <, 0.1);

  solid = solid_colours (&dark, packed);
  g_hash_table_iter_init (&iter, solid);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint32 colour = GPOINTER_TO_UINT (key);
      double rgb[3] = {
        ((colour >> 16) & 0xff) / 255.0, ((colour >> 8) & 0xff) / 255.0,
        (colour & 0xff) / 255.0,
      };

      blocks += GPOINTER_TO_UINT (value);
      if (test_contrast (rgb, background) < 3.0)
        g_error ("A “before” bar drawn in #%06x has a contrast of %.2f with the dark "
                 "background #%06x (at least 3:1 needed)", colour,
                 test_contrast (rgb, background), packed);
    }
  /* The bars were drawn: doctor visits before, in every row of a category. */
  g_assert_cmpuint (blocks, >, 100);

  adw_style_manager_set_color_scheme (manager, scheme);
  test_spin (50);
  test_image_clear (&dark);
}

static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *run = find_named (GTK_WIDGET (f->window), "run_button");
  GtkWidget *content = adw_window_get_content (ADW_WINDOW (f->window));
  g_autoptr(GPtrArray) charts = g_ptr_array_new ();
  graphene_rect_t bounds;
  int minimum, natural;

  gtk_window_set_default_size (f->window, 360, 700);
  test_spin (100);
  run_report (f);
  test_spin (100);

  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL,
                      NULL);
  g_assert_cmpint (minimum, <=, 360);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 360);
  g_assert_true (gtk_widget_compute_bounds (run, GTK_WIDGET (f->window), &bounds));
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, 360);
  gtk_widget_measure (run, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpfloat (bounds.size.width, >=, minimum);

  save_window (GTK_WIDGET (f->window), "window-360.png");
  save_window (find_named (GTK_WIDGET (f->window), "results_box"), "results-360.png");

  /* The charts fit and still draw their bars. */
  collect_charts (GTK_WIDGET (f->window), charts);
  g_assert_cmpuint (charts->len, >=, 2);
  for (guint i = 0; i < charts->len; i++)
    {
      GtkWidget *chart = g_ptr_array_index (charts, i);
      TestImage image = { 0 };

      if (!gtk_widget_get_mapped (chart))
        continue;
      g_assert_cmpint (gtk_widget_get_width (chart), <=, 360);
      draw_widget (&image, chart);
      g_assert_cmpuint (count_bar_bands (&image, 3), >=, 2);
      test_image_clear (&image);
    }
}

static void
on_exported (PolkuReportsWindow *window,
             const char         *format,
             gboolean            ok,
             int                *result)
{
  *result = ok ? 1 : 0;
}

static gboolean
exported (gpointer data)
{
  return *(int *) data >= 0;
}

static guint
count_audit (Fixture    *f,
             const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = polku_audit_list (f->store, NULL, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    n += g_strcmp0 (polku_audit_entry_get_action (g_ptr_array_index (entries, i)), action) == 0;
  return n;
}

/* Export as the menu does after its file chooser: the file, its audit entry; a file that
 * cannot be written is an error shown, with nothing left behind. */
static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "report.json", NULL);
  g_autofree char *fhir_path = g_build_filename (f->dir, "report-fhir.json", NULL);
  g_autofree char *bad_path = g_build_filename (f->dir, "no-such-folder", "report.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) fhir = g_file_new_for_path (fhir_path);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *contents = NULL;
  guint before;
  int result = -1;

  run_report (f);
  before = count_audit (f, "report.export");
  g_signal_connect (f->window, "exported", G_CALLBACK (on_exported), &result);

  polku_reports_window_export_to (POLKU_REPORTS_WINDOW (f->window), "json", file);
  test_wait_until (exported, &result, 10000, "the JSON is exported");
  g_assert_cmpint (result, ==, 1);
  g_assert_cmpuint (count_audit (f, "report.export"), ==, before + 1);
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (
                     json_parser_get_root (parser)), "format"), ==, "polku-report");
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_null (strstr (contents, "Testinen"));

  result = -1;
  polku_reports_window_export_to (POLKU_REPORTS_WINDOW (f->window), "fhir", fhir);
  test_wait_until (exported, &result, 10000, "the FHIR Bundle is exported");
  g_assert_cmpint (result, ==, 1);
  g_assert_true (json_parser_load_from_file (parser, fhir_path, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (
                     json_parser_get_root (parser)), "resourceType"), ==, "Bundle");

  result = -1;
  polku_reports_window_export_to (POLKU_REPORTS_WINDOW (f->window), "pdf", bad);
  test_wait_until (exported, &result, 20000, "the PDF export fails");
  g_assert_cmpint (result, ==, 0);
  g_assert_false (g_file_test (bad_path, G_FILE_TEST_EXISTS));
  test_answer_message_dialog ("close");
}

/* Each export's file chooser names the file for its kind and lists files of that kind. */
static void
test_export_chooser (Fixture       *f,
                     gconstpointer  data)
{
  static const struct
  {
    const char *format, *suffix, *filter;
  } kinds[] = {
    { "pdf", ".pdf", "PDF documents" },
    { "csv", ".csv", "CSV files" },
    { "json", ".json", "JSON files" },
    { "fhir", "-fhir.json", "JSON files" },
  };

  run_report (f);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      GtkFileChooser *chooser;
      g_autofree char *name = NULL;

      chooser = test_open_export_chooser (GTK_WIDGET (f->window), kinds[i].format);
      name = gtk_file_chooser_get_current_name (chooser);
      g_assert_true (g_str_has_suffix (name, kinds[i].suffix));
      g_assert_nonnull (gtk_file_chooser_get_filter (chooser));
      g_assert_cmpstr (gtk_file_filter_get_name (gtk_file_chooser_get_filter (chooser)), ==,
                       kinds[i].filter);
      test_cancel_file_chooser (chooser);
    }
}

static gboolean
main_window_settled (gpointer data)
{
  return polku_window_get_settled (data);
}

static PolkuReportsWindow *
find_reports_window (GtkWindow *except)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (POLKU_IS_REPORTS_WINDOW (window) && (GtkWindow *) window != except)
        return POLKU_REPORTS_WINDOW (window);
    }
  return NULL;
}

/* The main window's action (and its shortcut) opens one Reports window on its store, and
 * locking closes it. */
static void
test_main_window (Fixture       *f,
                  gconstpointer  data)
{
  PolkuWindow *main_window = polku_window_new_with_store (NULL, f->profile, f->store);
  PolkuReportsWindow *reports;
  GtkWidget *alive = NULL;

  gtk_window_present (GTK_WINDOW (main_window));
  test_wait_until (main_window_settled, main_window, 10000, "the clients are loaded");
  g_assert_null (find_reports_window (f->window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (main_window), "win.reports", NULL));
  reports = find_reports_window (f->window);
  g_assert_nonnull (reports);
  g_assert_true (polku_reports_window_get_store (reports) == f->store);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (reports))
                 == GTK_WINDOW (main_window));
  g_set_weak_pointer (&alive, GTK_WIDGET (reports));

  /* Once: the same window again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (main_window), "win.reports", NULL));
  g_assert_true (find_reports_window (f->window) == reports);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (main_window), "win.lock", NULL));
  test_spin (50);
  g_assert_null (alive);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (main_window), "win.reports", NULL)
                  && find_reports_window (f->window) != NULL);
  test_destroy_window (GTK_WINDOW (main_window));
}

/* polku_report_draw_chart () on its own */

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

#define SHOWN(v, n) "{\"value\": " #v ", \"n\": " #n "}"
#define HIDDEN "{\"suppressed\": true, \"n_below\": 5, \"display\": \"< 5\"}"

static JsonNode *
before_after_json (gboolean second_suppressed)
{
  g_autofree char *text = g_strdup_printf (
    "{\"language\": \"fi\", \"query\": {\"threshold\": 5},"
    " \"before_after\": [{\"months\": 6, \"clients\": " SHOWN (12, 12) ","
    "  \"categories\": ["
    "   {\"id\": \"doctor_urgent\", \"label\": \"Lääkäri, kiireellinen\","
    "    \"before\": {\"total\": " SHOWN (30, 12) ", \"mean\": " SHOWN (2.5, 12) ","
    "                \"median\": " SHOWN (2, 12) "},"
    "    \"after\": {\"total\": " SHOWN (12, 12) ", \"mean\": " SHOWN (1.0, 12) ","
    "               \"median\": " SHOWN (1, 12) "}},"
    "   {\"id\": \"nurse\", \"label\": \"Hoitajakäynnit\","
    "    \"before\": {\"total\": %s, \"mean\": %s, \"median\": %s},"
    "    \"after\": {\"total\": %s, \"mean\": %s, \"median\": %s}}]}],"
    " \"process\": {\"caseload\": [{\"coordinator\": \"Sanna\", \"clients\": " SHOWN (9, 9) "},"
    "   {\"coordinator\": \"Kalle\", \"clients\": " HIDDEN "}]},"
    " \"whoqol\": {\"domains\": [{\"id\": \"physical\", \"label\": \"Fyysinen\"},"
    "   {\"id\": \"social\", \"label\": \"Sosiaalinen\"}],"
    "  \"over_time\": [{\"months\": 0, \"domain\": \"physical\", \"mean\": " SHOWN (50, 8) "},"
    "   {\"months\": 6, \"domain\": \"physical\", \"mean\": " SHOWN (60, 7) "},"
    "   {\"months\": 0, \"domain\": \"social\", \"mean\": " SHOWN (40, 8) "},"
    "   {\"months\": 6, \"domain\": \"social\", \"mean\": " HIDDEN "}]}}",
    second_suppressed ? HIDDEN : SHOWN (20, 12), second_suppressed ? HIDDEN : SHOWN (1.7, 12),
    second_suppressed ? HIDDEN : SHOWN (2, 12), second_suppressed ? HIDDEN : SHOWN (9, 12),
    second_suppressed ? HIDDEN : SHOWN (0.8, 12), second_suppressed ? HIDDEN : SHOWN (1, 12));

  return parse (text);
}

static void
test_draw_chart (void)
{
  g_autoptr(JsonNode) shown = before_after_json (FALSE);
  g_autoptr(JsonNode) hidden = before_after_json (TRUE);
  static const PolkuReportStyle styles[] = { POLKU_REPORT_STYLE_LIGHT, POLKU_REPORT_STYLE_DARK,
                                             POLKU_REPORT_STYLE_PAPER };

  for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
    {
      TestImage all = { 0 }, some = { 0 }, caseload = { 0 }, whoqol = { 0 };
      guint bands_all, bands_some;

      draw_json (&all, shown, POLKU_REPORT_CHART_BEFORE_AFTER, 6, 400, styles[s], TRUE);
      draw_json (&some, hidden, POLKU_REPORT_CHART_BEFORE_AFTER, 6, 400, styles[s], TRUE);
      /* The suppressed bars keep their rows, empty (the "< 5" key may add a legend line). */
      g_assert_cmpint (all.height, <=, some.height);
      bands_all = count_bar_bands (&all, 3);
      bands_some = count_bar_bands (&some, 3);
      /* The legend, four bars; then the legend (with the "< 5" key, uncoloured) and two. */
      g_assert_cmpuint (bands_all, ==, 5);
      g_assert_cmpuint (bands_some, ==, 3);
      check_contrast (&all, styles[s]);
      check_contrast (&some, styles[s]);

      draw_json (&caseload, hidden, POLKU_REPORT_CHART_CASELOAD, 0, 360, styles[s], TRUE);
      /* The legend's swatch and one bar: Kalle's is not drawn. */
      g_assert_cmpuint (count_bar_bands (&caseload, 3), ==, 2);
      check_contrast (&caseload, styles[s]);

      draw_json (&whoqol, hidden, POLKU_REPORT_CHART_WHOQOL, 0, 360, styles[s], TRUE);
      g_assert_cmpuint (check_contrast (&whoqol, styles[s]), >, 50);

      test_image_clear (&all);
      test_image_clear (&some);
      test_image_clear (&caseload);
      test_image_clear (&whoqol);
    }

  /* Nothing for a period the report does not have, or a chart it does not know. */
  g_assert_false (polku_report_chart_has_data (shown, POLKU_REPORT_CHART_BEFORE_AFTER, 12));
  g_assert_cmpfloat (polku_report_chart_height (shown, POLKU_REPORT_CHART_BEFORE_AFTER, 12,
                                                400), ==, 0);
  g_assert_false (polku_report_chart_has_data (shown, "pie", 0));
  {
    TestImage none = { 0 };

    draw_json (&none, shown, "pie", 0, 200, POLKU_REPORT_STYLE_LIGHT, FALSE);
    g_assert_cmpuint (count_bar_bands (&none, 1), ==, 0);
    test_image_clear (&none);
  }

  /* More categories, a taller chart; a narrower one wraps its labels, never wider. */
  g_assert_cmpfloat (polku_report_chart_height (shown, POLKU_REPORT_CHART_BEFORE_AFTER, 6,
                                                200), >=,
                     polku_report_chart_height (shown, POLKU_REPORT_CHART_BEFORE_AFTER, 6,
                                                600));
}

int
main (int   argc,
      char *argv[])
{
  /* The build tree's translations: with LANGUAGE=fi or sv (and POLKU_TEST_CHART_DIR) the
   * window can be looked at in that language; the checks themselves expect English. */
  test_init_ui (&argc, &argv);

  g_test_add_func ("/reports/palette", test_palette);
  g_test_add_func ("/reports/draw-chart", test_draw_chart);
  TEST_ADD_FIXTURE ("/reports/shown", test_report_shown);
  TEST_ADD_FIXTURE ("/reports/small-cohort", test_small_cohort);
  TEST_ADD_FIXTURE ("/reports/bad-date", test_bad_date);
  TEST_ADD_FIXTURE ("/reports/cancel", test_cancel);
  TEST_ADD_FIXTURE ("/reports/chart-widget", test_chart_widget);
  TEST_ADD_FIXTURE ("/reports/dark-before-bars", test_dark_before_bars);
  TEST_ADD_FIXTURE ("/reports/narrow", test_narrow);
  TEST_ADD_FIXTURE ("/reports/export", test_export);
  TEST_ADD_FIXTURE ("/reports/export-chooser", test_export_chooser);
  TEST_ADD_FIXTURE ("/reports/main-window", test_main_window);

  return g_test_run ();
}
