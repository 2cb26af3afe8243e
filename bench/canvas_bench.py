"""Benchmark of the canvas core: validation, merge, save with merge, diff and export.

Run: ``.venv/bin/python bench/canvas_bench.py`` (uses a throw-away SQLite data dir, or
PostgreSQL when DATABASE_URL is set). Prints the median time of each operation.
"""

from __future__ import annotations

import contextlib
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("GRENZELOOS_DATA_DIR", tempfile.mkdtemp(prefix="grenzeloos-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "grenzeloos.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402

from grenzeloos.canvas import services  # noqa: E402
from grenzeloos.canvas.document import dumps, parse_json, validate  # noqa: E402
from grenzeloos.canvas.merge import merge  # noqa: E402
from grenzeloos.canvas.render import render_export  # noqa: E402
from tests.canvas.factories import large_canvas  # noqa: E402


def timed(name: str, action: Callable[[], object], repeat: int = 20) -> None:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    print(f"{name:<48} median {statistics.median(samples) * 1000:8.2f} ms  (n={repeat})")


def main() -> None:
    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_user("bench")
    large = large_canvas()
    text = dumps(validate(large))
    print(f"large canvas: {len(text):,} bytes of JSON, 60 partners, 25 action lines")
    timed("validate + parse large canvas JSON", lambda: parse_json(text))
    document = validate(large)
    ours = {**document, "dream": document["dream"] + " Extra zin."}
    theirs = {**document, "pitch": "Nieuwe pitch", "partners": document["partners"][1:]}
    timed("three-way merge of large canvases", lambda: merge(document, ours, theirs))
    collaboration = services.create_collaboration(actor=user, document=document)
    counter = iter(range(10_000))

    def save() -> None:
        services.update_fields(
            actor=user,
            collaboration=collaboration,
            changes={"pitch": f"pitch {next(counter)}"},
            base_revision=1,
        )

    def save_conflict_free() -> None:
        head = services.head(collaboration)
        services.update_fields(
            actor=user,
            collaboration=collaboration,
            changes={"dream": f"droom {next(counter)}"},
            base_revision=head.number,
        )

    timed("save from latest revision (large canvas)", save_conflict_free)
    with contextlib.suppress(services.MergeConflictError):
        save()
    timed("diff of large revisions 1 -> latest", lambda: services.diff(collaboration, 1, 2))
    head = services.head(collaboration)
    timed(
        "export large canvas as Markdown",
        lambda: render_export(head.document, revision=head.number, fmt="md"),
    )
    timed(
        "export large canvas as JSON",
        lambda: render_export(head.document, revision=head.number, fmt="json"),
    )


if __name__ == "__main__":
    main()
