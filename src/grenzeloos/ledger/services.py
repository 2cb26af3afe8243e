"""Use cases of the partners ledger: organisations and contact persons, partners, commitments,
the contributions log (entered, imported, exported) and the progress report.

Every function takes the acting user, checks the action through the collaborations access API
(``ledger.view`` / ``ledger.edit``; strangers get "not found"), runs in one transaction and writes
an audit event, so web, API and CLI behave the same and nothing is ever half written. Audit
events carry ids, never names or e-mail addresses, so erasing a person leaves no copy behind.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Page
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import DecimalField, F, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from grenzeloos.accounts.services import get_user, is_cli_operator
from grenzeloos.audit.services import record
from grenzeloos.collaborations.access import collaboration_for
from grenzeloos.core import search as core_search
from grenzeloos.core.errors import NotFound, PermissionDenied, UserError
from grenzeloos.core.extensions import classify_enterprise, read_canvas
from grenzeloos.core.search import search_words
from grenzeloos.core.users import Actor
from grenzeloos.ledger import progress, tabular
from grenzeloos.ledger.access import EDIT, VIEW
from grenzeloos.ledger.models import (
    Commitment,
    ContactPerson,
    Contribution,
    ImportBatch,
    Kind,
    Ledger,
    LinkRefusal,
    Organisation,
    Partner,
    Sector,
    SizeClass,
    Unit,
)

NAME_MAX = 200
_BULK = 5000


class FieldError(UserError):
    """A value that cannot be used; ``field`` names it so forms can show the message there."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(f"{field}: {message}")


# --- Organisations and contact persons ------------------------------------------------------


@dataclass(frozen=True)
class OrganisationData:
    """What a person states about an organisation. Figures (when all three are given) derive
    the size class with the EU SME definition valid on ``on`` (today when omitted), asked
    through :func:`~grenzeloos.core.extensions.classify_enterprise`; a stated size class must
    then agree. Where no app holds the definition nothing is derived: the stated class (or
    none) is kept and the figures are stored as given."""

    name: str
    sector: str
    kvk_number: str = ""
    size_class: str = ""
    staff: Decimal | None = None
    turnover_eur: Decimal | None = None
    balance_sheet_eur: Decimal | None = None
    on: dt.date | None = None

    @classmethod
    def stated(cls, fields: Mapping[str, Any]) -> OrganisationData:
        """From the checked fields of the organisation form or serializer (the same names)."""
        names = ("name", "sector", "kvk_number", "size_class")
        figures = ("staff", "turnover_eur", "balance_sheet_eur")
        return cls(**{name: fields[name] for name in (*names, *figures)})


def _check_choice(field: str, value: str, choices: Iterable[str]) -> None:
    allowed = list(choices)
    if value not in allowed:
        raise FieldError(
            field,
            _("%(value)r is not one of %(choices)s")
            % {"value": value, "choices": ", ".join(allowed)},
        )


def _clean_name(field: str, value: str) -> str:
    name = " ".join(str(value).split())
    if not name:
        raise FieldError(field, _("is empty"))
    if len(name) > NAME_MAX:
        raise FieldError(field, _("is longer than %(limit)s characters") % {"limit": NAME_MAX})
    return name


def _apply_organisation(organisation: Organisation, data: OrganisationData) -> None:
    organisation.name = _clean_name("name", data.name)
    _check_choice("sector", data.sector, Sector.values)
    organisation.sector = data.sector
    kvk = data.kvk_number.replace(" ", "").strip()
    if kvk and (len(kvk) != 8 or not kvk.isascii() or not kvk.isdigit()):
        raise FieldError("kvk_number", _("a KvK number has exactly 8 digits"))
    organisation.kvk_number = kvk
    figures = (data.staff, data.turnover_eur, data.balance_sheet_eur)
    if data.size_class:
        _check_choice("size_class", data.size_class, SizeClass.values)
    if any(value is not None for value in figures):
        if any(value is None for value in figures):
            raise FieldError(
                "size_class",
                _("give staff, annual turnover and balance-sheet total together, or none"),
            )
        try:
            derived = classify_enterprise(
                staff=data.staff,  # type: ignore[arg-type]
                turnover=data.turnover_eur,  # type: ignore[arg-type]
                balance_sheet=data.balance_sheet_eur,  # type: ignore[arg-type]
                on=data.on or timezone.localdate(),
            )
        except ValueError:
            raise FieldError("staff", _("figures must be at least 0")) from None
        except LookupError as error:
            raise FieldError("size_class", str(error)) from None
    else:
        derived = None
    if derived is None:
        organisation.size_class = data.size_class
        organisation.size_basis = ""
    else:
        if data.size_class and data.size_class != derived.size_class:
            raise FieldError(
                "size_class",
                _("the figures make it %(derived)s under %(definition)s, not %(stated)s")
                % {
                    "derived": SizeClass(derived.size_class).label,
                    "definition": derived.definition_title,
                    "stated": SizeClass(data.size_class).label,
                },
            )
        organisation.size_class = derived.size_class
        organisation.size_basis = derived.definition_id
    organisation.staff, organisation.turnover_eur, organisation.balance_sheet_eur = figures


