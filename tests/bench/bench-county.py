#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""bench-county.py: Polku at county size, as ratios measured in the same run (issue 14).

Run by `meson test -C build --benchmark -v` (or tools/bench.sh). It makes (once, then keeps
in the build directory) a profile of 10,000 demo clients with their cases, plans, contacts,
assessments and the audit log they wrote, and compares what Polku does with it against a
reference measured in the same run on the same machine: these machines are noisy, an absolute
time means little, a ratio holds. One table is printed; each line says what was measured,
Polku's figure, the reference, the ratio and the target. Nothing here fails on a number: a
missed target is marked "MISSED" in the table and the exit status stays 0 (a program that
crashes or cannot run still fails the benchmark).

  1  encryption   the store workload on SQLCipher / the same code on plain SQLite
  2  startup      first frame of the main window, 10,000 clients / an empty database
  3  search       search as you type over 10,000 clients, per keystroke / 16 ms: until the
                  first frame after the change is painted (the new list on screen); the
                  main thread's CPU time until then; the longest the main loop was busy
                  meanwhile (a frame late); until every row, off screen too, shows its client
  4  page         each tab of a client's page, 10,000 clients / 40 clients (same client),
                  opened from its neighbour's row (a click on a row the list shows); and
                  opened from the top of the list, which scrolls the list to it
  5  memory       peak RSS with 10,000 clients / an empty database
  6  audit        verification per 1,000 entries, 10,000 clients / 40 clients; and the
                  longest the window's main loop waited while the Log tab verified
  7  report       the report across every client and its JSON (bench-report run: the
                  in-process polku_report_run () and polku_report_write_json () of `polku-cli
                  report --format json`, warm) / one full scan of the contacts table by the
                  `sqlite3` tool (Debian's package sqlite3) on an unencrypted copy of the same
                  database, made in the same run (bench-report plain: sqlcipher_export ()) in
                  the build directory and removed after it; warm too (a scan first), and
                  taken in turns, one of each per round. The scan reads every column of every
                  row: SELECT count(*), sum(length(COLUMN)), … FROM contact. And a run
                  cancelled while it reads the contacts, timed from the cancel to its return,
                  against a fixed 100 ms
  8  sync         tests/sync/bench-sync.py's lines (issue 12's benchmark): the first pull of
                  10,000 plans by `polku-cli sync` from PouchDB Server on loopback / PouchDB's
                  own replicator, and / one `_all_docs?include_docs=true`; an incremental sync
                  finding 1 changed plan / the first pull (keyring profile; the passphrase
                  profile's as a line of its own). Needs PouchDB Server in tools/pouch/
                  (tools/setup.sh); without it the line is skipped and says so
  -  core         bench-core's lines (scoring, continuity, …) against their fixed targets

Environment: POLKU_BENCH_CLIENTS (10000), POLKU_BENCH_SEED (2026), POLKU_BENCH_SMALL (40),
POLKU_BENCH_STORE_CLIENTS (1000: the size of the encryption workload), POLKU_BENCH_ROUNDS
(3: runs of each window measurement and of the report and its reference; the median is
shown), POLKU_BENCH_ONLY (a comma list of 1,2,3,4,5,6,7,8,core to run only those),
POLKU_BENCH_PLANS (10000: line 8's plans).
"""

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def env_int(name, default):
    value = os.environ.get(name, "")
    return int(value) if value.isdigit() else default


CLIENTS = env_int("POLKU_BENCH_CLIENTS", 10000)
SEED = env_int("POLKU_BENCH_SEED", 2026)
SMALL = env_int("POLKU_BENCH_SMALL", 40)
STORE_CLIENTS = env_int("POLKU_BENCH_STORE_CLIENTS", 1000)
ROUNDS = max(1, env_int("POLKU_BENCH_ROUNDS", 3))
ONLY = set(filter(None, os.environ.get("POLKU_BENCH_ONLY", "").split(",")))

rows = []


def wanted(part):
    return not ONLY or part in ONLY


def log(message):
    print("# " + message, flush=True)


def run(argv, display=False):
    """Runs a benchmark program; returns its figures {name: value} and infos {name: text}."""
    if display:
        argv = [args.with_display] + argv
    started = time.monotonic()
    result = subprocess.run(argv, stdout=subprocess.PIPE, stderr=None, text=True, env=bench_env)
    if result.returncode != 0:
        sys.stdout.write(result.stdout)
        raise SystemExit("benchmark program failed (%d): %s" % (result.returncode, " ".join(argv)))
    figures, infos = {}, {}
    for line in result.stdout.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[0] == "figure":
            figures[parts[1]] = float(parts[2])
        elif len(parts) >= 3 and parts[0] == "info":
            infos[parts[1]] = " ".join(parts[2:])
    shown = argv[1:] if display else argv
    log("%s: %.1f s" % (" ".join(os.path.basename(a) for a in shown[:2]),
                        time.monotonic() - started))
    return figures, infos


def median_of(runs, name):
    return statistics.median(r[name] for r in runs)


def row(part, what, polku, reference, unit, target, note=""):
    """One line of the table: the ratio polku/reference against a target ratio."""
    ratio = polku / reference if reference > 0 else float("inf")
    rows.append((part, what, polku, reference, unit, ratio, target, note))


def print_table():
    print()
    print("%-3s %-44s %11s %11s %-9s %7s %8s  %s" % ("#", "what", "Polku", "reference", "unit",
                                                   "ratio", "target", ""))
    for part, what, polku, reference, unit, ratio, target, note in rows:
        verdict = "ok" if ratio <= target else "MISSED"
        print("%-3s %-44s %11.2f %11.2f %-9s %7.2f %8s  %s%s" % (
            part, what, polku, reference, unit, ratio, "<= %.2f" % target, verdict,
            (" " + note) if note else ""))
    print(flush=True)


def machine():
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return "%d CPUs (nproc), %s, %s, Python %s" % (len(os.sched_getaffinity(0)), model,
                                                   platform.platform(), platform.python_version())


def make_profile(clients, label):
    """The database of @clients demo clients, made once and kept in the build directory."""
    key = subprocess.run([args.bench_store, "cache-key"], stdout=subprocess.PIPE, text=True,
                         check=True).stdout.strip()
    name = "%s-seed%d-clients%d" % (key, SEED, clients)
    cache = os.path.join(args.build_dir, "profiles")
    folder = os.path.join(cache, name)
    done = os.path.join(folder, "complete")
    os.makedirs(cache, exist_ok=True)
    # Profiles of another demo version, schema or seed are stale: they take gigabytes.
    for other in os.listdir(cache):
        if other.endswith("-clients%d" % clients) and other != name:
            shutil.rmtree(os.path.join(cache, other), ignore_errors=True)
    if os.path.exists(done):
        log("%s: the cached profile %s" % (label, name))
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    partial = folder + ".partial"
    shutil.rmtree(partial, ignore_errors=True)
    log("%s: making %d demo clients (seed %d), kept for the next run as %s"
        % (label, clients, SEED, name))
    started = time.monotonic()
    subprocess.run([args.bench_store, "make", partial, str(clients), str(SEED)], check=True,
                   env=bench_env)
    elapsed = time.monotonic() - started
    os.rename(partial, folder)
    with open(done, "w") as marker:
        marker.write("%.1f s\n" % elapsed)
    log("%s: made in %.1f s" % (label, elapsed))
    return folder


def describe(folder, label):
    _, infos = run([args.bench_store, "info", folder])
    log("%s: %s" % (label, ", ".join("%s %s" % (k, v) for k, v in infos.items())))
    return infos


def bench_encryption():
    if not args.bench_store_plain:
        log("1: no plain SQLite (pkg-config sqlite3) to compare with; skipped")
        return
    cipher, _ = run([args.bench_store, "workload", str(STORE_CLIENTS), str(SEED)])
    plain, _ = run([args.bench_store_plain, "workload", str(STORE_CLIENTS), str(SEED)])
    steps = [("build", "demo data (%d clients)" % STORE_CLIENTS, "ms/client"),
             ("open", "open", "ms"), ("list", "list clients", "ms"),
             ("search", "search the list", "ms/query"),
             ("page", "a client's page (all tabs' reads)", "ms/page"),
             ("plan-save", "a plan save", "ms/save"),
             ("verify", "audit verify", "ms/1000")]
    for name, what, unit in steps:
        row("1", "encryption: " + what, cipher[name], plain[name], unit, 1.25)


def bench_audit(county, small):
    big, infos = run([args.bench_store, "verify", county])
    little, _ = run([args.bench_store, "verify", small])
    row("6", "audit verify per 1000 entries (%s entries)" % infos.get("audit_entries", "?"),
        big["verify"], little["verify"], "ms/1000", 1.2, "ref: %d clients" % SMALL)
    window = [run([args.bench_window, "verify", county], display=True)[0]
              for _ in range(ROUNDS)]
    row("6", "audit verify in the Log tab: longest UI wait", median_of(window, "verify-stall"),
        16.0, "ms", 1.0, "ref: one frame; whole check %.1f s"
        % (median_of(window, "verify-window") / 1000))


def bench_startup(county, empty):
    big, little = [], []
    # A warm-up of each: the file cache, and an integrity check that may be due.
    run([args.bench_window, "startup", county], display=True)
    run([args.bench_window, "startup", empty], display=True)
    for _ in range(ROUNDS):
        big.append(run([args.bench_window, "startup", county], display=True)[0])
        little.append(run([args.bench_window, "startup", empty], display=True)[0])
    if wanted("2"):
        row("2", "startup to the first frame (%d clients)" % CLIENTS,
            median_of(big, "first-frame"), median_of(little, "first-frame"), "ms", 1.2,
            "ref: empty database")
        row("2", "startup until the list is loaded", median_of(big, "list-loaded"),
            median_of(little, "list-loaded"), "ms", 1.2 * 2, "ref: empty (not a target of #14)")
    if wanted("5"):
        row("5", "peak RSS, list loaded (%d clients)" % CLIENTS, median_of(big, "peak-rss"),
            median_of(little, "peak-rss"), "MiB", 1.3, "ref: empty database")


def bench_search(county):
    runs = [run([args.bench_window, "search", county], display=True)[0] for _ in range(ROUNDS)]
    for name, what in (("search-shown-mean", "mean"), ("search-shown-p95", "95th percentile"),
                       ("search-shown-max", "slowest keystroke")):
        row("3", "search, to the frame: %s" % what, median_of(runs, name), 16.0, "ms", 1.0,
            "ref: one frame")
    for name, what in (("search-shown-cpu-mean", "mean"),
                       ("search-shown-cpu-p95", "95th percentile"),
                       ("search-shown-cpu-max", "slowest keystroke")):
        row("3", "search, CPU until the frame: %s" % what, median_of(runs, name), 16.0, "ms",
            1.0, "ref: one frame; main thread's CPU")
    for name, what in (("search-wait-p95", "95th percentile"),
                       ("search-wait-max", "slowest")):
        row("3", "search, longest busy wait: %s" % what, median_of(runs, name), 16.0, "ms",
            1.0, "ref: one frame")
    row("3", "search, every row updated: mean", median_of(runs, "search-mean"), 16.0, "ms",
        1.0, "ref: one frame; off-screen rows too")


def bench_page(county, small):
    small_runs, big_runs = [], []
    hetu = None
    for _ in range(ROUNDS):
        figures, infos = run([args.bench_window, "page", small] + ([hetu] if hetu else []),
                             display=True)
        hetu = infos["hetu"]
        small_runs.append(figures)
        big_runs.append(run([args.bench_window, "page", county, hetu], display=True)[0])
    for tab in ("overview", "plan", "measures", "contacts", "log"):
        name = "page-" + tab
        row("4", "client's page, %s tab" % tab, median_of(big_runs, name),
            median_of(small_runs, name), "ms", 1.2, "ref: same client, %d clients" % SMALL)
    row("4", "client's page, from the list's top (scrolls)", median_of(big_runs, "page-far"),
        median_of(small_runs, "page-far"), "ms", 1.2, "ref: same client, %d clients" % SMALL)


def bench_report(county, infos):
    sqlite3_tool = shutil.which("sqlite3")
    if sqlite3_tool is None:
        log("7: no sqlite3 tool (Debian's package sqlite3, in tools/setup.sh) to compare "
            "with; skipped")
        return
    with tempfile.TemporaryDirectory(prefix="report-plain-", dir=args.build_dir) as scratch:
        plain = os.path.join(scratch, "plain.db")
        run([args.bench_report, "plain", county, plain])
        columns = subprocess.run([sqlite3_tool, plain,
                                  "SELECT name FROM pragma_table_info('contact');"],
                                 stdout=subprocess.PIPE, text=True, check=True).stdout.split()
        if not columns:
            raise SystemExit("the plain copy has no contact table")
        scan = [sqlite3_tool, plain, "SELECT count(*), %s FROM contact;"
                % ", ".join("sum(length(%s))" % c for c in columns)]
        # Taken in turns, so that both see the same load of a shared machine: a warm-up scan
        # (the file cache), then per round one timed scan and one report process (its own
        # warm-up run, then the timed one).
        subprocess.run(scan, stdout=subprocess.DEVNULL, check=True)
        times, runs = [], []
        for _ in range(ROUNDS):
            started = time.monotonic()
            subprocess.run(scan, stdout=subprocess.DEVNULL, check=True)
            times.append((time.monotonic() - started) * 1000)
            runs.append(run([args.bench_report, "run", county, "1"])[0])
        log("7: sqlite3 scans of %s contacts: %s ms; reports: %s ms"
            % (infos.get("contact", "?"), ", ".join("%.0f" % t for t in times),
               ", ".join("%.0f" % r["report"] for r in runs)))
    row("7", "report, %d clients, %s contacts" % (CLIENTS, infos.get("contact", "?")),
        median_of(runs, "report"), statistics.median(times), "ms", 3.0,
        "ref: sqlite3 full scan of contact, plain copy")
    row("7", "report cancelled mid-read, until it returns", median_of(runs, "cancel"), 100.0,
        "ms", 1.0, "ref: fixed target")


def bench_sync():
    """Line 8: bench-sync.py, run as `meson test --benchmark sync` runs it, its lines taken
    into this table (seconds shown as ms)."""
    source_root = os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(args.bench_sync))))
    pouch = os.path.join(source_root, "tools", "pouch", "node_modules", "pouchdb-server")
    if not os.path.isdir(pouch) or shutil.which("node") is None:
        log("8: no PouchDB Server in tools/pouch/ (or no node): run tools/setup.sh; skipped")
        return
    env = dict(bench_env, POLKU_BENCH_ROWS="1")
    started = time.monotonic()
    result = subprocess.run([sys.executable, args.bench_sync, args.polku_cli],
                            stdout=subprocess.PIPE, text=True, env=env)
    for line in result.stdout.splitlines():
        if line.startswith("# "):
            log("8: " + line[2:])
    if result.returncode != 0:
        sys.stdout.write(result.stdout)
        raise SystemExit("benchmark program failed (%d): bench-sync.py" % result.returncode)
    log("bench-sync.py: %.1f s" % (time.monotonic() - started))
    for line in result.stdout.splitlines():
        parts = line.split("\t")
        if len(parts) != 6 or parts[0] != "row":
            continue
        what, polku, reference, unit, target = parts[1], float(parts[2]), float(parts[3]), \
            parts[4], float(parts[5])
        if unit == "s":
            polku, reference, unit = polku * 1000, reference * 1000, "ms"
        row("8", "sync: " + what, polku, reference, unit, target)


def bench_core():
    result = subprocess.run([args.bench_core], stdout=subprocess.PIPE, text=True, env=bench_env,
                            check=True)
    for line in result.stdout.splitlines():
        if line.startswith("#") or " target " not in line:
            continue
        what, rest = line[:32].strip(), line[32:].split()
        # "<measured> <unit> target <target> <unit> ratio <ratio>"
        measured, unit, target = float(rest[0]), rest[1], float(rest[3])
        row("-", "core: " + what, measured, target, unit, 1.0, "ref: fixed target")


parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--build-dir", required=True)
parser.add_argument("--bench-core", required=True)
parser.add_argument("--bench-store", required=True)
parser.add_argument("--bench-report", required=True)
parser.add_argument("--bench-store-plain", default="")
parser.add_argument("--bench-window", required=True)
parser.add_argument("--with-display", required=True)
parser.add_argument("--bench-sync", required=True)
parser.add_argument("--polku-cli", required=True)
args = parser.parse_args()

bench_env = dict(os.environ)
# The tests' malloc checking slows every allocation; a benchmark measures the real thing.
bench_env.pop("MALLOC_CHECK_", None)
bench_env["GSK_RENDERER"] = "cairo"

log("machine: " + machine())
log("started %s" % time.strftime("%Y-%m-%d %H:%M:%S"))

if wanted("1"):
    bench_encryption()

need_county = ONLY == set() or ONLY & {"2", "3", "4", "5", "6", "7"}
if need_county:
    county = make_profile(CLIENTS, "county")
    small = make_profile(SMALL, "small")
    county_infos = describe(county, "county")
    with tempfile.TemporaryDirectory(prefix="polku-bench-empty-") as scratch:
        empty = os.path.join(scratch, "profile")
        subprocess.run([args.bench_store, "make", empty, "0", str(SEED)], check=True,
                       env=bench_env)
        # Verification first: it also runs the integrity check that an open runs once a day,
        # which would otherwise land in the first startup measured.
        if wanted("6"):
            bench_audit(county, small)
        if wanted("2") or wanted("5"):
            bench_startup(county, empty)
        if wanted("3"):
            bench_search(county)
        if wanted("4"):
            bench_page(county, small)
    if wanted("7"):
        bench_report(county, county_infos)

if wanted("8"):
    bench_sync()

if wanted("core"):
    bench_core()

print_table()
log("finished %s" % time.strftime("%Y-%m-%d %H:%M:%S"))
