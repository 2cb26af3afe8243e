"""The Prometheus endpoint ``/metrics``: off by default, for a token or an allowed address only
(404 for everyone else), and what it counts: requests by route pattern, latency, canvas saves,
merges, conflicts and live subscribers."""

from __future__ import annotations

import http.client
import re
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.test import Client
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families

from grenzeloos.canvas import services as canvas
from tests.asyncrun import run_async
from tests.live.test_live_channel import WAIT, _socket
from tests.liveserve import Browser, app_env, grenzeloos, serving

TOKEN = "s3cret-metrics-token"


def _value(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def _samples(body: bytes) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(body.decode())
        for sample in family.samples
    }


def _without_csrf(page: bytes) -> bytes:
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", page)


@pytest.fixture
def token_only(settings):
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_ALLOW = []


def test_off_by_default_the_endpoint_is_not_there(client, settings):
    assert (settings.METRICS_TOKEN, settings.METRICS_ALLOW) == ("", [])
    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer ")
    assert response.status_code == 404
    # Nothing gives it away: the page of any unknown address (but for its path and token).
    unknown = client.get("/no-such-page").content.replace(b"/no-such-page", b"/metrics")
    assert _without_csrf(response.content) == _without_csrf(unknown)


def test_the_token_opens_it(client, token_only):
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    assert "no-cache" in response["Cache-Control"]
    assert b"# TYPE grenzeloos_http_requests_total counter" in response.content


@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer wrong", f"Bearer {TOKEN}x", f"Basic {TOKEN}", TOKEN, f"Bearer {TOKEN[:-1]}"],
)
def test_without_the_right_token_it_is_not_there(client, token_only, authorization):
    extra = {} if authorization is None else {"HTTP_AUTHORIZATION": authorization}
    assert client.get("/metrics", **extra).status_code == 404
    assert client.post("/metrics", **extra).status_code == 404  # not 405 either


def test_an_allowed_address_reads_it_without_a_token(settings):
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOW = ["10.0.0.0/8", "2001:db8::1"]
    assert Client(REMOTE_ADDR="10.1.2.3").get("/metrics").status_code == 200
    assert Client(REMOTE_ADDR="2001:db8::1").get("/metrics").status_code == 200
    assert Client(REMOTE_ADDR="::ffff:10.9.9.9").get("/metrics").status_code == 200
    assert Client(REMOTE_ADDR="127.0.0.1").get("/metrics").status_code == 404
    assert Client(REMOTE_ADDR="192.0.2.7").get("/metrics").status_code == 404
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert other.get("/metrics", HTTP_AUTHORIZATION="Bearer anything").status_code == 404


def test_with_both_either_the_token_or_the_address_suffices(settings):
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_ALLOW = ["10.0.0.0/8"]
    assert Client(REMOTE_ADDR="10.0.0.5").get("/metrics").status_code == 200
    outside = Client(REMOTE_ADDR="192.0.2.7")
    assert outside.get("/metrics").status_code == 404
    assert outside.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").status_code == 200


def test_a_malformed_allow_list_stops_the_cli_with_one_line(tmp_path: Path):
    env = app_env(tmp_path, GRENZELOOS_METRICS_ALLOW="10.0.0.0/8,intranet")
    with pytest.raises(RuntimeError) as refused:
        grenzeloos(env, "canvas", "list")
    assert str(refused.value) == (
        "grenzeloos canvas list: grenzeloos: configuration error: "
        "GRENZELOOS_METRICS_ALLOW: 'intranet' is not an address or network"
    )


def test_requests_are_counted_by_route_pattern_not_path(client, people, token_only):
    collaboration = people["collaboration"]
    client.force_login(people["owner"])
    route = {"method": "GET", "route": "/c/<int:pk>/"}
    before = _value("grenzeloos_http_requests_total", **route, status="2xx")
    failed = _value("grenzeloos_http_requests_total", **route, status="4xx")
    timed = _value("grenzeloos_http_request_duration_seconds_count", **route)
    assert client.get(f"/c/{collaboration.pk}/").status_code == 200
    assert client.get(f"/c/{collaboration.pk + 1000}/").status_code == 404
    missing = _value(
        "grenzeloos_http_requests_total", method="GET", route="(unmatched)", status="4xx"
    )
    assert client.get("/no-such-page").status_code == 404

    body = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").content
    samples = _samples(body)
    labels = frozenset({**route, "status": "2xx"}.items())
    assert samples[("grenzeloos_http_requests_total", labels)] == before + 1
    assert _value("grenzeloos_http_requests_total", **route, status="4xx") == failed + 1
    assert _value("grenzeloos_http_request_duration_seconds_count", **route) == timed + 2
    assert _value(
        "grenzeloos_http_requests_total", method="GET", route="(unmatched)", status="4xx"
    ) == (missing + 1)
    routes = {dict(labels)["route"] for (_name, labels) in samples if "route" in dict(labels)}
    assert "/c/<int:pk>/" in routes
    assert not [route for route in routes if f"/{collaboration.pk}/" in route]  # no ids


