"""Real servers for tests: ``grenzeloos serve`` processes and a Debian nginx in front of them.

Everything listens on loopback. A client can send from any 127.0.0.0/8 address
(``source``), which lets a test be "another client" or "an untrusted host" on one machine.
Ports come from ``GRENZELOOS_TEST_PORTS`` (e.g. ``18600-18699``) when set, else, under
pytest-xdist, from a span of each test process's own, else the system's.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_GIVEN: set[int] = set()  # ports handed out, perhaps not yet bound by their server


def nginx_missing_reason() -> str | None:
    """Why the nginx tests cannot run here, or None. Under CI nginx must be there (the
    Makefile installs it), so its absence fails instead of skipping."""
    if Path(NGINX).exists() and shutil.which("openssl"):
        return None
    reason = "nginx and openssl are needed (apt-get install nginx openssl)"
    if os.environ.get("CI"):
        raise RuntimeError(reason + "; CI installs them through the Makefile's APT_PACKAGES")
    return reason


def worker_number() -> int:
    """Which of pytest-xdist's test processes this is (gw0, gw1, …); 0 without xdist."""
    return int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)


#: Under pytest-xdist without GRENZELOOS_TEST_PORTS, each test process takes ports from a span
#: of its own below Linux's ephemeral range (32768 and up), so a port one process was given but
#: whose server has not bound it yet is never handed to the other process, nor by the system.
WORKER_PORTS_BASE, WORKER_PORTS_SPAN = 20000, 1000


def _port_candidates() -> list[int]:
    span = os.environ.get("GRENZELOOS_TEST_PORTS", "")
    if span:
        low, high = (int(part) for part in span.split("-"))
        candidates = list(range(low, high + 1))
        # Each test process starts at its own place in the span (see worker_number).
        start = worker_number() * 17 % len(candidates)
        return candidates[start:] + candidates[:start]
    if "PYTEST_XDIST_WORKER" in os.environ:
        low = WORKER_PORTS_BASE + worker_number() * WORKER_PORTS_SPAN
        return list(range(low, low + WORKER_PORTS_SPAN))
    return [0]


def free_port() -> int:
    candidates = _port_candidates()
    for _round in range(2):
        for candidate in candidates:
            if candidate in _GIVEN:
                continue
            with socket.socket() as sock:
                try:
                    sock.bind(("127.0.0.1", candidate))
                except OSError:
                    continue
                port = int(sock.getsockname()[1])
                _GIVEN.add(port)
                return port
        # Every port of the span was handed out once: the servers of earlier tests have
        # stopped, so this process may use them again.
        _GIVEN.clear()
    raise RuntimeError(f"no free port among {candidates[0]}-{candidates[-1]}")


def wait_for(port: int, path: str = "/healthz", seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", path)
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"nothing answered {path} on port {port} in {seconds:.0f} s")
        time.sleep(0.2)


def app_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a ``grenzeloos`` process on the store in ``data_dir``."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GRENZELOOS_", "DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    env.update(
        PYTHONPATH=str(ROOT / "src"),
        DJANGO_SETTINGS_MODULE="grenzeloos.settings",
        GRENZELOOS_DATA_DIR=str(data_dir),
        GRENZELOOS_ALLOWED_HOSTS="127.0.0.1,localhost",
        GRENZELOOS_LOG_LEVEL="ERROR",
        # Tests fail sign-ins in a row; the growing wait between them is tested on its own.
        GRENZELOOS_LOGIN_DELAY_SECONDS="0",
    )
    env.update(extra)
    return env


