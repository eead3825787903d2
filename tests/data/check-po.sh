#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-po.sh SOURCE_ROOT
#
# The translation gate (meson test --suite data). Fails, listing what is wrong, when
#   1. a language in po/LINGUAS has no po/LANG.po, or a file listed in po/POTFILES.in is missing;
#   2. a source file under src/, ui/ or data/ (tracked by git, or new and not ignored) contains
#      translatable strings but is not listed in po/POTFILES.in;
#   3. after merging po/LANG.po with a freshly extracted template, any message is missing from
#      the .po file, untranslated or fuzzy;
#   4. `msgfmt --check` finds an error (format strings, header, plural forms), a mnemonic
#      (_X) is lost in translation, or a desktop-file keyword list loses its final ';'.
#
# The template is extracted the way `meson compile -C build polku-pot` does (meson's 'glib'
# preset; xgettext's own ITS rules for .ui, .gschema.xml and .metainfo.xml(.in) files and its
# desktop-file parser for .desktop.in). Nothing in the source tree is modified.
#
# Tools come from $XGETTEXT, $MSGMERGE, $MSGFMT, $MSGATTRIB, $MSGGREP and $MSGEXEC (meson sets
# them),
# else from PATH.

set -u

srcdir=${1:-}
if [ -z "$srcdir" ] || [ ! -f "$srcdir/po/POTFILES.in" ]; then
  echo "usage: $0 SOURCE_ROOT (the directory that holds po/POTFILES.in)" >&2
  exit 2
fi
srcdir=$(cd "$srcdir" && pwd)

XGETTEXT=${XGETTEXT:-xgettext}
MSGMERGE=${MSGMERGE:-msgmerge}
MSGFMT=${MSGFMT:-msgfmt}
MSGATTRIB=${MSGATTRIB:-msgattrib}
MSGEXEC=${MSGEXEC:-msgexec}
MSGGREP=${MSGGREP:-msggrep}
domain=polku

