"""``grenzeloos serve``: uvicorn with the app, its static files, worker processes and the
request-body limit, tested on a real server on loopback (SQLite, no other service)."""

from __future__ import annotations

import http.client
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.liveserve import app_env, serving

LIMIT = 64 * 1024


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    env = app_env(tmp_path_factory.mktemp("serve"), GRENZELOOS_MAX_REQUEST_BYTES=str(LIMIT))
    with serving(env, workers=2) as port:
        yield port


def _get(port: int, path: str) -> tuple[http.client.HTTPResponse, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path)
    response = connection.getresponse()
    return response, response.read()


def test_pages_health_and_static_files_are_served(server):
    response, body = _get(server, "/healthz")
    assert (response.status, body) == (200, b'{"status": "ok", "database": "sqlite"}')
    assert response.getheader("Server") is None  # the server does not name itself
    response, body = _get(server, "/static/vendor/htmx/htmx.min.js")
    assert response.status == 200
    assert response.getheader("Content-Type").startswith("text/javascript")
    assert len(body) == int(response.getheader("Content-Length")) > 10_000
    response, body = _get(server, "/accounts/login/")
    assert response.status == 200
    assert b'name="csrfmiddlewaretoken"' in body


def test_a_body_declared_over_the_limit_is_refused_before_it_is_sent(server):
    """The 413 comes at once, while the client has sent 10 of the 100 MB it announced."""
    with socket.create_connection(("127.0.0.1", server), timeout=10) as sock:
        sock.sendall(
            b"POST /api/v1/collaborations HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nContent-Length: 104857600\r\n\r\n" + b"x" * 10
        )
        answer = sock.recv(65536).decode("latin-1")
    assert answer.startswith("HTTP/1.1 413 ")
    assert "application/problem+json" in answer


def test_a_chunked_body_over_the_limit_is_refused_too(server):
    connection = http.client.HTTPConnection("127.0.0.1", server, timeout=30)
    chunks = (b"a" * 16384 for _ in range(LIMIT // 16384 + 2))
    connection.request(
        "POST",
        "/api/v1/collaborations",
        body=chunks,
        headers={"Content-Type": "application/json"},
        encode_chunked=True,
    )
    response = connection.getresponse()
    assert response.status == 413
    assert response.getheader("Content-Type") == "application/problem+json"


def test_a_chunked_body_under_the_limit_reaches_the_view(server):
    connection = http.client.HTTPConnection("127.0.0.1", server, timeout=30)
    connection.request(
        "POST",
        "/api/v1/collaborations",
        body=iter([b'{"subject": ', b'"x"}']),
        headers={"Content-Type": "application/json"},
        encode_chunked=True,
    )
    response = connection.getresponse()
    assert response.status == 401  # read and judged by the API: not signed in


def test_serve_refuses_zero_workers(tmp_path: Path):
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "grenzeloos", "serve", "--workers", "0"],
        env=app_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.strip().endswith("'0' is not a whole number of at least 1 (see --help)")
