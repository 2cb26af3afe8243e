"""Collaborations for ledger tests and benchmarks."""

from __future__ import annotations

from typing import Any

from grenzeloos.canvas import services as canvas_services
from tests.canvas.factories import load_fixture


def make_collaboration(owner: Any, fixture: str = "canvas-minimal.json") -> int:
    """A collaboration owned by ``owner`` with a canvas from the fixtures; its id."""
    return canvas_services.create_collaboration(actor=owner, document=load_fixture(fixture)).pk