tmp=$(mktemp -d "${TMPDIR:-/tmp}/polku-check-po.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT HUP INT TERM

failures=0
fail ()
{
  failures=$((failures + 1))
  printf '\nFAIL: %s\n' "$1"
}

# Prints each item of a list (one per line) indented, so the failure is easy to read.
list ()
{
  sed 's/^/    /'
}

# Prints the msgids of a PO file, one per line, escapes kept as written ("ctxt|id" with a
# context). Skips the header and obsolete (#~) entries.
po_msgids ()
{
  awk '
    function unq(s) { sub(/^[^"]*"/, "", s); sub(/"[ \t]*$/, "", s); return s }
    /^#~/              { next }
    /^msgctxt "/       { cur = "ctx"; ctx = unq($0); hasctx = 1; next }
    /^msgid "/         { cur = "id"; id = unq($0); seen = 1; next }
    /^msgid_plural "/  { cur = "plural"; next }
    /^msgstr/          { if (seen && id != "") print (hasctx ? ctx "|" : "") id;
                         seen = 0; id = ""; ctx = ""; hasctx = 0; cur = "str"; next }
    /^"/               { if (cur == "id") id = id unq($0); else if (cur == "ctx") ctx = ctx unq($0);
                         next }
  ' "$1"
}

# The glib preset of meson's i18n module (mesonbuild/modules/i18n.py, meson 1.0).
set -- \
  --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
  --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
  --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format

cd "$srcdir" || exit 99

# --- 1. LINGUAS and POTFILES.in ----------------------------------------------------------

langs=$(sed -e 's/#.*//' po/LINGUAS | tr -s ' \t' '\n\n' | sed '/^$/d')
if [ -z "$langs" ]; then
  fail "po/LINGUAS lists no languages"
fi
for lang in $langs; do
  if [ ! -f "po/$lang.po" ]; then
    fail "po/LINGUAS lists '$lang' but po/$lang.po does not exist"
  fi
done

sed -e 's/#.*//' -e 's/[ \t]*$//' -e '/^$/d' po/POTFILES.in | LC_ALL=C sort > "$tmp/potfiles"
LC_ALL=C sort -u "$tmp/potfiles" | cmp -s - "$tmp/potfiles" \
  || fail "po/POTFILES.in lists a file twice"
: > "$tmp/absent"
while IFS= read -r f; do
  [ -f "$f" ] || printf '%s\n' "$f" >> "$tmp/absent"
done < "$tmp/potfiles"
LC_ALL=C sort -o "$tmp/absent" "$tmp/absent"
if [ -s "$tmp/absent" ]; then
  fail "po/POTFILES.in lists files that do not exist (remove them, or add the files):"
  list < "$tmp/absent"
fi

# --- 2. Every file with translatable strings is in POTFILES.in -----------------------------

if git -C "$srcdir" rev-parse --is-inside-work-tree > /dev/null 2>&1; then
  git -C "$srcdir" ls-files --cached --others --exclude-standard -- src ui data
else
  find src ui data -type f
fi | grep -E '\.(c|h|ui|desktop\.in|metainfo\.xml\.in|gschema\.xml)$' \
   | while IFS= read -r f; do [ -f "$f" ] && printf '%s\n' "$f"; done \
   | LC_ALL=C sort -u > "$tmp/candidates"

if ! "$XGETTEXT" "$@" --package-name="$domain" -f "$tmp/candidates" \
       -o "$tmp/all.pot" 2> "$tmp/xgettext-all.log"; then
  fail "xgettext could not read the source files:"
  list < "$tmp/xgettext-all.log"
elif [ -f "$tmp/all.pot" ]; then
  # '#: file:line file:line' references -> the files that hold translatable strings.
  sed -n 's/^#: //p' "$tmp/all.pot" | tr ' ' '\n' | sed -e 's/:[0-9]*$//' -e '/^$/d' \
    | LC_ALL=C sort -u > "$tmp/with-strings"
  LC_ALL=C comm -23 "$tmp/with-strings" "$tmp/potfiles" > "$tmp/unlisted"
  if [ -s "$tmp/unlisted" ]; then
    fail "files with translatable strings are not listed in po/POTFILES.in (add them):"
    list < "$tmp/unlisted"
  fi
  LC_ALL=C comm -13 "$tmp/with-strings" "$tmp/potfiles" > "$tmp/stale"
  while IFS= read -r f; do
    [ -f "$f" ] && printf 'warning: po/POTFILES.in lists %s, which has no translatable strings\n' \
      "$f"
  done < "$tmp/stale"
fi

# --- 3. Regenerate the template, merge, look for missing/untranslated/fuzzy messages -------

# The files of POTFILES.in that exist (a missing one has failed above already), so that the
# remaining checks still report.
LC_ALL=C comm -23 "$tmp/potfiles" "$tmp/absent" > "$tmp/potfiles-present"
if ! "$XGETTEXT" "$@" --package-name="$domain" -D "$srcdir" -f "$tmp/potfiles-present" \
       -o "$tmp/$domain.pot" 2> "$tmp/xgettext.log"; then
  fail "xgettext failed on the files of po/POTFILES.in:"
  list < "$tmp/xgettext.log"
  echo
  echo "$failures problem(s) found"
  exit 1
fi
if [ -s "$tmp/xgettext.log" ]; then
  echo "xgettext said:"
  list < "$tmp/xgettext.log"
fi
if [ ! -f "$tmp/$domain.pot" ]; then
  # xgettext writes nothing when there is no string at all.
  fail "xgettext found no translatable strings in the files of po/POTFILES.in"
  exit 1
fi
po_msgids "$tmp/$domain.pot" | LC_ALL=C sort -u > "$tmp/pot-ids"
echo "template: $(wc -l < "$tmp/pot-ids") messages from $(wc -l < "$tmp/potfiles-present") files"

for lang in $langs; do
  po="po/$lang.po"
  [ -f "$po" ] || continue
  merged="$tmp/$lang.po"

  if ! "$MSGMERGE" --quiet --previous -o "$merged" "$po" "$tmp/$domain.pot" \
         2> "$tmp/msgmerge.log"; then
    fail "msgmerge failed on $po:"
    list < "$tmp/msgmerge.log"
    continue
  fi

  po_msgids "$po" | LC_ALL=C sort -u > "$tmp/$lang-ids"
  LC_ALL=C comm -23 "$tmp/pot-ids" "$tmp/$lang-ids" > "$tmp/$lang-missing"
  if [ -s "$tmp/$lang-missing" ]; then
    n=$(wc -l < "$tmp/$lang-missing")
    fail "$po lacks $n message(s) of the current template (run 'meson compile -C build $domain-update-po', then translate them):"
    list < "$tmp/$lang-missing"
  fi

  "$MSGATTRIB" --untranslated --no-obsolete -o "$tmp/$lang-untranslated.po" "$merged"
  if [ -f "$tmp/$lang-untranslated.po" ]; then
    po_msgids "$tmp/$lang-untranslated.po" > "$tmp/$lang-untranslated"
    if [ -s "$tmp/$lang-untranslated" ]; then
      n=$(wc -l < "$tmp/$lang-untranslated")
      fail "$po: $n message(s) untranslated after merging with the current template:"
      list < "$tmp/$lang-untranslated"
    fi
  fi

  "$MSGATTRIB" --only-fuzzy --no-obsolete -o "$tmp/$lang-fuzzy.po" "$merged"
  if [ -f "$tmp/$lang-fuzzy.po" ]; then
    po_msgids "$tmp/$lang-fuzzy.po" > "$tmp/$lang-fuzzy"
    if [ -s "$tmp/$lang-fuzzy" ]; then
      n=$(wc -l < "$tmp/$lang-fuzzy")
      fail "$po: $n message(s) fuzzy after merging (check each translation, then delete its '#, fuzzy' line):"
      list < "$tmp/$lang-fuzzy"
    fi
  fi

  # Desktop-file keyword lists must keep their final ';' (msggrep picks them out first, so
  # msgexec starts a shell for a few messages only).
  : > "$tmp/$lang-semicolons"
  "$MSGGREP" --msgid --extended-regexp --regexp=';$' -o "$tmp/$lang-keywords.po" "$merged"
  [ -f "$tmp/$lang-keywords.po" ] && "$MSGEXEC" -i "$tmp/$lang-keywords.po" sh -c '
    case "$MSGEXEC_MSGID" in
      *";") s=$(cat); case "$s" in ""|*";") ;; *) printf "%s\n" "$MSGEXEC_MSGID" ;; esac ;;
      *) cat > /dev/null ;;
    esac' > "$tmp/$lang-semicolons" 2>&1
  if [ -s "$tmp/$lang-semicolons" ]; then
    fail "$po: the translation of these keyword lists must end with ';' as the original does:"
    list < "$tmp/$lang-semicolons"
  fi

  # --- 4. msgfmt --check on what ships ---------------------------------------------------
  if ! "$MSGFMT" --check --check-accelerators=_ --statistics -o /dev/null "$po" \
         > "$tmp/msgfmt.log" 2>&1; then
    fail "msgfmt --check --check-accelerators=_ found errors in $po:"
    list < "$tmp/msgfmt.log"
  else
    printf '%s: %s\n' "$po" "$(tr '\n' ' ' < "$tmp/msgfmt.log")"
  fi
  if ! grep -q '^"Language: '"$lang"'\\n"$' "$po"; then
    fail "$po: the header has no 'Language: $lang' line"
  fi
  if ! grep -q '^"Plural-Forms: nplurals=' "$po"; then
    fail "$po: the header has no Plural-Forms line"
  fi
done

echo
if [ "$failures" -gt 0 ]; then
  echo "check-po: $failures problem(s) found; see the FAIL lines above"
  exit 1
fi
echo "check-po: all translations complete and valid"
exit 0
