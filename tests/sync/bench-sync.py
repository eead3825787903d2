#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""bench-sync.py: the speed of sync, as ratios measured in the same run (issue 12, item 8).

    python3 bench-sync.py POLKU-CLI        (meson: benchmark 'sync', --benchmark -v)

A PouchDB Server (pouchserver.py, in memory) on a free loopback port holds one database with
POLKU_BENCH_PLANS (10,000) shared plans as the coordinator's Polku writes them (three goals
with an action each). Measured on the same machine in the same run:

  first pull    `polku-cli sync` of a new clinic profile pulling every plan (taking each in:
                client, plan version, audit entries, in the encrypted store), against
                (a) PouchDB's own replicator in node (in-memory adapter, default batch size)
                    pulling the same database: target Polku at least 5x faster (ratio <= 0.2)
                (b) one `_all_docs?include_docs=true` request, the whole answer read (not
                    parsed): the server's floor, target within 2x (ratio <= 2)
  incremental   the next sync after one plan changed on the server, against the first pull:
                target under 5 % (ratio <= 0.05)

The profile is the kind a user gets by default (README "Where the data is"): its key in the
Secret Service, here a private gnome-keyring on a private D-Bus session (the script runs
itself again under tests/with-keyring.sh, as the keyring tests do). The targets are judged on
it. A passphrase profile (the fallback without a keyring) pulls too, and its incremental sync
is printed as a line of its own against its own first pull: every open derives its key from
the passphrase (PBKDF2), a fixed cost that a keyring profile does not pay.

Each line prints what was measured, the reference, the ratio and the target; a missed target
says MISSED. Nothing fails on a number: the exit status is 0 unless something could not run.

POLKU_BENCH_SERVER=ROUNDS (optional): what the server spends to serve all the documents in
two ways (server_side ()), ROUNDS times each, alternated: printed as "#" lines, no target.

POLKU_BENCH_ROWS=1 (optional): the lines once more, tab-separated ("row", what, Polku's figure,
the reference, the unit, the target), for the county table (tests/bench/bench-county.py, line 8).

POLKU_BENCH_BEFORE=OTHER-POLKU-CLI (optional): the same first pull by another build (the tree
before a change), into a keyring profile of its own, right after this one's: "before" and
"after" measured in the same run, under the same load, by the clock and by the CPU time each
polku-cli used (user + system), which a busy machine changes far less.
"""

import base64
import gzip
import http.client
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
WITH_KEYRING = os.path.join(os.path.dirname(HERE), "with-keyring.sh")

from pouchserver import POUCH_DIR, PouchServer, find_node  # noqa: E402

CLI = os.path.abspath(sys.argv[1])
PLANS = int(os.environ.get("POLKU_BENCH_PLANS", "10000"))
DB = "polku-bench"
PASSWORD = "Bench-Clinic-Secret-5"

ORGANISATIONS = {"format": "polku-organisations", "version": 1, "organisations": [
    {"id": "bench-clinic", "names": {"fi": "Klinikka", "sv": "Klinik", "en": "Clinic"},
     "sector": "health", "access_group": "bench"}]}

NODE_REPLICATE = r"""
const PouchDB = require('pouchdb-core')
  .plugin(require('pouchdb-adapter-memory'))
  .plugin(require('pouchdb-adapter-http'))
  .plugin(require('pouchdb-replication'));
