"""Report the fuzzing figures (operations, examples, 5xx, slowest request) after the run."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.fuzz.figures import FIGURES


def pytest_terminal_summary(terminalreporter):
    if not FIGURES.operations:
        return
    summary = FIGURES.summary()
    terminalreporter.section("fuzzing figures")
    for key, value in summary.items():
        if key != "per_operation":
            terminalreporter.write_line(f"{key}: {value}")
    target = Path(os.environ.get("GRENZELOOS_FUZZ_FIGURES", "var/fuzz-figures.json"))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    terminalreporter.write_line(f"written to {target}")
