"""What a fuzzing run did, for its report: requests and CLI runs per operation, server
errors and the slowest request. ``tests/fuzz/conftest.py`` prints it at the end of the run
and writes it to ``var/fuzz-figures.json`` (or ``GRENZELOOS_FUZZ_FIGURES``)."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Figures:
    started: float = field(default_factory=time.perf_counter)
    operations: Counter[str] = field(default_factory=Counter)
    server_errors: int = 0
    refused: int = 0
    slowest: tuple[float, str] = (0.0, "")

    def record(self, operation: str, status: int, elapsed: float) -> None:
        self.operations[operation] += 1
        if status >= 500:
            self.server_errors += 1
        elif status >= 400 or status == 1:  # an HTTP refusal or a CLI exit 1
            self.refused += 1
        if elapsed > self.slowest[0]:
            self.slowest = (elapsed, operation)

    def summary(self) -> dict[str, object]:
        return {
            "operations": len(self.operations),
            "examples": sum(self.operations.values()),
            "server_errors": self.server_errors,
            "refused": self.refused,
            "slowest_seconds": round(self.slowest[0], 3),
            "slowest_operation": self.slowest[1],
            "duration_seconds": round(time.perf_counter() - self.started, 1),
            "per_operation": dict(sorted(self.operations.items())),
        }


FIGURES = Figures()