const [url, user, password] = process.argv.slice(1);  // node -e: no script name
const remote = new PouchDB(url, {auth: {username: user, password: password}});
const local = new PouchDB('bench-' + Date.now(), {adapter: 'memory'});
const t0 = process.hrtime.bigint();
local.replicate.from(remote).then((result) => {
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(JSON.stringify({seconds: seconds, docs: result.docs_written,
                              failures: result.doc_write_failures, errors: result.errors}));
}).catch((e) => { console.error(String(e)); process.exit(1); });
"""


def shared_doc(today, stamp):
    client = str(uuid.uuid4())
    goals = []
    for g in range(3):
        goals.append({"id": str(uuid.uuid4()), "text": "Tavoite %d: nukkua paremmin" % g,
                      "status": "active", "expressed_by": "client", "created": stamp,
                      "modified": stamp,
                      "actions": [{"id": str(uuid.uuid4()), "text": "Toimenpide %d" % g,
                                   "status": "planned", "created": stamp,
                                   "modified": stamp}]})
    return {
        "_id": "plan-" + client, "type": "polku.shared-plan", "format": 1,
        "client": {"id": client, "given_name": "Testi", "family_name": "Asiakas",
                   "birth_date": None},
        "consent": {"id": str(uuid.uuid4()), "organisations": ["bench-clinic"],
                    "parts": ["client_view", "goals", "actions"], "given_on": today,
                    "valid_until": None, "withdrawn_on": None},
        "plan": {"schema": 1, "id": str(uuid.uuid4()), "client_id": client, "language": "fi",
                 "agreed_on": today, "created": stamp, "modified": stamp,
                 "client_view": "Haluan nukkua paremmin ja liikkua enemmän.",
                 "main_burden": "Univaikeudet", "differing_views": [], "goals": goals,
                 "services": []},
        "conflicts": [],
        "changed_by": {"name": "Benchmark", "organisation": None, "at": stamp,
                       "replica": "bench"},
    }


def server_cpu(pid):
    """The CPU seconds (user + system) the process @pid has used so far."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_side(srv, auth, rounds):
    """What the server spends to serve every document (the pulled database holds nothing
    else) in two ways: the first pull's _changes batches (style=all_docs&include_docs=
    true&conflicts=true&limit=1000, each since the last batch's last_seq: what polku-cli
    asks) and pages of _all_docs?include_docs=true&conflicts=true&limit=1000 (each from the
    last id of the page before). Each way with the answers compressed, as polku-cli asks
    for them (libsoup sends Accept-Encoding: gzip, deflate, and PouchDB Server compresses),
    and not. The server's CPU time (user + system, from /proc) and the requests' wall clock
    until the last byte, medians of @rounds, the ways alternated; parsing is not counted."""
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=600)

    def get(path, compressed):
        headers = {"Authorization": auth}
        if compressed:
            headers["Accept-Encoding"] = "gzip, deflate"
        t0 = time.monotonic()
        conn.request("GET", path, headers=headers)
        answer = conn.getresponse()
        body = answer.read()
        seconds = time.monotonic() - t0
        if answer.status != 200:
            raise RuntimeError("GET %s: HTTP %d" % (path.split("?")[0], answer.status))
        if answer.getheader("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        return seconds, json.loads(body)

    def changes(compressed):
        since, docs, seconds = None, 0, 0.0
        while True:
            query = "style=all_docs&include_docs=true&conflicts=true&limit=1000"
            if since is not None:
                query += "&since=" + urllib.parse.quote(str(since))
            t, answer = get("/%s/_changes?%s" % (DB, query), compressed)
            seconds += t
            docs += len(answer["results"])
            since = answer["last_seq"]
            if len(answer["results"]) < 1000:
                return docs, seconds

    def all_docs(compressed):
        last, docs, seconds = None, 0, 0.0
        while True:
            query = "include_docs=true&conflicts=true&limit=1000"
            if last is not None:
                # From the last id on, that one left out (it may be gone meanwhile: skip=1
                # would then leave out the next).
                query = "include_docs=true&conflicts=true&limit=1001&startkey=" \
                        + urllib.parse.quote(json.dumps(last))
            t, answer = get("/%s/_all_docs?%s" % (DB, query), compressed)
            seconds += t
            rows = [r for r in answer["rows"] if r["id"] != last]
            docs += len(rows)
            if len(rows) < 1000:
                return docs, seconds
            last = rows[-1]["id"]

    ways = [("_changes batches", changes), ("_all_docs pages", all_docs)]
    figures = {}
    for n in range(rounds):
        for compressed in (True, False):
            for what, way in (ways if n % 2 == 0 else ways[::-1]):
                cpu = server_cpu(srv.pid)
                docs, seconds = way(compressed)
                if docs != PLANS:
                    raise RuntimeError("%s: %d documents, not %d" % (what, docs, PLANS))
                figures.setdefault((what, compressed), []).append(
                    (server_cpu(srv.pid) - cpu, seconds))
    conn.close()
    for (what, compressed), values in figures.items():
        print("# server, %-17s %-12s CPU %.2f s, wall %.2f s (medians of %d)"
              % (what, "compressed:" if compressed else "plain:",
                 statistics.median(v[0] for v in values),
                 statistics.median(v[1] for v in values), rounds), flush=True)


def timed(args, env):
    """The command's wall-clock seconds and its result; its CPU seconds (user + system,
    from the children's rusage) in r.cpu: on a shared machine the clock moves with the load
    far more than the CPU a run needs."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    r = subprocess.run(args, capture_output=True, text=True, env=env)
    seconds = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    r.cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, r


rows = []


def row(what, measured, reference, target, unit="s"):
    ratio = measured / reference if reference > 0 else float("inf")
    rows.append((what, measured, reference, unit, ratio, target))


def main():
    if not os.environ.get("WITH_KEYRING_INNER"):
        # The default profile keeps its key in the Secret Service: a private keyring.
        os.execv(WITH_KEYRING, [WITH_KEYRING, sys.executable] + sys.argv)
    root = tempfile.mkdtemp(prefix="polku-bench-sync-")
    orgs = os.path.join(root, "organisations.json")
    with open(orgs, "w") as f:
        json.dump(ORGANISATIONS, f)
    pass_file = os.path.join(root, "passphrase")
    pw_file = os.path.join(root, "password")
    with open(pass_file, "w") as f:
        f.write("bench passphrase 5\n")
    with open(pw_file, "w") as f:
        f.write(PASSWORD + "\n")
    env = dict(os.environ, POLKU_ORGANISATIONS=orgs, LC_ALL="C.UTF-8")
    env.pop("G_DEBUG", None)

    srv = PouchServer(persistent=False)
    srv.start()
    try:
        srv.create_db(DB, member_roles=("polku-bench", "polku-coordinator"))
        srv.create_user("clinic", PASSWORD, roles=("polku-bench",))
        today = time.strftime("%Y-%m-%d")
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())
        print("# %d plans into %s" % (PLANS, srv.url), flush=True)
        docs = [shared_doc(today, stamp) for _ in range(PLANS)]
        for i in range(0, PLANS, 1000):
            status, _ = srv.request("POST", "/%s/_bulk_docs" % DB,
                                    {"docs": docs[i:i + 1000]}, timeout=300)
            if status not in (200, 201):
                raise RuntimeError("bulk load failed: %s" % status)

        # The floor: one request for everything, read and parsed.
        auth = "Basic " + base64.b64encode(("clinic:" + PASSWORD).encode()).decode()
        t0 = time.monotonic()
        conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=600)
        conn.request("GET", "/%s/_all_docs?include_docs=true" % DB,
                     headers={"Authorization": auth})
        body = conn.getresponse().read()
        floor = time.monotonic() - t0
        conn.close()
        # Counted apart: Python's parser is not the server's floor.
        rows_read = len(json.loads(body)["rows"])
        print("# _all_docs: %d rows, %d bytes in %.2f s" % (rows_read, len(body), floor),
              flush=True)

        if os.environ.get("POLKU_BENCH_SERVER"):
            server_side(srv, auth, int(os.environ["POLKU_BENCH_SERVER"]))

        # PouchDB's own replicator.
        node = find_node()
        node_env = dict(os.environ, NODE_PATH=os.path.join(POUCH_DIR, "node_modules"))
        r = subprocess.run([node, "-e", NODE_REPLICATE, "%s/%s" % (srv.url, DB), "clinic",
                            PASSWORD], capture_output=True, text=True, env=node_env,
                           timeout=3600)
        if r.returncode != 0:
            raise RuntimeError("PouchDB replication failed: " + r.stderr[-500:])
        pouch = json.loads(r.stdout.strip().splitlines()[-1])
        if os.environ.get("POLKU_BENCH_DEBUG"):
            print("# node: " + r.stdout + r.stderr)
        print("# PouchDB replicator: %d docs in %.2f s" % (pouch["docs"], pouch["seconds"]),
              flush=True)

        # Polku: a new clinic profile, its key in the keyring (the default), pulls everything.
        profile = os.path.join(root, "clinic")
        args = [CLI, "-d", profile, "--as", "Bench Clinic", "sync", "--server", srv.url,
                "--account", "clinic", "--organisation", "bench-clinic", "--password-file",
                pw_file]
        server_before = server_cpu(srv.pid)
        first, r = timed(args, env)
        if r.returncode != 0:
            raise RuntimeError("polku-cli sync failed: " + r.stderr[-500:] + r.stdout[-500:])
        summary = json.loads(r.stdout)
        first_cpu = r.cpu
        with open(os.path.join(profile, "profile.ini")) as f:
            if "key-source=secret-service" not in f.read():
                raise RuntimeError("the profile did not keep its key in the keyring")
        print("# polku-cli sync (keyring profile): %d pulled in %.2f s (CPU %.2f s; the "
              "server's CPU meanwhile %.2f s)"
              % (summary["pulled"], first, first_cpu, server_cpu(srv.pid) - server_before),
              flush=True)

        before_cli = os.environ.get("POLKU_BENCH_BEFORE")
        if before_cli:
            before_args = [os.path.abspath(before_cli)] + args[1:]
            before_args[2] = os.path.join(root, "clinic-before")
            server_before = server_cpu(srv.pid)
            before, r = timed(before_args, env)
            if r.returncode != 0:
                raise RuntimeError("the other polku-cli failed: " + r.stderr[-500:])
            before_cpu = r.cpu
            print("# before (%s): %d pulled in %.2f s (CPU %.2f s; the server's CPU "
                  "meanwhile %.2f s)"
                  % (before_cli, json.loads(r.stdout)["pulled"], before, before_cpu,
                     server_cpu(srv.pid) - server_before), flush=True)

        # The fallback: a passphrase profile pulls everything too (its incremental sync is
        # printed against this).
        pass_args = args[:3] + ["--passphrase-file", pass_file] + args[3:]
        pass_args[2] = os.path.join(root, "clinic-passphrase")
        pass_first, r = timed(pass_args, env)
        if r.returncode != 0:
            raise RuntimeError("polku-cli sync (passphrase) failed: " + r.stderr[-500:])
        print("# polku-cli sync (passphrase profile): %d pulled in %.2f s (CPU %.2f s)"
              % (json.loads(r.stdout)["pulled"], pass_first, r.cpu), flush=True)

        # One plan changes on the server; the next sync of each profile.
        status, doc = srv.request("GET", "/%s/%s" % (DB, docs[PLANS // 2]["_id"]))
        doc["plan"]["client_view"] = "Haluan nukkua."
        srv.request("PUT", "/%s/%s" % (DB, doc["_id"]), doc)
        incremental, r = timed(args, env)
        if r.returncode != 0:
            raise RuntimeError("the incremental sync failed: " + r.stderr[-500:])
        summary = json.loads(r.stdout)
        print("# incremental (keyring profile): %d pulled in %.3f s"
              % (summary["pulled"], incremental), flush=True)
        pass_incremental, r = timed(pass_args, env)
        if r.returncode != 0:
            raise RuntimeError("the incremental sync (passphrase) failed: " + r.stderr[-500:])
        summary = json.loads(r.stdout)
        print("# incremental (passphrase profile): %d pulled in %.3f s"
              % (summary["pulled"], pass_incremental), flush=True)

        row("first pull / PouchDB replicator", first, pouch["seconds"], 0.2)
        row("first pull / _all_docs request", first, floor, 2.0)
        row("incremental (1 of %d) / first pull" % PLANS, incremental, first, 0.05)
        row("  the same, passphrase profile (fallback)", pass_incremental, pass_first, 0.05)
        if before_cli:
            row("first pull / the other build's (before)", first, before, 1.0)
            row("first pull's CPU / the other build's", first_cpu, before_cpu, 1.0)
    finally:
        srv.cleanup()
        shutil.rmtree(root, ignore_errors=True)

    print("# %-42s %9s %9s %8s %8s" % ("what", "polku", "reference", "ratio", "target"))
    for what, measured, reference, unit, ratio, target in rows:
        print("%-44s %8.3f%s %8.3f%s %8.3f %8s %s" % (
            what, measured, unit, reference, unit, ratio, "<= %.2f" % target,
            "ok" if ratio <= target else "MISSED"), flush=True)
    if os.environ.get("POLKU_BENCH_ROWS"):
        # For tests/bench/bench-county.py, which puts these lines into the county table.
        for what, measured, reference, unit, ratio, target in rows:
            print("row\t%s\t%.6f\t%.6f\t%s\t%.3f" % (what.strip(), measured, reference, unit,
                                                     target), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