def test_an_unknown_method_is_one_label(client):
    before = _value(
        "grenzeloos_http_requests_total", method="OTHER", route="/healthz", status="4xx"
    )
    client.generic("BREW", "/healthz")
    client.generic("PROPFIND", "/healthz")
    after = _value("grenzeloos_http_requests_total", method="OTHER", route="/healthz", status="4xx")
    assert after == before + 2


def test_saves_merges_and_conflicts_are_counted(people, django_capture_on_commit_callbacks):
    collaboration, owner, editor = people["collaboration"], people["owner"], people["editor"]
    saves, merges, conflicts = (
        _value(f"grenzeloos_{name}_total", capability="canvas")
        for name in ("saves", "merges", "conflicts")
    )
    base = canvas.head_number(collaboration)
    with django_capture_on_commit_callbacks(execute=True):
        canvas.update_fields(
            actor=owner, collaboration=collaboration, changes={"dream": "D1"}, base_revision=base
        )
    assert _value("grenzeloos_saves_total", capability="canvas") == saves + 1
    assert _value("grenzeloos_merges_total", capability="canvas") == merges

    with django_capture_on_commit_callbacks(execute=True):  # others saved since base: merged
        canvas.update_fields(
            actor=editor, collaboration=collaboration, changes={"pitch": "P2"}, base_revision=base
        )
    assert _value("grenzeloos_saves_total", capability="canvas") == saves + 2
    assert _value("grenzeloos_merges_total", capability="canvas") == merges + 1

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(canvas.MergeConflictError):
        canvas.update_fields(
            actor=editor, collaboration=collaboration, changes={"dream": "D2"}, base_revision=base
        )
    assert _value("grenzeloos_conflicts_total", capability="canvas") == conflicts + 1
    assert _value("grenzeloos_saves_total", capability="canvas") == saves + 2

    with django_capture_on_commit_callbacks(execute=True):  # unchanged: nothing saved
        canvas.update_fields(
            actor=owner,
            collaboration=collaboration,
            changes={},
            base_revision=canvas.head_number(collaboration),
        )
    assert _value("grenzeloos_saves_total", capability="canvas") == saves + 2


def test_a_save_rolled_back_is_not_counted(people):
    from django.db import transaction

    collaboration, owner = people["collaboration"], people["owner"]
    saves = _value("grenzeloos_saves_total", capability="canvas")
    with transaction.atomic():
        canvas.update_fields(
            actor=owner,
            collaboration=collaboration,
            changes={"dream": "never"},
            base_revision=canvas.head_number(collaboration),
        )
        transaction.set_rollback(True)
    assert _value("grenzeloos_saves_total", capability="canvas") == saves


@pytest.mark.django_db(transaction=True)
def test_live_subscribers_are_a_gauge(people):
    collaboration = people["collaboration"]
    before = _value("grenzeloos_live_subscribers")
    first = _socket(collaboration.pk, people["viewer"])
    second = _socket(collaboration.pk, people["editor"])
    refused = _socket(collaboration.pk, people["stranger"])

    async def scenario() -> list[float]:
        seen = []
        assert (await first.connect(timeout=WAIT))[0]
        assert (await second.connect(timeout=WAIT))[0]
        seen.append(_value("grenzeloos_live_subscribers"))
        assert not (await refused.connect(timeout=WAIT))[0]
        seen.append(_value("grenzeloos_live_subscribers"))
        await first.disconnect()
        seen.append(_value("grenzeloos_live_subscribers"))
        await second.disconnect()
        seen.append(_value("grenzeloos_live_subscribers"))
        return seen

    assert run_async(scenario) == [before + 2, before + 2, before + 1, before]


# A real ``grenzeloos serve --workers 2``: /metrics adds up both worker processes.


