"""Benchmark of the case library engines: loading the library, stemming a case for the search
index, matching a query, and ranking similar cases for a canvas.

Run: ``.venv/bin/python bench/cases_bench.py``. All of these are plain functions (no database).
The ranking runs on every canvas page view (the similar-cases panel), so its budget is a few
tens of milliseconds for the library; it is also measured against 500 cases, the size a busy
installation with many teams' own cases might reach.
"""

from __future__ import annotations

import copy
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

from grenzeloos.cases import search, similar  # noqa: E402
from grenzeloos.cases.library import DATA_DIR, library_cases, load_directory  # noqa: E402
from tests.canvas.factories import large_canvas, load_fixture  # noqa: E402


def timed(name: str, action: Callable[[], object], repeat: int = 20) -> None:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    print(f"{name:<58} median {statistics.median(samples) * 1000:8.2f} ms  (n={repeat})")


def many_cases(count: int) -> list[dict]:
    cases = []
    for index in range(count):
        case = copy.deepcopy(library_cases()[index % 12])
        case["slug"] = f"{case['slug']}-{index}"
        cases.append(case)
    return cases


def main() -> None:
    cases = list(library_cases())
    rich = load_fixture("canvas-rich.json")
    large = large_canvas()
    index = search.index_for(cases[0])
    five_hundred = many_cases(500)
    timed("load and validate the 12 library files", lambda: load_directory(DATA_DIR), 10)
    timed("search index of one case (nl + en stems)", lambda: search.index_for(cases[0]))
    timed(
        "match a 5-word query against one index",
        lambda: search.matches("wie zette het geld in stichtingen", index),
        200,
    )
    timed("rank the 12 cases for the rich canvas", lambda: similar.rank(rich, cases))
    timed("rank the 12 cases for the largest canvas", lambda: similar.rank(large, cases))
    timed("rank 500 cases for the rich canvas", lambda: similar.rank(rich, five_hundred), 5)
    keys = [case["slug"] for case in cases]
    timed(
        "rank the 12 cases, profiles remembered (canvas page)",
        lambda: similar.rank(rich, cases, keys=keys),
    )
    keys500 = [case["slug"] for case in five_hundred]
    timed(
        "rank 500 cases, profiles remembered",
        lambda: similar.rank(rich, five_hundred, keys=keys500),
        5,
    )


if __name__ == "__main__":
    main()
