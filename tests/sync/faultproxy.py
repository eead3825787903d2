# SPDX-License-Identifier: GPL-3.0-or-later
"""An HTTP(S) proxy in front of a real server that breaks answers on purpose (sync tests).

Standard library only (plus the `openssl` command for TLS certificates). It listens on a
free loopback port in its own threads, forwards each request to 127.0.0.1:target_port (the
real PouchDB Server) and answers according to its current mode, settable at any time:

    from faultproxy import FaultProxy, make_self_signed_cert
    with FaultProxy(srv.port) as proxy:            # or tls_cert=True for HTTPS
        proxy.url                                  # "http://127.0.0.1:PORT"
        proxy.set_mode("cut", bytes=100)           # every request from now on
        proxy.set_mode("status", code=503, every=3)  # every 3rd request only
        proxy.set_mode("pass")
        proxy.requests, proxy.faults               # counters

FaultProxy(target_port, tls_cert=None, target_host="127.0.0.1")
  tls_cert   None: plain HTTP. True: a new self-signed certificate for 127.0.0.1/localhost
             (make_self_signed_cert in a temporary directory). A (cert_path, key_path) pair:
             that certificate. .fingerprint is the certificate's SHA-256 ("AB:CD:…", of the
             DER) and .cert_path its PEM; both None without TLS.
  start()/stop(), context manager; .port, .url.
  set_mode(mode, every=1, **params)   resets the request count the `every` refers to.
    pass                       forward as is
    cut       bytes=N (200)    forward, send only the first N bytes of the whole answer
                               (status line and headers included), then close
    truncate  keep=N (half)    the real status and headers and a full Content-Length, but
                               only the first N bytes of the body, then close
    garbage                    200 with a malformed JSON body (correct Content-Length)
    huge      size=N (1 GiB)   200, Content-Length N, a JSON body that never ends
              length=true      ({"results":[{"id":"…"},… streamed until N bytes or the
                               client closes; not forwarded). length=false: no
                               Content-Length, the body ends when the connection closes.
    slow      delay=S (5.0)    wait S seconds, then forward (the client's timeout fires)
    status    code=C (503)     answer C with a CouchDB-style JSON error, not forwarded
  every=K: only every Kth request gets the fault (the 1st..K-1th pass, the Kth breaks, …).
  Requests not faulted are forwarded whole; keep-alive is kept with the client.

ControlServer(proxies={"name": FaultProxy, …}, server=PouchServer or None)
  A plain-HTTP loopback endpoint so that a test in another language (test-couch.c) can
  change modes and crash the server: .url, start()/stop().
    PUT  /proxy/NAME/mode   body {"mode": "cut", "bytes": 100, "every": 1}   -> 200 {"ok":true}
    GET  /proxy/NAME        -> {"mode", "params", "every", "requests", "faults"}
    POST /server/stop | /server/kill | /server/restart                     -> 200 {"ok":true}
"""

import http.client
import http.server
import json
import os
import shutil
import socket
import ssl
import subprocess
import tempfile
import threading
import time

MODES = ("pass", "cut", "truncate", "garbage", "huge", "slow", "status")
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length",
              "proxy-connection", "te", "trailer", "upgrade"}


def make_self_signed_cert(directory, cn="127.0.0.1"):
    """A self-signed certificate for 127.0.0.1 and localhost with `openssl req -x509`.

    Returns (cert_path, key_path, fingerprint "AB:CD:…" = SHA-256 of the DER)."""
    cert = os.path.join(directory, "cert.pem")
    key = os.path.join(directory, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                    "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=" + cn,
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return cert, key, cert_fingerprint(cert)


def cert_fingerprint(cert_path):
    """SHA-256 of a PEM certificate's DER, as "AB:CD:…"."""
    import hashlib
    with open(cert_path, "r", encoding="ascii") as f:
        der = ssl.PEM_cert_to_DER_cert(f.read())
    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i:i + 2] for i in range(0, len(digest), 2))


class _ClientClosed(Exception):
    pass


