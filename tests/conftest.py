"""Fixtures shared by every test."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from tests.canvas.factories import load_fixture


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hashing passwords slowly is a production feature, not something tests must pay for."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_messages():
    """Code called directly speaks English in tests; pages still pick their own language."""
    with translation.override("en"):
        yield


@pytest.fixture
def answers() -> dict[str, Any]:
    """The example legal answers file (docs/examples/legal-answers-example.json)."""
    from tests.legal.conftest import example_answers

    return example_answers()


@pytest.fixture
def make_user(db):
    def make(username: str, **extra: Any):
        return get_user_model().objects.create_user(
            username=username, password="x-pass-1234", **extra
        )

    return make


@pytest.fixture
def people(make_user) -> dict[str, Any]:
    """An owner (olga), editor (eddy), viewer (vera) and a stranger (sam) around one
    collaboration with the rich example canvas."""
    from grenzeloos.canvas import services as canvas_services
    from grenzeloos.collaborations import services as collaboration_services

    owner = make_user("olga")
    editor = make_user("eddy")
    viewer = make_user("vera")
    stranger = make_user("sam")
    collaboration = canvas_services.create_collaboration(
        actor=owner, document=load_fixture("canvas-rich.json")
    )
    collaboration_services.share(
        actor=owner, collaboration=collaboration, username="eddy", role="editor"
    )
    collaboration_services.share(
        actor=owner, collaboration=collaboration, username="vera", role="viewer"
    )
    return {
        "owner": owner,
        "editor": editor,
        "viewer": viewer,
        "stranger": stranger,
        "collaboration": collaboration,
    }
