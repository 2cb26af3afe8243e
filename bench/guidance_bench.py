"""Benchmark of the guidance engines: the advice check and the pitch builder.

Run: ``.venv/bin/python bench/guidance_bench.py``. Both are plain functions over the canvas
document (no database), so this measures them directly, on the exemplary canvas of the tests and
on the largest canvas people reach (60 partners, 6,000-character texts, 25 action lines). The
advice panel runs the check on every canvas page view; the budget is a few milliseconds.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "grenzeloos.settings")

import django  # noqa: E402

django.setup()

from grenzeloos.guidance.advice import Facts, check  # noqa: E402
from grenzeloos.guidance.pitch import build_pitch  # noqa: E402
from tests.canvas.factories import large_canvas  # noqa: E402
from tests.guidance.canvases import exemplary  # noqa: E402


def timed(name: str, action: Callable[[], object], repeat: int = 50) -> None:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    print(f"{name:<52} median {statistics.median(samples) * 1000:8.2f} ms  (n={repeat})")


def main() -> None:
    for label, document in (("exemplary canvas", exemplary()), ("large canvas", large_canvas())):
        timed(
            f"advice check, {label} (nl)",
            lambda d=document: check(d, facts=Facts(False), language="nl"),
        )
        timed(
            f"advice check + JSON, {label} (en)",
            lambda d=document: check(d, language="en").to_json(),
        )
        timed(f"short pitch, {label}", lambda d=document: build_pitch(d, length="short"))
        timed(
            f"long pitch for a partner, {label}",
            lambda d=document: build_pitch(d, audience=d["partners"][1]["name"], length="long"),
        )


if __name__ == "__main__":
    main()
