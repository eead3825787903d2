#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""concurrency-test.py: several processes writing the same profile at once.

usage: concurrency-test.py CRASH-DRIVER      (polku-cli from $POLKU_CLI; TAP on stdout)

1. Same new profile: three polku-cli processes each add a client to the SAME folder that
   does not exist yet, at once (each one may be the one that creates it), ROUNDS times. Every
   client a process reported must be there afterwards, and audit verify must pass.
2. Same profile, mixed load: WRITERS crash-drivers (a long-lived process each, many writes
   on one connection; each changes only the clients it added, so that the newest phone
   number it reported must be the one stored), two loops of polku-cli writes (clients add,
   contacts add) and a loop of polku-cli readers (clients list --json, audit verify) run
   together. No process may fail, "database is locked" must never appear, and every reported
   write must be present.

Figures ("# figure: ...") are printed for the CI log. Environment: POLKU_CONCURRENCY_ROUNDS
(10), POLKU_CONCURRENCY_WRITES (60 per driver), POLKU_CONCURRENCY_CLI (12 per loop).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

CLI = os.environ["POLKU_CLI"]
DRIVER = sys.argv[1]
ROUNDS = int(os.environ.get("POLKU_CONCURRENCY_ROUNDS", "10"))
WRITES = int(os.environ.get("POLKU_CONCURRENCY_WRITES", "60"))
CLI_RUNS = int(os.environ.get("POLKU_CONCURRENCY_CLI", "12"))
WRITERS = 3
PASSPHRASE = "rinnakkain 2026"

ENV = dict(os.environ, DBUS_SESSION_BUS_ADDRESS="disabled:")
work = tempfile.mkdtemp(prefix="polku-concurrency-")
passfile = os.path.join(work, "passphrase")
with open(passfile, "w", encoding="utf-8") as f:
    f.write(PASSPHRASE + "\n")

results = []


def tap(ok, description, detail=""):
    results.append(ok)
    print(("ok" if ok else "not ok") + " %d - %s" % (len(results), description))
    if not ok and detail:
        for line in detail.rstrip().splitlines():
            print("# " + line)
    sys.stdout.flush()


def cli(data_dir, *args, stdin=None):
    return subprocess.run([CLI, "--data-dir", data_dir, "--passphrase-file", passfile, *args],
                          env=ENV, input=stdin, capture_output=True, text=True, timeout=300)


def client_json(n):
    return json.dumps({"given_name": "Rinnakkainen%d" % n, "family_name": "Kirjoittaja"})


locked = []      # stderr texts that say "locked" or "busy"
failures = []    # (what, stderr)
lock = threading.Lock()


def note(what, run):
    with lock:
        text = run.stderr or ""
        if "locked" in text.lower() or "busy" in text.lower():
            locked.append("%s: %s" % (what, text.strip()))
        if run.returncode != 0:
            failures.append("%s (exit %d): %s" % (what, run.returncode, text.strip()))


print("1..3")

# --- 1. Three processes making the same new profile ------------------------------------------

