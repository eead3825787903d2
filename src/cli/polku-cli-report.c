/* polku-cli-report.c: report (issue 13) — being written; replaced by the real command before
 * this lands. */
#include "config.h"
#include <glib/gi18n.h>
#include "polku-cli-private.h"

int
polku_cli_report (int argc, char **argv)
{
  g_printerr ("polku-cli report is not available in this build.\n");
  return 1;
}
