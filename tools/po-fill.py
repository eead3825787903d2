#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Put translations into po/fi.po and po/sv.po without a round of msgmerge.

usage: tools/po-fill.py TRANSLATIONS.json

TRANSLATIONS.json maps each English msgid to its translations:

  {
    "Consent given": {"fi": "Suostumus annettu", "sv": "Samtycke givet"},
    "ctx\\u0004Open": {"fi": "Avoin", "sv": "Öppen"},
    "%u visit": {"plural": "%u visits",
                 "fi": ["%u käynti", "%u käyntiä"], "sv": ["%u besök", "%u besök"]}
  }

A key "CONTEXT\\u0004msgid" (gettext's own separator, EOT) is a message with a context
(C_ ()/msgctxt); any other key is the msgid itself, "|" and all.
An existing entry gets the new msgstr and loses its fuzzy flag; a missing one is appended.
Run `meson test -C build check-po` afterwards: it says what is still missing.
Stdlib only, so any python3 will do.
"""

import json
import os
import re
import sys

LANGS = ("fi", "sv")


def po_quote(text):
    text = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t"))
    if "\n" in text[:-1]:
        parts = text.split("\n")
        lines = [p + "\\n" for p in parts[:-1]]
        if parts[-1]:
            lines.append(parts[-1])
        return '""\n' + "\n".join('"%s"' % line for line in lines)
    return '"%s"' % text.replace("\n", "\\n")


def po_unquote(lines):
    out = []
    for line in lines:
        m = re.match(r'^(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)?\s*"(.*)"\s*$', line)
        if m:
            out.append(m.group(1))
    text = "".join(out)
    return (text.replace('\\"', '"').replace("\\n", "\n").replace("\\t", "\t")
            .replace("\\\\", "\\"))


def parse_entry(block):
    """Returns (ctxt, msgid) of a PO entry, or None for the header/obsolete ones."""
    lines = block.split("\n")
    fields = {}
    current = None
    for line in lines:
        if line.startswith("#"):
            continue
        m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s', line)
        if m:
            current = m.group(1)
            fields[current] = [line]
        elif line.startswith('"') and current:
            fields[current].append(line)
    if "msgid" not in fields:
        return None
    msgid = po_unquote(fields["msgid"])
    if msgid == "":
        return None
    ctxt = po_unquote(fields["msgctxt"]) if "msgctxt" in fields else None
    return ctxt, msgid


def make_entry(comments, ctxt, msgid, plural, value):
    out = [c for c in comments if not c.startswith("#,")]
    flags = []
    for c in comments:
        if c.startswith("#,"):
            flags += [f.strip() for f in c[2:].split(",") if f.strip() and f.strip() != "fuzzy"]
    if not flags and re.search(r"%[-+ #0]*\d*(?:\.\d+)?[hlLqjzt]*[diouxXeEfgGcsp]|%[0-9]+\$",
                               msgid):
        flags = ["c-format"]
    if flags:
        out.append("#, " + ", ".join(flags))
    if ctxt is not None:
        out.append("msgctxt " + po_quote(ctxt))
    out.append("msgid " + po_quote(msgid))
    if plural is not None:
        out.append("msgid_plural " + po_quote(plural))
        for i, form in enumerate(value):
            out.append("msgstr[%d] %s" % (i, po_quote(form)))
    else:
        out.append("msgstr " + po_quote(value))
    return "\n".join(out)


def fill(po_path, lang, translations):
    with open(po_path, encoding="utf-8") as f:
        text = f.read()
    blocks = re.split(r"\n\s*\n", text.strip("\n"))
    index = {}
    for i, block in enumerate(blocks):
        key = parse_entry(block)
        if key is not None and not block.lstrip().startswith("#~"):
            index[key] = i
    changed = 0
    for key, spec in translations.items():
        ctxt, msgid = (key.split("\x04", 1) if "\x04" in key else (None, key))
        plural = spec.get("plural")
        value = spec.get(lang)
        if value is None:
            sys.exit("po-fill: no %s translation for %r" % (lang, key))
        if plural is not None and not isinstance(value, list):
            sys.exit("po-fill: %r has a plural: give %s as a list" % (key, lang))
        if (ctxt, msgid) in index:
            i = index[(ctxt, msgid)]
            comments = [l for l in blocks[i].split("\n") if l.startswith("#")]
            blocks[i] = make_entry(comments, ctxt, msgid, plural, value)
        else:
            blocks.append(make_entry([], ctxt, msgid, plural, value))
            index[(ctxt, msgid)] = len(blocks) - 1
        changed += 1
    tmp = po_path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\n\n".join(blocks) + "\n")
    os.replace(tmp, po_path)
    return changed


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as f:
        translations = json.load(f)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for lang in LANGS:
        n = fill(os.path.join(root, "po", lang + ".po"), lang, translations)
        print("po-fill: %s.po: %d message(s) set" % (lang, n))


if __name__ == "__main__":
    main()
