#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A database written by an earlier Polku, carried forward by this one.

usage: check-migration.py POLKU-CLI FIXTURE-DIR

FIXTURE-DIR (tests/data/migration/schema-N/) holds a profile (profile.ini, polku.db) that
`polku-cli demo` of schema N wrote, its passphrase in README, and what that Polku's own
`polku-cli` said about every client (expected.json.gz) and the continuity indices its
`score continuity` computed (expected-continuity.json). This copies the profile, opens it
with POLKU-CLI (which migrates it), and checks that nothing was lost and every figure whose
meaning did not change is the same; where the meaning changed, that the new model carries
the old facts (see each check). Prints one line per failed check; exit 1 if any failed.
"""

import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile

PASSPHRASE = "polku-fixture-6"

failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
    return condition


def main():
    cli, fixture = sys.argv[1], sys.argv[2]
    expected = json.load(gzip.open(os.path.join(fixture, "expected.json.gz"), "rt"))
    with open(os.path.join(fixture, "expected-continuity.json")) as f:
        continuity = json.load(f)

    with tempfile.TemporaryDirectory(prefix="polku-migration-") as tmp:
        profile = os.path.join(tmp, "profile")
        os.mkdir(profile, 0o700)
        for name in ("profile.ini", "polku.db"):
            shutil.copy(os.path.join(fixture, name), profile)
            os.chmod(os.path.join(profile, name), 0o600)
        pass_file = os.path.join(tmp, "pass")
        with open(pass_file, "w") as f:
            f.write(PASSPHRASE + "\n")
        env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="en", TZ="Europe/Helsinki")
        base = [cli, "-d", profile, "--passphrase-file", pass_file, "--as", "Migration Check"]

        def run(*args, want_json=True):
            r = subprocess.run(base + list(args), capture_output=True, text=True, env=env)
            if r.returncode != 0:
                failures.append("%s: exit %d: %s" % (" ".join(args), r.returncode,
                                                     r.stderr.strip()[:300]))
                return None
            return json.loads(r.stdout) if want_json else r.stdout

        # The first open migrates; the log's chain must survive it.
        out = run("audit", "verify", want_json=False)
        check(out is not None and "intact" in out, "audit verify after the migration")

        clients = run("clients", "list", "--json") or []
        old_clients = {c["id"]: c for c in expected["clients"]}
        new_clients = {c["id"]: c for c in clients}
        check(set(old_clients) == set(new_clients), "the same clients")
        for cid, old in old_clients.items():
            new = new_clients.get(cid, {})
            for key in ("hetu", "first_name", "last_name", "birth_date", "address", "phone"):
                if key in old:
                    check(new.get(key) == old.get(key), "client %s: %s" % (cid, key))

        n_types = run("contacts", "types", "--json") or []
        if isinstance(n_types, dict):
            n_types = n_types.get("types", [])
        counted = [t["id"] for t in n_types if t.get("continuity")]

        for cid, old in sorted(expected["per_client"].items()):
            check_client(run, cid, old, counted, continuity["clients"].get(cid))

        # Opening again changes nothing more (the migration ran once).
        again = run("clients", "list", "--json") or []
        check(len(again) == len(clients), "a second open")

    for line in failures:
        print("FAIL:", line)
    print("%d failed" % len(failures))
    return 1 if failures else 0


def by_id(items):
    return {item["id"]: item for item in (items or [])}


def check_client(run, cid, old, counted, old_continuity):
    # Contacts: every one kept with its facts. The coordinator's own calls, logged as 'phone'
    # before, are now 'coordinator-call'; nothing else changes type.
    contacts = run("contacts", "list", cid, "--json")
    old_contacts = by_id(old["contacts"])
    new_contacts = by_id(contacts)
    check(set(old_contacts) == set(new_contacts), "client %s: the same contacts" % cid)
    for key, o in old_contacts.items():
        n = new_contacts.get(key, {})
        for field in ("date", "time", "professional", "professional_name", "organisation",
                      "no_show", "urgent", "note"):
            check(n.get(field) == o.get(field), "contact %s: %s" % (key, field))
        check(n.get("type") == o["type"]
              or (o["type"] == "phone" and n.get("type") == "coordinator-call"),
              "contact %s: type %s became %s" % (key, o["type"], n.get("type")))

    # Continuity: the same indices over the types the defaults count now.
    if old_continuity is not None and contacts is not None:
        visits = [{"date": c["date"], "professional": c["professional"], "type": c["type"],
                   "urgent": c["urgent"]} for c in contacts if not c["no_show"]]
        new = score_continuity(counted, visits)
        for field in ("visits", "professionals", "coci", "upc", "secon", "mmci"):
            check(new is not None and abs((new.get(field) or 0) - (old_continuity.get(field) or 0))
                  < 1e-9, "client %s: continuity %s" % (cid, field))

    # Assessments: the same, with the same scores.
    assessments = by_id(run("assessment", "list", cid, "--json"))
    for key, o in by_id(old["assessments"]).items():
        n = assessments.get(key)
        if check(n is not None, "assessment %s kept" % key):
            for field in ("answers", "scores", "date", "role", "instrument"):
                check(n.get(field) == o.get(field), "assessment %s: %s" % (key, field))

    # The plan: every version kept, the current document's goals unchanged.
    if old["versions"] is not None:
        versions = run("plan", "versions", cid, "--json") or []
        check(len(versions) == len(old["versions"]), "client %s: plan versions" % cid)
        plan = run("plan", "show", cid, "--json") or {}
        old_plan = old["plan"] or {}
        check(plan.get("goals") == old_plan.get("goals"), "client %s: plan goals" % cid)
        for field in ("client_view", "main_burden", "services", "differing_views"):
            check(plan.get(field) == old_plan.get(field), "client %s: plan %s" % (cid, field))

    case = run("case", "show", cid, "--json")
    old_case = old["case"]
    if old_case is None or case is None:
        return
    oc, nc = old_case["case"], case["case"]
    if oc is None:
        check(nc is None, "client %s: no case before, none now" % cid)
        return
    for field in ("phase", "phase_since"):
        check(nc.get(field) == oc.get(field), "client %s: case %s" % (cid, field))
    check(len(case["phases"]) == len(old_case["phases"]), "client %s: phase history" % cid)
    check(case.get("consent_valid") == old_case.get("consent_valid"),
          "client %s: the consent gate" % cid)

    # Closed cases: the words kept, coded 'other'.
    if oc["phase"] == "closed":
        check(nc.get("closed_code") == "other", "client %s: closed_code" % cid)
        check(nc.get("closed_reason") == oc.get("closed_reason"),
              "client %s: closing words" % cid)

    # One review date: the case's, or the plan's where the case had none.
    old_review = oc.get("review_on") or (old["plan"] or {}).get("next_review")
    check(nc.get("review_on") == old_review, "client %s: review date %s, expected %s"
          % (cid, nc.get("review_on"), old_review))

    # Signs: the same, source unit and person kept, sector not recorded.
    signs = by_id(case["signs"])
    for key, o in by_id(old_case["signs"]).items():
        n = signs.get(key, {})
        for field in ("group_id", "item_id", "reason", "flagged_by", "flagged_on",
                      "service_point", "retracted_on"):
            check(n.get(field) == o.get(field), "sign %s: %s" % (key, field))
        check(n.get("source_sector") is None, "sign %s: sector not recorded" % key)

    # Consents: each old one is a sharing consent with its scope, and a contact consent with
    # the same dates stands beside it.
    consents = case["consents"]
    new_by_id = by_id(consents)
    for key, o in by_id(old_case["consents"]).items():
        n = new_by_id.get(key)
        if not check(n is not None, "consent %s kept" % key):
            continue
        check(n.get("kind") == "sharing", "consent %s: kind sharing" % key)
        check(sorted(n.get("parts") or []) == sorted(o.get("parts") or []),
              "consent %s: parts" % key)
        check(len(n.get("organisations") or []) == len(o.get("organisations") or []),
              "consent %s: organisations" % key)
        twins = [c for c in consents if c.get("kind") == "contact"
                 and c.get("given_on") == o["given_on"]
                 and c.get("withdrawn_on") == o.get("withdrawn_on")
                 and c.get("valid_until") == o.get("valid_until")]
        check(len(twins) >= 1, "consent %s: a contact consent beside it" % key)

    # The team: every member kept; the responsible worker still one, and the coordinator.
    team = by_id(case["team"])
    for key, o in by_id(old_case["team"]).items():
        n = team.get(key)
        if check(n is not None, "team member %s kept" % key):
            for field in ("person", "role", "organisation", "sector", "joined_on", "left_on"):
                check(n.get(field) == o.get(field), "team member %s: %s" % (key, field))
            if o.get("responsible"):
                check(n.get("responsible") is True, "team member %s: responsible" % key)
    if oc.get("responsible") and nc.get("phase") == "closed":
        # Schema 11: a closed case holds no open coordinator period; the responsible
        # worker's period (migration 7) was ended on the day the case was closed.
        check(case.get("coordinator") is None and nc.get("coordinator") is None,
              "client %s: closed case without a coordinator" % cid)
        check(any(p.get("person") == oc["responsible"]
                  and p.get("ended_on") == max(p["started_on"], nc["phase_since"])
                  for p in case.get("coordinator_history") or []),
              "client %s: coordinator %s ended on the closing day"
              % (cid, oc["responsible"]))
    elif oc.get("responsible"):
        coordinator = case.get("coordinator") or nc.get("coordinator")
        if isinstance(coordinator, dict):
            coordinator = coordinator.get("person")
        check(coordinator == oc["responsible"], "client %s: coordinator %s, expected %s"
              % (cid, coordinator, oc["responsible"]))
    # A responsible worker named only in the plan is now in the team.
    worker = ((old["plan"] or {}).get("responsible_worker") or {}).get("name")
    if worker:
        check(any(m.get("person") == worker and m.get("responsible")
                  for m in case["team"]),
              "client %s: the plan's responsible worker %s in the team" % (cid, worker))


CLI = sys.argv[1] if len(sys.argv) > 1 else None


def score_continuity(types, visits):
    r = subprocess.run([CLI, "score", "continuity", "--types", ",".join(types)],
                       input=json.dumps({"visits": visits}), capture_output=True, text=True)
    if r.returncode != 0:
        failures.append("score continuity: " + r.stderr.strip()[:300])
        return None
    return json.loads(r.stdout)


if __name__ == "__main__":
    sys.exit(main())
