/* polku-instrument-private.h: what the scoring engine and the tests may see
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "polku-instrument.h"

G_BEGIN_DECLS

/* How domain score @score is computed: the mean of the answers × @out_mean_times, or (when
 * @out_rescale_from >= 0) the earlier score @out_rescale_from moved linearly from its range
 * to this one. */
void polku_instrument_get_score_rule    (PolkuInstrument *self,
                                         guint            score,
                                         double          *out_mean_times,
                                         int             *out_rescale_from);

/* Forgets the loaded instruments, so that the next lookup reads the files again (tests). */
void polku_instrument_reset_registry    (void);

G_END_DECLS
