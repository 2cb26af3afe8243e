"""Latency of a live notice: from a save to 50 subscribed WebSocket clients, one app process.

Run: ``.venv/bin/python bench/live.py [--clients 50] [--saves 40] [--redis]``

Makes a throw-away store (SQLite in a temporary data dir) with one collaboration shared with
every client's account, starts what ``grenzeloos serve`` serves (``grenzeloos.serving``) under
uvicorn (one process) on a loopback port, subscribes the clients to the collaboration's live
channel with their session cookies (as the canvas page does), then saves the canvas
``--saves`` times through the REST API as the author (a token: no password hashing in the
way), one save at a time, and records when each
client receives each notice. Prints p50/p95/max of

- *save → client*: from sending the save request to a client receiving its notice (the save's
  own work, the commit, the channel layer and the WebSocket);
- *response → client*: from the save's response to the notice (negative: the notice came
  first — it is sent on commit, before the response is written).

With ``--redis`` a redis-server is started on a loopback port and the app uses the Redis
channel layer (``REDIS_URL``), as several processes would.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
DATA_DIR = tempfile.mkdtemp(prefix="grenzeloos-live-")
os.environ["GRENZELOOS_DATA_DIR"] = DATA_DIR
os.makedirs(os.path.join(DATA_DIR, "static"), exist_ok=True)  # whitenoise looks there
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "grenzeloos.settings")

import django  # noqa: E402

django.setup()

import websockets  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from grenzeloos.accounts.services import create_token  # noqa: E402
from grenzeloos.canvas import services as canvas  # noqa: E402
from grenzeloos.canvas.document import empty_document  # noqa: E402
from grenzeloos.collaborations.models import Membership, Role  # noqa: E402

PORTS = range(18700, 18800)


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 18700-18799")


def wait_for_port(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port}")


def start_redis(processes: list[subprocess.Popen[bytes]]) -> str:
    """A throw-away redis-server on a loopback port (added to ``processes``); its URL."""
    port = free_port()
    processes.append(
        subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                *("--port", str(port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no"),
            ],
            stdout=subprocess.DEVNULL,
        )
    )
    wait_for_port(port)
    return f"redis://127.0.0.1:{port}/0"


def app_env(redis_url: str = "") -> dict[str, str]:
    """The environment of an app process on this store (and Redis, when given)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "GRENZELOOS_DATA_DIR": DATA_DIR}
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def start_app(processes: list[subprocess.Popen[bytes]], env: dict[str, str]) -> int:
    """What ``grenzeloos serve`` serves, under uvicorn on a loopback port (added to
    ``processes``); the port."""
    port = free_port()
    processes.append(
        subprocess.Popen(
            [
                sys.executable,
                *("-m", "uvicorn", "grenzeloos.serving:application"),
                *("--host", "127.0.0.1", "--port", str(port)),
                *("--log-level", "warning", "--no-access-log"),
            ],
            env=env,
        )
    )
    wait_for_port(port)
    return port


def stop(processes: list[subprocess.Popen[bytes]]) -> None:
    """Stop the processes (last started first) and remove the throw-away data dir."""
    for process in reversed(processes):
        process.terminate()
        process.wait(timeout=10)
    shutil.rmtree(DATA_DIR, ignore_errors=True)


def session_cookie(user: Any) -> str:
    """A signed-in session of the user, as the value of the session cookie."""
    client = Client()
    client.force_login(user)
    return str(client.cookies[settings.SESSION_COOKIE_NAME].value)


async def subscribe(url: str, port: int, session: str) -> Any:
    """A WebSocket client on ``url`` with the session's cookie, as a page connects."""
    return await websockets.connect(
        url,
        origin=f"http://127.0.0.1:{port}",  # type: ignore[arg-type]
        additional_headers={"Cookie": f"{settings.SESSION_COOKIE_NAME}={session}"},
    )


def database() -> str:
    """The store's database, as a report names it."""
    return "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"


