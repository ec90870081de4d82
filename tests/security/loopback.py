"""The production layout on the loopback (issue 28, finding 13): gunicorn started with
deploy/gunicorn.conf.py, nginx in front with deploy/nginx/tilts.conf's upstream and limit zone
and deploy/nginx/tilts-proxy.conf as committed; and the slow-client probe of the issue.

Used by tests/security/test_slow_clients.py and bench/slow_clients.py. Every address is
127.0.0.1; every wait is bounded. nginx serves plain HTTP here: TLS termination is the one part
of tilts.conf that is not run (its HTTPS server block only includes tilts-proxy.conf); the
whole file is checked with `nginx -t` and a throw-away certificate (check_site_configuration).
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
LOOPBACK = "127.0.0.1"
SIGN_IN = "/account/login/"

NGINX_MISSING = (
    "nginx is not installed: the slow-client test runs the committed nginx configuration. "
    "`./dev test` installs Debian's nginx package; or run `apt-get install nginx`."
)


def nginx_binary() -> str | None:
    """nginx on the PATH, or where Debian's package puts it (/usr/sbin, not on every PATH)."""
    found = shutil.which("nginx")
    if found is None:
        found = next((p for p in ("/usr/sbin/nginx", "/sbin/nginx") if Path(p).exists()), None)
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        port: int = probe.getsockname()[1]
        return port


def get(port: int, path: str = SIGN_IN, timeout: float = 3.0) -> tuple[int, bytes, float]:
    """(status, body, seconds) of one GET on a new connection; raises OSError on a timeout."""
    started = time.monotonic()
    conn = http.client.HTTPConnection(LOOPBACK, port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Host": LOOPBACK})
        response = conn.getresponse()
        body = response.read()
    finally:
        conn.close()
    return response.status, body, time.monotonic() - started


def _wait_until_answering(port: int, process: subprocess.Popen[bytes], name: str) -> None:
    deadline = time.monotonic() + 40
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} stopped at start-up (exit code {process.returncode})")
        with suppress(OSError, http.client.HTTPException):
            status, _body, _seconds = get(port, timeout=2)
            if status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"{name} did not answer on {LOOPBACK}:{port} within 40 s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@contextmanager
def gunicorn(workers: int | None = None) -> Iterator[int]:
    """gunicorn with deploy/gunicorn.conf.py and production settings (tilts.settings.bench:
    plain HTTP accepted) on a free loopback port; yields the port. The database is a temporary
    SQLite file: the sign-in page the probe requests reads no table."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="tilts-gunicorn-") as folder:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tilts.settings.bench",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": LOOPBACK,
            "DATABASE_URL": f"sqlite:///{folder}/tilts.sqlite3",
        }
        command = [
            str(Path(sys.executable).parent / "gunicorn"), "tilts.wsgi:application",
            "--config", str(DEPLOY / "gunicorn.conf.py"), "--chdir", str(ROOT),
            "--bind", f"{LOOPBACK}:{port}", "--no-control-socket", "--log-level", "error",
        ]  # fmt: skip
        if workers is not None:
            command += ["--workers", str(workers)]
        process = subprocess.Popen(command, env=env)  # noqa: S603
        try:
            _wait_until_answering(port, process, "gunicorn")
            yield port
        finally:
            _stop(process)


def nginx_config(folder: Path, listen: int, upstream: int) -> str:
    """A main configuration around the committed files: tilts.conf's http-level lines (the
    limit zone and the upstream, pointed at `upstream`) and a loopback server that includes
    tilts-proxy.conf unchanged. Logs, pid and temporary files stay in `folder`."""
    site = (DEPLOY / "nginx" / "tilts.conf").read_text()
    without_servers = re.sub(r"^server \{.*?^\}\n", "", site, flags=re.M | re.S)
    http_level = without_servers.replace("server 127.0.0.1:8000;", f"server {LOOPBACK}:{upstream};")
    if f"{LOOPBACK}:{upstream}" not in http_level:
        raise RuntimeError("deploy/nginx/tilts.conf has no upstream server 127.0.0.1:8000")
    user = "user nobody nogroup;\n" if os.geteuid() == 0 else ""
    temp_paths = "\n".join(
        f"    {kind}_temp_path {folder}/{kind}_temp;"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""{user}worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
{temp_paths}
{http_level}
    server {{
        listen {LOOPBACK}:{listen};
        server_name {LOOPBACK};
        include {DEPLOY / "nginx" / "tilts-proxy.conf"};
    }}
}}
"""


