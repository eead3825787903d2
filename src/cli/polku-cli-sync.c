/* polku-cli-sync.c: sync and conflicts (issue 12) — being written; replaced by the real
 * commands before this lands. */
#include "config.h"
#include <glib/gi18n.h>
#include "polku-cli-private.h"

int
polku_cli_sync (int argc, char **argv)
{
  g_printerr ("polku-cli sync is not available in this build.\n");
  return 1;
}

int
polku_cli_conflicts (int argc, char **argv)
{
  g_printerr ("polku-cli conflicts is not available in this build.\n");
  return 1;
}
