"""Benchmark of the canvas exports: time per format for the large canvas and for 100 ordinary ones.

Run: ``.venv/bin/python bench/exports.py [--repeat N] [--ordinary N]``. The large canvas has
60 partners and 6,000-character texts (``tests/canvas/factories.py``); the ordinary canvases are
the rich test fixture with a different subject each. Prints, per format, the median time of one
large export and the total time for the ordinary ones. No database is needed: exports are plain
functions over the canvas document. The machine's load matters (2 shared cores): compare runs
made under the same conditions.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "grenzeloos.settings")

import django  # noqa: E402

django.setup()

from grenzeloos.canvas.document import validate  # noqa: E402
from grenzeloos.canvas.render import (  # noqa: E402
    EXPORT_FORMATS,
    ExportOptions,
    canvas_poster,
    render_export,
)
from grenzeloos.documents.poster import draw, plan  # noqa: E402
from tests.canvas.factories import large_canvas, load_fixture  # noqa: E402

OPTIONS = ExportOptions(language="nl", exported_on=date(2026, 11, 30))


def seconds(action) -> float:  # type: ignore[no-untyped-def]
    """Wall-clock seconds of one call."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def cpu_seconds(action) -> float:  # type: ignore[no-untyped-def]
    """CPU seconds of this process for one call: less distorted by other load on the machine."""
    start = time.process_time()
    action()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each large export")
    parser.add_argument("--ordinary", type=int, default=100, help="number of ordinary canvases")
    parser.add_argument("--formats", default=",".join(EXPORT_FORMATS))
    args = parser.parse_args()
    formats = args.formats.split(",")

    large = validate(large_canvas())
    rich = load_fixture("canvas-rich.json")
    ordinary = [validate({**rich, "subject": f"Samenwerking {n}"}) for n in range(args.ordinary)]
    # Warm up once: imports (PDFium, lxml...) and reading the fonts are a one-off cost per process.
    for fmt in formats:
        render_export(ordinary[0], revision=1, fmt=fmt, options=OPTIONS)

    poster = canvas_poster(large, revision=1, options=OPTIONS)
    print("large canvas: 60 partners, 25 action lines, nine 6,000-character texts")
    planned = plan(poster)
    print(f"  poster pages: 1 + {len(planned.pages)} follow-up")
    steps = (("plan (measure, shrink, split)", plan), ("draw (plan, place, structure)", draw))
    for name, step in steps:
        wall = seconds(lambda step=step: step(poster))
        cpu = cpu_seconds(lambda step=step: step(poster))
        print(f"  {name:<32} wall {wall * 1000:7.0f} ms   cpu {cpu * 1000:7.0f} ms")
    print(f"format  large canvas (median of {args.repeat})       {len(ordinary)} ordinary canvases")
    for fmt in formats:

        def run(document, fmt=fmt):  # type: ignore[no-untyped-def]
            return lambda: render_export(document, revision=1, fmt=fmt, options=OPTIONS)

        wall = statistics.median(seconds(run(large)) for _ in range(args.repeat))
        cpu = statistics.median(cpu_seconds(run(large)) for _ in range(args.repeat))
        start_wall, start_cpu = time.perf_counter(), time.process_time()
        for document in ordinary:
            run(document)()
        total_wall = time.perf_counter() - start_wall
        total_cpu = time.process_time() - start_cpu
        print(
            f"{fmt:<6} wall {wall * 1000:7.0f} ms  cpu {cpu * 1000:7.0f} ms"
            f"   wall {total_wall:6.1f} s  cpu {total_cpu:6.1f} s"
            f" ({total_cpu / max(len(ordinary), 1) * 1000:4.0f} ms cpu each)"
        )


if __name__ == "__main__":
    main()
