"""What the partners ledger adds to the shared organisations registry: the links its
collaborations made to an organisation, on the organisation's page (for its managers), and a
contact person's contributions in their AVG/GDPR export."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from grenzeloos.ledger.models import Contribution
from grenzeloos.ledger.services.links import list_links
from grenzeloos.organisations.models import ContactPerson
from grenzeloos.organisations.ports import OrganisationPageContext, OrganisationPanel


def render_links(context: OrganisationPageContext) -> str:
    """The links from collaborations, with a refuse button each (managers only)."""
    if not context.can_manage:
        return ""
    links = list_links(user=context.request.user, organisation=context.organisation)
    return render_to_string(
        "ledger/_organisation_links.html",
        {"organisation": context.organisation, "links": links},
        request=context.request,
    )


LINKS_PANEL = OrganisationPanel(key="ledger-links", order=50, render=render_links)


def person_contributions(person: ContactPerson) -> list[dict[str, Any]]:
    """The contributions that name ``person``, oldest first."""
    contributions = (
        Contribution.objects.filter(person=person).select_related("partner").order_by("date", "id")
    )
    return [
        {
            "collaboration": item.collaboration_id,
            "partner": item.partner.name,
            "date": item.date.isoformat(),
            "kind": item.kind,
            "quantity": str(item.quantity),
            "unit": item.unit,
            "description": item.description,
        }
        for item in contributions
    ]