class FaultProxy:
    """See the module docstring."""

    def __init__(self, target_port, tls_cert=None, target_host="127.0.0.1"):
        self.target_host = target_host
        self.target_port = target_port
        self.port = None
        self.url = None
        self.fingerprint = None
        self.cert_path = None
        self.requests = 0
        self.faults = 0
        self._lock = threading.Lock()
        self._mode = "pass"
        self._params = {}
        self._every = 1
        self._count = 0
        self._sock = None
        self._thread = None
        self._stopping = False
        self._tmpdir = None
        self._ssl = None
        self._conns = set()
        if tls_cert is True:
            self._tmpdir = tempfile.mkdtemp(prefix="polku-proxy-tls-")
            cert, key, self.fingerprint = make_self_signed_cert(self._tmpdir)
        elif tls_cert:
            cert, key = tls_cert
            self.fingerprint = cert_fingerprint(cert)
        else:
            cert = key = None
        if cert is not None:
            self.cert_path = cert
            self._ssl = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            self._ssl.load_cert_chain(cert, key)

    # -- modes --------------------------------------------------------------------------

    def set_mode(self, mode, every=1, **params):
        if mode not in MODES:
            raise ValueError("unknown mode %r (one of %s)" % (mode, ", ".join(MODES)))
        every = int(every)
        if every < 1:
            raise ValueError("every must be at least 1")
        with self._lock:
            self._mode = mode
            self._params = dict(params)
            self._every = every
            self._count = 0

    def state(self):
        with self._lock:
            return {"mode": self._mode, "params": dict(self._params), "every": self._every,
                    "requests": self.requests, "faults": self.faults}

    def _next_action(self):
        with self._lock:
            self.requests += 1
            if self._mode == "pass":
                return "pass", {}
            self._count += 1
            if self._count % self._every != 0:
                return "pass", {}
            self.faults += 1
            return self._mode, dict(self._params)

    # -- lifetime -----------------------------------------------------------------------

    def start(self):
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self.port = self._sock.getsockname()[1]
        self.url = "%s://127.0.0.1:%d" % ("https" if self._ssl else "http", self.port)
        self._stopping = False
        self._thread = threading.Thread(target=self._accept_loop, name="faultproxy",
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self):
        self._stopping = True
        if self._sock is not None:
            try:
                self._sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self._sock.close()
            self._sock = None
        for conn in list(self._conns):
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        if self._tmpdir is not None:
            shutil.rmtree(self._tmpdir, ignore_errors=True)
            self._tmpdir = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        return False

    def _accept_loop(self):
        while not self._stopping:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    # -- one client connection ----------------------------------------------------------

    def _serve(self, raw):
        conn = raw
        self._conns.add(raw)
        try:
            if self._ssl is not None:
                raw.settimeout(10)
                try:
                    conn = self._ssl.wrap_socket(raw, server_side=True)
                except (ssl.SSLError, OSError):
                    return  # the client refused our certificate: that is a test's point
                conn.settimeout(None)
            rfile = conn.makefile("rb")
            while not self._stopping:
                req = self._read_request(rfile)
                if req is None:
                    return
                if not self._handle(conn, req):
                    return
        except (_ClientClosed, OSError, ssl.SSLError):
            pass
        finally:
            self._conns.discard(raw)
            try:
                conn.close()
            except OSError:
                pass

    @staticmethod
    def _read_request(rfile):
        first = rfile.peek(1)[:1]
        if not first or not first.isalpha():
            return None   # not HTTP (a TLS ClientHello to the plain proxy): close at once
        line = rfile.readline(65537)
        if not line:
            return None
        parts = line.decode("latin-1").rstrip("\r\n").split(" ")
        if len(parts) != 3:
            return None
        method, target, _version = parts
        headers = []
        while True:
            h = rfile.readline(65537)
            if not h or h in (b"\r\n", b"\n"):
                break
            name, _, value = h.decode("latin-1").partition(":")
            headers.append((name.strip(), value.strip()))
        lower = {k.lower(): v for k, v in headers}
        body = b""
        if "content-length" in lower:
            body = rfile.read(int(lower["content-length"]))
        elif lower.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                chunks.append(rfile.read(size))
                rfile.readline()
            body = b"".join(chunks)
        close = lower.get("connection", "").lower() == "close"
        return method, target, headers, body, close

    def _forward(self, method, target, headers, body):
        upstream = http.client.HTTPConnection(self.target_host, self.target_port, timeout=60)
        try:
            fwd = {}
            for k, v in headers:
                if k.lower() in HOP_BY_HOP or k.lower() == "host":
                    continue
                fwd[k] = v
            fwd["Host"] = "%s:%d" % (self.target_host, self.target_port)
            fwd["Connection"] = "close"
            upstream.request(method, target, body=body if body else None, headers=fwd)
            resp = upstream.getresponse()
            data = resp.read()
            out = [(k, v) for k, v in resp.getheaders() if k.lower() not in HOP_BY_HOP]
            return resp.status, resp.reason, out, data
        finally:
            upstream.close()

    @staticmethod
    def _head(status, reason, headers, length, close):
        lines = ["HTTP/1.1 %d %s" % (status, reason)]
        lines += ["%s: %s" % (k, v) for k, v in headers]
        lines.append("Content-Length: %d" % length)
        lines.append("Connection: %s" % ("close" if close else "keep-alive"))
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    def _send(self, conn, data):
        try:
            conn.sendall(data)
        except OSError as e:
            raise _ClientClosed() from e

    def _handle(self, conn, req):
        """Answer one request; False when the connection is to be closed."""
        method, target, headers, body, close = req
        action, params = self._next_action()
        if action == "status":
            code = int(params.get("code", 503))
            payload = json.dumps({"error": "fault_proxy",
                                  "reason": "status %d from the fault proxy" % code}).encode()
            self._send(conn, self._head(code, "Fault", [("Content-Type", "application/json")],
                                        len(payload), close) + payload)
            return not close
        if action == "garbage":
            payload = b'{"results": [{"id": "plan-1", "changes": [{"rev": "1-ab'
            payload += b'\x00\xff}}, not json at all ]'
            self._send(conn, self._head(200, "OK", [("Content-Type", "application/json")],
                                        len(payload), close) + payload)
            return not close
        if action == "huge":
            self._huge(conn, int(params.get("size", 1 << 30)),
                       bool(params.get("length", True)))
            return False
        if action == "slow":
            time.sleep(float(params.get("delay", 5.0)))
        status, reason, out, data = self._forward(method, target, headers, body)
        if action == "cut":
            whole = self._head(status, reason, out, len(data), True) + data
            self._send(conn, whole[:int(params.get("bytes", 200))])
            return False
        if action == "truncate":
            keep = int(params.get("keep", len(data) // 2))
            self._send(conn, self._head(status, reason, out, len(data), True) + data[:keep])
            return False
        self._send(conn, self._head(status, reason, out, len(data), close) + data)
        return not close

    def _huge(self, conn, size, length):
        head = self._head(200, "OK", [("Content-Type", "application/json")], size, True)
        if not length:
            head = head.replace(b"Content-Length: %d\r\n" % size, b"")
        self._send(conn, head)
        sent = 0
        first = b'{"results":['
        self._send(conn, first)
        sent += len(first)
        item = b'{"id":"plan-00000000-0000-4000-8000-000000000000","seq":1,"changes":[]},' * 256
        while sent < size and not self._stopping:
            chunk = item[:size - sent]
            self._send(conn, chunk)
            sent += len(chunk)


class _ControlHandler(http.server.BaseHTTPRequestHandler):
    server_version = "polku-faultproxy-control"

    def log_message(self, *args):
        pass

    def _answer(self, status, obj):
        payload = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _route(self, method):
        control = self.server.control
        parts = [p for p in self.path.split("?")[0].split("/") if p]
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        try:
            if len(parts) >= 2 and parts[0] == "proxy" and parts[1] in control.proxies:
                proxy = control.proxies[parts[1]]
                if method == "GET" and len(parts) == 2:
                    return self._answer(200, proxy.state())
                if method in ("PUT", "POST") and parts[2:] == ["mode"]:
                    args = json.loads(body.decode() or "{}")
                    mode = args.pop("mode", "pass")
                    every = args.pop("every", 1)
                    proxy.set_mode(mode, every=every, **args)
                    return self._answer(200, {"ok": True})
            if len(parts) == 2 and parts[0] == "server" and method == "POST" \
                    and control.server is not None:
                if parts[1] == "stop":
                    control.server.stop()
                elif parts[1] == "kill":
                    control.server.kill()
                elif parts[1] == "restart":
                    control.server.restart()
                else:
                    return self._answer(404, {"error": "not_found"})
                return self._answer(200, {"ok": True})
            return self._answer(404, {"error": "not_found"})
        except (ValueError, TypeError, RuntimeError) as e:
            return self._answer(400, {"error": "bad_request", "reason": str(e)})

    def do_GET(self):
        self._route("GET")

    def do_PUT(self):
        self._route("PUT")

    def do_POST(self):
        self._route("POST")


class ControlServer:
    """See the module docstring."""

    def __init__(self, proxies=None, server=None):
        self.proxies = dict(proxies or {})
        self.server = server
        self.url = None
        self._httpd = None
        self._thread = None

    def start(self):
        self._httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _ControlHandler)
        self._httpd.control = self
        self.url = "http://127.0.0.1:%d" % self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self):
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        return False
