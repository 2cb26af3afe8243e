"""Benchmark: 16 API clients at once on HTTP Basic against personal API tokens.

Run: ``.venv/bin/python bench/basic_auth.py [--seconds 15]``. Starts ``grenzeloos serve`` on a
throw-away SQLite store on loopback, with the production password hasher (PBKDF2), and makes
one account with a password and an API token and a few collaborations. Then, for each way of
authenticating, 16 client threads search the collaborations for ``--seconds`` seconds while one
more asks ``/healthz`` every 100 ms; printed are the requests answered, the p50 and p95 of the
searches and the p95 of ``/healthz`` meanwhile. The three ways: Basic with the verified
credential remembered (the default, ``GRENZELOOS_BASIC_AUTH_CACHE_SECONDS=60``), Basic checked
on every request (``=0``, as before), and a token. Only loopback is ever asked; every loop ends
by itself.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import secrets
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.liveserve import app_env, grenzeloos, serving  # noqa: E402

CLIENTS = 16
PASSWORD = secrets.token_urlsafe(16)  # a throw-away account on a throw-away store
SEARCH = "/api/v1/collaborations?search=samen"


def _p(samples: list[float], fraction: float) -> float:
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _client(port: int, header: str, until: float, samples: list[float], errors: list[int]) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    while time.monotonic() < until:
        start = time.perf_counter()
        connection.request("GET", SEARCH, headers={"Authorization": header, "Host": "127.0.0.1"})
        response = connection.getresponse()
        response.read()
        samples.append((time.perf_counter() - start) * 1000)
        if response.status != 200:
            errors.append(response.status)
    connection.close()


def _health(port: int, until: float, samples: list[float]) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    while time.monotonic() < until:
        start = time.perf_counter()
        connection.request("GET", "/healthz", headers={"Host": "127.0.0.1"})
        connection.getresponse().read()
        samples.append((time.perf_counter() - start) * 1000)
        time.sleep(0.1)
    connection.close()


def run(port: int, header: str, seconds: float) -> tuple[list[float], list[float], list[int]]:
    until = time.monotonic() + seconds
    searches: list[float] = []
    health: list[float] = []
    errors: list[int] = []
    threads = [
        threading.Thread(target=_client, args=(port, header, until, searches, errors))
        for _ in range(CLIENTS)
    ]
    threads.append(threading.Thread(target=_health, args=(port, until, health)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    return searches, health, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15)
    args = parser.parse_args()
    data = Path(tempfile.mkdtemp(prefix="grenzeloos-bench-basic-"))
    base_env = app_env(data)
    grenzeloos(base_env, "user", "add", "bench", "--password-stdin", stdin=PASSWORD + "\n")
    grenzeloos(base_env, "demo", "--if-empty")
    token = grenzeloos(base_env, "user", "token", "create", "bench", "bench").strip()
    basic = "Basic " + base64.b64encode(f"bench:{PASSWORD}".encode()).decode()
    ways = [
        ("Basic, remembered 60 s", basic, "60"),
        ("Basic, checked every time", basic, "0"),
        ("token", f"Bearer {token}", "60"),
    ]
    print(f"{CLIENTS} clients, {args.seconds:.0f} s each, GET {SEARCH}")
    for name, header, cache_seconds in ways:
        env = {**base_env, "GRENZELOOS_BASIC_AUTH_CACHE_SECONDS": cache_seconds}
        with serving(env) as port:
            run(port, header, 1)  # warm up: connections, caches
            searches, health, errors = run(port, header, args.seconds)
        print(
            f"{name:>26}: {len(searches):5d} requests"
            f"  p50 {statistics.median(searches):7.1f} ms  p95 {_p(searches, 0.95):7.1f} ms"
            f"  /healthz p95 {_p(health, 0.95):7.1f} ms"
            + (f"  non-200: {sorted(set(errors))}" if errors else "")
        )


if __name__ == "__main__":
    main()
