# SPDX-License-Identifier: GPL-3.0-or-later
"""A real PouchDB Server (npm pouchdb-server 4.2.0) for Polku's sync tests.

Standard library only. The server comes from tools/pouch/ (tools/setup.sh installs it with
`npm ci --ignore-scripts`); when node or the module is missing, start() raises
PouchServerMissing whose message says to run tools/setup.sh: tests must fail, not skip.

    from pouchserver import PouchServer
    with PouchServer() as srv:                 # start() ... stop()
        srv.url, srv.port, srv.pid, srv.admin, srv.password, srv.data_dir
        status, answer = srv.request("GET", "/")          # answer: parsed JSON or None
        srv.create_db("polku-x", member_roles=("polku-x",), member_names=("alice",))
        srv.create_user("alice", "pw", roles=("polku-x",))
        srv.kill(); srv.restart()              # crash and come back with the same data

PouchServer(admin="admin", password="s3cret", persistent=True, port=None)
  start()    a free loopback port (bound to port 0 in Python, then closed and handed to the
             server: pouchdb-server's own --port 0 falls back to 5984), its own temporary
             directory holding config.json (the admin; the log level) and server.log; waits
             until GET / answers (20 s at most). Sets .url ("http://127.0.0.1:PORT"), .port,
             .pid. Raises PouchServerError when the server does not come up (the log's tail
             in the message).
  stop()     SIGTERM by PID, waits, SIGKILL after 5 s; the data directory stays (restart()
             can follow). Idempotent.
  kill()     SIGKILL by PID (crash tests); the data directory stays.
  restart()  start again on the same port and the same data directory (after stop() or
             kill(); when still running it is stopped first).
  cleanup()  stop() and remove the temporary directory; the context manager's exit and the
             interpreter's exit (atexit) call it.
  request(method, path, body=None, auth=(admin, password), headers=None, timeout=30)
             -> (status, parsed JSON or None). body: a dict/list is sent as JSON, bytes/str
             as is. auth=None sends no Authorization header. Connection errors raise OSError.
  create_db(name, member_roles=(), member_names=())   as admin: PUT /name, then _security.
  create_user(name, password, roles=())               as admin: PUT /_users/org.couchdb.user:name
  log_tail(n=40)                                      the last lines of server.log

persistent: the default LevelDB backend (leveldown 5.6 ships prebuilt N-API binaries for
linux-x64/arm/arm64 inside its npm tarball, so it loads although `npm ci --ignore-scripts`
does not run its install script). persistent=True keeps the databases in the data directory
and they survive kill() + restart(). persistent=False runs --in-memory (nothing survives a
restart). Checked in tests/sync/test-couch.c ("restart" keeps a document).

Never start databases as a non-admin on this server: once an admin exists, a non-admin
`PUT /newdb` crashes pouchdb-server 4.2.0 (upstream pouchdb/pouchdb-server#374).
"""

import atexit
import base64
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.parse

SOURCE_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
POUCH_DIR = os.path.join(SOURCE_ROOT, "tools", "pouch")
SERVER_JS = os.path.join(POUCH_DIR, "node_modules", "pouchdb-server", "bin", "pouchdb-server")


class PouchServerError(RuntimeError):
    """The server did not start or did not answer."""


class PouchServerMissing(PouchServerError):
    """node or tools/pouch/node_modules is missing: run tools/setup.sh."""


