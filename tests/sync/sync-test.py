#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Sync against a real PouchDB Server, through the real polku-cli (issue 12, item 7).

    python3 sync-test.py POLKU-CLI        (meson: test 'sync-pouchdb', TAP on stdout)

Starts PouchDB Server (pouchserver.py) on a free loopback port with one database per access
group of a test organisations file ($POLKU_ORGANISATIONS), the `_security` members of each
(the group's role and polku-coordinator) and three accounts, and a fault proxy
(faultproxy.py) in front of it. Two profiles, made with --passphrase-file as every CLI test
makes them: a coordinator's ("A", no organisation: every database a consent covers) and a
clinic's ("B", organisation clinic-a: only polku-clinic-a, taking in the clients it
receives). Then, in order (each a TAP line):

  first sync; incremental (one change, one document); the clinic takes the client in; a
  database the consent does not cover never gets the document, the third sector never the
  identity code; edits to different goals merge on both; the same field edited on both is
  the same conflict (same id) in both queues, decided on one side and closed on the other;
  a goal deleted on one side and edited on the other is a conflict; a third writer with
  plain HTTP merges in; the team: added on either side (a clinic's edit goes back), a
  changed responsible worker applied as periods, a member removed on the server leaving on
  both sides, removed there and edited here a conflict; plan versions from sync carry "Name (organisation)"; the server
  killed mid-push and mid-pull, polku-cli killed mid-sync and the proxy cutting, truncating,
  garbling and failing answers, round after round: afterwards both sides hold the same plan,
  every goal each side added exactly once; a withdrawn consent and an expired one remove
  the document; a wrong password; malformed and huge answers; a database the account may
  not read.

POLKU_SYNC_ROUNDS (default 12) sets the rounds of the fault loop, POLKU_SYNC_SEED its seed
(printed, to replay a run).
"""

import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from faultproxy import FaultProxy  # noqa: E402
from pouchserver import PouchServer, PouchServerError  # noqa: E402

CLI = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.environ.get("POLKU_CLI")
ROUNDS = int(os.environ.get("POLKU_SYNC_ROUNDS", "12"))
SEED = int(os.environ.get("POLKU_SYNC_SEED", str(random.SystemRandom().randrange(1 << 30))))

GOAL_1 = "11111111-1111-4111-8111-111111111111"
GOAL_2 = "22222222-2222-4222-8222-222222222222"

ORGANISATIONS = {
    "format": "polku-organisations", "version": 1,
    "organisations": [
        {"id": org, "names": {"fi": name, "sv": name + " (sv)", "en": name + " (en)"},
         "sector": sector, "access_group": group}
        for org, name, sector, group in (
            ("coord", "Koordinointi", "social", "coordination"),
            ("clinic-a", "Klinikka A", "health", "clinic-a"),
            ("clinic-b", "Klinikka B", "health", "clinic-b"),
            ("ngo", "Yhdistys", "third_sector", "ngo"))
    ],
}

PASSWORDS = {"coordinator": "Coord-Secret-41", "clinica": "ClinicA-Secret-42",
             "clinicb": "ClinicB-Secret-43"}

n_tests = 0
failed = 0


def tap(ok, name, detail=""):
    global n_tests, failed
    n_tests += 1
    if not ok:
        failed += 1
    print("%s %d - %s" % ("ok" if ok else "not ok", n_tests, name), flush=True)
    if not ok and detail:
        for line in str(detail).splitlines()[:40]:
            print("# " + line, flush=True)


def check(cond, name, detail=""):
    tap(bool(cond), name, detail)
    return bool(cond)


class Failed(Exception):
    pass


class Profile:
    """One Polku profile driven through polku-cli."""

    def __init__(self, root, name, person, account, organisation=None):
        self.dir = os.path.join(root, name)
        self.person = person
        self.account = account
        self.organisation = organisation
        self.pass_file = os.path.join(root, "passphrase")
        self.pw_file = os.path.join(root, account + ".pw")
        with open(self.pw_file, "w") as f:
            f.write(PASSWORDS[account] + "\n")
        self.env = dict(os.environ)

    def args(self, *args):
        return [CLI, "-d", self.dir, "--passphrase-file", self.pass_file, "--as",
                self.person] + list(args)

    def run(self, *args, env=None, check_ok=True, timeout=120):
        r = subprocess.run(self.args(*args), capture_output=True, text=True,
                           env=env or self.env, timeout=timeout)
        if check_ok and r.returncode != 0:
            raise Failed("polku-cli %s: exit %d: %s" % (" ".join(args), r.returncode,
                                                         r.stderr.strip()))
        return r

    def json(self, *args, **kw):
        return json.loads(self.run(*args, **kw).stdout)

    def sync_args(self, url, password_file=None):
        args = ["sync", "--server", url, "--account", self.account,
                "--password-file", password_file or self.pw_file]
        if self.organisation:
            args += ["--organisation", self.organisation]
        return args

    def sync(self, url, env=None, expect_ok=True):
        r = self.run(*self.sync_args(url), env=env, check_ok=False)
        summary = json.loads(r.stdout) if r.stdout.strip() else None
        if expect_ok and (r.returncode != 0 or summary is None):
            raise Failed("sync of %s failed (%d): %s %s" % (self.person, r.returncode,
                                                              r.stdout, r.stderr))
        return r, summary

    def write_json(self, name, obj):
        path = os.path.join(os.path.dirname(self.dir), name)
        with open(path, "w") as f:
            json.dump(obj, f)
        return path

    def plan(self, client):
        return self.json("plan", "show", client, "--json")

    def goals(self, client):
        return {g["id"]: g for g in self.plan(client).get("goals", [])}

    def patch(self, client, patch, env=None):
        path = self.write_json("patch-%s.json" % self.account, patch)
        self.run("plan", "update", client, "--json", path, env=env)

    def set_goals(self, client, goals):
        self.patch(client, {"goals": goals})

    def set_goal_text(self, client, goal_id, text):
        goals = self.plan(client)["goals"]
        for g in goals:
            if g["id"] == goal_id:
                g["text"] = text
        self.set_goals(client, goals)

    def add_goal(self, client, goal_id, text):
        goals = self.plan(client)["goals"]
        goals.append({"id": goal_id, "text": text, "status": "proposed",
                      "expressed_by": "client"})
        self.set_goals(client, goals)

    def conflicts(self):
        return self.json("conflicts", "list", "--json")


def content(plan):
    """What both sides must agree on: the plan without its stamps, goals by id."""
    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("created", "modified")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value
    plan = strip(plan)
    plan["goals"] = sorted(plan.get("goals", []), key=lambda g: g["id"])
    return plan


def shared_view(plan):
    keep = ("client_view", "goals")
    return {k: v for k, v in content(plan).items() if k in keep}


def settle(url, profiles, rounds=4):
    """Syncs every profile until a round moves nothing."""
    for _ in range(rounds):
        moved = 0
        for p in profiles:
            _, s = p.sync(url)
            moved += s["pulled"] + s["pushed"] + s["removed"]
        if moved == 0:
            return True
    return False


def new_uuid():
    import uuid
    return str(uuid.uuid4())


def main():
    if CLI is None or not os.access(CLI, os.X_OK):
        print("1..0 # no polku-cli given")
        return 1
    print("# seed %d, %d rounds" % (SEED, ROUNDS), flush=True)
    rng = random.Random(SEED)
    root = tempfile.mkdtemp(prefix="polku-sync-test-")
    orgs = os.path.join(root, "organisations.json")
    with open(orgs, "w") as f:
        json.dump(ORGANISATIONS, f)
    with open(os.path.join(root, "passphrase"), "w") as f:
        f.write("sync test passphrase 7\n")
    os.environ["POLKU_ORGANISATIONS"] = orgs
    os.environ.setdefault("LC_ALL", "C.UTF-8")

    try:
        srv = PouchServer()
        srv.start()
    except PouchServerError as e:
        print("1..1")
        print("not ok 1 - PouchDB Server starts # %s" % e)
        return 1
    proxy = FaultProxy(srv.port)
    proxy.start()
    try:
        run(srv, proxy, root, rng)
    except Failed as e:
        tap(False, "the test ran to its end", str(e) + "\n" + srv.log_tail(20))
    finally:
        proxy.stop()
        srv.cleanup()
    print("1..%d" % n_tests, flush=True)
    return 1 if failed else 0


def admin_get(srv, db, doc_id):
    return srv.request("GET", "/%s/%s" % (db, doc_id))


def run(srv, proxy, root, rng):
    for group, _ in (("coordination", 0), ("clinic-a", 0), ("clinic-b", 0), ("ngo", 0)):
        srv.create_db("polku-" + group, member_roles=("polku-" + group, "polku-coordinator"))
    srv.create_user("coordinator", PASSWORDS["coordinator"], roles=("polku-coordinator",))
    srv.create_user("clinica", PASSWORDS["clinica"], roles=("polku-clinic-a",))
    srv.create_user("clinicb", PASSWORDS["clinicb"], roles=("polku-clinic-b",))

    a = Profile(root, "A", "Sanna Koordinaattori", "coordinator")
    b = Profile(root, "B", "Minna Klinikka", "clinica", organisation="clinic-a")
    url = proxy.url
    today = time.strftime("%Y-%m-%d")

    # A client with a plan of two goals, shared with clinic A (and nobody else).
    client = a.json("clients", "add", "--json",
                    a.write_json("client.json", {"given_name": "Aino",
                                                 "family_name": "Virtanen",
                                                 "hetu": "131052-308T"}))["id"]
    a.patch(client, {"client_view": "Haluan nukkua paremmin", "goals": [
        {"id": GOAL_1, "text": "Nukkua", "status": "active", "expressed_by": "client"},
        {"id": GOAL_2, "text": "Töihin", "status": "proposed", "expressed_by": "client"}]})
    a.run("consent", "add", client, "--json", a.write_json("consent.json", {
        "kind": "sharing", "given_on": today, "given_by": "client", "method": "written",
        "organisations": ["clinic-a"], "parts": ["client_view", "goals", "actions", "team"]}))
    doc_id = "plan-" + client

    # First sync.
    r, s = a.sync(url)
    check(s["pushed"] == 1 and s["errors"] == [], "first sync pushes the one document", r.stdout)
    status, doc = admin_get(srv, "polku-clinic-a", doc_id)
    check(status == 200 and doc["plan"]["client_view"] == "Haluan nukkua paremmin"
          and len(doc["plan"]["goals"]) == 2, "the server holds the shared plan", doc)
    check(status == 200 and doc["client"].get("identity_code") == "131052-308T"
          and "contacts" not in doc and "measures" not in doc,
          "a health organisation's database has the identity code and only the consented parts",
          doc)
    status_b, _ = admin_get(srv, "polku-clinic-b", doc_id)
    status_n, _ = admin_get(srv, "polku-ngo", doc_id)
    status_c, _ = admin_get(srv, "polku-coordination", doc_id)
    check(status_b == 404 and status_n == 404 and status_c == 404,
          "databases the consent does not cover never receive the document",
          (status_b, status_n, status_c))

    # Incremental: nothing, then one change is one document.
    r, s = a.sync(url)
    check(s["pushed"] == 0 and s["pulled"] == 0, "a second sync sends nothing", r.stdout)
    a.set_goal_text(client, GOAL_1, "Nukkua yöt")
    r, s = a.sync(url)
    check(s["pushed"] == 1, "one change: one document pushed", r.stdout)

    # The clinic takes the client in.
    r, s = b.sync(url)
    check(s["pulled"] == 1 and s["pushed"] == 0, "the clinic pulls the shared plan", r.stdout)
    clients_b = b.json("clients", "list", "--json")
    check([c["id"] for c in clients_b] == [client], "the clinic has the client it received",
          clients_b)
    check(shared_view(b.plan(client)) == shared_view(a.plan(client)),
          "the clinic's plan is the coordinator's")
    r, s = b.sync(url)
    check(s["pulled"] == 0 and s["pushed"] == 0, "the clinic's second sync moves nothing",
          r.stdout)
    with open(os.path.join(b.dir, "profile.ini")) as f:
        profile_id = [line.split("=", 1)[1].strip() for line in f if line.startswith("id=")][0]
    status, local = admin_get(srv, "polku-clinic-a",
                              "_local/polku-%s-polku-clinic-a" % profile_id)
    check(status == 200 and "last_seq" in local,
          "the clinic's checkpoint is in a _local document on the server", (status, local))

    # Edits to different goals, offline on both sides, merge on both.
    a.set_goal_text(client, GOAL_1, "Nukkua yöt läpi")
    b.set_goal_text(client, GOAL_2, "Töihin keväällä")
    a.sync(url)
    r, s = b.sync(url)
    check(s["merged"] >= 1 and s["conflicts"] == 0 and s["pushed"] == 1,
          "the clinic merges and pushes back", r.stdout)
    a.sync(url)
    ga, gb = a.goals(client), b.goals(client)
    check(ga[GOAL_1]["text"] == gb[GOAL_1]["text"] == "Nukkua yöt läpi"
          and ga[GOAL_2]["text"] == gb[GOAL_2]["text"] == "Töihin keväällä",
          "different goals: both edits on both sides", (ga, gb))
    versions = a.json("plan", "versions", client, "--json")
    check(any(v.get("origin") == "sync" and v.get("author") == "Minna Klinikka (clinic-a)"
              for v in versions),
          "the coordinator's plan history names who changed it and their organisation",
          versions)

    # The same field on both sides: the same conflict in both queues.
    a.set_goal_text(client, GOAL_1, "Nukkua: A")
    b.set_goal_text(client, GOAL_1, "Nukkua: B")
    a.sync(url)
    r, s = b.sync(url)
    check(s["conflicts"] == 1, "the clinic finds the conflict", r.stdout)
    a.sync(url)
    ca, cb = a.conflicts(), b.conflicts()
    check(len(ca) == 1 and len(cb) == 1 and ca[0]["id"] == cb[0]["id"]
          and ca[0]["path"] == "plan/goals/%s/text" % GOAL_1,
          "the same field: the same conflict id in both queues", (ca, cb))
    # What it is about: in each side's own plan's words, as the conflicts window says it
    # ("title"), in the UI's language; "label" keeps its meaning for scripts.
    check(len(ca) == 1 and len(cb) == 1
          and ca[0]["title"] == "Goal 1, \u201cNukkua: A\u201d: the goal\u2019s wording"
          and cb[0]["title"] == "Goal 1, \u201cNukkua: B\u201d: the goal\u2019s wording"
          and ca[0]["label"] == cb[0]["label"] == "Goal: text",
          "conflicts list --json names the conflict in the plan's words (title), label as before",
          (ca, cb))
    lines = a.run("conflicts", "list").stdout.splitlines()
    fi = a.json("conflicts", "list", "--json", env=dict(a.env, LANGUAGE="fi"))
    sv = a.run("conflicts", "list", env=dict(a.env, LANGUAGE="sv")).stdout.splitlines()
    check(len(ca) == 1 and len(lines) == 1 and lines[0].split("\t")[:4]
          == [ca[0]["id"], client, ca[0]["database"], ca[0]["title"]]
          and fi[0]["title"] == "Tavoite 1, \u201dNukkua: A\u201d: tavoitteen sanamuoto"
          and len(sv) == 1
          and sv[0].split("\t")[3] == "M\u00e5l 1, \u201dNukkua: A\u201d: m\u00e5lets formulering",
          "conflicts list says the title in its WHAT column, in Finnish and Swedish too",
          (lines, fi, sv))
    check(a.goals(client)[GOAL_1]["text"] == "Nukkua: A"
          and b.goals(client)[GOAL_1]["text"] == "Nukkua: B",
          "until someone decides, each side keeps its value")
    status, doc = admin_get(srv, "polku-clinic-a", doc_id)
    check(doc["plan"]["goals"][0]["text"] == "Nukkua: A" and len(doc.get("conflicts", [])) == 1,
          "the server keeps what it shared, with the conflict listed", doc)
    if cb:
        b.run("conflicts", "resolve", cb[0]["id"], "--take", "local")
    b.sync(url)
    a.sync(url)
    check(a.conflicts() == [] and b.conflicts() == []
          and a.goals(client)[GOAL_1]["text"] == b.goals(client)[GOAL_1]["text"] == "Nukkua: B",
          "decided on one side, closed and applied on the other")

    # Deleted on one side, edited on the other.
    a.set_goals(client, [g for g in a.plan(client)["goals"] if g["id"] != GOAL_2])
    b.set_goal_text(client, GOAL_2, "Töihin kesällä")
    a.sync(url)
    r, s = b.sync(url)
    a.sync(url)
    ca, cb = a.conflicts(), b.conflicts()
    check(len(cb) == 1 and cb[0]["path"] == "plan/goals/%s" % GOAL_2 and len(ca) == 1
          and ca[0]["id"] == cb[0]["id"], "delete against edit is a conflict on both", (ca, cb))
    check(len(ca) == 1 and len(cb) == 1
          and ca[0]["title"] == "A goal removed here, \u201cT\u00f6ihin kes\u00e4ll\u00e4\u201d"
          and cb[0]["title"] == "Goal 2, \u201cT\u00f6ihin kes\u00e4ll\u00e4\u201d",
          "the goal removed here is named by the other side's words", (ca, cb))
    check(GOAL_2 in b.goals(client) and GOAL_2 not in a.goals(client),
          "neither the edit nor the deletion is lost meanwhile")
    if ca:
        a.run("conflicts", "resolve", ca[0]["id"], "--take", "remote")
    a.sync(url)
    b.sync(url)
    check(a.conflicts() == [] and b.conflicts() == []
          and a.goals(client).get(GOAL_2, {}).get("text") == "Töihin kesällä"
          and b.goals(client).get(GOAL_2, {}).get("text") == "Töihin kesällä",
          "taking the edited goal brings it back on both")

    # A third writer: plain CouchDB HTTP.
    status, doc = admin_get(srv, "polku-clinic-a", doc_id)
    doc["plan"]["client_view"] = "Haluan nukkua ja tehdä töitä"
    body = json.dumps(doc).encode()
    req = urllib.request.Request("%s/polku-clinic-a/%s" % (srv.url, doc_id), data=body,
                                 method="PUT", headers={"Content-Type": "application/json"})
    import base64
    req.add_header("Authorization", "Basic " + base64.b64encode(
        ("%s:%s" % (srv.admin, srv.password)).encode()).decode())
    with urllib.request.urlopen(req, timeout=30) as answer:
        put_status = answer.status
    a.sync(url)
    b.sync(url)
    check(put_status in (200, 201)
          and a.plan(client)["client_view"] == b.plan(client)["client_view"]
          == "Haluan nukkua ja tehdä töitä", "a third writer's edit merges into both")
    check(settle(url, [a, b]), "both sides settle")
    check(shared_view(a.plan(client)) == shared_view(b.plan(client)),
          "both sides hold the same shared plan")

    # CouchDB's own conflicts: a sibling revision written with new_edits=false (as another
    # replicator would) wins on the server; the sync folds it in and deletes the loser.
    status, doc = srv.request("GET", "/polku-clinic-a/%s?revs=true" % doc_id)
    revisions = doc.pop("_revisions")
    sibling = dict(doc)
    sibling["plan"] = dict(doc["plan"], client_view="Haluan nukkua, sisar")
    sibling["_rev"] = "%d-%s" % (revisions["start"], "f" * 32)
    sibling["_revisions"] = {"start": revisions["start"],
                             "ids": ["f" * 32] + revisions["ids"][1:]}
    status, _ = srv.request("POST", "/polku-clinic-a/_bulk_docs",
                            {"docs": [sibling], "new_edits": False})
    status, doc = srv.request("GET", "/polku-clinic-a/%s?conflicts=true" % doc_id)
    check(len(doc.get("_conflicts", [])) == 1, "the server holds two leaf revisions", doc)
    a.sync(url)
    b.sync(url)
    status, doc = srv.request("GET", "/polku-clinic-a/%s?conflicts=true" % doc_id)
    check("_conflicts" not in doc
          and a.plan(client)["client_view"] == b.plan(client)["client_view"]
          == "Haluan nukkua, sisar",
          "CouchDB's conflict is folded in and its losing revision deleted", doc)

    team(srv, a, b, url, client, doc_id)
    fault_loop(srv, proxy, a, b, client, rng)
    removal(srv, a, b, url, today)
    errors(srv, proxy, a, b, url, client)
    one_bad_document(srv, b, url, client, today)
    many_documents(srv, proxy, root, rng, today)


def team_of(p, client):
    return {m["id"]: m for m in p.json("team", "list", client, "--all", "--json")}


def sync_entries(p, client, action):
    return [e for e in p.json("audit", "list", client, "--json")
            if e.get("action") == action and "origin=sync" in (e.get("detail") or "")]


def admin_put(srv, db, doc):
    status, answer = srv.request("PUT", "/%s/%s" % (db, doc["_id"]), doc)
    if status not in (200, 201):
        raise Failed("PUT %s: %d %s" % (doc["_id"], status, answer))


def team(srv, a, b, url, client, doc_id):
    """The team merges like the plan: added on either side, the responsible flag by the
    team's rules, removed on the server and untouched here leaves, removed on the server and
    edited here is a conflict."""
    def add(p, person, responsible):
        return p.json("team", "add", client, "--json", p.write_json("member.json", {
            "person": person, "role": "sairaanhoitaja", "organisation": "Klinikka A",
            "sector": "health", "responsible": responsible}))["id"]

    m1 = add(a, "Riitta Vastuu", True)
    m2 = add(a, "Pekka Perus", False)
    a.sync(url)
    b.sync(url)
    tb = team_of(b, client)
    check(tb.get(m1, {}).get("responsible") is True and tb.get(m2, {}).get("responsible") is False,
          "the clinic takes in the team with its responsible worker", tb)

    # A clinic's team edit goes back (the consent covers the team): a new member.
    m3 = add(b, "Klinikan Kaisa", False)
    r, s = b.sync(url)
    check(s["pushed"] == 1, "the clinic pushes its team edit", r.stdout)
    a.sync(url)
    check(m3 in team_of(a, client) and team_of(a, client)[m3]["left_on"] is None,
          "the clinic's new team member reaches the coordinator", team_of(a, client))

    # The responsible flag, changed on one side, is applied on the other as periods.
    a.run("team", "set-responsible", m2)
    a.run("team", "unset-responsible", m1)
    a.sync(url)
    b.sync(url)
    tb = team_of(b, client)
    check(tb[m2]["responsible"] is True and tb[m1]["responsible"] is False
          and len(sync_entries(b, client, "team.responsible")) >= 2
          and len(sync_entries(b, client, "team.responsible_end")) >= 1,
          "a changed responsible worker is applied on the other side, audited", tb)
    history = b.json("team", "history", client, "--json")["responsible_history"]
    check(any(h["member_id"] == m2 and h["ended_on"] is None
              and h["set_by"] == "Sanna Koordinaattori" for h in history),
          "the clinic's responsible period names who set it on the other side", history)

    # Removed on the server by another writer, untouched here: leaves on both sides.
    status, doc = admin_get(srv, "polku-clinic-a", doc_id)
    doc["team"] = [m for m in doc["team"] if m["id"] != m1]
    admin_put(srv, "polku-clinic-a", doc)
    a.sync(url)
    b.sync(url)
    ta, tb = team_of(a, client), team_of(b, client)
    check(ta[m1]["left_on"] is not None and tb[m1]["left_on"] is not None
          and ta[m2]["left_on"] is None and len(sync_entries(a, client, "team.leave")) == 1,
          "a member removed on the server leaves the team on both sides, audited", (ta, tb))

    # Removed on the server, edited here (made a responsible worker): a conflict, kept.
    status, doc = admin_get(srv, "polku-clinic-a", doc_id)
    doc["team"] = [m for m in doc["team"] if m["id"] != m3]
    admin_put(srv, "polku-clinic-a", doc)
    a.run("team", "set-responsible", m3)
    r, s = a.sync(url)
    ca = a.conflicts()
    check(s["conflicts"] == 1 and any(c["path"] == "team/" + m3 for c in ca)
          and team_of(a, client)[m3]["left_on"] is None
          and team_of(a, client)[m3]["responsible"] is True,
          "removed on the server and edited here is a conflict; the member stays meanwhile",
          (r.stdout, ca))
    for c in ca:
        a.run("conflicts", "resolve", c["id"], "--take", "local")
    check(settle(url, [a, b]), "both sides settle after the team's changes")
    ta, tb = team_of(a, client), team_of(b, client)
    strip = ("created", "modified", "client_id")
    check({k: {f: v for f, v in m.items() if f not in strip} for k, m in ta.items()}
          == {k: {f: v for f, v in m.items() if f not in strip} for k, m in tb.items()},
          "both sides hold the same team", (ta, tb))


def fault_loop(srv, proxy, a, b, client, rng):
    """Rounds of edits on both sides with a fault in each sync."""
    url = proxy.url
    added = {"A": [], "B": []}
    crashes = []
    faults = ["kill-server", "kill-server", "kill-cli", "cut", "truncate", "garbage", "status",
              "pass"]
    for rnd in range(ROUNDS):
        for name, p in (("A", a), ("B", b)):
            gid = new_uuid()
            p.add_goal(client, gid, "%s round %d" % (name, rnd))
            added[name].append(gid)
        for p in (a, b) if rng.random() < 0.5 else (b, a):
            fault = rng.choice(faults)
            if fault in ("kill-server", "kill-cli"):
                proc = subprocess.Popen(p.args(*p.sync_args(url)), stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
                time.sleep(rng.uniform(0.02, 0.5))
                if fault == "kill-server":
                    srv.kill()
                elif proc.poll() is None:
                    proc.send_signal(signal.SIGKILL)
                out, err = proc.communicate(timeout=120)
                if fault == "kill-server":
                    srv.restart()
                if proc.returncode not in (0, 1, -signal.SIGKILL) or "CRITICAL" in err:
                    crashes.append((fault, proc.returncode, err[-400:]))
            else:
                params = {"cut": {"bytes": rng.randint(10, 400)},
                          "truncate": {"keep": rng.randint(0, 200)},
                          "status": {"code": rng.choice((500, 502, 503))}}.get(fault, {})
                proxy.set_mode(fault, every=rng.randint(1, 4), **params)
                r, _ = p.sync(url, expect_ok=False)
                proxy.set_mode("pass")
                if r.returncode not in (0, 1) or "CRITICAL" in r.stderr or (
                        r.returncode == 1 and not r.stderr.strip() and not r.stdout.strip()):
                    crashes.append((fault, r.returncode, r.stderr[-400:]))
    check(not crashes, "every interrupted sync ends with a message, never a crash", crashes)
    check(settle(url, [a, b], rounds=6), "after the faults, both sides settle")
    ga, gb = a.goals(client), b.goals(client)
    texts_a = sorted(g["text"] for g in ga.values())
    texts_b = sorted(g["text"] for g in gb.values())
    expected = set(added["A"] + added["B"])
    check(expected <= set(ga) and expected <= set(gb),
          "no edit lost: every goal either side added is on both",
          (len(expected - set(ga)), len(expected - set(gb))))
    check(len(texts_a) == len(set(texts_a)) and texts_a == texts_b,
          "nothing duplicated, both sides the same", (texts_a, texts_b))
    check(shared_view(a.plan(client)) == shared_view(b.plan(client)),
          "after the faults both sides hold the same shared plan")
    check(a.conflicts() == [] and b.conflicts() == [], "no conflict made up by the faults")
    audit = a.json("audit", "list", "--json")
    check(any(e.get("action") == "sync.run" for e in audit)
          and any(e.get("action") == "sync.push" for e in audit)
          and not any("Virtanen" in json.dumps(e) for e in audit if
                      str(e.get("action", "")).startswith("sync.")),
          "every sync is in the audit log, with no client data")


def removal(srv, a, b, url, today):
    # Withdrawal.
    client = a.json("clients", "add", "--json",
                    a.write_json("client2.json", {"given_name": "Eino",
                                                  "family_name": "Lahtinen"}))["id"]
    a.patch(client, {"client_view": "Kotona", "goals": [
        {"id": GOAL_1, "text": "Liikkua", "status": "active", "expressed_by": "client"}]})
    consent = a.json("consent", "add", client, "--json", a.write_json("consent2.json", {
        "kind": "sharing", "given_on": today, "given_by": "client", "method": "written",
        "organisations": ["clinic-a"], "parts": ["client_view", "goals"]}))
    a.sync(url)
    status, _ = admin_get(srv, "polku-clinic-a", "plan-" + client)
    check(status == 200, "a second client is shared", status)
    b.sync(url)
    a.run("consent", "withdraw", consent["id"])
    r, s = a.sync(url)
    status, _ = admin_get(srv, "polku-clinic-a", "plan-" + client)
    check(s["removed"] == 1 and status == 404,
          "a withdrawn consent removes the document from the server", (r.stdout, status))
    audit = a.json("audit", "list", client, "--json")
    check(any(e.get("action") == "sync.remove" for e in audit),
          "the removal is in the audit log")
    r, s = b.sync(url)
    archived = b.json("clients", "list", "--json", "--archived")
    check(r.returncode == 0 and client in [c["id"] for c in archived]
          and client not in [c["id"] for c in b.json("clients", "list", "--json")],
          "the clinic no longer shows a client whose consent was withdrawn", (r.stderr, archived))

    # Expiry: a consent valid until today where it is the earliest (UTC-12), then a sync
    # where it is already tomorrow (UTC+14).
    west = dict(a.env, TZ="Etc/GMT+12")
    east = dict(a.env, TZ="Etc/GMT-14")
    west_today = subprocess.run(["date", "+%Y-%m-%d"], env=west, capture_output=True,
                                text=True).stdout.strip()
    client = a.json("clients", "add", "--json",
                    a.write_json("client3.json", {"given_name": "Kaisa",
                                                  "family_name": "Mäkinen"}), env=west)["id"]
    a.patch(client, {"client_view": "Ulos", "goals": [
        {"id": GOAL_1, "text": "Ystäviä", "status": "active", "expressed_by": "client"}]},
        env=west)
    a.run("consent", "add", client, "--json", a.write_json("consent3.json", {
        "kind": "sharing", "given_on": west_today, "given_by": "client", "method": "written",
        "valid_until": west_today, "organisations": ["clinic-a"],
        "parts": ["client_view", "goals"]}), env=west)
    a.sync(url, env=west)
    status, _ = admin_get(srv, "polku-clinic-a", "plan-" + client)
    check(status == 200, "a consent valid today shares the plan", status)
    r, s = a.sync(url, env=east)
    status, _ = admin_get(srv, "polku-clinic-a", "plan-" + client)
    check(s["removed"] == 1 and status == 404,
          "once the consent has expired the document is removed", (r.stdout, status))


def errors(srv, proxy, a, b, url, client):
    # Wrong password: exit 1, a message, no password in it, nothing changed.
    wrong = os.path.join(os.path.dirname(a.dir), "wrong.pw")
    with open(wrong, "w") as f:
        f.write("Not-The-Password-99\n")
    r = a.run(*a.sync_args(url, wrong), check_ok=False)
    check(r.returncode == 1 and r.stderr.strip() and "Not-The-Password-99" not in r.stderr
          and "Traceback" not in r.stderr, "a wrong password: a clear message, exit 1",
          r.stderr)
    # A password never on the command line: there is no option for it.
    r = a.run("sync", "--server", url, "--account", "coordinator", "--password",
              PASSWORDS["coordinator"], check_ok=False)
    check(r.returncode == 2, "no --password option", r.stderr)

    # Malformed, huge, failing answers: exit 1, a message; the next sync carries on.
    cases = [("garbage", {}), ("huge", {"size": 200 * 1024 * 1024}), ("status", {"code": 500}),
             ("truncate", {"keep": 10})]
    for mode, params in cases:
        a.set_goal_text(client, GOAL_1, "Nukkua (%s)" % mode)
        proxy.set_mode(mode, **params)
        r = a.run(*a.sync_args(url), check_ok=False, timeout=180)
        proxy.set_mode("pass")
        check(r.returncode == 1 and r.stderr.strip().startswith("polku-cli:"),
              "%s answers: a clear message, exit 1" % mode, (r.returncode, r.stderr[-300:]))
        r, s = a.sync(url)
        check(s["pushed"] == 1, "after %s answers the next sync sends the change" % mode,
              r.stdout)

    # A database the account may not read (the clinic's settings name clinic-b).
    wrong_org = Profile(os.path.dirname(a.dir), "B", "Minna Klinikka", "clinica",
                        organisation="clinic-b")
    r, s = wrong_org.sync(url, expect_ok=False)
    check(r.returncode == 1 and s is not None and len(s["errors"]) == 1
          and "polku-clinic-b" in s["errors"][0],
          "a database the account may not read: reported, exit 1", (r.stdout, r.stderr))
    check(b.sync(url)[0].returncode == 0, "the clinic's own database still syncs")


def one_bad_document(srv, b, url, client, today):
    """A pulled batch is written without a savepoint per document; one document that cannot
    be written makes the batch go again, each in its own savepoint: that one is left out
    and reported, the rest of the batch is taken in whole."""
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())
    member = sorted(team_of(b, client).values(), key=lambda m: m["id"])[0]

    def shared(given, team):
        cid = new_uuid()
        return {
            "_id": "plan-" + cid, "type": "polku.shared-plan", "format": 1,
            "client": {"id": cid, "given_name": given, "family_name": "Erä",
                       "birth_date": None},
            "consent": {"id": new_uuid(), "organisations": ["clinic-a"],
                        "parts": ["client_view", "goals", "actions", "team"],
                        "given_on": today, "valid_until": None, "withdrawn_on": None},
            "plan": {"schema": 1, "id": new_uuid(), "client_id": cid, "language": "fi",
                     "agreed_on": today, "created": stamp, "modified": stamp,
                     "client_view": "Haluan " + given.lower(), "differing_views": [],
                     "goals": [{"id": new_uuid(), "text": "Tavoite", "status": "active",
                                "expressed_by": "client", "created": stamp,
                                "modified": stamp, "actions": []}],
                     "services": []},
            "team": team, "conflicts": [],
            "changed_by": {"name": "Kolmas", "organisation": None, "at": stamp,
                           "replica": "third"}}

    # The bad one's team member is already another client's (the clinic has them).
    stolen = {k: member.get(k) for k in ("id", "person", "role", "organisation", "sector",
                                     "contact", "joined_on", "left_on", "responsible")}
    good = [shared("Ensimmäinen", []), shared("Toinen", [])]
    bad = shared("Paha", [stolen])
    status, _ = srv.request("POST", "/polku-clinic-a/_bulk_docs",
                            {"docs": [good[0], bad, good[1]]})
    check(status in (200, 201), "three documents from a third writer", status)
    r, s = b.sync(url, expect_ok=False)
    ids = [c["id"] for c in b.json("clients", "list", "--json")]
    check(s is not None and s["pulled"] == 2 and len(s["errors"]) == 1
          and bad["_id"] in s["errors"][0],
          "a document that cannot be written is left out and reported", (r.stdout, r.stderr))
    check(all(d["client"]["id"] in ids for d in good) and bad["client"]["id"] not in ids,
          "the rest of its batch is taken in", ids)
    check(all(len(b.json("plan", "versions", d["client"]["id"], "--json")) == 1
              and any(e.get("action") == "client.create"
                      for e in b.json("audit", "list", d["client"]["id"], "--json"))
              for d in good),
          "each taken in once, with its plan version and audit entry")
    check(team_of(b, client)[member["id"]]["client_id"] == client,
          "the other client's team member is untouched", team_of(b, client))


def many_documents(srv, proxy, root, rng, today):
    """A first pull of several batches of _changes (1,000 each), the next one fetched while
    the current one is written: interrupted by a failing answer and by a killed polku-cli,
    then run to its end, it takes in every document exactly once."""
    count = 2345
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())
    ids = []
    for start in range(0, count, 500):
        docs = []
        for _ in range(start, min(count, start + 500)):
            cid = new_uuid()
            ids.append(cid)
            docs.append({
                "_id": "plan-" + cid, "type": "polku.shared-plan", "format": 1,
                "client": {"id": cid, "given_name": "Monta", "family_name": "Asiakasta",
                           "birth_date": None},
                "consent": {"id": new_uuid(), "organisations": ["clinic-b"],
                            "parts": ["client_view", "goals"], "given_on": today,
                            "valid_until": None, "withdrawn_on": None},
                "plan": {"schema": 1, "id": new_uuid(), "client_id": cid, "language": "fi",
                         "agreed_on": today, "created": stamp, "modified": stamp,
                         "client_view": "Kotona", "differing_views": [], "goals": []},
                "conflicts": [],
                "changed_by": {"name": "Kolmas", "organisation": None, "at": stamp,
                               "replica": "third"}})
        status, _ = srv.request("POST", "/polku-clinic-b/_bulk_docs", {"docs": docs},
                                timeout=300)
        if status not in (200, 201):
            raise Failed("bulk load: %d" % status)

    c = Profile(root, "C", "Kalle Klinikka", "clinicb", organisation="clinic-b")
    # A failing answer now and then (a prefetched batch among them), then a kill mid-pull.
    proxy.set_mode("status", code=503, every=3)
    r1, s1 = c.sync(proxy.url, expect_ok=False)
    proxy.set_mode("pass")
    proc = subprocess.Popen(c.args(*c.sync_args(proxy.url)), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    time.sleep(rng.uniform(0.3, 1.5))
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=300)
    check(r1.returncode in (0, 1) and proc.returncode in (0, 1, -signal.SIGKILL)
          and "CRITICAL" not in r1.stderr + err,
          "a first pull of many batches interrupted: a message or a kill, never a crash",
          (r1.returncode, r1.stderr[-300:], proc.returncode, err[-300:]))
    r, s = c.sync(proxy.url)
    listed = [x["id"] for x in c.json("clients", "list", "--json")]
    check(sorted(listed) == sorted(ids),
          "after the interruptions every document of every batch is in, once",
          (len(listed), len(set(listed)), len(ids)))
    entries = c.json("audit", "list", "--json")
    created = [e.get("client_id") for e in entries if e.get("action") == "client.create"]
    plans = [e.get("client_id") for e in entries if e.get("action") == "plan.create"]
    check(sorted(created) == sorted(ids) and sorted(plans) == sorted(ids),
          "each client and its plan made once, audited once",
          (len(created), len(set(created)), len(plans), len(set(plans))))
    r, s = c.sync(proxy.url)
    check(s["pulled"] == 0 and s["errors"] == [], "then nothing more to pull", r.stdout)


if __name__ == "__main__":
    sys.exit(main())
