"""Organisations of the shared registry and their contact persons, for tests and benchmarks."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from grenzeloos.organisations.models import ContactPerson, Organisation, Sector, SizeClass
from tests.accounts.factories import UserFactory


class OrganisationFactory(DjangoModelFactory):
    """An organisation in the shared registry (size class stated, no figures)."""

    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Organisatie {n:03d}")
    sector = factory.Iterator(Sector.values)
    size_class = SizeClass.SMALL
    created_by = factory.SubFactory(UserFactory)


class ContactPersonFactory(DjangoModelFactory):
    class Meta:
        model = ContactPerson

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Contactpersoon {n}")
    email = factory.Sequence(lambda n: f"contact{n}@example.org")
