"""A workshop under load: 50 participants add notes and dots for 60 seconds; how soon does a
note reach the other participants' pages, and is any note lost or doubled?

Run: ``.venv/bin/python bench/workshop_bench.py [--participants 50] [--seconds 60]
[--redis [--processes 2]]``

Makes a throw-away store (SQLite in a temporary data dir, or the PostgreSQL of ``DATABASE_URL``:
``scripts/with-postgres.sh .venv/bin/python bench/workshop_bench.py …``; the set-up is
:mod:`live`'s, the live notice bench beside this one) with one collaboration, a running workshop
and ``--participants`` members (each with an API token and a session cookie), starts what
``grenzeloos serve`` serves under uvicorn on loopback, connects every participant's page to the
workshop room's WebSocket with its session cookie, then lets each participant, for ``--seconds``,
add a note about every ``--interval`` seconds (10) through the API (a key made on the client), send
one note in ten a second time with the same key (as a page does after a lost connection), and place
dots on others' notes. Records when every client receives every ``note.added`` event. Prints
p50/p95/max from a note's submission to its arrival at the other clients (and to its own response),
the app processes' CPU time over the run, and checks that every note is stored once and reaches
every client exactly once.

With ``--redis`` a redis-server is started on a loopback port and the app uses the Redis channel
layer (``REDIS_URL``); with ``--processes N`` (needs ``--redis``) N app processes serve the same
store, the participants spread over them: the scaled-out set-up.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import random
import statistics
import subprocess
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management import call_command

# The throw-away store, Django's set-up and the app processes are the live bench's.
from live import (
    app_env,
    database,
    session_cookie,
    start_app,
    start_redis,
    stop,
    subscribe,
)

from grenzeloos.accounts.services import create_token
from grenzeloos.canvas import services as canvas
from grenzeloos.canvas.document import empty_document
from grenzeloos.collaborations.models import Membership, Role
from grenzeloos.workshop import services as workshops
from grenzeloos.workshop.models import Note


def cpu_seconds(pid: int) -> float:
    """The user and system CPU time a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def seed(participants: int) -> tuple[int, int, list[tuple[str, str]]]:
    """The collaboration, the workshop and (API token, session cookie) per participant."""
    call_command("migrate", verbosity=0)
    users = get_user_model()
    facilitator = users.objects.create_user(username="fenna", password=None)
    collaboration = canvas.create_collaboration(
        actor=facilitator, document=empty_document("Workshop meten")
    )
    people = [users(username=f"deelnemer{index:03d}") for index in range(participants)]
    users.objects.bulk_create(people)
    people = list(users.objects.filter(username__startswith="deelnemer").order_by("username"))
    Membership.objects.bulk_create(
        Membership(collaboration=collaboration, user=person, role=Role.VIEWER) for person in people
    )
    made = workshops.create_workshop(
        actor=facilitator,
        collaboration_id=collaboration.pk,
        title="Belasting",
        steps=[workshops.StepInput(box="dream", minutes=60)],
        dots=20,
        max_guests=0,
    )
    workshops.start(actor=facilitator, workshop_id=made.pk)
    credentials = [
        (create_token(actor=person, name="bench")[1], session_cookie(person)) for person in people
    ]
    return collaboration.pk, made.pk, credentials