def _check_unique(organisation: Organisation) -> None:
    others = Organisation.objects.exclude(pk=organisation.pk)
    if others.filter(name__iexact=organisation.name).exists():
        raise FieldError(
            "name", _("an organisation named %(name)r exists") % {"name": organisation.name}
        )
    if organisation.kvk_number and others.filter(kvk_number=organisation.kvk_number).exists():
        raise FieldError(
            "kvk_number",
            _("KvK number %(kvk)s belongs to another organisation")
            % {"kvk": organisation.kvk_number},
        )


def _signed_in(user: Any) -> Actor:
    if user is None or not user.is_authenticated or not user.is_active:
        raise NotFound(_("sign in first"))
    return user  # type: ignore[no-any-return]


def may_manage(*, user: Any, organisation: Organisation) -> bool:
    """Whether ``user`` manages an organisation: may change it, add contact persons, see their
    e-mail addresses, export or erase their personal data and see and refuse the links made to
    it. Managers are the people the organisation names — its contact persons tied to an account
    (by a manager, see :func:`add_contact`) whose personal data are not erased — the account
    that registered it, staff (the privacy officer) and the local CLI operator.

    A collaboration linking one of its partners to the organisation gives nobody any right
    over it: anyone can make such a link in their own collaboration.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if is_cli_operator(user) or user.is_staff or user.is_superuser:
        return True
    if organisation.created_by_id is not None and organisation.created_by_id == user.pk:
        return True
    return ContactPerson.objects.filter(
        organisation_id=organisation.pk, user_id=user.pk, erased_at__isnull=True
    ).exists()


def _check_manage(user: Any, organisation: Organisation) -> None:
    """The one check for managing an organisation and its contact persons (see ``may_manage``)."""
    _signed_in(user)
    if not may_manage(user=user, organisation=organisation):
        raise PermissionDenied(
            _(
                "only the contact persons of organisation %(id)s with an account, whoever "
                "registered it, or staff may change it, see its links or its contact persons' "
                "personal data"
            )
            % {"id": organisation.pk}
        )


@transaction.atomic
def create_organisation(*, actor: Actor, data: OrganisationData) -> Organisation:
    """Register an organisation (any signed-in person: the registry is shared)."""
    _signed_in(actor)
    organisation = Organisation(created_by=actor)
    _apply_organisation(organisation, data)
    _check_unique(organisation)
    organisation.save()
    record(
        actor=actor,
        action="ledger.organisation_created",
        target=organisation,
        data={"size_class": organisation.size_class, "basis": organisation.size_basis},
    )
    return organisation


_ORGANISATION_FIELDS = (
    "name",
    "sector",
    "kvk_number",
    "size_class",
    "size_basis",
    "staff",
    "turnover_eur",
    "balance_sheet_eur",
)


def _values(instance: Any, fields: Sequence[str]) -> tuple[Any, ...]:
    """The values of ``fields``, to tell whether a form saved anything new (decimals compare
    by value: 12.5 is 12.50)."""
    return tuple(getattr(instance, field) for field in fields)


@transaction.atomic
def update_organisation(
    *, actor: Actor, organisation: Organisation, data: OrganisationData
) -> Organisation:
    current = Organisation.objects.select_for_update().get(pk=organisation.pk)
    _check_manage(actor, current)
    before = _values(current, _ORGANISATION_FIELDS)
    _apply_organisation(current, data)
    _check_unique(current)
    if _values(current, _ORGANISATION_FIELDS) == before:
        return current  # saved unchanged: nothing to store or to record
    current.save()
    record(
        actor=actor,
        action="ledger.organisation_updated",
        target=current,
        data={"size_class": current.size_class, "basis": current.size_basis},
    )
    return current


def list_organisations(*, user: Any, search: str = "") -> QuerySet[Organisation]:
    """The organisations whose name holds every word of ``search`` (or whose KvK number is
    one of them), unread. The words are bounded like every search (:mod:`grenzeloos.core.search`:
    too many or too long is a :class:`~grenzeloos.core.search.SearchRefused`); read the rows
    with :func:`find_organisations` or :func:`organisation_page`, within the time limit."""
    _signed_in(user)
    queryset = Organisation.objects.all()
    for word in search_words(search):
        queryset = queryset.filter(Q(name__icontains=word) | Q(kvk_number=word))
    return queryset


def find_organisations(
    *, user: Any, search: str = "", limit: int | None = None
) -> list[Organisation]:
    """The organisations matching ``search`` (at most ``limit``), read within the search's
    time limit."""
    return core_search.read(list_organisations(user=user, search=search), limit=limit)


def organisation_page(
    *, user: Any, search: str = "", page: int | str | None = 1, size: int = 50
) -> Page[Organisation]:
    """One page of the organisations matching ``search``, read within the search's time limit."""
    return core_search.page_of(list_organisations(user=user, search=search), page=page, size=size)