def seed(clients: int) -> tuple[int, str, list[str]]:
    """The collaboration, the author's API token and one session cookie per client."""
    call_command("migrate", verbosity=0)
    users = get_user_model()
    author = users.objects.create_user(username="anna", password=None)
    collaboration = canvas.create_collaboration(actor=author, document=empty_document("Live meten"))
    watchers = [users(username=f"kijker{index:03d}") for index in range(clients)]
    users.objects.bulk_create(watchers)
    watchers = list(users.objects.filter(username__startswith="kijker").order_by("username"))
    Membership.objects.bulk_create(
        Membership(collaboration=collaboration, user=watcher, role=Role.VIEWER)
        for watcher in watchers
    )
    _token, key = create_token(actor=author, name="bench")
    sessions = [session_cookie(watcher) for watcher in watchers]
    return collaboration.pk, key, sessions


def save(port: int, collaboration_id: int, token: str, number: int) -> tuple[float, float, int]:
    """One save through the API: (sent at, answered at, revision)."""
    document = {**empty_document("Live meten"), "dream": f"Meting {number}"}
    body = json.dumps(document).encode()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    sent = time.perf_counter()
    connection.request(
        "PUT",
        f"/api/v1/collaborations/{collaboration_id}/canvas",
        body=body,
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "If-Match": "*",
        },
    )
    response = connection.getresponse()
    answer = json.loads(response.read())
    answered = time.perf_counter()
    connection.close()
    if response.status != 200:
        raise RuntimeError(f"save answered {response.status}: {answer}")
    return sent, answered, int(answer["revision"])


async def run(port: int, collaboration_id: int, token: str, sessions: list[str], saves: int):
    received: dict[int, list[float]] = {}
    url = f"ws://127.0.0.1:{port}/ws/collaborations/{collaboration_id}/"

    async def listen(socket_: Any) -> None:
        async for text in socket_:
            at = time.perf_counter()
            received.setdefault(json.loads(text)["revision"], []).append(at)

    sockets = [await subscribe(url, port, session) for session in sessions]
    listeners = [asyncio.create_task(listen(socket_)) for socket_ in sockets]
    from_request: list[float] = []
    from_response: list[float] = []
    missing = 0
    for number in range(saves):
        sent, answered, revision = await asyncio.to_thread(
            save, port, collaboration_id, token, number
        )
        deadline = time.perf_counter() + 5
        while len(received.get(revision, [])) < len(sessions) and time.perf_counter() < deadline:
            await asyncio.sleep(0.005)
        arrivals = received.get(revision, [])
        missing += len(sessions) - len(arrivals)
        from_request += [(at - sent) * 1000 for at in arrivals]
        from_response += [(at - answered) * 1000 for at in arrivals]
        await asyncio.sleep(0.05)
    for socket_ in sockets:
        await socket_.close()
    for listener in listeners:
        listener.cancel()
    return from_request, from_response, missing


def percentiles(values: list[float]) -> str:
    cuts = statistics.quantiles(values, n=100)
    return f"p50 {cuts[49]:7.1f} ms   p95 {cuts[94]:7.1f} ms   max {max(values):7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--saves", type=int, default=40)
    parser.add_argument("--redis", action="store_true", help="use the Redis channel layer")
    options = parser.parse_args()

    collaboration_id, token, sessions = seed(options.clients)
    processes: list[subprocess.Popen[bytes]] = []
    try:
        redis_url = start_redis(processes) if options.redis else ""
        port = start_app(processes, app_env(redis_url))
        # Warm up: the first request loads the URL configuration, templates and translations.
        save(port, collaboration_id, token, -1)
        from_request, from_response, missing = asyncio.run(
            run(port, collaboration_id, token, sessions, options.saves)
        )
    finally:
        stop(processes)
    layer = "Redis" if options.redis else "in-memory"
    print(
        f"live notice, {options.clients} clients, {options.saves} saves, one uvicorn process, "
        f"{layer} channel layer, {database()} ({len(from_request)} notices, {missing} missing)"
    )
    print(f"  save -> client      {percentiles(from_request)}")
    print(f"  response -> client  {percentiles(from_response)}")


if __name__ == "__main__":
    main()
