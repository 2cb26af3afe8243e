"""Where capabilities meet the organisations registry without the registry importing them.

The registry sits on the shared floor; capabilities (the partners ledger, and later the meeting
place, processes and governance) stand on it and add to it through two ports, registered in their
``AppConfig.ready``:

* **A section on an organisation's page**: an :class:`OrganisationPanel` renders its own template
  (``render_to_string``, a safe string) or ``""`` to show nothing. The ledger shows the links its
  collaborations made to the organisation there.
* **What a capability keeps about a contact person**, for the AVG/GDPR export: a reader returns
  the person's records as JSON data under its own key (the ledger: ``contributions``).

Access is checked by the caller before any of these is used: these ports never check permissions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest

if TYPE_CHECKING:
    from grenzeloos.organisations.models import ContactPerson, Organisation


@dataclass(frozen=True)
class OrganisationPageContext:
    """What a panel of an organisation's page knows: the request, the organisation and whether
    the viewer manages it (see :func:`grenzeloos.organisations.services.may_manage`)."""

    request: HttpRequest
    organisation: Organisation
    can_manage: bool


@dataclass(frozen=True)
class OrganisationPanel:
    key: str
    order: int
    render: Callable[[OrganisationPageContext], str]


_panels: dict[str, OrganisationPanel] = {}


def register_organisation_panel(panel: OrganisationPanel) -> None:
    """Register (or replace, by ``key``) a panel of the organisation page."""
    _panels[panel.key] = panel


def organisation_panels() -> list[OrganisationPanel]:
    return sorted(_panels.values(), key=lambda panel: (panel.order, panel.key))


#: ``reader(person)``: what an app keeps about a contact person, as JSON data.
PersonRecords = Callable[["ContactPerson"], Any]

_person_records: dict[str, PersonRecords] = {}


def register_person_records(key: str, reader: PersonRecords) -> None:
    """Register (or replace, by ``key``) what an app adds to a person's data export."""
    _person_records[key] = reader


def person_records(person: ContactPerson) -> dict[str, Any]:
    """Every registered app's records of ``person``, by key, in key order."""
    return {key: _person_records[key](person) for key in sorted(_person_records)}
