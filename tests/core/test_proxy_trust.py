"""Forwarded headers are believed only from the proxies in GRENZELOOS_TRUSTED_PROXIES.

Through a real nginx (Debian's) in front of ``grenzeloos serve`` on loopback: clients send from
different 127.0.0.0/8 addresses, so "the client", "the proxy" and "an untrusted host" are
different addresses on one machine.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.liveserve import (
    Browser,
    Proxy,
    app_env,
    audit_events,
    grenzeloos,
    nginx_missing_reason,
    proxying,
    serving,
)

_missing = nginx_missing_reason()
pytestmark = pytest.mark.skipif(_missing is not None, reason=_missing or "")

LIMIT = 3
HSTS = "max-age=31536000"
PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(scope="module")
def trusted(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[dict[str, str], int, Proxy]]:
    """An app that trusts the proxy on 127.0.0.1, and that proxy in front of it."""
    data = tmp_path_factory.mktemp("trusted")
    env = app_env(
        data,
        GRENZELOOS_TRUSTED_PROXIES="127.0.0.1",
        GRENZELOOS_LOGIN_FAILURE_LIMIT=str(LIMIT),
        GRENZELOOS_LOCKOUT_ADDRESS_LIMIT=str(LIMIT),
    )
    with serving(env) as app, proxying(data / "nginx", [app]) as proxy:
        yield env, app, proxy


@pytest.fixture(scope="module")
def untrusted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, str], Proxy]]:
    """The default: an app that trusts no proxy, behind the same kind of proxy."""
    data = tmp_path_factory.mktemp("untrusted")
    env = app_env(
        data,
        GRENZELOOS_LOGIN_FAILURE_LIMIT=str(LIMIT),
        GRENZELOOS_LOCKOUT_ADDRESS_LIMIT=str(LIMIT),
    )
    with serving(env) as app, proxying(data / "nginx", [app]) as proxy:
        yield env, proxy


def _addresses(env: dict[str, str]) -> list[Any]:
    return [event["ip_address"] for event in audit_events(env, "account.locked_out")]


def _fail_up_to_the_limit(client: Browser, prefix: str) -> None:
    """LIMIT failed sign-ins, each for another account: the last one locks the address."""
    for attempt in range(LIMIT - 1):
        assert client.sign_in(f"{prefix}-{attempt}", "wrong") == 200, attempt
    assert client.sign_in(f"{prefix}-last", "wrong") == 429


def test_behind_a_trusted_proxy_failures_count_for_the_client_it_names(trusted):
    env, _app, proxy = trusted
    guesser = Browser(proxy.http_port, source="127.0.0.11")
    _fail_up_to_the_limit(guesser, "guess")
    # The guesser's address is locked, whatever account it tries next ...
    assert guesser.sign_in("someone-else", "wrong") == 429
    # ... and the proxy's address is not: another client behind it signs in as usual.
    other = Browser(proxy.http_port, source="127.0.0.12")
    assert other.sign_in("another", "wrong") == 200
    assert "127.0.0.11" in _addresses(env)
    assert "127.0.0.1" not in _addresses(env)


def test_https_at_a_trusted_proxy_gives_hsts_and_secure_cookies(trusted):
    env, _app, proxy = trusted
    grenzeloos(env, "user", "add", "tess", "--password-stdin", stdin=PASSWORD + "\n")
    secure = Browser(proxy.https_port, source="127.0.0.13", https=True)
    response, _ = secure.request("GET", "/accounts/login/")
    assert response.getheader("Strict-Transport-Security") == HSTS
    assert "Secure" in response.getheader("Set-Cookie", "")
    # The sign-in's CSRF check sees the HTTPS origin the browser sent, and it succeeds.
    assert secure.sign_in("tess", PASSWORD) == 302

    plain = Browser(proxy.http_port, source="127.0.0.13")
    response, _ = plain.request("GET", "/accounts/login/")
    assert response.getheader("Strict-Transport-Security") is None
    assert "Secure" not in response.getheader("Set-Cookie", "")


def test_forwarded_headers_from_an_untrusted_address_are_ignored(trusted):
    env, app, _proxy = trusted
    forger = Browser(
        app,
        source="127.0.0.21",
        headers={"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"},
    )
    response, _ = forger.request("GET", "/accounts/login/")
    assert response.getheader("Strict-Transport-Security") is None
    assert "Secure" not in response.getheader("Set-Cookie", "")
    for attempt in range(LIMIT - 1):
        forger.headers["X-Forwarded-For"] = f"203.0.113.{attempt + 10}"
        assert forger.sign_in(f"forged-{attempt}", "wrong") == 200
    forger.headers["X-Forwarded-For"] = "203.0.113.99"
    assert forger.sign_in("forged-last", "wrong") == 429
    # A fresh forged address does not escape the lock of the real one.
    forger.headers["X-Forwarded-For"] = "198.51.100.1"
    assert forger.sign_in("forged-next", "wrong") == 429
    addresses = _addresses(env)
    assert "127.0.0.21" in addresses
    assert not [a for a in addresses if str(a).startswith(("203.0.113.", "198.51.100."))]


def test_without_trusted_proxies_no_forwarded_header_is_believed(untrusted):
    env, proxy = untrusted
    response, _ = Browser(proxy.https_port, https=True).request("GET", "/accounts/login/")
    assert response.getheader("Strict-Transport-Security") is None
    _fail_up_to_the_limit(Browser(proxy.http_port, source="127.0.0.31"), "first")
    # Every client is the proxy's address to the app, so the next one is locked too.
    assert Browser(proxy.http_port, source="127.0.0.32").sign_in("second", "wrong") == 429
    assert _addresses(env) == ["127.0.0.1"]


def test_a_bad_trusted_proxy_setting_stops_the_cli_with_one_line(tmp_path: Path):
    env = app_env(tmp_path, GRENZELOOS_TRUSTED_PROXIES="127.0.0.1,proxy.example")
    with pytest.raises(RuntimeError) as refused:
        grenzeloos(env, "canvas", "list")
    assert str(refused.value) == (
        "grenzeloos canvas list: grenzeloos: configuration error: "
        "GRENZELOOS_TRUSTED_PROXIES: 'proxy.example' is not an address or network"
    )