def free_port():
    """A free loopback TCP port (bound to port 0, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def find_node():
    """The node executable, or raise PouchServerMissing."""
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        raise PouchServerMissing(
            "node (Debian package nodejs) is not installed: run tools/setup.sh, which installs "
            "nodejs and npm and then PouchDB Server into tools/pouch/")
    if not os.path.exists(SERVER_JS):
        raise PouchServerMissing(
            "PouchDB Server is not installed in %s: run tools/setup.sh (it runs "
            "`npm ci --ignore-scripts` there)" % POUCH_DIR)
    return node


class PouchServer:
    """One pouchdb-server process on a free loopback port; see the module docstring."""

    def __init__(self, admin="admin", password="s3cret", persistent=True, port=None):
        self.admin = admin
        self.password = password
        self.persistent = persistent
        self.port = port
        self.url = None
        self.pid = None
        self.data_dir = None
        self._proc = None
        self._log = None
        self._atexit = False

    # -- lifetime -----------------------------------------------------------------------

    def start(self):
        node = find_node()
        if self._proc is not None:
            raise PouchServerError("PouchDB Server is already running (PID %d)" % self.pid)
        if self.data_dir is None:
            self.data_dir = tempfile.mkdtemp(prefix="polku-pouch-")
            if not self._atexit:
                atexit.register(self.cleanup)
                self._atexit = True
        if self.port is None:
            self.port = free_port()
        # pouchdb-server rewrites config.json (hashing the admin's password): write it anew
        # each time so that a restart has the admin whatever it left there.
        with open(os.path.join(self.data_dir, "config.json"), "w", encoding="utf-8") as f:
            json.dump({"admins": {self.admin: self.password},
                       "log": {"level": "warning"}}, f)
        args = [node, SERVER_JS, "--port", str(self.port), "--host", "127.0.0.1",
                "-c", "./config.json", "--no-color"]
        if self.persistent:
            os.makedirs(os.path.join(self.data_dir, "db"), exist_ok=True)
            args += ["--dir", "./db/"]
        else:
            args += ["--in-memory"]
        self._log = open(os.path.join(self.data_dir, "server.log"), "ab")
        self._proc = subprocess.Popen(args, cwd=self.data_dir, stdin=subprocess.DEVNULL,
                                      stdout=self._log, stderr=subprocess.STDOUT,
                                      start_new_session=True)
        self.pid = self._proc.pid
        self.url = "http://127.0.0.1:%d" % self.port
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                break
            try:
                status, _ = self.request("GET", "/", auth=None, timeout=2)
                if status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.1)
        tail = self.log_tail()
        self._reap(kill=True)
        raise PouchServerError("PouchDB Server did not start on port %d:\n%s" % (self.port, tail))

    def _reap(self, kill=False):
        proc = self._proc
        if proc is None:
            return
        if proc.poll() is None:
            try:
                os.kill(proc.pid, signal.SIGKILL if kill else signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                try:
                    os.kill(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait()
        self._proc = None
        self.pid = None
        if self._log is not None:
            self._log.close()
            self._log = None

    def stop(self):
        """SIGTERM, wait, SIGKILL after 5 s; the data directory stays for restart()."""
        self._reap(kill=False)

    def cleanup(self):
        """stop() and remove the data directory."""
        self._reap(kill=False)
        if self.data_dir is not None:
            shutil.rmtree(self.data_dir, ignore_errors=True)
            self.data_dir = None

    def kill(self):
        """SIGKILL now (a crash); the data directory stays for restart()."""
        self._reap(kill=True)

    def restart(self):
        """Start again on the same port with the same data directory."""
        self._reap(kill=False)
        return self.start()

    def running(self):
        return self._proc is not None and self._proc.poll() is None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.cleanup()
        return False

    def log_tail(self, n=40):
        if self.data_dir is None:
            return ""
        try:
            with open(os.path.join(self.data_dir, "server.log"), "rb") as f:
                lines = f.read().decode("utf-8", "replace").splitlines()
            return "\n".join(lines[-n:])
        except OSError:
            return ""

    # -- HTTP ---------------------------------------------------------------------------

    def request(self, method, path, body=None, auth=(), headers=None, timeout=30):
        """(status, parsed JSON or None). auth=() means the admin; None means anonymous."""
        if auth == ():
            auth = (self.admin, self.password)
        if not path.startswith("/"):
            path = "/" + path
        hdrs = {"Accept": "application/json"}
        if auth is not None:
            token = base64.b64encode(("%s:%s" % auth).encode("utf-8")).decode("ascii")
            hdrs["Authorization"] = "Basic " + token
        data = None
        if body is not None:
            if isinstance(body, (bytes, bytearray)):
                data = bytes(body)
            elif isinstance(body, str):
                data = body.encode("utf-8")
            else:
                data = json.dumps(body).encode("utf-8")
            hdrs["Content-Type"] = "application/json"
        if headers:
            hdrs.update(headers)
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=data, headers=hdrs)
            resp = conn.getresponse()
            raw = resp.read()
            try:
                parsed = json.loads(raw.decode("utf-8")) if raw.strip() else None
            except ValueError:
                parsed = None
            return resp.status, parsed
        finally:
            conn.close()

    def _check(self, what, status, answer, ok=(200, 201, 202)):
        if status not in ok:
            raise PouchServerError("%s: HTTP %d %r" % (what, status, answer))

    def create_db(self, name, member_roles=(), member_names=()):
        q = "/" + urllib.parse.quote(name, safe="")
        status, answer = self.request("PUT", q)
        self._check("PUT %s" % name, status, answer)
        security = {"admins": {"names": [], "roles": []},
                    "members": {"names": list(member_names), "roles": list(member_roles)}}
        status, answer = self.request("PUT", q + "/_security", security)
        self._check("PUT %s/_security" % name, status, answer)

    def create_user(self, name, password, roles=()):
        doc_id = urllib.parse.quote("org.couchdb.user:" + name, safe="")
        status, answer = self.request("PUT", "/_users/" + doc_id,
                                      {"_id": "org.couchdb.user:" + name, "name": name,
                                       "password": password, "roles": list(roles),
                                       "type": "user"})
        self._check("create user %s" % name, status, answer)


if __name__ == "__main__":
    # A quick check: start, write, kill, restart, read.
    with PouchServer() as srv:
        srv.create_db("polku-check", member_roles=("polku-check",))
        print("up:", srv.url, "pid", srv.pid)
        print(srv.request("PUT", "/polku-check/doc1", {"a": 1}))
        srv.kill()
        srv.restart()
        print("after restart:", srv.request("GET", "/polku-check/doc1"))
