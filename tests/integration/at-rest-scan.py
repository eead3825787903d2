#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""at-rest-scan.py: after a full demo session, no client data in clear in any file Polku wrote.

usage: at-rest-scan.py      (polku-cli from $POLKU_CLI; TAP on stdout)

The session, all through the real polku-cli with its own private TMPDIR:
  demo --clients N; clients add (a client with canary names and identity code); case note,
  plan update, contacts add, mapping-visit new/update (each with a canary text); the reads
  that collect the demo's own data (clients list --json, plan show --json, case show --json);
  then a `demo` killed with SIGKILL while it writes, so that a -wal and -shm (and perhaps a
  stray polku.db.new-*) are left on disk as a crash leaves them.

The canaries: every name, identity code, phone, address and e-mail of `clients list --json`,
the plan texts and the case's sign reasons and notes of `plan show` / `case show`, and the
canary texts written above. Each file in the profile folder and in the private TMPDIR is read
as raw bytes and searched for every canary as UTF-8 (and, for canaries of 8 bytes or more,
ASCII case-insensitively); a canary shorter than 6 bytes is only searched as part of a full
name, so that random bytes of the encrypted file cannot match by chance. A control first
plants a canary in clear in a file and checks that the scan finds it.

Figures ("# figure: ...") are printed for the CI log. Environment: POLKU_SCAN_CLIENTS (20).
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

CLI = os.environ["POLKU_CLI"]
CLIENTS = int(os.environ.get("POLKU_SCAN_CLIENTS", "20"))
PASSPHRASE = "levossa 2026"
MARK = "KANARIA%d" % (int(time.time() * 1000) % 100000000)

work = tempfile.mkdtemp(prefix="polku-at-rest-")
data = os.path.join(work, "profile")
private_tmp = os.path.join(work, "tmp")
os.mkdir(private_tmp)
passfile = os.path.join(work, "passphrase")   # outside the profile: it is ours, not Polku's
with open(passfile, "w", encoding="utf-8") as f:
    f.write(PASSPHRASE + "\n")
ENV = dict(os.environ, DBUS_SESSION_BUS_ADDRESS="disabled:", TMPDIR=private_tmp)

results = []


def tap(ok, description, detail=""):
    results.append(ok)
    print(("ok" if ok else "not ok") + " %d - %s" % (len(results), description))
    if not ok and detail:
        for line in detail.rstrip().splitlines():
            print("# " + line)
    sys.stdout.flush()


failures = []


def cli(*args, stdin=None, may_fail=False):
    run = subprocess.run([CLI, "--data-dir", data, "--passphrase-file", passfile, *args],
                         env=ENV, input=stdin, capture_output=True, text=True, timeout=300)
    if run.returncode != 0 and not may_fail:
        failures.append("%s: %s" % (" ".join(args[:2]), run.stderr.strip()))
    return run


def hetu(ddmmyy, individual):
    return "%s-%03d%s" % (ddmmyy, individual,
                          "0123456789ABCDEFHJKLMNPRSTUVWXY"[int("%s%03d" % (ddmmyy, individual))
                                                            % 31])