def check_site_configuration() -> str:
    """`nginx -t` of deploy/nginx/tilts.conf as committed — its HTTPS server too — with only
    the certificate paths (a throw-away self-signed certificate) and the snippet's path
    replaced. Returns nginx's complaint, or "" when it accepts the file."""
    binary = nginx_binary()
    if binary is None:
        raise RuntimeError(NGINX_MISSING)
    folder = Path(tempfile.mkdtemp(prefix="tilts-nginx-t-"))
    try:
        certificate, key = _self_signed(folder)
        site = (DEPLOY / "nginx" / "tilts.conf").read_text()
        replacements = {
            "/etc/letsencrypt/live/tilts.example.lv/fullchain.pem": str(certificate),
            "/etc/letsencrypt/live/tilts.example.lv/privkey.pem": str(key),
            "/etc/nginx/snippets/tilts-proxy.conf": str(DEPLOY / "nginx" / "tilts-proxy.conf"),
        }
        for committed, local in replacements.items():
            if committed not in site:
                return f"deploy/nginx/tilts.conf no longer names {committed}"
            site = site.replace(committed, local)
        (folder / "tilts.conf").write_text(site)
        (folder / "nginx.conf").write_text(
            f"pid {folder}/nginx.pid;\nerror_log {folder}/error.log;\n"
            "events { worker_connections 64; }\n"
            f"http {{ access_log off; include {folder}/tilts.conf; }}\n"
        )
        checked = subprocess.run(  # noqa: S603
            [binary, "-p", str(folder), "-e", "stderr", "-c", str(folder / "nginx.conf"), "-t"],
            capture_output=True, text=True, timeout=30, check=False,
        )  # fmt: skip
        return "" if checked.returncode == 0 else checked.stderr
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _self_signed(folder: Path) -> tuple[Path, Path]:
    from datetime import UTC, datetime, timedelta

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "tilts.example.lv")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=1))
        .not_valid_after(now + timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    certificate_path, key_path = folder / "fullchain.pem", folder / "privkey.pem"
    certificate_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return certificate_path, key_path


@contextmanager
def nginx(upstream: int) -> Iterator[int]:
    """nginx (from the PATH) in front of `upstream` on a free loopback port; yields the port."""
    binary = nginx_binary()
    if binary is None:
        raise RuntimeError(NGINX_MISSING)
    port = free_port()
    folder = Path(tempfile.mkdtemp(prefix="tilts-nginx-"))
    try:
        folder.chmod(0o755)  # nginx's workers run as nobody when started by root
        config = folder / "nginx.conf"
        config.write_text(nginx_config(folder, port, upstream))
        command = [binary, "-p", str(folder), "-e", "stderr", "-c", str(config)]
        checked = subprocess.run(  # noqa: S603
            [*command, "-t", "-q"], capture_output=True, text=True, timeout=30, check=False
        )
        if checked.returncode != 0:
            raise RuntimeError(f"nginx refused the configuration:\n{checked.stderr}")
        process = subprocess.Popen([*command, "-g", "daemon off;"])  # noqa: S603
        try:
            _wait_until_answering(port, process, "nginx")
            yield port
        finally:
            _stop(process)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@dataclass
class SlowClients:
    """Connections that send a request's first bytes and then one more byte a second, never
    finishing their headers (or, with `body`, their announced body). Bounded: they stop at
    `close()` or after `seconds`."""

    port: int
    count: int
    body: int = 0
    seconds: float = 120.0
    sockets: list[socket.socket] = field(default_factory=list)
    opened: int = 0
    closed_by_server: list[float] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> SlowClients:
        self._started = time.monotonic()
        for index in range(self.count):
            sock = socket.create_connection((LOOPBACK, self.port), timeout=5)
            if index < self.body:
                # Headers complete, the body announced and never sent. A well-formed CSRF
                # cookie makes Django read the form (for its token) instead of refusing at once.
                head = (
                    f"POST {SIGN_IN} HTTP/1.1\r\nHost: {LOOPBACK}\r\n"
                    f"Cookie: csrftoken={'a' * 32}\r\n"
                    "Content-Type: application/x-www-form-urlencoded\r\n"
                    "Content-Length: 100000\r\n\r\nlogin="
                )
            else:
                head = f"GET {SIGN_IN} HTTP/1.1\r\nHost: {LOOPBACK}\r\nX-Slow: "
            sock.sendall(head.encode())
            sock.setblocking(False)
            self.sockets.append(sock)
        self.opened = len(self.sockets)
        self._thread = threading.Thread(target=self._trickle, daemon=True)
        self._thread.start()
        return self

    def _trickle(self) -> None:
        deadline = self._started + self.seconds
        while not self._stop.wait(1.0) and time.monotonic() < deadline:
            for sock in list(self.sockets):
                try:
                    sock.send(b"a")
                    if sock.recv(1024) == b"":
                        raise ConnectionResetError
                except BlockingIOError:
                    continue  # nothing to read: the server still waits for us
                except OSError:
                    self.closed_by_server.append(time.monotonic() - self._started)
                    self.sockets.remove(sock)
                    sock.close()

    @property
    def still_open(self) -> int:
        return len(self.sockets)

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        for sock in self.sockets:
            sock.close()
        self.sockets.clear()

    def __enter__(self) -> SlowClients:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.close()


@dataclass
class Probe:
    """Sequential GETs of the sign-in page: how many answered 200 and how fast."""

    answered: list[float] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    @property
    def slowest(self) -> float:
        return max(self.answered, default=float("inf"))

    def percentile(self, p: int) -> float:
        if len(self.answered) < 2:
            return self.slowest
        return statistics.quantiles(self.answered, n=100, method="inclusive")[p - 1]


def probe(port: int, requests: int, timeout: float = 3.0) -> Probe:
    result = Probe()
    for _ in range(requests):
        try:
            status, body, seconds = get(port, timeout=timeout)
        except (OSError, http.client.HTTPException) as error:
            result.failed.append(type(error).__name__)
            continue
        if status == 200 and b'name="password"' in body:
            result.answered.append(seconds)
        else:
            result.failed.append(f"HTTP {status}")
    return result
