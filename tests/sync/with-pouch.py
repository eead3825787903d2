#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run a command with a real PouchDB Server (and fault proxies) around it.

    tests/sync/with-pouch.py [--in-memory] [--proxies] -- COMMAND [ARG…]

Starts a PouchServer (pouchserver.py) on a free loopback port, runs COMMAND with these in its
environment, and stops the server by its PID afterwards whatever happens (exit, exception,
SIGTERM/SIGINT from meson's timeout):

    POLKU_TEST_COUCH_URL        http://127.0.0.1:PORT
    POLKU_TEST_COUCH_ADMIN      the server admin's name
    POLKU_TEST_COUCH_PASSWORD   the server admin's password (a throwaway test password)
    POLKU_TEST_POUCH_DIR        tools/pouch (the installed server)
    POLKU_TEST_SYNC_DIR         tests/sync (to import pouchserver / faultproxy)
    POLKU_TEST_CONTROL_URL      plain-HTTP control endpoint (faultproxy.ControlServer):
                                POST /server/stop|kill|restart, PUT /proxy/NAME/mode

With --proxies also two FaultProxy instances in front of the server, controlled through
POLKU_TEST_CONTROL_URL as "plain" and "tls":

    POLKU_TEST_PROXY_URL        http://127.0.0.1:PORT
    POLKU_TEST_TLS_PROXY_URL    https://127.0.0.1:PORT (self-signed certificate)
    POLKU_TEST_TLS_FINGERPRINT  its SHA-256 ("AB:CD:…")

The exit status is COMMAND's; 1 with a message naming tools/setup.sh when node or PouchDB
Server is missing (a test must fail, not skip).
"""

import argparse
import os
import signal
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from faultproxy import ControlServer, FaultProxy  # noqa: E402
from pouchserver import POUCH_DIR, PouchServer, PouchServerError  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--in-memory", action="store_true",
                        help="run the server --in-memory (nothing survives a restart)")
    parser.add_argument("--proxies", action="store_true",
                        help="also start a plain and a TLS fault proxy")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command
    if command and command[0] == "--":
        command = command[1:]
    if not command:
        parser.error("no command given")

    server = PouchServer(persistent=not args.in_memory)
    proxies = {}
    control = None
    child = None

    def on_signal(signum, _frame):
        if child is not None and child.poll() is None:
            child.send_signal(signum)
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        try:
            server.start()
        except PouchServerError as e:
            print("with-pouch: %s" % e, file=sys.stderr)
            return 1
        env = dict(os.environ)
        env.update({
            "POLKU_TEST_COUCH_URL": server.url,
            "POLKU_TEST_COUCH_ADMIN": server.admin,
            "POLKU_TEST_COUCH_PASSWORD": server.password,
            "POLKU_TEST_POUCH_DIR": POUCH_DIR,
            "POLKU_TEST_SYNC_DIR": os.path.dirname(os.path.abspath(__file__)),
        })
        if args.proxies:
            proxies["plain"] = FaultProxy(server.port).start()
            proxies["tls"] = FaultProxy(server.port, tls_cert=True).start()
            env["POLKU_TEST_PROXY_URL"] = proxies["plain"].url
            env["POLKU_TEST_TLS_PROXY_URL"] = proxies["tls"].url
            env["POLKU_TEST_TLS_FINGERPRINT"] = proxies["tls"].fingerprint
        control = ControlServer(proxies, server).start()
        env["POLKU_TEST_CONTROL_URL"] = control.url
        child = subprocess.Popen(command, env=env)
        return child.wait()
    finally:
        if child is not None and child.poll() is None:
            child.kill()
            child.wait()
        if control is not None:
            control.stop()
        for proxy in proxies.values():
            proxy.stop()
        server.cleanup()


if __name__ == "__main__":
    sys.exit(main())