def get_organisation(*, user: Any, pk: Any) -> Organisation:
    _signed_in(user)
    try:
        return Organisation.objects.get(pk=int(pk))
    except (TypeError, ValueError, Organisation.DoesNotExist):
        raise NotFound(_("organisation %(id)s not found") % {"id": pk}) from None


def _person_fields(name: str, email: str, role: str) -> tuple[str, str, str]:
    name = _clean_name("name", name)
    email = email.strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise FieldError(
                "email", _("%(value)r is not an e-mail address") % {"value": email}
            ) from None
    role = " ".join(role.split())
    if len(role) > NAME_MAX:
        raise FieldError("role", _("is longer than %(limit)s characters") % {"limit": NAME_MAX})
    return name, email, role


def _account(username: str) -> Any:
    """The active account named ``username`` (None for an empty name)."""
    username = username.strip()
    if not username:
        return None
    try:
        user = get_user(username)
    except UserError:
        user = None
    if user is None or not user.is_active or is_cli_operator(user):
        raise FieldError("account", _("no account named %(name)r") % {"name": username})
    return user


@transaction.atomic
def add_contact(
    *,
    actor: Actor,
    organisation: Organisation,
    name: str,
    email: str = "",
    role: str = "",
    account: str = "",
) -> ContactPerson:
    """Add a contact person. ``account`` (a user name) ties the person to their account, which
    makes them one of the organisation's managers: only a manager can do that, so the
    organisation itself decides who speaks for it."""
    _check_manage(actor, organisation)
    name, email, role = _person_fields(name, email, role)
    user = _account(account)
    person = ContactPerson.objects.create(
        organisation=organisation, name=name, email=email, role=role, user=user
    )
    record(
        actor=actor,
        action="ledger.contact_added",
        target=person,
        data={"organisation": organisation.pk, "account": user.pk if user else None},
    )
    return person


def get_contact(*, user: Any, pk: Any) -> ContactPerson:
    _signed_in(user)
    try:
        return ContactPerson.objects.select_related("organisation", "user").get(pk=int(pk))
    except (TypeError, ValueError, ContactPerson.DoesNotExist):
        raise NotFound(_("contact person %(id)s not found") % {"id": pk}) from None


@transaction.atomic
def export_person(*, actor: Actor, person: ContactPerson) -> dict[str, Any]:
    """Everything Grenzeloos keeps about one person (AVG/GDPR right of access), as JSON data."""
    person = get_contact(user=actor, pk=person.pk)
    _check_manage(actor, person.organisation)
    contributions = person.contributions.select_related("partner").order_by("date", "id")
    record(actor=actor, action="ledger.contact_exported", target=person)
    return {
        "schema": "grenzeloos.person-export/1",
        "exported_at": timezone.now().isoformat(),
        "person": {
            "id": person.pk,
            "name": person.name,
            "email": person.email,
            "role": person.role,
            "account": person.user.get_username() if person.user else None,
            "organisation": person.organisation.name,
            "created_at": person.created_at.isoformat(),
            "erased_at": person.erased_at.isoformat() if person.erased_at else None,
        },
        "contributions": [
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
        ],
    }


