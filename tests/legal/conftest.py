"""Fixtures of the legal tests: people around a collaboration and a realistic answers file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from grenzeloos.canvas import services as canvas_services
from tests.canvas.factories import load_fixture

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "legal-answers-example.json"


def example_answers() -> dict[str, Any]:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


@pytest.fixture
def answers() -> dict[str, Any]:
    return example_answers()


@pytest.fixture
def people(db):
    """An owner, a second editor (the lawyer), a viewer and a stranger around one collaboration."""
    make = get_user_model().objects.create_user
    owner = make(username="olga", password="x-pass-1234")
    editor = make(username="eddy", password="x-pass-1234")
    viewer = make(username="vera", password="x-pass-1234")
    stranger = make(username="sam", password="x-pass-1234")
    collaboration = canvas_services.create_collaboration(
        actor=owner, document=load_fixture("canvas-rich.json")
    )
    canvas_services.share(actor=owner, collaboration=collaboration, username="eddy", role="editor")
    canvas_services.share(actor=owner, collaboration=collaboration, username="vera", role="viewer")
    return {
        "owner": owner,
        "editor": editor,
        "viewer": viewer,
        "stranger": stranger,
        "collaboration": collaboration,
    }
