"""A collaboration's ledger settings (hours per fte, hourly rate, target split) and its partners
taken from the canvas and linked to organisations.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grenzeloos.audit.services import record
from grenzeloos.collaborations.access import collaboration_for
from grenzeloos.core.errors import NotFound
from grenzeloos.core.extensions import read_canvas
from grenzeloos.core.users import Actor
from grenzeloos.ledger import progress
from grenzeloos.ledger.access import EDIT, VIEW
from grenzeloos.ledger.models import (
    Ledger,
    LinkRefusal,
    Organisation,
    Partner,
    Sector,
)
from grenzeloos.ledger.services.common import FieldError
from grenzeloos.ledger.services.links import _refused_partner_ids
from grenzeloos.organisations.services import check_choice, field_values


def _ledger(collaboration_id: int) -> Ledger:
    found = Ledger.objects.filter(collaboration_id=collaboration_id).first()
    return found or Ledger(collaboration_id=collaboration_id, fte_hours=settings.LEDGER_FTE_HOURS)


def collaboration_name(*, user: Any, collaboration_id: int) -> str:
    """The collaboration's name, for report titles."""
    return str(collaboration_for(user, collaboration_id, VIEW))


def get_ledger(*, user: Any, collaboration_id: int) -> Ledger:
    """The ledger settings (defaults when nothing was set yet)."""
    collaboration_for(user, collaboration_id, VIEW)
    return _ledger(collaboration_id)


def parse_split(raw: Any) -> tuple[progress.SplitGroup, ...]:
    """A target split as stored/sent: a list of ``{label, share, sectors, partners}``; the
    shares are percentages adding up to 100."""
    if raw in (None, "", []):
        return ()
    if not isinstance(raw, list):
        raise FieldError("target_split", _("must be a list of groups"))
    groups = []
    for index, item in enumerate(raw):
        where = f"target_split[{index}]"
        if not isinstance(item, Mapping):
            raise FieldError(where, _("must be an object with label and share"))
        label = " ".join(str(item.get("label", "")).split())
        if not label:
            raise FieldError(f"{where}.label", _("is empty"))
        try:
            share = Decimal(str(item.get("share")))
        except ArithmeticError:
            raise FieldError(f"{where}.share", _("must be a percentage")) from None
        if not share.is_finite() or not 0 <= share <= 100:
            raise FieldError(f"{where}.share", _("must be a percentage from 0 to 100"))
        sectors = item.get("sectors") or []
        partners = item.get("partners") or []
        if not isinstance(sectors, list) or not isinstance(partners, list):
            raise FieldError(where, _("sectors and partners must be lists"))
        for sector in sectors:
            check_choice(f"{where}.sectors", str(sector), Sector.values)
        if not sectors and not partners:
            raise FieldError(where, _("name the sectors or partners of this group"))
        groups.append(
            progress.SplitGroup(
                label=label,
                share=share,
                sectors=tuple(str(sector) for sector in sectors),
                partners=tuple(" ".join(str(name).split()) for name in partners),
            )
        )
    total = sum((group.share for group in groups), Decimal(0))
    if abs(total - 100) > Decimal("0.1"):
        raise FieldError(
            "target_split", _("the shares add up to %(total)s%%, not 100%%") % {"total": total}
        )
    return tuple(groups)


def split_to_json(groups: Sequence[progress.SplitGroup]) -> list[dict[str, Any]]:
    return [
        {
            "label": group.label,
            "share": str(group.share),
            "sectors": list(group.sectors),
            "partners": list(group.partners),
        }
        for group in groups
    ]


THIRDS_EXAMPLE: list[dict[str, Any]] = [
    {"label": "companies", "share": "33.33", "sectors": ["business"], "partners": []},
    {
        "label": "knowledge and region",
        "share": "33.34",
        "sectors": ["knowledge", "civil_society"],
        "partners": [],
    },
    {"label": "national government", "share": "33.33", "sectors": ["government"], "partners": []},
]


_LEDGER_FIELDS = (
    "fte_hours",
    "hourly_rate_eur",
    "target_split",
    "split_tolerance",
    "funder",
    "project_reference",
)
#: The longest funder name and project reference the report's header takes.
FUNDER_MAX, REFERENCE_MAX = 200, 100