def strings_of(node, keys):
    """Every string under the given member names, anywhere in a JSON tree."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in keys and isinstance(value, str):
                found.append(value)
            else:
                found += strings_of(value, keys)
    elif isinstance(node, list):
        for value in node:
            found += strings_of(value, keys)
    return found


def scan(roots, canaries):
    """Returns (files, bytes, hits): hits are (file, canary) pairs, never printed whole."""
    needles = []
    for canary in canaries:
        raw = canary.encode("utf-8")
        needles.append((canary, raw, len(raw) >= 8 and canary.isascii()))
    files = size = 0
    hits = []
    for root in roots:
        for folder, _, names in os.walk(root):
            for name in names:
                path = os.path.join(folder, name)
                with open(path, "rb") as f:
                    content = f.read()
                files += 1
                size += len(content)
                lower = content.lower()
                for canary, raw, fold in needles:
                    if raw in content or (fold and raw.lower() in lower):
                        hits.append((os.path.relpath(path, work), canary))
    return files, size, hits


print("1..4")
start = time.monotonic()

# --- The control: the scan finds a canary written in clear -----------------------------------

control = os.path.join(work, "control")
os.mkdir(control)
with open(os.path.join(control, "polku.db-wal"), "wb") as f:
    f.write(os.urandom(4096) + ("x %s y" % MARK.lower()).encode() + os.urandom(4096))
_, _, hits = scan([control], [MARK])
tap(len(hits) == 1, "the scan finds a canary planted in clear (case-insensitively)")
shutil.rmtree(control)

# --- The session -------------------------------------------------------------------------------

cli("demo", "--clients", str(CLIENTS), "--seed", "11")
canary_client = {"given_name": "Kanervo" + MARK, "family_name": "Salaisuus" + MARK,
                 "hetu": hetu("280254", 900 + int(time.time()) % 99),
                 "phone": "040 7%07d" % (int(time.time()) % 10000000),
                 "address": "Kanariapolku %s" % MARK}
added = cli("clients", "add", "--json", "-", stdin=json.dumps(canary_client))
canary_id = json.loads(added.stdout)["id"] if added.returncode == 0 else None
texts = {
    "note": "Huomio asiakkaasta %s: kotona kävi kummallinen vieras." % MARK,
    "plan": "Suurin huoli %s on yksinäisyys." % MARK,
    "contact": "Käynnillä puhuttiin %s velkajärjestelystä." % MARK,
    "visit": "Kartoituskäynnin muistiinpano %s." % MARK,
}
if canary_id is not None:
    cli("case", "open", canary_id)
    cli("case", "note", canary_id, "--json", "-", stdin=json.dumps({"body": texts["note"]}))
    cli("plan", "new", canary_id)
    cli("plan", "update", canary_id, "--json", "-",
        stdin=json.dumps({"main_burden": texts["plan"], "client_view": texts["plan"] + " 2"}))
    cli("contacts", "add", canary_id, "--json", "-",
        stdin=json.dumps({"date": "2026-03-04", "type": "nurse", "note": texts["contact"]}))
    cli("mapping-visit", "new", canary_id)
    cli("mapping-visit", "update", canary_id, "--json", "-",
        stdin=json.dumps({"notes": texts["visit"]}))

canaries = set(canary_client.values()) | set(texts.values())
listed = cli("clients", "list", "--json")
clients = json.loads(listed.stdout) if listed.returncode == 0 else []
for client in clients:
    full = "%s %s" % (client["given_name"], client["family_name"])
    canaries.add(full)
    canaries.add("%s, %s" % (client["family_name"], client["given_name"]))
    for key in ("given_name", "family_name", "hetu", "phone", "address", "email"):
        if client.get(key):
            canaries.add(client[key])
for client in clients[:8]:
    plan = cli("plan", "show", client["id"], "--json", may_fail=True)   # not every one has a plan
    if plan.returncode == 0:
        canaries.update(strings_of(json.loads(plan.stdout),
                                   {"client_view", "main_burden", "text", "client_assessment"}))
    case = cli("case", "show", client["id"], "--json")
    if case.returncode == 0:
        canaries.update(strings_of(json.loads(case.stdout), {"reason", "body", "flagged_by"}))
canaries = {c for c in canaries if len(c.encode("utf-8")) >= 6}

tap(not failures and canary_id is not None and len(clients) == CLIENTS + 1,
    "the session: demo with %d clients and every canary write worked" % CLIENTS,
    "\n".join(failures))

# A writer killed in the middle leaves its -wal and -shm as a crash does.
with open(os.path.join(work, "stderr"), "w") as err:
    # Enough clients that it is still writing when killed (a few clients finish in well
    # under the 0.2 s below on a fast disk, and leave no WAL).
    writer = subprocess.Popen([CLI, "--data-dir", data, "--passphrase-file", passfile, "demo",
                               "--clients", "300"], env=ENV, stdout=subprocess.DEVNULL,
                              stderr=err)
    wal = os.path.join(data, "polku.db-wal")
    deadline = time.monotonic() + 60
    while writer.poll() is None and time.monotonic() < deadline:
        if os.path.exists(wal) and os.path.getsize(wal) > 64 * 1024:
            break
        time.sleep(0.01)
    time.sleep(0.2)
    if writer.poll() is None:
        writer.send_signal(signal.SIGKILL)
    writer.wait()
left = sorted(os.listdir(data))

# --- The scan ----------------------------------------------------------------------------------

files, size, hits = scan([data, private_tmp], canaries)
tap(not hits and files >= 3,
    "no canary in any of the %d files (%d bytes) Polku left in the profile and TMPDIR"
    % (files, size),
    "\n".join("%s holds a canary of %d bytes starting %r" % (path, len(c), c[:3])
              for path, c in hits[:20]))
tap("polku.db-wal" in left, "a WAL was left by the killed writer and scanned", str(left))

print("# figure: at-rest scan: %d files scanned (%d bytes: %s; %d in TMPDIR), %d canaries "
      "searched (names, identity codes, phones, addresses, plan, note, sign and contact texts "
      "of %d clients), %d found, %.0f s"
      % (files, size, ", ".join(left), sum(len(n) for _, _, n in os.walk(private_tmp)),
         len(canaries), len(clients), len(hits), time.monotonic() - start))

if all(results):
    shutil.rmtree(work, ignore_errors=True)
else:
    print("# kept for a look: %s" % work)
sys.exit(0 if all(results) else 1)
