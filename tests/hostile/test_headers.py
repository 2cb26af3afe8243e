"""Security headers under production settings: a host name, served over HTTPS.

Settings are read once per process, so production is a separate Python process with the
environment production has; it requests a page and an API response over HTTPS and reports
their headers and cookies.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, os, django
django.setup()
host = os.environ["PROBE_HOST"]
from django.test import Client
client = Client(HTTP_HOST=host)
result = {}
for name, path in (("page", "/accounts/login/"), ("api", "/api/v1/collaborations")):
    response = client.get(path, secure=True)
    result[name] = {
        "status": response.status_code,
        "headers": dict(response.items()),
        "cookies": {key: bool(m["secure"]) for key, m in response.cookies.items()},
    }
plain = Client(HTTP_HOST=host).get("/accounts/login/")
result["http"] = {"headers": dict(plain.items())}
from django.conf import settings
result["settings"] = {"SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE}
print(json.dumps(result))
"""


def _probe(tmp_path, **env) -> dict:
    environment = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "DJANGO_SETTINGS_MODULE": "grenzeloos.settings",
        "GRENZELOOS_DATA_DIR": str(tmp_path),
        "GRENZELOOS_SECRET_KEY": "production-test-key-" + "x" * 40,
        **env,
    }
    environment.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def production(tmp_path_factory) -> dict:
    return _probe(
        tmp_path_factory.mktemp("prod"),
        GRENZELOOS_ALLOWED_HOSTS="grenzeloos.example.nl",
        PROBE_HOST="grenzeloos.example.nl",
    )


@pytest.mark.parametrize("which", ["page", "api"])
def test_strict_csp_hsts_and_friends(production, which):
    headers = production[which]["headers"]
    csp = headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"


def test_production_cookies_are_secure(production):
    assert production["page"]["status"] == 200
    assert production["api"]["status"] == 401
    assert production["settings"]["SESSION_COOKIE_SECURE"] is True
    assert production["page"]["cookies"] == {"csrftoken": True}


def test_no_hsts_over_plain_http(production):
    assert "Strict-Transport-Security" not in production["http"]["headers"]


def test_local_run_keeps_working_over_http(tmp_path):
    local = _probe(tmp_path, PROBE_HOST="127.0.0.1")
    assert local["http"]["headers"]["Content-Security-Policy"]
    assert local["settings"]["SESSION_COOKIE_SECURE"] is False
    # Even locally, a request that arrives over HTTPS gets Secure cookies.
    assert local["page"]["cookies"] == {"csrftoken": True}
