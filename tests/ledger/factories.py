"""Ledger records for tests and benchmarks: partners, commitments and contributions
(``ContributionFactory.create_batch(40, partner=p)``); the organisations and contact persons they
link to come from ``tests.organisations.factories`` (re-exported here)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import factory
from factory.django import DjangoModelFactory

from grenzeloos.ledger.models import (
    Commitment,
    Contribution,
    Kind,
    Partner,
    Sector,
    Unit,
)
from tests.organisations.factories import ContactPersonFactory, OrganisationFactory

__all__ = [
    "CommitmentFactory",
    "ContactPersonFactory",
    "ContributionFactory",
    "OrganisationFactory",
    "PartnerFactory",
    "make_collaboration",
]
from tests.canvas.factories import CanvasFactory, load_fixture


def make_collaboration(owner: Any, fixture: str = "canvas-minimal.json") -> int:
    """A collaboration owned by ``owner`` with a canvas from the fixtures; its id."""
    return CanvasFactory(owner=owner, document=load_fixture(fixture)).pk


class PartnerFactory(DjangoModelFactory):
    """A ledger partner of a collaboration (by default one linked to a new organisation)."""

    class Meta:
        model = Partner

    collaboration = factory.SubFactory(CanvasFactory)
    name = factory.Sequence(lambda n: f"Ledgerpartner {n:03d}")
    sector = factory.Iterator(Sector.values)
    organisation = factory.SubFactory(OrganisationFactory)


class CommitmentFactory(DjangoModelFactory):
    class Meta:
        model = Commitment

    partner = factory.SubFactory(PartnerFactory)
    collaboration = factory.SelfAttribute("partner.collaboration")
    period_start = dt.date(2026, 1, 1)
    period_end = dt.date(2026, 12, 31)
    kind = Kind.PEOPLE
    quantity = Decimal("100.00")
    unit = Unit.HOURS


class ContributionFactory(DjangoModelFactory):
    """One line of the contributions log of a partner."""

    class Meta:
        model = Contribution

    partner = factory.SubFactory(PartnerFactory)
    collaboration = factory.SelfAttribute("partner.collaboration")
    date = factory.Sequence(lambda n: dt.date(2026, 1, 1) + dt.timedelta(days=n % 365))
    kind = Kind.PEOPLE
    quantity = Decimal("8.00")
    unit = Unit.HOURS
    description = factory.Sequence(lambda n: f"Werkdag {n}")
