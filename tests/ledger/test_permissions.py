"""Who manages an organisation, its contact persons and the links made to it: a permission
matrix generated from the URL patterns, web and API.

An organisation is managed by the people it names — its contact persons tied to an account —
by whoever registered it, by staff (the privacy officer) and by the CLI operator. Linking a
partner of a collaboration to it changes nothing about that: the owner of such a collaboration
is a stranger to the organisation. Everyone signed in reads the registry, but e-mail addresses,
accounts and links show to managers only. Every refused request leaves the store unchanged.

``test_every_organisation_route_is_in_the_matrix`` fails when a route about organisations,
contact persons or partner links is added without deciding here who may use it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from grenzeloos.accounts.services import cli_actor
from grenzeloos.audit.models import AuditEvent
from grenzeloos.core.errors import NotFound, PermissionDenied
from grenzeloos.ledger import services
from grenzeloos.ledger.models import ContactPerson, Organisation
from grenzeloos.ledger.services import OrganisationData
from tests.collaborations.test_permission_matrix import _routes

PARTNER = "Dakdekkersbedrijf Hoogendijk bv"
EMAIL = "henk@example.nl"
ROLES = (
    "registrant",  # registered the organisation
    "contact",  # a contact person of the organisation, tied to an account
    "former_contact",  # was one; their personal data were erased, which unties the account
    "staff",  # the privacy officer
    "linked_owner",  # owns a collaboration that linked one of its partners to the organisation
    "linked_editor",  # edits that collaboration
    "stranger",  # anyone else signed in
    "anonymous",
)
MANAGERS = ("registrant", "contact", "staff")


def _answers(managers: int, others: int, anonymous: int) -> dict[str, int]:
    return {
        role: managers if role in MANAGERS else anonymous if role == "anonymous" else others
        for role in ROLES
    }


WEB_SIGNED_IN = {**dict.fromkeys(ROLES, 200), "anonymous": 302}
API_SIGNED_IN = {**dict.fromkeys(ROLES, 200), "anonymous": 401}
WEB_MANAGE = _answers(302, 403, 302)
LINKING = {**dict.fromkeys(ROLES, 404), "linked_owner": 302, "linked_editor": 302}

#: route name → list of (method, data, {role: status}). Data may name the world's objects.
EXPECTED: dict[str, list[tuple[str, Any, dict[str, int]]]] = {
    "organisations:organisations": [
        ("get", None, WEB_SIGNED_IN),
        # The registry is shared: everyone signed in registers organisations.
        ("post", {"name": "Nieuw bv", "sector": "business"}, dict.fromkeys(ROLES, 302)),
    ],
    "organisations:organisation": [
        ("get", None, WEB_SIGNED_IN),
        ("post", {"name": "Overgenomen bv", "sector": "business"}, WEB_MANAGE),
    ],
    "organisations:contact_add": [
        ("post", {"name": "Indringer", "email": "x@example.org"}, WEB_MANAGE)
    ],
    "organisations:contact_export": [("post", None, _answers(200, 403, 302))],
    "organisations:contact_erase": [("post", None, WEB_MANAGE)],
    "ledger:link_refuse": [("post", None, WEB_MANAGE)],
    # Linking is the collaboration's business (its editors); it gives no right over the
    # organisation, and the organisation's managers are strangers to the collaboration.
    "ledger:partner": [
        (
            "post",
            {"partner": PARTNER, "organisation": "other_org"},
            {**LINKING, "anonymous": 302},
        )
    ],
    "api-organisations:organisations": [
        ("get", None, API_SIGNED_IN),
        (
            "post",
            {"name": "Nieuw bv", "sector": "business"},
            {**dict.fromkeys(ROLES, 201), "anonymous": 401},
        ),
    ],
    "api-organisations:organisation": [
        ("get", None, API_SIGNED_IN),
        ("put", {"name": "Overgenomen bv", "sector": "business"}, _answers(200, 403, 401)),
    ],
    "api-organisations:contacts": [("post", {"name": "Indringer"}, _answers(201, 403, 401))],
    "api-organisations:contact-export": [("post", None, _answers(200, 403, 401))],
    "api-organisations:contact-erase": [("post", None, _answers(200, 403, 401))],
    "api-ledger:links": [("get", None, _answers(200, 403, 401))],
    "api-ledger:link-refuse": [("post", None, _answers(200, 403, 401))],
    "api-ledger:partners": [
        (
            "put",
            {"partner": PARTNER, "organisation": "other_org"},
            {**LINKING, "linked_owner": 200, "linked_editor": 200, "anonymous": 401},
        )
    ],
}


def _in_scope(name: str, pattern: str) -> bool:
    """Routes about organisations, contact persons and partner links."""
    if not name.startswith(("ledger:", "api-ledger:", "organisations:", "api-organisations:")):
        return False
    return (
        "organisations" in pattern
        or "contacts/" in pattern
        or name.endswith((":partner", ":partners"))
    )


def test_every_organisation_route_is_in_the_matrix() -> None:
    routes = {name for name, pattern in _routes().items() if _in_scope(name, pattern)}
    assert routes == set(EXPECTED)
    for name, checks in EXPECTED.items():
        for _method, _data, statuses in checks:
            assert set(statuses) == set(ROLES), f"{name}: declare every role"


@pytest.fixture
def world(people, make_user) -> dict[str, Any]:
    """Rita's organisation with contact persons Henk (e-mail, no account) and Carl (tied to
    his account); Fleur was a contact with an account until her data were erased. Olga's
    collaboration (eddy edits it) linked one of its partners to the organisation."""
    registrant = make_user("rita")
    contact = make_user("carl")
    former = make_user("fleur")
    organisation = services.create_organisation(
        actor=registrant, data=OrganisationData(name="Hoogendijk Dakwerken", sector="business")
    )
    other = services.create_organisation(
        actor=registrant, data=OrganisationData(name="Ander bv", sector="business")
    )
    person = services.add_contact(
        actor=registrant, organisation=organisation, name="Henk de Vries", email=EMAIL
    )
    services.add_contact(
        actor=registrant, organisation=organisation, name="Carl Kok", account="carl"
    )
    gone = services.add_contact(
        actor=registrant, organisation=organisation, name="Fleur Dijk", account="fleur"
    )
    services.erase_person(actor=registrant, person=gone)
    link = services.link_partner(
        actor=people["owner"],
        collaboration_id=people["cid"],
        partner_name=PARTNER,
        organisation=organisation,
    )
    return {
        **people,
        "users": {
            "registrant": registrant,
            "contact": contact,
            "former_contact": former,
            "staff": make_user("priva", is_staff=True),
            "linked_owner": people["owner"],
            "linked_editor": people["editor"],
            "stranger": people["stranger"],
            "anonymous": None,
        },
        "organisation": organisation,
        "other_org": other,
        "person": person,
        "link": link,
    }


def _snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every row of the ledger's tables and of the audit log."""
    tables = [*apps.get_app_config("ledger").get_models(), AuditEvent]
    return {model._meta.label: list(model.objects.order_by("pk").values()) for model in tables}


