"""GRENZELOOS_LOG_FORMAT=json: one JSON line per request with request id, user id,
collaboration id (when the URL has one), duration and status; a request id on every response."""

from __future__ import annotations

import io
import json
import logging.config
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from grenzeloos.accounts import services as account_services
from grenzeloos.core.logs import logging_config
from grenzeloos.legal import services as legal_services


def _configure(log_format: str) -> io.StringIO:
    """The logging set-up of the settings for ``log_format``, its console handler writing
    into the returned buffer instead of standard error."""
    logging.config.dictConfig(logging_config(log_format=log_format))
    buffer = io.StringIO()
    [console] = logging.getLogger().handlers
    console.setStream(buffer)  # type: ignore[attr-defined]
    return buffer


@pytest.fixture
def json_logs():
    """The JSON logging set-up; returns a function that gives the lines written so far."""
    buffer = _configure("json")

    def lines() -> list[dict]:
        return [json.loads(line) for line in buffer.getvalue().splitlines()]

    yield lines
    logging.config.dictConfig(settings.LOGGING)


def _request_lines(lines: list[dict]) -> list[dict]:
    return [line for line in lines if line["logger"] == "grenzeloos.requests"]


def test_a_collaboration_page_is_one_json_line(json_logs, people):
    client = Client()
    client.force_login(people["owner"])
    collaboration = people["collaboration"]
    response = client.get(reverse("canvas:detail", args=[collaboration.pk]))
    assert response.status_code == 200
    [line] = _request_lines(json_logs())
    assert line["request_id"] == response["X-Request-ID"]
    assert len(line["request_id"]) == 32
    assert (line["user_id"], line["collaboration_id"]) == (people["owner"].pk, collaboration.pk)
    assert (line["status"], line["method"], line["route"]) == (200, "GET", "canvas:detail")
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] > 0
    assert line["level"] == "INFO" and line["time"].startswith("20")


def test_api_requests_with_a_token_name_the_user_and_the_collaboration(json_logs, people):
    _token, key = account_services.create_token(actor=people["editor"], name="script")
    collaboration = people["collaboration"]
    response = Client().get(
        reverse("api-canvas:canvas", args=[collaboration.pk]), HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert response.status_code == 200
    [line] = _request_lines(json_logs())
    assert (line["user_id"], line["collaboration_id"], line["status"]) == (
        people["editor"].pk,
        collaboration.pk,
        200,
    )


def test_refused_and_anonymous_requests_are_logged_too(json_logs, people):
    collaboration = people["collaboration"]
    stranger = Client()
    stranger.force_login(people["stranger"])
    assert stranger.get(reverse("canvas:detail", args=[collaboration.pk])).status_code == 404
    assert Client().get(reverse("canvas:list")).status_code == 302
    refused, anonymous = _request_lines(json_logs())
    assert (refused["status"], refused["user_id"], refused["collaboration_id"]) == (
        404,
        people["stranger"].pk,
        collaboration.pk,
    )
    assert (anonymous["status"], anonymous["user_id"], anonymous["collaboration_id"]) == (
        302,
        None,
        None,
    )


def test_a_url_without_a_collaboration_id_logs_none(json_logs, people, answers):
    assessment = legal_services.create_assessment(
        actor=people["owner"], collaboration=people["collaboration"], answers=answers
    )
    client = Client()
    client.force_login(people["owner"])
    assert client.get(reverse("legal:detail", args=[assessment.pk])).status_code == 200
    assert client.get("/healthz").status_code == 200
    assessment_line, health = _request_lines(json_logs())
    assert assessment_line["collaboration_id"] is None  # that pk is an assessment's
    assert (health["route"], health["collaboration_id"]) == ("healthz", None)


def test_a_proxys_request_id_is_kept_and_a_strange_one_replaced(json_logs, db):
    kept = Client().get("/healthz", HTTP_X_REQUEST_ID="proxy-1234abcd")
    replaced = Client().get("/healthz", HTTP_X_REQUEST_ID='x" injected {}')
    assert kept["X-Request-ID"] == "proxy-1234abcd"
    assert replaced["X-Request-ID"] != 'x" injected {}' and len(replaced["X-Request-ID"]) == 32
    first, second = _request_lines(json_logs())
    assert (first["request_id"], second["request_id"]) == (
        "proxy-1234abcd",
        replaced["X-Request-ID"],
    )


def test_the_text_format_writes_no_line_per_request_but_sends_the_request_id(db):
    _configure("json")  # turns the request lines on; the text set-up turns them off again
    buffer = _configure("text")
    try:
        response = Client().get("/healthz")
        assert len(response["X-Request-ID"]) == 32
        assert buffer.getvalue() == ""
    finally:
        logging.config.dictConfig(settings.LOGGING)


def _settings_in_a_process(tmp_path, log_format: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "GRENZELOOS_LOG_FORMAT": log_format,
        "GRENZELOOS_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "grenzeloos.settings",
    }
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('grenzeloos.requests').info('x', extra={'status': 200})"
    )
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )


def test_the_environment_variable_chooses_the_format(tmp_path):
    done = _settings_in_a_process(tmp_path, "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stderr)["status"] == 200
    wrong = _settings_in_a_process(tmp_path, "yaml")
    assert wrong.returncode == 1
    assert "GRENZELOOS_LOG_FORMAT must be one of text, json, not 'yaml'" in wrong.stderr


def test_grenzeloos_serve_writes_a_json_line_per_request_from_each_worker(tmp_path):
    import http.client

    from tests.liveserve import app_env, serving

    env = app_env(tmp_path, GRENZELOOS_LOG_FORMAT="json", GRENZELOOS_LOG_LEVEL="WARNING")
    ids = [f"probe-{number:06d}" for number in range(6)]
    with serving(env, workers=2) as port:
        for request_id in ids:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", "/healthz", headers={"X-Request-ID": request_id})
            response = connection.getresponse()
            assert (response.status, response.getheader("X-Request-ID")) == (200, request_id)
            response.read()
    lines = (tmp_path / f"serve-{port}.log").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.startswith("{")]
    served = {r["request_id"]: r for r in records if r["logger"] == "grenzeloos.requests"}
    assert set(ids) <= set(served)
    assert all(served[i]["status"] == 200 and served[i]["route"] == "healthz" for i in ids)
    # Nothing but the command's own two lines (start, no Redis for two workers) is plain text.
    plain = [line for line in lines if not line.startswith("{")]
    assert len(plain) == 2
    assert plain[0].startswith("Grenzeloos serves on")
    assert plain[1].startswith("warning: 2 workers without REDIS_URL")