@transaction.atomic
def erase_person(*, actor: Actor, person: ContactPerson) -> ContactPerson:
    """Erase a person's personal data (AVG/GDPR). The record stays, blank, so the contributions
    that name it keep adding up; the audit event keeps only ids."""
    _signed_in(actor)
    try:
        current = (
            ContactPerson.objects.select_for_update(of=("self",))
            .select_related("organisation")
            .get(pk=person.pk)
        )
    except ContactPerson.DoesNotExist:
        raise NotFound(_("contact person %(id)s not found") % {"id": person.pk}) from None
    _check_manage(actor, current.organisation)
    if current.is_erased:
        return current
    current.name, current.email, current.role, current.user = "", "", "", None
    current.erased_at = timezone.now()
    current.save()
    record(
        actor=actor,
        action="ledger.contact_erased",
        target=current,
        data={"organisation": current.organisation_id},
    )
    return current


# --- Links between partners and organisations ----------------------------------------------


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
    _check_manage(user, organisation)
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
    _check_manage(actor, organisation)
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


# --- Ledger settings and partners -----------------------------------------------------------


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
            _check_choice(f"{where}.sectors", str(sector), Sector.values)
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


_LEDGER_FIELDS = ("fte_hours", "hourly_rate_eur", "target_split", "split_tolerance")


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
) -> Ledger:
    """Change the ledger settings of a collaboration; arguments left None stay as they are."""
    collaboration_for(actor, collaboration_id, EDIT)
    ledger = _ledger(collaboration_id)
    before = _values(ledger, _LEDGER_FIELDS)
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
    if _values(ledger, _LEDGER_FIELDS) == before:
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


_PARTNER_FIELDS = ("organisation_id", "hourly_rate_eur")


@transaction.atomic
def link_partner(
    *,
    actor: Actor,
    collaboration_id: int,
    partner_name: str,
    organisation: Organisation | None,
    hourly_rate: Decimal | None = None,
    clear_hourly_rate: bool = False,
) -> Partner:
    """Link a canvas partner to an organisation (None unlinks) and set its own hourly rate.

    A link says which organisation the partner is, for the reports; it gives nobody any right
    over the organisation. Its managers see the link (who made it, when) and may refuse it;
    a refused link cannot be made again."""
    collaboration_for(actor, collaboration_id, EDIT)
    resolver = _Resolver(collaboration_id)
    if organisation is None and hourly_rate is None and not resolver.exists(partner_name):
        # A canvas partner saved with nothing to link or rate: nothing to store.
        return resolver.get(partner_name, save=False)
    partner = resolver.get(partner_name)
    partner = Partner.objects.select_for_update().get(pk=partner.pk)
    before = _values(partner, _PARTNER_FIELDS)
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
    if _values(partner, _PARTNER_FIELDS) == before:
        return partner  # saved unchanged: nothing to store or to record
    partner.save()
    record(
        actor=actor,
        action="ledger.partner_linked",
        target=partner,
        data={
            "organisation": organisation.pk if organisation else None,
            "hourly_rate": str(partner.hourly_rate_eur) if partner.hourly_rate_eur else None,
        },
    )
    return partner


# --- Commitments ----------------------------------------------------------------------------


