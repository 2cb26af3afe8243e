"""Benchmark of hostile searches: the inputs of the attack report against the API.

Run: ``.venv/bin/python bench/search_bench.py`` (a throw-away SQLite data dir, or PostgreSQL
when DATABASE_URL is set). One user with one collaboration of 20 revisions (as in the report)
plus 200 other collaborations in the store; each input is searched through the API 10 times
and the median and worst time are printed with the status. The goal: under 200 ms each, with
results or a clear 400.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("GRENZELOOS_DATA_DIR", tempfile.mkdtemp(prefix="grenzeloos-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "grenzeloos.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

from grenzeloos.canvas import services  # noqa: E402
from tests.canvas.factories import large_canvas, load_fixture  # noqa: E402

INPUTS = {
    "5 words": "samen water zee pitch v7",
    "9 words": "samen water zee pitch v7 a e o i",
    "10 rare words": " ".join(f"zzq{i}" for i in range(10)),
    "63 words": " ".join(["samen"] * 63),
    "2,000 words": " ".join(f"w{i}" for i in range(2000)),
    "100,000-character word": "x" * 100_000,
}


def main() -> None:
    call_command("migrate", verbosity=0)
    users = get_user_model().objects
    user = users.create_user("bench-search", password=None)
    other = users.create_user("bench-other", password=None)
    document = load_fixture("canvas-rich.json")
    mine = services.create_collaboration(actor=user, document=document)
    for number in range(2, 21):
        services.save_canvas(
            actor=user,
            collaboration=mine,
            document={**document, "version": f"v{number}", "pitch": f"pitch {number} samen"},
        )
    big = large_canvas()
    for index in range(200):
        services.create_collaboration(actor=other, document={**big, "subject": f"Ander {index}"})
    client = APIClient(HTTP_HOST="127.0.0.1")
    client.force_authenticate(user)
    client.get("/api/v1/collaborations")
    print(f"database: {django.db.connection.vendor}")
    for name, text in INPUTS.items():
        samples, status = [], 0
        for _ in range(10):
            start = time.perf_counter()
            status = client.get("/api/v1/collaborations", {"search": text}).status_code
            samples.append((time.perf_counter() - start) * 1000)
        print(
            f"{name:>24}: {status}  median {statistics.median(samples):6.1f} ms"
            f"  worst {max(samples):6.1f} ms"
        )


if __name__ == "__main__":
    main()