def _url(world: dict[str, Any], name: str, pattern: str) -> str:
    kwargs: dict[str, Any] = {}
    if "<int:pk>" in pattern:
        if "contacts/<int:pk>" in pattern:
            kwargs["pk"] = world["person"].pk
        elif "organisations" in pattern:
            kwargs["pk"] = world["organisation"].pk
        else:
            kwargs["pk"] = world["cid"]
    if "<int:item>" in pattern:
        kwargs["item"] = world["link"].pk
    return reverse(name, kwargs=kwargs)


def _request(world: dict[str, Any], name: str, index: int, role: str) -> Any:
    method, data, _statuses = EXPECTED[name][index]
    url = _url(world, name, _routes()[name])
    if data and data.get("organisation") == "other_org":
        data = {**data, "organisation": world["other_org"].pk}
    user = world["users"][role]
    if name.startswith("api-"):
        client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
        if user is not None:
            client.force_authenticate(user)
        return getattr(client, method)(url, data, format="json")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return getattr(client, method)(url, data or {})


READS = [(n, i) for n, checks in EXPECTED.items() for i, c in enumerate(checks) if c[0] == "get"]
WRITES = [
    (n, i, role)
    for n, checks in EXPECTED.items()
    for i, c in enumerate(checks)
    if c[0] != "get"
    for role in ROLES
]


