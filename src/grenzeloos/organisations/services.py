"""Use cases of the organisations registry: registering, changing, finding organisations and
their contact persons; who manages them; a person's data exported and erased (AVG/GDPR).

Every function takes the acting user, runs in one transaction and writes an audit event (ids,
never names or e-mail addresses, so erasing a person leaves no copy behind). The registry is
shared: any signed-in person may register and read organisations; only its managers (see
:func:`may_manage`) change one or see its contact persons' personal data. The audit actions keep
the names they had when the registry lived in the ledger (``ledger.organisation_created``, ...),
so the log reads as one history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.paginator import Page
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from grenzeloos.accounts.services import get_user, is_cli_operator
from grenzeloos.audit.services import record
from grenzeloos.core import search as core_search
from grenzeloos.core.errors import FieldError, NotFound, PermissionDenied, UserError
from grenzeloos.core.extensions import classify_enterprise
from grenzeloos.core.search import search_words
from grenzeloos.core.users import Actor
from grenzeloos.organisations.models import (
    ContactPerson,
    Organisation,
    Sector,
    SizeClass,
)
from grenzeloos.organisations.ports import person_records

#: The longest name of an organisation or person (and of a partner in the ledger).
NAME_MAX = 200


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


def check_choice(field: str, value: str, choices: Iterable[str]) -> None:
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
    check_choice("sector", data.sector, Sector.values)
    organisation.sector = data.sector
    kvk = data.kvk_number.replace(" ", "").strip()
    if kvk and (len(kvk) != 8 or not kvk.isascii() or not kvk.isdigit()):
        raise FieldError("kvk_number", _("a KvK number has exactly 8 digits"))
    organisation.kvk_number = kvk
    figures = (data.staff, data.turnover_eur, data.balance_sheet_eur)
    if data.size_class:
        check_choice("size_class", data.size_class, SizeClass.values)
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


def my_organisations(user: Any) -> QuerySet[Organisation]:
    """The organisations ``user`` speaks for: those with a contact person tied to the account
    (personal data not erased) and those the account registered. The list that goes with
    :func:`may_manage` (which also lets staff and the CLI operator act for any): the meeting
    place publishes and answers for these, and a challenge takes submissions from them."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    contacts = ContactPerson.objects.filter(user_id=user.pk, erased_at__isnull=True)
    return Organisation.objects.filter(
        Q(pk__in=contacts.values("organisation_id")) | Q(created_by_id=user.pk)
    )


def check_manage(user: Any, organisation: Organisation) -> None:
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


def field_values(instance: Any, fields: Sequence[str]) -> tuple[Any, ...]:
    """The values of ``fields``, to tell whether a form saved anything new (decimals compare
    by value: 12.5 is 12.50)."""
    return tuple(getattr(instance, field) for field in fields)


@transaction.atomic
def update_organisation(
    *, actor: Actor, organisation: Organisation, data: OrganisationData
) -> Organisation:
    current = Organisation.objects.select_for_update().get(pk=organisation.pk)
    check_manage(actor, current)
    before = field_values(current, _ORGANISATION_FIELDS)
    _apply_organisation(current, data)
    _check_unique(current)
    if field_values(current, _ORGANISATION_FIELDS) == before:
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
    check_manage(actor, organisation)
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
    check_manage(actor, person.organisation)
    records = person_records(person)
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
        **records,
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
    check_manage(actor, current.organisation)
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
