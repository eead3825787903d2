#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-merged.sh DESKTOP_FILE METAINFO_FILE LANG...
#
# Checks that i18n.merge_file really put the translations into the built desktop file and
# metainfo (it silently ships English only when it cannot read po/ or a .po lacks a string).

set -u
if [ $# -lt 3 ]; then
  echo "usage: $0 DESKTOP_FILE METAINFO_FILE LANG..." >&2
  exit 2
fi
desktop=$1
metainfo=$2
shift 2

failures=0
for lang in "$@"; do
  for key in GenericName Comment Keywords; do
    if ! grep -q "^$key\[$lang\]=." "$desktop"; then
      printf 'FAIL: %s has no %s[%s]= line\n' "$desktop" "$key" "$lang"
      failures=$((failures + 1))
    fi
  done
  for element in summary p li; do
    if ! grep -q "<$element xml:lang=\"$lang\">" "$metainfo"; then
      printf 'FAIL: %s has no <%s xml:lang="%s"> element\n' "$metainfo" "$element" "$lang"
      failures=$((failures + 1))
    fi
  done
done

if [ "$failures" -gt 0 ]; then
  echo "check-merged: $failures translation(s) missing from the merged files"
  exit 1
fi
echo "check-merged: desktop file and metainfo carry translations for: $*"
