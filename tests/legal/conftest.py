"""Fixtures of the legal tests: a realistic answers file (people come from tests/conftest.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "legal-answers-example.json"


def example_answers() -> dict[str, Any]:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))