def post(port: int, path: str, token: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(
        "POST",
        path,
        body=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    response = connection.getresponse()
    answer = json.loads(response.read() or b"{}")
    connection.close()
    return response.status, answer


async def run(
    ports: list[int],
    collaboration_id: int,
    workshop_id: int,
    credentials: list[tuple[str, str]],
    seconds: float,
    interval: float,
) -> dict[str, Any]:
    sent: dict[str, float] = {}
    answered: list[float] = []
    author: dict[str, int] = {}
    arrivals: dict[str, list[tuple[int, float]]] = {}
    stored: list[int] = []
    resent = 0
    dots = 0
    base = f"/api/v1/collaborations/{collaboration_id}/workshops/{workshop_id}"

    async def listen(index: int, socket_: Any) -> None:
        async for text in socket_:
            at = time.perf_counter()
            event = json.loads(text)
            if event["kind"] == "note.added":
                arrivals.setdefault(event["note"]["key"], []).append((index, at))

    sockets = []
    for index, (_token, session) in enumerate(credentials):
        port = ports[index % len(ports)]
        url = f"ws://127.0.0.1:{port}/ws/workshops/{workshop_id}/"
        sockets.append(await subscribe(url, port, session))
    listeners = [asyncio.create_task(listen(i, s)) for i, s in enumerate(sockets)]
    # A thread per participant for its blocking requests: asyncio's default pool has a handful
    # of threads, and a request waiting for one of them would count as the server's time.
    asyncio.get_running_loop().set_default_executor(
        ThreadPoolExecutor(max_workers=2 * len(credentials))
    )
    await asyncio.sleep(1)  # presence events settle
    end = time.perf_counter() + seconds

    async def participant(index: int, token: str) -> None:
        nonlocal resent, dots
        port = ports[index % len(ports)]
        rng = random.Random(index)
        await asyncio.sleep(rng.uniform(0, interval))
        while time.perf_counter() < end:
            key = str(uuid.uuid4())
            author[key] = index
            sent[key] = time.perf_counter()
            status, answer = await asyncio.to_thread(
                post, port, f"{base}/notes", token, {"key": key, "text": f"Notitie {key[:8]}"}
            )
            if status != 201:
                raise RuntimeError(f"note answered {status}: {answer}")
            answered.append((time.perf_counter() - sent[key]) * 1000)
            stored.append(answer["id"])
            if rng.random() < 0.1:  # sent again after a lost connection: stored once
                status, again = await asyncio.to_thread(
                    post, port, f"{base}/notes", token, {"key": key, "text": answer["text"]}
                )
                if status != 200 or again["id"] != answer["id"]:
                    raise RuntimeError(f"a note sent again answered {status}: {again}")
                resent += 1
            if len(stored) > 1 and rng.random() < 0.5:
                status, _answer = await asyncio.to_thread(
                    post, port, f"{base}/notes/{rng.choice(stored)}/dots", token, {}
                )
                dots += status == 201
            await asyncio.sleep(rng.uniform(0.75 * interval, 1.25 * interval))

    await asyncio.gather(*(participant(i, c[0]) for i, c in enumerate(credentials)))
    deadline = time.perf_counter() + 5
    while time.perf_counter() < deadline and any(
        len(arrivals.get(key, [])) < len(sockets) for key in sent
    ):
        await asyncio.sleep(0.05)
    for socket_ in sockets:
        await socket_.close()
    for listener in listeners:
        listener.cancel()
    return {
        "sent": sent,
        "answered": answered,
        "author": author,
        "arrivals": arrivals,
        "resent": resent,
        "dots": dots,
        "clients": len(sockets),
    }


def percentiles(values: list[float]) -> str:
    cuts = statistics.quantiles(values, n=100)
    return f"p50 {cuts[49]:7.1f} ms   p95 {cuts[94]:7.1f} ms   max {max(values):7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--interval", type=float, default=10, help="seconds between a participant's notes"
    )
    parser.add_argument("--redis", action="store_true", help="use the Redis channel layer")
    parser.add_argument("--processes", type=int, default=1, help="app processes (with --redis)")
    options = parser.parse_args()
    if options.processes > 1 and not options.redis:
        parser.error("--processes above 1 needs --redis (one channel layer for all)")

    collaboration_id, workshop_id, credentials = seed(options.participants)
    processes: list[subprocess.Popen[bytes]] = []
    try:
        redis_url = start_redis(processes) if options.redis else ""
        apps = len(processes)
        ports = [start_app(processes, app_env(redis_url)) for _n in range(options.processes)]
        servers = [process.pid for process in processes[apps:]]
        # Warm up each process: the first request loads the URL configuration, templates and
        # translations (its note is no part of the measurement).
        base = f"/api/v1/collaborations/{collaboration_id}/workshops/{workshop_id}/notes"
        for port in ports:
            post(port, base, credentials[0][0], {"key": f"warm-{port}", "text": "Warm"})
        cpu_before = [cpu_seconds(pid) for pid in servers]
        started = time.perf_counter()
        result = asyncio.run(
            run(
                ports, collaboration_id, workshop_id, credentials, options.seconds, options.interval
            )
        )
        wall = time.perf_counter() - started
        cpu = [cpu_seconds(pid) - before for pid, before in zip(servers, cpu_before, strict=True)]
        keys = list(
            Note.objects.filter(workshop_id=workshop_id)
            .exclude(key__startswith="warm-")
            .values_list("key", flat=True)
        )
        store = database()
    finally:
        stop(processes)
    sent, arrivals = result["sent"], result["arrivals"]
    latencies = [
        (at - sent[key]) * 1000
        for key, received in arrivals.items()
        if key in sent
        for _client, at in received
    ]
    per_client = Counter(
        (key, client) for key, received in arrivals.items() for client, _at in received
    )
    doubled_events = sum(1 for count in per_client.values() if count > 1)
    missing = sum(result["clients"] - len({c for c, _a in arrivals.get(k, [])}) for k in sent)
    doubled_notes = len(keys) - len(set(keys))
    layer = "Redis" if options.redis else "in-memory"
    print(
        f"workshop, {options.participants} participants, {options.seconds:.0f} s, "
        f"a note every {options.interval:g} s each, "
        f"{options.processes} uvicorn process(es), {layer} channel layer, {store}"
    )
    print(
        f"  notes sent {len(sent)} (and {result['resent']} sent again), stored {len(keys)}, "
        f"dots placed {result['dots']}"
    )
    print(f"  note -> other clients  {percentiles(latencies)}  ({len(latencies)} arrivals)")
    print(f"  note -> its response   {percentiles(result['answered'])}")
    print(
        f"  wall {wall:.1f} s, app CPU "
        + ", ".join(f"{seconds:.1f} s" for seconds in cpu)
        + f" ({100 * sum(cpu) / wall:.0f}% of one core)"
    )
    print(
        f"  lost arrivals {missing}, doubled arrivals {doubled_events}, "
        f"notes stored twice {doubled_notes}, notes not stored {len(set(sent) - set(keys))}"
    )


if __name__ == "__main__":
    main()
