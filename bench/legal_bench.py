"""Benchmark of the legal route check: assessing answers and rendering the motivation.

Run: ``.venv/bin/python bench/legal_bench.py``. Prints the median time of each operation for
the example answers in ``docs/examples`` and for the same answers with every answer unknown
(the engine then explores what each possible answer would lead to).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("GRENZELOOS_DATA_DIR", tempfile.mkdtemp(prefix="grenzeloos-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "grenzeloos.settings")

import django  # noqa: E402

django.setup()

from grenzeloos.documents import render  # noqa: E402
from grenzeloos.legal.answers import parse_answers  # noqa: E402
from grenzeloos.legal.engine import assess  # noqa: E402
from grenzeloos.legal.report import build_report  # noqa: E402


def timed(name: str, action: Callable[[], object], repeat: int = 20) -> None:
    """Median wall and CPU time: on a shared machine the CPU time is the steadier figure."""
    samples, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        samples.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    print(
        f"{name:<52} median {statistics.median(samples) * 1000:8.2f} ms"
        f"  cpu {statistics.median(cpu) * 1000:8.2f} ms  (n={repeat})"
    )


def main() -> None:
    raw = json.loads((ROOT / "docs/examples/legal-answers-example.json").read_text())
    answers = parse_answers(raw)
    unknown = parse_answers({"schema": raw["schema"], "on_date": raw["on_date"]})
    timed("parse answers", lambda: parse_answers(raw))
    timed("assess (all answers given)", lambda: assess(answers))
    timed("assess (only a date: explores open questions)", lambda: assess(unknown), repeat=15)
    consortium = parse_answers(
        json.loads((ROOT / "docs/examples/legal-consortium-example.json").read_text())
    )
    timed("assess (consortium of four)", lambda: assess(consortium))
    settle = dict(raw, aid={**raw["aid"], "effective_collaboration": None, "beneficiary": {}})
    open_two = parse_answers(settle)
    timed("assess (size and collaboration open: settles)", lambda: assess(open_two))
    outcome = assess(answers).to_json()
    document = build_report(raw, outcome, language="nl")
    for fmt in ("md", "odt", "docx", "pdf"):
        timed(f"render motivation as {fmt}", lambda fmt=fmt: render(document, fmt), repeat=5)


if __name__ == "__main__":
    sys.exit(main())