@pytest.mark.parametrize(("name", "index"), READS)
def test_reading_answers_each_visitor_as_declared(world, name, index) -> None:
    statuses = EXPECTED[name][index][2]
    wrong = []
    for role in ROLES:
        response = _request(world, name, index, role)
        if response.status_code != statuses[role]:
            wrong.append(f"{name} as {role}: {response.status_code}, declared {statuses[role]}")
        elif response.status_code == 200 and name.endswith(":organisation"):
            # E-mail addresses, accounts and links are for managers' eyes only.
            text = response.content.decode()
            assert (EMAIL in text) == (role in MANAGERS), f"{name} as {role}: e-mail"
            assert ("carl" in text) == (role in MANAGERS), f"{name} as {role}: account"
    assert not wrong, wrong


@pytest.mark.parametrize(("name", "index", "role"), WRITES)
def test_writing_answers_each_visitor_as_declared_and_refusals_change_nothing(
    world, name, index, role
) -> None:
    statuses = EXPECTED[name][index][2]
    before = _snapshot()
    response = _request(world, name, index, role)
    assert response.status_code == statuses[role], response.content[:300]
    refused = response.status_code >= 400 or (role == "anonymous" and response.status_code == 302)
    if refused:
        assert _snapshot() == before
    else:
        assert _snapshot() != before


# --- What the rule means, through the services -----------------------------------------------


def test_the_cli_operator_manages_every_organisation(world) -> None:
    assert services.may_manage(user=cli_actor(), organisation=world["organisation"])


def test_unowned_organisations_stay_with_their_contacts_staff_and_operator(world) -> None:
    Organisation.objects.filter(pk=world["organisation"].pk).update(created_by=None)
    organisation = Organisation.objects.get(pk=world["organisation"].pk)
    users = world["users"]
    assert not services.may_manage(user=users["registrant"], organisation=organisation)
    assert services.may_manage(user=users["contact"], organisation=organisation)
    assert services.may_manage(user=users["staff"], organisation=organisation)


def test_a_contact_tied_to_an_account_manages_until_their_data_are_erased(world) -> None:
    users, organisation = world["users"], world["organisation"]
    carl = ContactPerson.objects.get(user=users["contact"])
    exported = services.export_person(actor=users["contact"], person=carl)
    assert exported["person"]["account"] == "carl"
    services.erase_person(actor=users["contact"], person=carl)
    assert ContactPerson.objects.get(pk=carl.pk).user is None
    assert not services.may_manage(user=users["contact"], organisation=organisation)
    with pytest.raises(PermissionDenied):
        services.list_links(user=users["contact"], organisation=organisation)


def test_only_a_manager_ties_a_contact_to_an_account(world) -> None:
    users, organisation = world["users"], world["organisation"]
    with pytest.raises(PermissionDenied):
        services.add_contact(
            actor=users["linked_owner"], organisation=organisation, name="Olga", account="olga"
        )
    with pytest.raises(services.FieldError, match="no account named 'nobody'"):
        services.add_contact(
            actor=users["registrant"], organisation=organisation, name="X", account="nobody"
        )
    assert not services.may_manage(user=users["linked_owner"], organisation=organisation)


def test_refusing_twice_changes_nothing_and_other_organisations_links_are_not_found(
    world,
) -> None:
    users, organisation = world["users"], world["organisation"]
    services.refuse_link(
        actor=users["contact"], organisation=organisation, link_id=world["link"].pk
    )
    before = _snapshot()
    again = services.refuse_link(
        actor=users["registrant"], organisation=organisation, link_id=world["link"].pk
    )
    assert (again.refused, again.refused_by) == (True, "carl")
    assert _snapshot() == before
    with pytest.raises(NotFound):
        services.refuse_link(
            actor=users["registrant"], organisation=world["other_org"], link_id=world["link"].pk
        )


def test_a_refused_link_names_no_organisation_in_the_ledger_and_its_report(world) -> None:
    services.refuse_link(
        actor=world["users"]["registrant"],
        organisation=world["organisation"],
        link_id=world["link"].pk,
    )
    [row] = [
        row
        for row in services.list_partners(user=world["owner"], collaboration_id=world["cid"])
        if row.name == PARTNER
    ]
    assert (row.organisation, row.link_refused, row.refused_by) == (
        None,
        True,
        world["organisation"],
    )
    report = services.progress_report(
        user=world["owner"],
        collaboration_id=world["cid"],
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 12, 31),
    )
    assert all(item.partner.organisation == "" for item in report.partners)