@transaction.atomic
def configure(
    *,
    actor: Actor,
    collaboration_id: int,
    fte_hours: int | None = None,
    hourly_rate: Decimal | None = None,
    clear_hourly_rate: bool = False,
    target_split: Any = None,
    split_tolerance: Decimal | None = None,
    funder: str | None = None,
    project_reference: str | None = None,
) -> Ledger:
    """Change the ledger settings of a collaboration; arguments left None stay as they are.

    ``funder`` and ``project_reference`` head the progress report."""
    collaboration_for(actor, collaboration_id, EDIT)
    ledger = _ledger(collaboration_id)
    before = field_values(ledger, _LEDGER_FIELDS)
    if fte_hours is not None:
        if not 1 <= fte_hours <= 8784:
            raise FieldError("fte_hours", _("must be between 1 and 8784 hours a year"))
        ledger.fte_hours = fte_hours
    if clear_hourly_rate:
        ledger.hourly_rate_eur = None
    elif hourly_rate is not None:
        ledger.hourly_rate_eur = _rate("hourly_rate", hourly_rate)
    if target_split is not None:
        ledger.target_split = split_to_json(parse_split(target_split))
    if split_tolerance is not None:
        if not 0 <= split_tolerance <= 100:
            raise FieldError("split_tolerance", _("must be from 0 to 100 percentage points"))
        ledger.split_tolerance = split_tolerance
    for name, value, limit in (
        ("funder", funder, FUNDER_MAX),
        ("project_reference", project_reference, REFERENCE_MAX),
    ):
        if value is None:
            continue
        text = " ".join(str(value).split())
        if len(text) > limit:
            raise FieldError(name, _("is longer than %(limit)s characters") % {"limit": limit})
        setattr(ledger, name, text)
    if field_values(ledger, _LEDGER_FIELDS) == before:
        return ledger  # saved unchanged: nothing to store or to record
    ledger.save()
    record(
        actor=actor,
        action="ledger.configured",
        target=ledger,
        data={
            "fte_hours": ledger.fte_hours,
            "hourly_rate": str(ledger.hourly_rate_eur) if ledger.hourly_rate_eur else None,
            "groups": len(ledger.target_split),
        },
    )
    return ledger


def _rate(field: str, value: Decimal) -> Decimal:
    if not value.is_finite() or value < 0 or value >= 100_000:
        raise FieldError(field, _("must be an amount from 0 to 100,000 euros an hour"))
    return value.quantize(progress.CENT)


def _canvas_partners(collaboration_id: int) -> list[Mapping[str, Any]]:
    try:
        document = read_canvas(collaboration_id).document
    except NotFound:
        return []
    return [p for p in document.get("partners", []) if isinstance(p, Mapping)]


@dataclass(frozen=True)
class PartnerRow:
    """A partner as a page shows it: on the canvas, in the ledger, or both."""

    name: str
    sector: str
    on_canvas: bool
    partner: Partner | None
    link_refused: bool = False

    @property
    def sector_label(self) -> str:
        return str(Sector(self.sector).label) if self.sector in Sector.values else self.sector

    @property
    def organisation(self) -> Organisation | None:
        """The linked organisation; None when not linked or when it refused the link."""
        if self.partner is None or self.link_refused:
            return None
        return self.partner.organisation

    @property
    def refused_by(self) -> Organisation | None:
        """The organisation that refused the link with this partner, if it did."""
        return self.partner.organisation if self.partner and self.link_refused else None

    @property
    def hourly_rate(self) -> Decimal | None:
        return self.partner.hourly_rate_eur if self.partner else None

    @property
    def hours_valued(self) -> bool:
        """False when the partner's hours are marked not valued (volunteers)."""
        return self.partner.hours_valued if self.partner else True


def list_partners(*, user: Any, collaboration_id: int) -> list[PartnerRow]:
    """The canvas's partners and the ledger's, merged by name (nothing is written)."""
    collaboration_for(user, collaboration_id, VIEW)
    known = {
        p.name.casefold(): p
        for p in Partner.objects.filter(collaboration_id=collaboration_id).select_related(
            "organisation"
        )
    }
    refused = _refused_partner_ids(collaboration_id)
    rows: list[PartnerRow] = []
    for item in _canvas_partners(collaboration_id):
        name = " ".join(str(item.get("name", "")).split())
        if not name:
            continue
        partner = known.pop(name.casefold(), None)
        rows.append(
            PartnerRow(
                name,
                str(item.get("sector", "")),
                True,
                partner,
                partner is not None and partner.pk in refused,
            )
        )
    rows += [PartnerRow(p.name, p.sector, False, p, p.pk in refused) for p in known.values()]
    return sorted(rows, key=lambda row: row.name.casefold())


