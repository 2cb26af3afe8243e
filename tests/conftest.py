"""Fixtures shared by every test."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test.utils import override_settings
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from tests.accounts.factories import UserFactory
from tests.canvas.factories import CanvasFactory, load_fixture

# Property tests check what holds, not how fast: on a loaded two-core CI machine one example can
# take longer than Hypothesis's default 200 ms deadline, which would fail a correct test.
hypothesis_settings.register_profile("grenzeloos", deadline=None)
hypothesis_settings.load_profile("grenzeloos")
#: Hashing passwords slowly is a production feature, not something tests must pay for.
FAST_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = [FAST_HASHER]


@pytest.fixture(autouse=True, scope="session")
def _files_apart(tmp_path_factory):
    """Uploaded files (a challenge's attachments) go to a folder of this run, not the data dir."""
    from django.test.utils import override_settings

    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("files")):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: rolled-back tests reuse database ids, so a page
    kept by one test must not answer another."""
    cache.clear()
    yield
    cache.clear()


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
    """``make_user("olga", is_staff=True)``: an account with the test password
    (:data:`tests.accounts.factories.PASSWORD`); see :class:`UserFactory` for more."""

    def make(username: str, **extra: Any):
        return UserFactory(username=username, **extra)

    return make


@pytest.fixture
def people(db) -> dict[str, Any]:
    """An owner (olga), editor (eddy), viewer (vera) and a stranger (sam) around one
    collaboration with the rich example canvas (tests/factories: ``CanvasFactory``)."""
    owner = UserFactory(username="olga")
    editor = UserFactory(username="eddy")
    viewer = UserFactory(username="vera")
    stranger = UserFactory(username="sam")
    collaboration = CanvasFactory(
        owner=owner,
        document=load_fixture("canvas-rich.json"),
        editors=[editor],
        viewers=[viewer],
    )
    return {
        "owner": owner,
        "editor": editor,
        "viewer": viewer,
        "stranger": stranger,
        "collaboration": collaboration,
    }


@pytest.fixture(scope="module")
def permission_matrix_world(
    django_db_setup: None, django_db_blocker: Any
) -> Iterator[dict[str, Any]]:
    """The permission matrix's world (tests/collaborations/test_permission_matrix.py
    ``_build_world``), made once per module that uses its ``world`` fixture (and per test
    process), in a transaction rolled back when the module is done. Each test runs inside it in
    a savepoint of its own (pytest-django's ``db``), so whatever a test writes is undone before
    the next one, as when every test made its own world."""
    from tests.collaborations.test_permission_matrix import _build_world

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            # As the autouse fixtures above have it: English, fast password hashing.
            with translation.override("en"), override_settings(PASSWORD_HASHERS=[FAST_HASHER]):
                world = _build_world()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    try:
        yield world
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
