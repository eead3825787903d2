/* fuzz-instrument.c: an instrument file an organisation supplies (polku-instrument-reader.c)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "polku-instrument.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(PolkuInstrument) instrument = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_init ();
  instrument = polku_instrument_new_from_data ((const char *) data, size, "fuzz.json", &error);
  g_assert ((instrument == NULL) != (error == NULL));
  return 0;
}