def _check_period(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise FieldError("period_end", _("the period ends before it starts"))


def _check_quantity(kind: str, quantity: Decimal, unit: str) -> Decimal:
    _check_choice("kind", kind, Kind.values)
    _check_choice("unit", unit, Unit.values)
    if kind == Kind.MONEY and unit != Unit.EUR:
        raise FieldError("unit", _("money is counted in EUR"))
    if not quantity.is_finite() or quantity <= 0:
        raise FieldError("quantity", _("must be more than 0"))
    if quantity >= tabular.MAX_QUANTITY:
        raise FieldError("quantity", _("is too large"))
    return quantity.quantize(progress.CENT)


@transaction.atomic
def add_commitment(
    *,
    actor: Actor,
    collaboration_id: int,
    partner_name: str,
    period_start: dt.date,
    period_end: dt.date,
    kind: str,
    quantity: Decimal,
    unit: str,
    description: str = "",
) -> Commitment:
    collaboration_for(actor, collaboration_id, EDIT)
    _check_period(period_start, period_end)
    quantity = _check_quantity(kind, quantity, unit)
    partner = _Resolver(collaboration_id).get(partner_name)
    commitment = Commitment.objects.create(
        collaboration_id=collaboration_id,
        partner=partner,
        period_start=period_start,
        period_end=period_end,
        kind=kind,
        quantity=quantity,
        unit=unit,
        description=description.strip()[:2000],
        created_by=actor,
    )
    record(
        actor=actor,
        action="ledger.commitment_added",
        target=commitment,
        data={"partner": partner.pk, "quantity": str(quantity), "unit": unit},
    )
    return commitment


def list_commitments(*, user: Any, collaboration_id: int) -> QuerySet[Commitment]:
    collaboration_for(user, collaboration_id, VIEW)
    return Commitment.objects.filter(collaboration_id=collaboration_id).select_related("partner")


@transaction.atomic
def delete_commitment(*, actor: Actor, collaboration_id: int, commitment_id: Any) -> None:
    collaboration_for(actor, collaboration_id, EDIT)
    try:
        commitment = Commitment.objects.get(
            pk=int(commitment_id), collaboration_id=collaboration_id
        )
    except (TypeError, ValueError, Commitment.DoesNotExist):
        raise NotFound(_("commitment %(id)s not found") % {"id": commitment_id}) from None
    record(
        actor=actor,
        action="ledger.commitment_deleted",
        target=commitment,
        data={"partner": commitment.partner_id, "quantity": str(commitment.quantity)},
    )
    commitment.delete()


@dataclass(frozen=True)
class TakeOver:
    created: int
    replaced: int
    skipped: tuple[str, ...]  # "partner: description" of contributions without amount/unit


@transaction.atomic
def take_over_commitments(
    *, actor: Actor, collaboration_id: int, period_start: dt.date, period_end: dt.date
) -> TakeOver:
    """Make the canvas's partner contributions (those with an amount and unit) the commitments
    for the period, in one action. Doing it again replaces what an earlier take-over made for
    the same period; commitments entered by hand stay."""
    collaboration_for(actor, collaboration_id, EDIT)
    _check_period(period_start, period_end)
    resolver = _Resolver(collaboration_id)
    previous = Commitment.objects.filter(
        collaboration_id=collaboration_id,
        source=Commitment.Source.CANVAS,
        period_start=period_start,
        period_end=period_end,
    )
    replaced = previous.count()
    previous.delete()
    created: list[Commitment] = []
    skipped: list[str] = []
    for item in _canvas_partners(collaboration_id):
        name = " ".join(str(item.get("name", "")).split())
        for contribution in item.get("contributions") or []:
            amount, unit = contribution.get("amount"), contribution.get("unit")
            kind = str(contribution.get("kind", "other"))
            description = str(contribution.get("description", ""))
            if amount in (None, 0) or unit not in Unit.values or kind not in Kind.values:
                skipped.append(f"{name}: {description or kind}")
                continue
            if kind == Kind.MONEY and unit != Unit.EUR:
                skipped.append(f"{name}: {description or kind}")
                continue
            created.append(
                Commitment(
                    collaboration_id=collaboration_id,
                    partner=resolver.get(name),
                    period_start=period_start,
                    period_end=period_end,
                    kind=kind,
                    quantity=Decimal(str(amount)).quantize(progress.CENT),
                    unit=unit,
                    description=description[:2000],
                    source=Commitment.Source.CANVAS,
                    created_by=actor,
                )
            )
    Commitment.objects.bulk_create(created)
    ledger = _ledger(collaboration_id)
    if ledger.pk is None:
        ledger.save()
    record(
        actor=actor,
        action="ledger.commitments_taken_over",
        target=ledger,
        data={
            "created": len(created),
            "replaced": replaced,
            "skipped": len(skipped),
            "from": period_start.isoformat(),
            "to": period_end.isoformat(),
        },
    )
    return TakeOver(created=len(created), replaced=replaced, skipped=tuple(skipped))


# --- Contributions --------------------------------------------------------------------------


def _store_rows(
    *,
    actor: Actor,
    collaboration_id: int,
    rows: Sequence[tabular.Row],
    batch: ImportBatch | None = None,
    persons: Mapping[int, ContactPerson] | None = None,
) -> int:
    """Resolve every row's partner, refuse the lot when any is unknown, else store all."""
    resolver = _Resolver(collaboration_id)
    problems = [
        tabular.Problem(row.line, "partner", tabular.unknown_partner(row.partner))
        for row in rows
        if not resolver.known(row.partner)
    ]
    if problems:
        raise tabular.FileRefused(problems, rows=len(rows))
    objects = [
        Contribution(
            collaboration_id=collaboration_id,
            partner=resolver.get(row.partner),
            date=row.date,
            kind=row.kind,
            quantity=row.quantity,
            unit=row.unit,
            description=row.description,
            evidence=row.evidence,
            person=(persons or {}).get(row.line),
            batch=batch,
            created_by=actor,
        )
        for row in rows
    ]
    Contribution.objects.bulk_create(objects, batch_size=_BULK)
    return len(objects)


@transaction.atomic
def add_contributions(
    *,
    actor: Actor,
    collaboration_id: int,
    entries: Sequence[Mapping[str, Any]],
) -> int:
    """Store several contributions at once (the web table form, the API), all or none.

    Each entry has the file columns (``date``, ``partner``, ``kind``, ``quantity``, ``unit``,
    ``description``, ``evidence``; ``quantity`` already a number) and optionally ``person`` (a
    contact person's id). Problems name the entry by its number, starting at 1.
    """
    collaboration_for(actor, collaboration_id, EDIT)
    if not entries:
        raise UserError(_("no contributions given"))
    rows: list[tabular.Row] = []
    problems: list[tabular.Problem] = []
    persons: dict[int, ContactPerson] = {}
    known = _Resolver(collaboration_id).known
    for number, entry in enumerate(entries, start=1):
        result = tabular.check_line(number, dict(entry), known)
        if isinstance(result, tabular.Row):
            rows.append(result)
        else:
            problems.extend(result)
        person_id = entry.get("person")
        if person_id not in (None, ""):
            person = (
                ContactPerson.objects.filter(pk=int(str(person_id))).first()
                if str(person_id).isdigit()
                else None
            )
            if person is None:
                problems.append(tabular.Problem(number, "person", _("no such contact person")))
            else:
                persons[number] = person
    if problems:
        raise tabular.FileRefused(problems, rows=len(entries))
    stored = _store_rows(actor=actor, collaboration_id=collaboration_id, rows=rows, persons=persons)
    ledger = _ledger(collaboration_id)
    if ledger.pk is None:
        ledger.save()
    record(actor=actor, action="ledger.contributions_added", target=ledger, data={"rows": stored})
    return stored


@transaction.atomic
def import_contributions(
    *,
    actor: Actor,
    collaboration_id: int,
    content: bytes,
    filename: str = "",
    max_rows: int | None = None,
) -> ImportBatch:
    """Import a contributions file (CSV or XLSX), all or nothing.

    A refused file raises :class:`~grenzeloos.ledger.tabular.FileRefused` listing every bad line
    with its number and reason; nothing is stored then. At most ``max_rows`` rows (default
    ``settings.LEDGER_MAX_IMPORT_ROWS``, what the web and the API take, so a request answers
    within seconds; the CLI passes :data:`~grenzeloos.ledger.tabular.MAX_ROWS`).
    """
    collaboration_for(actor, collaboration_id, EDIT)
    if len(content) > settings.LEDGER_MAX_IMPORT_BYTES:
        raise UserError(
            _("the file is larger than %(limit)s MB")
            % {"limit": settings.LEDGER_MAX_IMPORT_BYTES // (1024 * 1024)}
        )
    rows = tabular.read_rows(
        content,
        filename=filename,
        known=_Resolver(collaboration_id).known,
        max_rows=settings.LEDGER_MAX_IMPORT_ROWS if max_rows is None else max_rows,
    )
    if not rows:
        raise tabular.FileRefused([tabular.Problem(2, "", _("the file has no contributions"))])
    batch = ImportBatch.objects.create(
        collaboration_id=collaboration_id,
        filename=(filename or "-")[-255:],
        sha256=hashlib.sha256(content).hexdigest(),
        rows=len(rows),
        created_by=actor,
    )
    _store_rows(actor=actor, collaboration_id=collaboration_id, rows=rows, batch=batch)
    record(
        actor=actor,
        action="ledger.contributions_imported",
        target=batch,
        data={"rows": len(rows), "sha256": batch.sha256},
    )
    return batch


def list_contributions(
    *,
    user: Any,
    collaboration_id: int,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> QuerySet[Contribution]:
    collaboration_for(user, collaboration_id, VIEW)
    queryset = Contribution.objects.filter(collaboration_id=collaboration_id)
    if start:
        queryset = queryset.filter(date__gte=start)
    if end:
        queryset = queryset.filter(date__lte=end)
    return queryset.select_related("partner", "person")


@transaction.atomic
def delete_contribution(*, actor: Actor, collaboration_id: int, contribution_id: Any) -> None:
    collaboration_for(actor, collaboration_id, EDIT)
    try:
        item = Contribution.objects.get(pk=int(contribution_id), collaboration_id=collaboration_id)
    except (TypeError, ValueError, Contribution.DoesNotExist):
        raise NotFound(_("contribution %(id)s not found") % {"id": contribution_id}) from None
    record(
        actor=actor,
        action="ledger.contribution_deleted",
        target=item,
        data={
            "partner": item.partner_id,
            "date": item.date.isoformat(),
            "quantity": str(item.quantity),
        },
    )
    item.delete()


def export_contributions(
    *,
    user: Any,
    collaboration_id: int,
    fmt: str,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> bytes:
    """The log in the import format (so an export can be imported elsewhere), CSV or XLSX."""
    if fmt not in tabular.FILE_FORMATS:
        raise FieldError("format", _("must be csv or xlsx"))
    queryset = list_contributions(
        user=user, collaboration_id=collaboration_id, start=start, end=end
    ).order_by("date", "id")
    rows = [
        (c.date, c.partner.name, c.kind, c.quantity, c.unit, c.description, c.evidence)
        for c in queryset.iterator(chunk_size=_BULK)
    ]
    if fmt == "csv":
        return tabular.write_csv(tabular.COLUMNS, rows)
    return tabular.write_xlsx([("contributions", tabular.COLUMNS, rows)])


# --- Progress -------------------------------------------------------------------------------


def progress_report(
    *, user: Any, collaboration_id: int, start: dt.date, end: dt.date
) -> progress.Progress:
    """Committed against realised per partner over ``start..end``: the sums come from one
    ``GROUP BY`` query over the log, the commitments overlapping the period are few."""
    collaboration_for(user, collaboration_id, VIEW)
    _check_period(start, end)
    ledger = _ledger(collaboration_id)
    refused = _refused_partner_ids(collaboration_id)
    partners = [
        progress.PartnerInfo(
            id=p.pk,
            name=p.name,
            sector=p.sector,
            hourly_rate=p.hourly_rate_eur,
            organisation=p.organisation.name if p.organisation and p.pk not in refused else "",
        )
        for p in Partner.objects.filter(collaboration_id=collaboration_id).select_related(
            "organisation"
        )
    ]
    commitments = [
        progress.CommitmentLine(
            partner_id=c.partner_id,
            kind=c.kind,
            unit=c.unit,
            quantity=c.quantity,
            start=c.period_start,
            end=c.period_end,
        )
        for c in Commitment.objects.filter(
            collaboration_id=collaboration_id, period_start__lte=end, period_end__gte=start
        )
    ]
    sums = (
        Contribution.objects.filter(
            collaboration_id=collaboration_id, date__gte=start, date__lte=end
        )
        .order_by()
        .values("partner_id", "kind", "unit")
        .annotate(total=Sum("quantity", output_field=DecimalField(max_digits=20, decimal_places=2)))
    )
    realised = [
        progress.RealisedSum(
            partner_id=item["partner_id"],
            kind=item["kind"],
            unit=item["unit"],
            total=Decimal(item["total"]),
        )
        for item in sums
    ]
    return progress.compute(
        start=start,
        end=end,
        settings=progress.Settings(
            fte_hours=ledger.fte_hours,
            hourly_rate=ledger.hourly_rate_eur,
            target_split=parse_split(ledger.target_split),
            split_tolerance=Decimal(ledger.split_tolerance),
        ),
        partners=partners,
        commitments=commitments,
        realised=realised,
    )
