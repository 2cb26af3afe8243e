"""Collaborations for tests, made through the collaborations services (audit events included).

``CollaborationFactory(editors=2, viewers=1)`` is a collaboration without a canvas whose owner
shared it with two editors and a viewer; ``editors=``/``viewers=``/``owners=`` take a count or
a list of accounts. ``team()`` gives the usual cast (owner, editor, viewer, stranger) around one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import factory

from grenzeloos.collaborations import services
from grenzeloos.collaborations.models import Collaboration, Role, Status
from tests.accounts.factories import UserFactory


def add_members(collaboration: Collaboration, role: Role, members: Any) -> list[Any]:
    """Share ``collaboration`` by its first owner with ``members`` (a count or accounts)."""
    if not members:
        return []
    users = (
        UserFactory.create_batch(members)
        if isinstance(members, int)
        else list(members if isinstance(members, Iterable) else [members])
    )
    owner = collaboration.memberships.filter(role=Role.OWNER).order_by("pk").first()
    assert owner is not None, "a collaboration without owner cannot be shared"
    for user in users:
        services.share(
            actor=owner.user, collaboration=collaboration, username=user.username, role=role
        )
    return users


class MembersMixin(factory.Factory):
    """``owners=``, ``editors=`` and ``viewers=`` (a count or accounts) after creation."""

    class Meta:
        abstract = True

    @factory.post_generation
    def owners(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            add_members(self, Role.OWNER, extracted)

    @factory.post_generation
    def editors(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            add_members(self, Role.EDITOR, extracted)

    @factory.post_generation
    def viewers(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            add_members(self, Role.VIEWER, extracted)


class CollaborationFactory(MembersMixin):
    """A collaboration (no canvas) started by ``owner`` through ``services.start``."""

    class Meta:
        model = Collaboration

    owner = factory.SubFactory(UserFactory)
    subject = factory.Sequence(lambda n: f"Samenwerking {n}")
    description = ""
    status = Status.FORMING

    @classmethod
    def _create(cls, model_class: type[Collaboration], *args: Any, **kwargs: Any) -> Any:
        owner = kwargs.pop("owner")
        return services.start(actor=owner, owner=owner, **kwargs)

    @classmethod
    def _build(cls, model_class: type[Collaboration], *args: Any, **kwargs: Any) -> Any:
        owner = kwargs.pop("owner")
        return model_class(created_by=owner, **kwargs)