start = time.monotonic()
reported = found = created_failed = 0
detail = []
for r in range(ROUNDS):
    data = os.path.join(work, "new-%d" % r)
    processes = [subprocess.Popen([CLI, "--data-dir", data, "--passphrase-file", passfile,
                                   "clients", "add", "--json", "-"], env=ENV,
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for _ in range(3)]
    outputs = [p.communicate(client_json(r * 10 + i), timeout=300)
               for i, p in enumerate(processes)]
    ids = []
    for p, (out, err) in zip(processes, outputs):
        if "locked" in err.lower() or "busy" in err.lower():
            locked.append("creation round %d: %s" % (r, err.strip()))
        if p.returncode == 0:
            ids.append(json.loads(out)["id"])
        else:
            created_failed += 1
            detail.append("round %d: exit %d: %s" % (r, p.returncode, err.strip()))
    reported += len(ids)
    listed = cli(data, "clients", "list", "--json")
    verify = cli(data, "audit", "verify")
    if listed.returncode == 0:
        present = {c["id"] for c in json.loads(listed.stdout)}
        found += sum(1 for i in ids if i in present)
    else:
        detail.append("round %d: clients list: %s" % (r, listed.stderr.strip()))
    if verify.returncode != 0:
        detail.append("round %d: audit verify: %s" % (r, verify.stderr.strip()))

tap(found == reported and created_failed == 0 and not detail,
    "three processes creating one profile at once, %d rounds: every reported client there"
    % ROUNDS, "\n".join(detail))
print("# figure: concurrency (creation): %d rounds of 3 processes, %d clients reported, "
      "%d found, %d processes failed, %.0f s" % (ROUNDS, reported, found, created_failed,
                                                 time.monotonic() - start))

# --- 2. Mixed load on one profile --------------------------------------------------------------

start = time.monotonic()
data = os.path.join(work, "shared")
setup = cli(data, "demo", "--clients", "3")
listed = cli(data, "clients", "list", "--json")
if setup.returncode != 0 or listed.returncode != 0:
    tap(False, "the shared profile is created", setup.stderr + listed.stderr)
    sys.exit(1)
first_client = json.loads(listed.stdout)[0]["id"]

cli_clients = []
cli_contacts = []
reads = [0]


def cli_writer(base):
    for n in range(CLI_RUNS):
        if n % 2 == 0:
            run = cli(data, "clients", "add", "--json", "-", stdin=client_json(base + n))
            note("clients add", run)
            if run.returncode == 0:
                with lock:
                    cli_clients.append(json.loads(run.stdout)["id"])
        else:
            contact = {"date": "2026-0%d-1%d" % (1 + n % 9, n % 10), "type": "nurse",
                       "professional": "RINN-%d" % base}
            run = cli(data, "contacts", "add", first_client, "--json", "-",
                      stdin=json.dumps(contact))
            note("contacts add", run)
            if run.returncode == 0:
                added = json.loads(run.stdout)
                for c in added if isinstance(added, list) else [added]:
                    with lock:
                        cli_contacts.append(c["id"])


def cli_reader():
    for n in range(CLI_RUNS):
        run = cli(data, *(("clients", "list", "--json") if n % 2 == 0 else ("audit", "verify")))
        note("reader", run)
        with lock:
            reads[0] += 1


drivers = []
for w in range(WRITERS):
    out = open(os.path.join(work, "driver-%d.out" % w), "w")
    err = open(os.path.join(work, "driver-%d.err" % w), "w")
    drivers.append((subprocess.Popen([DRIVER, "write-own", data, passfile, str(w + 1), str(WRITES)],
                                     env=ENV, stdout=out, stderr=err), out, err))
threads = [threading.Thread(target=cli_writer, args=(1000,)),
           threading.Thread(target=cli_writer, args=(2000,)),
           threading.Thread(target=cli_reader)]
for t in threads:
    t.start()
for t in threads:
    t.join()

confirmed = []
for w, (process, out, err) in enumerate(drivers):
    process.wait(timeout=300)
    out.close()
    err.close()
    with open(os.path.join(work, "driver-%d.err" % w), encoding="utf-8") as f:
        text = f.read()
    note("crash-driver %d" % w, subprocess.CompletedProcess([], process.returncode, "", text))
    with open(os.path.join(work, "driver-%d.out" % w), encoding="utf-8") as f:
        confirmed += [line for line in f.read().split("\n")
                      if line.split(" ")[0] in ("client", "phone", "contact")]

tap(not failures and not locked,
    "%d crash-drivers, two polku-cli writer loops and a reader loop at once: no failure, "
    "never \"database is locked\"" % WRITERS, "\n".join(failures + locked))

with open(os.path.join(work, "confirmed"), "w", encoding="utf-8") as f:
    f.write("".join(line + "\n" for line in confirmed))
with open(os.path.join(work, "confirmed"), encoding="utf-8") as f:
    check = subprocess.run([DRIVER, "check", data, passfile], stdin=f, env=ENV,
                           capture_output=True, text=True, timeout=300)
listed = cli(data, "clients", "list", "--json")
contacts = cli(data, "contacts", "list", first_client, "--json")
verify = cli(data, "audit", "verify")
present = {c["id"] for c in json.loads(listed.stdout)} if listed.returncode == 0 else set()
present_contacts = ({c["id"] for c in json.loads(contacts.stdout)}
                    if contacts.returncode == 0 else set())
missing = ([i for i in cli_clients if i not in present]
           + [i for i in cli_contacts if i not in present_contacts])
figures = check.stdout.split()
tap(check.returncode == 0 and verify.returncode == 0 and not missing,
    "nothing lost: every reported write present, audit verify passes",
    check.stdout + check.stderr + verify.stderr + contacts.stderr + "missing: %s" % missing[:5])
print("# figure: concurrency (mixed): %d driver writes confirmed, %s found, %d polku-cli "
      "writes (%d clients, %d contacts) all %s, %d reads, %d failures, %d \"locked\", %.0f s"
      % (len(confirmed), figures[3] if len(figures) > 3 else "?",
         len(cli_clients) + len(cli_contacts), len(cli_clients), len(cli_contacts),
         "found" if not missing else "NOT found", reads[0], len(failures), len(locked),
         time.monotonic() - start))

if all(results):
    shutil.rmtree(work, ignore_errors=True)
else:
    print("# kept for a look: %s" % work)
sys.exit(0 if all(results) else 1)
