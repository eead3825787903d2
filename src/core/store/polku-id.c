/* polku-id.c: the ids of new rows, time-ordered (polku-id.h)
 *
 * Copyright 2026 The Polku authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Layout (RFC 9562, section 5.7): 48 bits of Unix time in milliseconds, the version (7),
 * 12 bits rand_a, the variant (binary 10), 62 bits rand_b. rand_a is a counter within the
 * millisecond (section 6.2, method 1): it starts at a random value below 2048 at each new
 * millisecond and goes up by one for each id, so that ids made in the same millisecond
 * still sort in the order they were made. Should the counter pass 4095 within one
 * millisecond, the next id takes the next millisecond; should the clock go back, ids go on
 * from the last one's time. Within this process every id is therefore greater than the one
 * before; rand_b (from GLib's generator, which g_uuid_string_random () uses too, seeded from
 * the system's random source) keeps ids made elsewhere apart.
 */

#define G_LOG_DOMAIN "polku-id"

#include "config.h"

#include "polku-id.h"

G_LOCK_DEFINE_STATIC (last);
static gint64 last_ms = -1;
static guint  last_seq;

/**
 * polku_id_new_at:
 * @unix_ms: the time to put in the id (milliseconds since 1970, UTC)
 *
 * polku_id_new () at the given time, which tests use to put the clock back or keep it
 * still; the id is still greater than every one made before it in this process.
 *
 * Returns: (transfer full): the id in lower-case text form, 36 characters
 */
char *
polku_id_new_at (gint64 unix_ms)
{
  static const char hex[] = "0123456789abcdef";
  guint32 random_start = g_random_int ();
  guint64 random_b = ((guint64) g_random_int () << 32) | g_random_int ();
  guint8 bytes[16];
  char *text = g_malloc (37);
  guint64 ms;
  guint seq;
  guint j = 0;

  G_LOCK (last);
  if (unix_ms > last_ms)
    {
      last_ms = unix_ms;
      last_seq = random_start & 0x7ff;
    }
  else if (++last_seq > 0xfff)
    {
      last_ms++;
      last_seq = random_start & 0x7ff;
    }
  ms = (guint64) last_ms & G_GUINT64_CONSTANT (0xffffffffffff);
  seq = last_seq;
  G_UNLOCK (last);

  for (guint i = 0; i < 6; i++)
    bytes[i] = (ms >> (40 - 8 * i)) & 0xff;
  bytes[6] = 0x70 | (seq >> 8);
  bytes[7] = seq & 0xff;
  bytes[8] = 0x80 | ((random_b >> 56) & 0x3f);
  for (guint i = 9; i < 16; i++)
    bytes[i] = (random_b >> (8 * (15 - i))) & 0xff;

  for (guint i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        text[j++] = '-';
      text[j++] = hex[bytes[i] >> 4];
      text[j++] = hex[bytes[i] & 0xf];
    }
  text[j] = '\0';
  return text;
}

/**
 * polku_id_new:
 *
 * A new id for a row: a version 7 UUID of the current time.
 *
 * Returns: (transfer full): the id in lower-case text form, 36 characters
 */
char *
polku_id_new (void)
{
  return polku_id_new_at (g_get_real_time () / 1000);
}
