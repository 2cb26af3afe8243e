"""Organisations with a contact person who can sign in, and their problem statements."""

from __future__ import annotations

from typing import Any

from grenzeloos.meetingplace import services
from grenzeloos.organisations.models import Organisation
from tests.accounts.factories import UserFactory
from tests.organisations.factories import ContactPersonFactory, OrganisationFactory


def organisation_with_person(name: str, sector: str, username: str) -> tuple[Organisation, Any]:
    """An organisation of ``sector`` and an account that speaks for it (its contact person)."""
    organisation = OrganisationFactory(name=name, sector=sector, created_by=None)
    user = UserFactory(username=username)
    ContactPersonFactory(organisation=organisation, user=user, name=username)
    return organisation, user


def statement(
    organisation: Organisation, user: Any, title: str, hurts: str, **data: Any
) -> services.Statement:
    return services.publish(
        actor=user,
        organisation=organisation,
        data=services.StatementData(title=title, hurts=hurts, **data),
    )
