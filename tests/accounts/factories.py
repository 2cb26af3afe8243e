"""Accounts for tests: ``UserFactory(username="olga")``, ``UserFactory(staff=True)``."""

from __future__ import annotations

import factory
from django.conf import settings
from factory.django import DjangoModelFactory, Password

#: The password every test account gets (tests that sign in through the form use it).
PASSWORD = "x-pass-1234"


class UserFactory(DjangoModelFactory):
    """A plain account; ``staff=True`` opens the admin site (what ``user add --staff`` makes)."""

    class Meta:
        model = settings.AUTH_USER_MODEL
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    class Params:
        staff = factory.Trait(is_staff=True)

    username = factory.Sequence(lambda n: f"person{n:03d}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = Password(PASSWORD)
