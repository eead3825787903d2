#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A database written by an earlier Polku whose later schemas changed no meaning: every
answer of polku-cli must stay the same after the migration.

usage: check-migration-same.py POLKU-CLI FIXTURE-DIR
       check-migration-same.py --record POLKU-CLI FIXTURE-DIR   (once, with that Polku)

FIXTURE-DIR (tests/data/migration/schema-N/) holds a profile (profile.ini, polku.db,
polku.db.anchor) that `polku-cli demo` of schema N wrote, its passphrase in the file
"passphrase" (test data only), and expected.json.gz: what that Polku's own polku-cli said,
recorded with --record. Checking copies the profile, opens it with POLKU-CLI (which
migrates it), verifies the audit chain and compares every answer. Prints one line per
difference; exit 1 if any. A schema that changes a meaning gets its own checks, as
check-migration.py does for schema 6; the one small change since schema 8 (schema 11 ends
the coordinator period a closed case still held, on its closing day) is made to the
expected answers of an older fixture before comparing, so it is required, not ignored.
"""

import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile

GLOBAL = [("clients", "list", "--json"), ("case", "list", "--json"),
          ("followups", "list", "--json"), ("contacts", "types", "--json"),
          ("assessment", "satisfaction", "--json")]
PER_CLIENT = [("case", "show"), ("signs", "list"), ("consent", "list"), ("team", "list"),
              ("contacts", "list"), ("assessment", "list"), ("plan", "show"),
              ("plan", "versions"), ("mapping-visit", "show")]
FILES = ("profile.ini", "polku.db", "polku.db.anchor")
# Answers computed from today's date (a consent valid today, a date overdue today) are left
# out of the comparison: they change with the calendar, not with the migration.
VARIES_WITH_TODAY = {"consent_valid", "overdue", "review_overdue", "is_overdue"}


def without_today(value):
    if isinstance(value, dict):
        return {k: without_today(v) for k, v in value.items() if k not in VARIES_WITH_TODAY}
    if isinstance(value, list):
        return [without_today(v) for v in value]
    return value


def closed_case_coordinators_ended(expected, got):
    """Schema 11 ends the coordinator period a closed case still held (cases closed before
    closing ended it) on the day the case was closed: the one change of meaning after schema
    8. Returns @expected with that change made, for every closed case; the period's
    modified stamp is taken from @got only when its end was set as required."""
    expected = json.loads(json.dumps(expected))
    closed = {c["client_id"]: c["phase_since"]
              for c in expected.get("case list --json") or [] if c.get("phase") == "closed"}
    for c in expected.get("case list --json") or []:
        if c["client_id"] in closed:
            c["coordinator"] = c["coordinator_since"] = None
    for client_id, closed_on in closed.items():
        key = "case show %s --json" % client_id
        show, now = expected.get(key), got.get(key)
        if not isinstance(show, dict) or not isinstance(now, dict):
            continue
        show["coordinator"] = None
        show["case"]["coordinator"] = show["case"]["coordinator_since"] = None
        for i, period in enumerate(show.get("coordinator_history") or []):
            if period.get("ended_on") is None:
                period["ended_on"] = max(period["started_on"], closed_on)
                after = (now.get("coordinator_history") or [])[i:i + 1]
                if after and after[0].get("ended_on") == period["ended_on"]:
                    period["modified"] = after[0]["modified"]
    return expected


def answers(cli, profile, passphrase_file):
    env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="en", TZ="Europe/Helsinki")
    base = [cli, "-d", profile, "--passphrase-file", passphrase_file, "--as", "Migration Check"]

    def run(args):
        r = subprocess.run(base + list(args), capture_output=True, text=True, env=env)
        if r.returncode != 0:
            return {"exit": r.returncode}
        return json.loads(r.stdout)

    out = {" ".join(a): run(a) for a in GLOBAL}
    for client in out["clients list --json"]:
        for a in PER_CLIENT:
            args = a + (client["id"], "--json")
            out[" ".join(args)] = run(args)
    return out


def schema_of(fixture):
    """N of a fixture directory named schema-N."""
    return int(os.path.basename(os.path.normpath(fixture)).split("-")[-1])


def main():
    record = sys.argv[1] == "--record"
    cli, fixture = sys.argv[-2], sys.argv[-1]
    with tempfile.TemporaryDirectory(prefix="polku-migration-") as tmp:
        profile = os.path.join(tmp, "profile")
        os.mkdir(profile, 0o700)
        for name in FILES:
            shutil.copy(os.path.join(fixture, name), profile)
            os.chmod(os.path.join(profile, name), 0o600)
        passphrase = os.path.join(fixture, "passphrase")
        got = answers(cli, profile, passphrase)
        if record:
            with gzip.open(os.path.join(fixture, "expected.json.gz"), "wt") as f:
                json.dump(got, f, indent=1, sort_keys=True, ensure_ascii=False)
            print("recorded %d answers" % len(got))
            return 0
        verify = subprocess.run([cli, "-d", profile, "--passphrase-file", passphrase,
                                 "audit", "verify"], capture_output=True, text=True,
                                env=dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="en"))
        failures = []
        if verify.returncode != 0 or "intact" not in verify.stdout:
            failures.append("audit verify after the migration: " + verify.stdout.strip()
                            + verify.stderr.strip())
        expected = json.load(gzip.open(os.path.join(fixture, "expected.json.gz"), "rt"))
        if schema_of(fixture) < 11:
            expected = closed_case_coordinators_ended(expected, got)
        for key in sorted(set(expected) | set(got)):
            if without_today(expected.get(key)) != without_today(got.get(key)):
                failures.append("differs: polku-cli " + key)
    for f in failures:
        print(f)
    print("%d answers compared, %d differ" % (len(expected), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
