"""Pages under load: list, search, canvas page, history and /healthz side by side, one run.

Run: ``.venv/bin/python bench/pages.py [--collaborations 10000] [--requests 200] [--workers N]
[--redis]`` (on PostgreSQL: ``scripts/with-postgres.sh .venv/bin/python bench/pages.py …``; with
``--workers 2 --redis`` as ``deploy/compose.yaml`` serves).

Seeds a throw-away store (SQLite in a temporary data dir, or PostgreSQL when DATABASE_URL is
set) with N collaborations of 5 revisions each, all shared with one account, starts
``grenzeloos serve`` on it and sends the requests of each page from 4 concurrent signed-in
clients. Prints throughput (requests/s), p50/p95 latency and CPU time per request of each page,
and the canvas page's throughput relative to /healthz. CPU time is the server's (its process)
plus, on PostgreSQL, the database's (the postmaster's backends): unlike latency it does not
grow when other programs load the machine. Goals (issues 8 and 27): canvas ≥ 0.5× /healthz
with p95 < 50 ms; list and search p95 < 100 ms, also for a word every collaboration contains.

Seeding writes rows in bulk (not through the services) so 10,000 collaborations take seconds;
the rows are what the services would write, including the search text of the head revision.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("GRENZELOOS_DATA_DIR", tempfile.mkdtemp(prefix="grenzeloos-pages-"))
DATA_DIR = os.environ["GRENZELOOS_DATA_DIR"]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "grenzeloos.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from grenzeloos.canvas.document import empty_document, validate  # noqa: E402
from grenzeloos.canvas.models import Canvas, Revision  # noqa: E402
from grenzeloos.canvas.search import visible_text  # noqa: E402
from grenzeloos.collaborations.models import Collaboration, Membership, Role  # noqa: E402

CLIENTS = 4
WORDS = ["deelfietsen", "waterberging", "energiecafé", "schuldhulp", "dakdekkers", "laadpalen"]


_TEMPLATES: dict[tuple[int, int], dict[str, Any]] = {}


def document(index: int, revision: int) -> dict[str, Any]:
    """A valid canvas; validated once per word and revision, then only its numbers change."""
    word_index = index % len(WORDS)
    template = _TEMPLATES.get((word_index, revision))
    if template is None:
        template = _TEMPLATES[(word_index, revision)] = _document(word_index, revision)
    text = json.dumps(template, ensure_ascii=False).replace("#N#", str(index))
    return dict(json.loads(text))


def _document(word_index: int, revision: int) -> dict[str, Any]:
    word = WORDS[word_index]
    return validate(
        {
            **empty_document(f"Samenwerking #N# over {word}"),
            "dream": f"Droom {revision} van samenwerking #N#: {word} in de hele regio.",
            "societal_value": "Minder uitstoot, meer contact tussen bewoners en bedrijven.",
            "proposition": "Samen doen wat geen van de partners alleen kan.",
            "action_lines": ["Eerste verkenning", "Pilot in één wijk", f"Opschalen ({revision})"],
            "partners": [
                {"name": "Gemeente Voorbeeld", "role": "founding", "sector": "government"},
                {
                    "name": "Coöperatie #N#",
                    "role": "sponsoring",
                    "sector": "civil_society",
                    "contributions": [
                        {"kind": "money", "description": "Bijdrage", "amount": 25000, "unit": "EUR"}
                    ],
                },
            ],
        }
    )


def seed(count: int) -> tuple[object, int]:
    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_user("bench", password=secrets.token_urlsafe(16))
    batch = 1000
    for start in range(0, count, batch):
        stop = min(start + batch, count)
        collaborations = Collaboration.objects.bulk_create(
            [
                Collaboration(subject=f"Samenwerking {i}", created_by=user)
                for i in range(start, stop)
            ]
        )
        Membership.objects.bulk_create(
            [Membership(collaboration=c, user=user, role=Role.OWNER) for c in collaborations]
        )
        revisions, canvases = [], []
        for offset, collaboration in enumerate(collaborations):
            index = start + offset
            for number in range(1, 6):
                revisions.append(
                    Revision(
                        collaboration=collaboration,
                        number=number,
                        document=document(index, number),
                        author=user,
                    )
                )
            canvases.append(
                Canvas(
                    collaboration=collaboration,
                    head_number=5,
                    search_text=visible_text(document(index, 5)),
                )
            )
        Revision.objects.bulk_create(revisions)
        Canvas.objects.bulk_create(canvases)
    if connection.vendor == "postgresql":
        # The planner's statistics, as autovacuum gathers them a minute after such bulk writes:
        # without them it takes the person's 10,000 memberships for 30 and plans the search
        # ten times slower than a store in use would.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return user, Collaboration.objects.order_by("pk").values_list("pk", flat=True)[count // 2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(port: int, workers: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """``grenzeloos serve`` on a loopback port with ``workers`` processes, quietly."""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "grenzeloos",
            "serve",
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_for(port: int) -> None:
    for _ in range(200):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the server did not start")


def _cpu_seconds(pid: int, *, reaped: bool = False) -> float:
    """User + system CPU time of a process (Linux ``/proc``); with ``reaped``, also that of
    its children that have ended (PostgreSQL's backends of closed connections)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = int(fields[11]) + int(fields[12])  # utime, stime
    if reaped:
        ticks += int(fields[13]) + int(fields[14])  # cutime, cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    """The ids of a process's living children (Linux ``/proc``)."""
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if parent == pid:
                children.append(int(entry.name))
    return children


def _postmaster() -> int:
    """On PostgreSQL, the postmaster's process id; else 0."""
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute("SHOW data_directory")
        directory = Path(cursor.fetchone()[0])
    return int((directory / "postmaster.pid").read_text().split()[0])


def cpu_used(server: int) -> tuple[float, float]:
    """CPU seconds used so far by the server process (with its worker processes) and by the
    database's processes (the postmaster and its backends)."""
    postmaster = _postmaster()
    database = 0.0
    if postmaster:
        backends = _children(postmaster)
        database = _cpu_seconds(postmaster, reaped=True) + sum(map(_cpu_seconds, backends))
    return _cpu_seconds(server) + sum(map(_cpu_seconds, _children(server))), database


def measure(
    port: int, path: str, cookie: str, total: int, server: int = 0
) -> tuple[float, float, float, int, int, float, float]:
    """(requests/s, p50 ms, p95 ms, bytes of one response, answers other than 200, server CPU
    ms per request, database CPU ms per request) for ``total`` requests."""
    latencies: list[float] = []
    sizes: list[int] = []
    failures: list[str] = []
    lock = threading.Lock()
    per_client = total // CLIENTS

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        for _ in range(per_client):
            started = time.perf_counter()
            connection.request("GET", path, headers={"Cookie": cookie})
            response = connection.getresponse()
            body = response.read()
            mine.append(time.perf_counter() - started)
            if response.status != 200:  # a search refused as too slow (400) counts, slowly
                failures.append(f"{path}: HTTP {response.status}")
            sizes.append(len(body))
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    cpu_before = cpu_used(server) if server else (0.0, 0.0)
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    cpu_after = cpu_used(server) if server else (0.0, 0.0)
    cpu = [
        (after - before) * 1000 / (per_client * CLIENTS)
        for before, after in zip(cpu_before, cpu_after, strict=True)
    ]
    for failure in failures[:1]:
        print(f"{len(failures)} of {total} not 200; the first: {failure}", file=sys.stderr)
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    rate = len(latencies) / elapsed
    median = statistics.median(latencies) * 1000
    return rate, median, p95 * 1000, sizes[0], len(failures), cpu[0], cpu[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--collaborations", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument(
        "--workers", type=int, default=1, help="app processes of `grenzeloos serve` (--workers)"
    )
    parser.add_argument(
        "--redis", action="store_true", help="the cache in a throw-away redis-server (REDIS_URL)"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    user, middle = seed(args.collaborations)
    print(
        f"seeded {args.collaborations} collaborations × 5 revisions "
        f"in {time.perf_counter() - started:.1f} s"
    )
    client = Client()
    client.force_login(user)
    cookie = (
        f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}; "
        f"{settings.LANGUAGE_COOKIE_NAME}=nl"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "GRENZELOOS_DATA_DIR": DATA_DIR}
    helpers: list[subprocess.Popen[bytes]] = []
    if args.redis:
        from live import start_redis  # the live bench's throw-away redis-server

        env["REDIS_URL"] = start_redis(helpers)
    port = free_port()
    server = serve(port, args.workers, env)
    try:
        wait_for(port)
        pages = [
            ("/healthz", "/healthz"),
            ("list", "/"),
            ("search", "/?q=energiecafe"),
            # A word in every collaboration (the subject) and one in every canvas's text:
            # the whole store matches, so the page must not read every match to show 50.
            ("search common", "/?q=samenwerking"),
            ("search text", "/?q=bewoners"),
            ("canvas page", f"/c/{middle}/"),
            ("history", f"/c/{middle}/history/"),
        ]
        for _name, path in pages:  # warm up
            measure(port, path, cookie, CLIENTS * 2)
        results = {
            name: measure(port, path, cookie, args.requests, server.pid) for name, path in pages
        }
    finally:
        for process in [server, *helpers]:
            process.terminate()
            process.wait(timeout=10)
    print(
        f"{'page':<14} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'cpu ms':>8} {'db cpu':>8}"
        f" {'bytes':>9} {'not 200':>8}"
    )
    for name, (rate, p50, p95, size, failed, cpu, db_cpu) in results.items():
        print(
            f"{name:<14} {rate:8.1f} {p50:8.1f} {p95:8.1f} {cpu:8.1f} {db_cpu:8.1f}"
            f" {size:9d} {failed:8d}"
        )
    print("cpu ms, db cpu: CPU time per request of the server and of PostgreSQL's processes")
    cache = "Redis" if args.redis else "in each process"
    print(f"{args.workers} app process(es), cache {cache}, {connection.vendor}")
    ratio = results["canvas page"][0] / results["/healthz"][0]
    print(f"canvas page throughput = {ratio:.2f} × /healthz ({CLIENTS} concurrent clients)")


if __name__ == "__main__":
    main()
