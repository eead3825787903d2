#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""crash-test.py: SIGKILL at random moments of a write load and of profile creation.

usage: crash-test.py CRASH-DRIVER      (polku-cli from $POLKU_CLI; TAP on stdout)

1. Write load. tests/integration/crash-driver (linked to the core, the same open path as
   polku-cli) writes clients, phone numbers and contacts in a loop, printing each write only
   after the store returned TRUE for it. It is killed with SIGKILL after a random delay (three
   times in four counted from the moment it is open and writing), over and over on the same
   profile. Each run first opens the profile, runs the integrity check
   and the full audit verification, and checks that the writes reported since the last check
   (and a sample of 300 older ones) are there; so the check after a kill is the next run's
   first step (a kill during the check repeats it). The last check looks at every write.
   Every 25 kills, and at the end, the real polku-cli runs `audit verify`; at the end
   `clients list --json` must list every client reported.
2. Profile creation. `polku-cli demo --clients 1` on a fresh folder, killed after a random
   delay within the time creation takes; then the same command must create (or finish) the
   profile, and `audit verify` must pass.

Figures ("# figure: ...") are printed for the CI log. Environment: POLKU_CRASH_KILLS (200),
POLKU_CRASH_CREATIONS (25), POLKU_CRASH_SEED (random; printed, to replay a run).
"""
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

CLI = os.environ["POLKU_CLI"]
DRIVER = sys.argv[1]
KILLS = int(os.environ.get("POLKU_CRASH_KILLS", "200"))
CREATIONS = int(os.environ.get("POLKU_CRASH_CREATIONS", "25"))
SEED = int(os.environ.get("POLKU_CRASH_SEED", str(int(time.time() * 1000) % 1000000)))
PASSPHRASE = "kaatuminen 2026"

ENV = dict(os.environ, DBUS_SESSION_BUS_ADDRESS="disabled:")
rng = random.Random(SEED)
work = tempfile.mkdtemp(prefix="polku-crash-")
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


def cli(data_dir, *args):
    return subprocess.run([CLI, "--data-dir", data_dir, "--passphrase-file", passfile,
                           *args], env=ENV, capture_output=True, text=True, timeout=120)


def killed_run(argv, delay, stdout, out_path=None):
    """Starts argv, kills it with SIGKILL after delay seconds (counted from the moment it
    printed "open" to out_path, when given). Returns (killed, status)."""
    with open(os.path.join(work, "stderr"), "w") as err:
        process = subprocess.Popen(argv, env=ENV, stdout=stdout, stderr=err)
        if out_path is not None:
            while process.poll() is None:
                with open(out_path, encoding="utf-8") as f:
                    if "open\n" in f.read():
                        break
                time.sleep(0.005)
        try:
            status = process.wait(timeout=delay)
            return False, status
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            process.wait()
            return True, None


def stderr_text():
    with open(os.path.join(work, "stderr"), encoding="utf-8", errors="replace") as f:
        return f.read()


print("1..5")
print("# seed %d (POLKU_CRASH_SEED=%d replays it), %d kills, %d creations"
      % (SEED, SEED, KILLS, CREATIONS))

# --- 1. The write load ----------------------------------------------------------------------

data = os.path.join(work, "load")
start = time.monotonic()
setup = cli(data, "demo", "--clients", "3")
if setup.returncode != 0:
    tap(False, "the profile for the write load is created", setup.stderr)
    sys.exit(1)

confirmed_file = os.path.join(work, "confirmed")
check_file = os.path.join(work, "to-check")
confirmed = []
# Each run checks the writes no earlier check saw plus a sample of the older ones (checking
# all of them after every kill would grow to minutes); the last check sees them all.
unchecked = []
kills = kills_before_open = checks = cli_verifies = 0
failure = None

for run in range(1, KILLS + 1):
    out_path = os.path.join(work, "out")
    # One kill in four at any moment from the start (opening, recovery, the check); the
    # others while it writes.
    during_writes = rng.random() < 0.75
    older = confirmed[:len(confirmed) - len(unchecked)]
    to_check = unchecked + rng.sample(older, min(len(older), 300))
    with open(check_file, "w", encoding="utf-8") as f:
        f.write("".join(line + "\n" for line in to_check))
    with open(out_path, "w") as out:
        killed, status = killed_run([DRIVER, "write", data, passfile, str(run), "0",
                                     check_file],
                                    rng.uniform(0.0, 0.15) if during_writes
                                    else rng.uniform(0.0, 1.5),
                                    out, out_path if during_writes else None)
    with open(out_path, encoding="utf-8") as f:
        lines = [line for line in f.read().split("\n") if line]
    if not killed:
        failure = "run %d ended by itself (status %s) before the kill:\n%s%s" % (
            run, status, "\n".join(l for l in lines if l.startswith("checked")), stderr_text())
        break
    kills += 1
    if any(line.startswith("checked") for line in lines):
        checks += 1
        unchecked = []
    if "open" not in lines:
        kills_before_open += 1
    new = [line for line in lines if line.split(" ")[0] in ("client", "phone", "contact")]
    confirmed += new
    unchecked += new

    if run % 25 == 0:
        verify = cli(data, "audit", "verify")
        cli_verifies += 1
        if verify.returncode != 0:
            failure = "polku-cli audit verify failed after kill %d:\n%s" % (run, verify.stderr)
            break

tap(failure is None, "%d kills of the write load, each followed by a passing check" % kills,
    failure or "")

with open(confirmed_file, "w", encoding="utf-8") as f:
    f.write("".join(line + "\n" for line in confirmed))
with open(confirmed_file, encoding="utf-8") as f:
    final = subprocess.run([DRIVER, "check", data, passfile], stdin=f, env=ENV,
                           capture_output=True, text=True, timeout=300)
figures = final.stdout.split()
found = int(figures[3]) if len(figures) >= 6 and figures[0] == "checked" else -1
tap(final.returncode == 0 and found == len(confirmed),
    "after the last kill: integrity, audit verify and every reported write present",
    final.stdout + final.stderr)

verify = cli(data, "audit", "verify")
cli_verifies += 1
listed = cli(data, "clients", "list", "--json")
ids = set()
if listed.returncode == 0:
    ids = {client["id"] for client in json.loads(listed.stdout)}
reported_clients = [line.split(" ")[1] for line in confirmed if line.startswith("client ")]
missing = [cid for cid in reported_clients if cid not in ids]
tap(verify.returncode == 0 and listed.returncode == 0 and not missing,
    "polku-cli: audit verify passes and clients list has every reported client",
    verify.stdout + verify.stderr + listed.stderr + "missing: %s" % missing[:5])

kinds = {kind: sum(1 for line in confirmed if line.startswith(kind + " "))
         for kind in ("client", "phone", "contact")}
print("# figure: crash (write load): %d kills survived (%d before the profile was open), "
      "%d checks after a kill passed, %d polku-cli audit verify runs, %d writes confirmed "
      "(%d clients, %d phone changes, %d contacts), %d writes found, %d audit entries, "
      "%.0f s" % (kills, kills_before_open, checks, cli_verifies, len(confirmed),
                  kinds["client"], kinds["phone"], kinds["contact"], max(found, 0),
                  int(figures[5]) if len(figures) >= 6 else 0, time.monotonic() - start))

# --- 2. Profile creation --------------------------------------------------------------------

start = time.monotonic()
interrupted = {"no polku.db yet": 0, "polku.db but no profile.ini": 0, "after creation": 0}
finished = temporaries = 0
failure = None
# How long a creation takes here, so that the kills fall within it.
measured = time.monotonic()
first = cli(os.path.join(work, "create-first"), "demo", "--clients", "1")
creation_time = time.monotonic() - measured
if first.returncode != 0:
    failure = "a creation without a kill fails: %s" % first.stderr
for n in range(CREATIONS if failure is None else 0):
    data = os.path.join(work, "create-%d" % n)
    killed, status = killed_run([CLI, "--data-dir", data, "--passphrase-file", passfile,
                                 "demo", "--clients", "1"], rng.uniform(0.0, creation_time),
                                subprocess.DEVNULL)
    if not killed:
        if status != 0:
            failure = "creation %d failed by itself: %s" % (n, stderr_text())
            break
        finished += 1
    else:
        files = os.listdir(data) if os.path.isdir(data) else []
        if "polku.db" not in files:
            interrupted["no polku.db yet"] += 1
        elif "profile.ini" not in files:
            interrupted["polku.db but no profile.ini"] += 1
        else:
            interrupted["after creation"] += 1
        temporaries += sum(1 for name in files if name.startswith("polku.db.new-")
                           and not name.endswith(("-journal", "-wal", "-shm")))
    again = cli(data, "demo", "--clients", "1")
    if again.returncode != 0:
        failure = "after a kill during creation %d (files: %s) demo fails: %s" % (
            n, sorted(os.listdir(data)), again.stderr)
        break
    verify = cli(data, "audit", "verify")
    if verify.returncode != 0:
        failure = "after a kill during creation %d audit verify fails: %s" % (n, verify.stderr)
        break
    shutil.rmtree(data)

killed_total = sum(interrupted.values())
tap(failure is None and killed_total > 0,
    "%d creations killed; each time a new creation worked and audit verify passed"
    % killed_total, failure or "")
print("# figure: crash (creation): %d creations interrupted (%s), %d finished before the "
      "kill, %d stray temporaries left; one creation takes %.1f s, %.0f s in all"
      % (killed_total, ", ".join("%d %s" % (v, k) for k, v in interrupted.items()),
         finished, temporaries, creation_time, time.monotonic() - start))

tap(kills == KILLS and len(confirmed) > 0,
    "the load was killed %d times and confirmed %d writes" % (kills, len(confirmed)))

if all(results):
    shutil.rmtree(work, ignore_errors=True)
else:
    print("# kept for a look: %s" % work)
sys.exit(0 if all(results) else 1)
