from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from grenzeloos.canvas import services
from tests.canvas.factories import load_fixture


@pytest.fixture
def make_user(db):
    def make(username: str, **extra):
        user = get_user_model().objects.create_user(
            username=username, password="x-pass-1234", **extra
        )
        return user

    return make


@pytest.fixture
def people(make_user):
    """An owner, editor, viewer and a stranger around one collaboration."""
    owner = make_user("olga")
    editor = make_user("eddy")
    viewer = make_user("vera")
    stranger = make_user("sam")
    collaboration = services.create_collaboration(
        actor=owner, document=load_fixture("canvas-rich.json")
    )
    services.share(actor=owner, collaboration=collaboration, username="eddy", role="editor")
    services.share(actor=owner, collaboration=collaboration, username="vera", role="viewer")
    return {
        "owner": owner,
        "editor": editor,
        "viewer": viewer,
        "stranger": stranger,
        "collaboration": collaboration,
    }