def grenzeloos(env: Mapping[str, str], *args: str, stdin: str | None = None) -> str:
    """Run one ``grenzeloos`` command on the store of ``env``; its standard output."""
    done = subprocess.run(
        [sys.executable, "-m", "grenzeloos", *args],
        env=dict(env),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"grenzeloos {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout


def audit_events(env: Mapping[str, str], action: str) -> list[dict[str, object]]:
    """The data of the store's audit events with ``action``, oldest first."""
    code = (
        "import django, json, sys; django.setup();"
        "from grenzeloos.audit.models import AuditEvent;"
        "print(json.dumps([e.data for e in AuditEvent.objects.filter(action=sys.argv[1])"
        ".order_by('pk')]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, action],
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return list(json.loads(done.stdout))


@contextmanager
def serving(env: Mapping[str, str], *, workers: int = 1) -> Iterator[int]:
    """``grenzeloos serve`` on a free loopback port; yields the port."""
    port = free_port()
    log = Path(env["GRENZELOOS_DATA_DIR"]) / f"serve-{port}.log"
    workers_args = ["--workers", str(workers)]
    with open(log, "w", encoding="utf-8") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "grenzeloos", "serve", "--port", str(port), *workers_args],
            env=dict(env),
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        try:
            wait_for(port)
        except RuntimeError as error:
            raise RuntimeError(f"{error}\n{log.read_text(encoding='utf-8')}") from None
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


@dataclass
class Proxy:
    http_port: int
    https_port: int
    directory: Path


def nginx_config(directory: Path, *, http_port: int, https_port: int, upstreams: list[int]) -> str:
    """A reverse proxy as the README describes it: HTTP and TLS, the client's address and the
    scheme passed on in X-Forwarded-For and X-Forwarded-Proto, WebSockets upgraded."""
    servers = "\n".join(f"    server 127.0.0.1:{port};" for port in upstreams)
    user = "user root;\n" if os.geteuid() == 0 else ""
    return f"""{user}daemon off;
worker_processes 1;
pid {directory}/nginx.pid;
error_log {directory}/error.log warn;
events {{ worker_connections 256; }}
http {{
  access_log off;
  client_body_temp_path {directory}/body;
  proxy_temp_path {directory}/proxy;
  fastcgi_temp_path {directory}/fastcgi;
  uwsgi_temp_path {directory}/uwsgi;
  scgi_temp_path {directory}/scgi;
  client_max_body_size 5m;
  map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
  upstream grenzeloos {{
{servers}
    keepalive 16;
  }}
  server {{
    listen 127.0.0.1:{http_port};
    listen 127.0.0.1:{https_port} ssl;
    ssl_certificate {directory}/proxy.crt;
    ssl_certificate_key {directory}/proxy.key;
    location / {{
      proxy_pass http://grenzeloos;
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
    }}
  }}
}}
"""


@contextmanager
def proxying(directory: Path, upstreams: list[int]) -> Iterator[Proxy]:
    """Debian's nginx on loopback in front of ``upstreams`` (app ports), HTTP and HTTPS with a
    self-signed certificate."""
    directory.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"),
            *("-subj", "/CN=127.0.0.1", "-keyout", str(directory / "proxy.key")),
            *("-out", str(directory / "proxy.crt")),
        ],
        capture_output=True,
        check=True,
    )
    proxy = Proxy(free_port(), free_port(), directory)
    config = directory / "nginx.conf"
    config.write_text(
        nginx_config(
            directory,
            http_port=proxy.http_port,
            https_port=proxy.https_port,
            upstreams=upstreams,
        ),
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [NGINX, "-p", str(directory), "-c", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        try:
            wait_for(proxy.http_port, seconds=20)
        except RuntimeError:
            process.kill()
            raise RuntimeError(f"nginx did not start: {process.communicate()[1]}") from None
        yield proxy
    finally:
        process.terminate()
        process.wait(timeout=30)


@dataclass
class Browser:
    """A tiny HTTP client with cookies, sending from one loopback address."""

    port: int
    source: str = "127.0.0.1"
    https: bool = False
    headers: dict[str, str] = field(default_factory=dict)
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self, method: str, path: str, form: Mapping[str, str] | None = None
    ) -> tuple[http.client.HTTPResponse, str]:
        if self.https:
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE  # the test proxy's self-signed certificate
            connection: http.client.HTTPConnection = http.client.HTTPSConnection(
                "127.0.0.1", self.port, timeout=30, source_address=(self.source, 0), context=context
            )
        else:
            connection = http.client.HTTPConnection(
                "127.0.0.1", self.port, timeout=30, source_address=(self.source, 0)
            )
        scheme = "https" if self.https else "http"
        headers = {
            **self.headers,
            "Accept-Language": "en",
            "Referer": f"{scheme}://127.0.0.1:{self.port}{path}",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        connection.close()
        return response, text

    def sign_in(self, username: str, password: str) -> int:
        """The status of a sign-in through the page (its form and CSRF token first)."""
        response, page = self.request("GET", "/accounts/login/")
        if response.status == 429:
            return 429
        token = _TOKEN.search(page)
        assert token is not None, page[:500]
        answer, _ = self.request(
            "POST",
            "/accounts/login/",
            {"csrfmiddlewaretoken": token.group(1), "username": username, "password": password},
        )
        return answer.status