class _Resolver:
    """Finds the ledger partner a name means, creating it from the canvas when needed.

    A name is a ledger partner's name, the name of the organisation linked to one, or a
    partner's name on the canvas (case and spacing ignored).
    """

    def __init__(self, collaboration_id: int) -> None:
        self.collaboration_id = collaboration_id
        self.by_name: dict[str, Partner] = {}
        refused = _refused_partner_ids(collaboration_id)
        for partner in Partner.objects.filter(collaboration_id=collaboration_id).select_related(
            "organisation"
        ):
            self.by_name[partner.name.casefold()] = partner
            if partner.organisation is not None and partner.pk not in refused:
                self.by_name.setdefault(partner.organisation.name.casefold(), partner)
        self.canvas: dict[str, Mapping[str, Any]] = {}
        for item in _canvas_partners(collaboration_id):
            name = " ".join(str(item.get("name", "")).split())
            if name:
                self.canvas.setdefault(name.casefold(), item)

    def known(self, name: str) -> bool:
        key = " ".join(name.split()).casefold()
        return key in self.by_name or key in self.canvas

    def exists(self, name: str) -> bool:
        """Whether the name means a partner the ledger already stores."""
        return " ".join(name.split()).casefold() in self.by_name

    def get(self, name: str, *, create: bool = True, save: bool = True) -> Partner:
        """The partner ``name`` means; one only on the canvas is created (stored unless
        ``save`` is False)."""
        key = " ".join(name.split()).casefold()
        if key in self.by_name:
            return self.by_name[key]
        item = self.canvas.get(key)
        if item is None or not create:
            raise FieldError(
                "partner",
                _(
                    "%(name)r is not a partner of this collaboration (neither on the canvas nor "
                    "an organisation linked to a partner)"
                )
                % {"name": name},
            )
        sector = str(item.get("sector", ""))
        partner = Partner(
            collaboration_id=self.collaboration_id,
            name=" ".join(str(item["name"]).split()),
            sector=sector if sector in Sector.values else Sector.CIVIL_SOCIETY,
        )
        if save:
            partner.save()
            self.by_name[key] = partner
        return partner


_PARTNER_FIELDS = ("organisation_id", "hourly_rate_eur", "hours_valued")


@transaction.atomic
def link_partner(
    *,
    actor: Actor,
    collaboration_id: int,
    partner_name: str,
    organisation: Organisation | None,
    hourly_rate: Decimal | None = None,
    clear_hourly_rate: bool = False,
    hours_valued: bool | None = None,
) -> Partner:
    """Link a canvas partner to an organisation (None unlinks) and set its own hourly rate,
    and whether its hours are valued in the report (``False`` for volunteers; None keeps it).

    A link says which organisation the partner is, for the reports; it gives nobody any right
    over the organisation. Its managers see the link (who made it, when) and may refuse it;
    a refused link cannot be made again."""
    collaboration_for(actor, collaboration_id, EDIT)
    resolver = _Resolver(collaboration_id)
    if (
        organisation is None
        and hourly_rate is None
        and hours_valued in (None, True)
        and not resolver.exists(partner_name)
    ):
        # A canvas partner saved with nothing to link or rate: nothing to store.
        return resolver.get(partner_name, save=False)
    partner = resolver.get(partner_name)
    partner = Partner.objects.select_for_update().get(pk=partner.pk)
    before = field_values(partner, _PARTNER_FIELDS)
    if (
        organisation is not None
        and LinkRefusal.objects.filter(partner=partner, organisation=organisation).exists()
    ):
        raise FieldError(
            "organisation",
            _("organisation %(name)s refused the link with partner %(partner)s")
            % {"name": organisation.name, "partner": partner.name},
        )
    refused = partner.organisation_id is not None and partner.pk in _refused_partner_ids(
        collaboration_id
    )
    if organisation is None and refused:
        pass  # already shows as not linked; the refused link stays on record
    elif partner.organisation_id != (organisation.pk if organisation else None):
        partner.organisation = organisation
        partner.linked_by = actor if organisation else None
        partner.linked_at = timezone.now() if organisation else None
    if clear_hourly_rate:
        partner.hourly_rate_eur = None
    elif hourly_rate is not None:
        partner.hourly_rate_eur = _rate("hourly_rate", hourly_rate)
    if hours_valued is not None:
        partner.hours_valued = hours_valued
    if field_values(partner, _PARTNER_FIELDS) == before:
        return partner  # saved unchanged: nothing to store or to record
    partner.save()
    record(
        actor=actor,
        action="ledger.partner_linked",
        target=partner,
        data={
            "organisation": organisation.pk if organisation else None,
            "hourly_rate": str(partner.hourly_rate_eur) if partner.hourly_rate_eur else None,
            "hours_valued": partner.hours_valued,
        },
    )
    return partner
