"""Links between a collaboration's partners and organisations: listed to the organisation's
managers, who may refuse them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from grenzeloos.audit.services import record
from grenzeloos.core.errors import NotFound
from grenzeloos.core.users import Actor
from grenzeloos.ledger.models import (
    LinkRefusal,
    Organisation,
    Partner,
)
from grenzeloos.organisations.services import check_manage


@dataclass(frozen=True)
class Link:
    """A partner of a collaboration linked to an organisation, as the organisation's managers
    see it: ``id`` is the partner's. A refused link stays listed with who refused it and when."""

    id: int
    collaboration_id: int
    collaboration: str
    partner: str
    linked_by: str
    linked_at: dt.datetime | None
    refused: bool
    refused_by: str
    refused_at: dt.datetime | None


def _link(partner: Partner, refusal: LinkRefusal | None) -> Link:
    return Link(
        id=partner.pk,
        collaboration_id=partner.collaboration_id,
        collaboration=str(partner.collaboration),
        partner=partner.name,
        linked_by=partner.linked_by.get_username() if partner.linked_by else "",
        linked_at=partner.linked_at,
        refused=refusal is not None,
        refused_by=refusal.refused_by.get_username() if refusal and refusal.refused_by else "",
        refused_at=refusal.refused_at if refusal else None,
    )


def list_links(*, user: Any, organisation: Organisation) -> list[Link]:
    """The partners of collaborations linked to the organisation, and the links its managers
    refused (managers only: which collaborations name it is not everyone's business)."""
    check_manage(user, organisation)
    refusals = {
        refusal.partner_id: refusal
        for refusal in LinkRefusal.objects.filter(organisation=organisation).select_related(
            "refused_by"
        )
    }
    partners = (
        Partner.objects.filter(Q(organisation=organisation) | Q(pk__in=list(refusals)))
        .select_related("collaboration", "linked_by")
        .order_by("collaboration_id", "name", "id")
    )
    return [_link(partner, refusals.get(partner.pk)) for partner in partners]


@transaction.atomic
def refuse_link(*, actor: Actor, organisation: Organisation, link_id: Any) -> Link:
    """The organisation's managers refuse a link a collaboration made to it. The refusal is
    kept with who and when; the partner shows as not linked and the link cannot be made again.
    Refusing twice changes nothing."""
    check_manage(actor, organisation)
    try:
        partner = (
            Partner.objects.select_for_update(of=("self",))
            .select_related("collaboration", "linked_by")
            .get(pk=int(link_id), organisation=organisation)
        )
    except (TypeError, ValueError, Partner.DoesNotExist):
        raise NotFound(_("link %(id)s not found") % {"id": link_id}) from None
    refusal, created = LinkRefusal.objects.get_or_create(
        partner=partner, organisation=organisation, defaults={"refused_by": actor}
    )
    if created:
        record(
            actor=actor,
            action="ledger.link_refused",
            target=partner,
            data={"organisation": organisation.pk, "collaboration": partner.collaboration_id},
        )
    return _link(partner, refusal)


def _refused_partner_ids(collaboration_id: int) -> set[int]:
    """The partners of a collaboration whose link to their organisation was refused."""
    return set(
        LinkRefusal.objects.filter(
            partner__collaboration_id=collaboration_id,
            organisation_id=F("partner__organisation_id"),
        ).values_list("partner_id", flat=True)
    )
