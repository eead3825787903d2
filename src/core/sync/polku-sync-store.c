/* polku-sync-store.c: being written (issue 12). */
#include "config.h"
