"""Fixtures shared by every test."""

from __future__ import annotations

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hashing passwords slowly is a production feature, not something tests must pay for."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_messages():
    """Code called directly speaks English in tests; pages still pick their own language."""
    with translation.override("en"):
        yield