def _get(port: int, path: str, token: str | None = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {} if token is None else {"Authorization": f"Bearer {token}"}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    return response.status, response.read()


def _healthz_count(body: bytes) -> float:
    key = (
        "grenzeloos_http_requests_total",
        frozenset({"method": "GET", "route": "/healthz", "status": "2xx"}.items()),
    )
    return _samples(body).get(key, 0.0)


def _pids(directory: Path, kind: str) -> set[str]:
    return {
        found.group(1)
        for path in directory.glob(f"{kind}_*.db")
        if (found := re.search(r"_(\d+)\.db$", path.name))
    }


def test_two_workers_report_the_sum_of_both(tmp_path: Path):
    """Requests spread over both workers (concurrent connections); whichever worker answers
    /metrics, it counts all of them. The value files live in a fresh temporary directory that
    ``serve`` removes when it stops."""
    scratch, data = tmp_path / "tmp", tmp_path / "data"
    scratch.mkdir()
    data.mkdir()
    env = app_env(data, GRENZELOOS_METRICS_TOKEN=TOKEN, TMPDIR=str(scratch))
    with serving(env, workers=2) as port:
        (directory,) = scratch.glob("grenzeloos-metrics-*")
        start = _healthz_count(_get(port, "/metrics", TOKEN)[1])  # the waits for the start
        requests = 60
        with ThreadPoolExecutor(max_workers=12) as pool:
            statuses = list(pool.map(lambda _n: _get(port, "/healthz")[0], range(requests)))
        assert statuses == [200] * requests
        assert len(_pids(directory, "counter")) == 2  # both workers answered some
        for _read in range(6):
            status, body = _get(port, "/metrics", TOKEN)
            assert status == 200
            assert _healthz_count(body) == start + requests
        assert _get(port, "/metrics")[0] == 404
    deadline = time.monotonic() + 30
    while directory.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not directory.exists()


def test_a_given_multiprocess_directory_is_emptied_at_start(tmp_path: Path):
    directory = tmp_path / "prometheus"
    directory.mkdir()
    (directory / "counter_999999.db").write_bytes(b"left over from the last run")
    env = app_env(tmp_path, GRENZELOOS_METRICS_TOKEN=TOKEN, PROMETHEUS_MULTIPROC_DIR=str(directory))
    with serving(env, workers=2) as port:
        assert not (directory / "counter_999999.db").exists()
        start = _healthz_count(_get(port, "/metrics", TOKEN)[1])
        for _request in range(5):
            assert _get(port, "/healthz")[0] == 200
        assert _healthz_count(_get(port, "/metrics", TOKEN)[1]) == start + 5
        assert _pids(directory, "counter")
    assert directory.exists()  # the operator's directory stays


def test_several_workers_without_redis_warn_in_one_line(tmp_path: Path):
    env = app_env(tmp_path)
    with serving(env, workers=2):
        pass
    log = next(tmp_path.glob("serve-*.log")).read_text(encoding="utf-8")
    warnings = [line for line in log.splitlines() if line.startswith("warning:")]
    assert warnings == [
        "warning: 2 workers without REDIS_URL: the live channel stays inside each worker, so a"
        " live notice only reaches the pages connected to the worker that saved; set REDIS_URL"
        " to reach them all"
    ]


def test_one_worker_does_not_warn(tmp_path: Path):
    env = app_env(tmp_path)
    with serving(env, workers=1):
        pass
    log = next(tmp_path.glob("serve-*.log")).read_text(encoding="utf-8")
    assert "warning:" not in log


def test_behind_a_trusted_proxy_the_forwarded_client_is_checked(tmp_path: Path):
    """The allow-list is checked against the client the server believes: the one a trusted
    proxy (127.0.0.1) forwards, never a header sent by anyone else, nor the proxy itself."""
    env = app_env(
        tmp_path, GRENZELOOS_TRUSTED_PROXIES="127.0.0.1", GRENZELOOS_METRICS_ALLOW="127.0.0.5"
    )

    def status(source: str, forwarded: str | None = None) -> int:
        headers = {} if forwarded is None else {"X-Forwarded-For": forwarded}
        response, _ = Browser(port, source=source, headers=headers).request("GET", "/metrics")
        return response.status

    with serving(env) as port:
        assert status("127.0.0.5") == 200
        assert status("127.0.0.1", forwarded="127.0.0.5") == 200
        assert status("127.0.0.1", forwarded="192.0.2.1") == 404
        assert status("127.0.0.1") == 404
        assert status("127.0.0.9", forwarded="127.0.0.5") == 404
