"""Saving an edit form unchanged changes nothing stored (issue 27: "Opslaan" on an unchanged
organisation wiped its staff, turnover and balance-sheet figures and turned "Klein" into "—").

Generated from the pages: every page the URL patterns offer for GET is opened as the owner of
a collaboration whose records are all filled in, in Dutch and in English, and every POST form
on it is classified in ``FORMS``: an *edit form* shows stored values and saves them, an
*action* does something when posted (remove, refuse, copy, import, take over, sign out, ...)
and is not posted here. Each edit form is posted back exactly as a browser would send it
(inputs tied to it with ``form=`` included, a textarea's first newline dropped) and every row
of every table must be the same afterwards, the audit log included. A new form that is not in
``FORMS`` fails ``test_every_form_on_every_page_is_classified``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from lxml import html

from grenzeloos.collaborations import services as collaboration_services
from grenzeloos.ledger import services as ledger_services
from grenzeloos.ledger.models import Organisation
from grenzeloos.ledger.services import OrganisationData
from tests.collaborations.test_permission_matrix import (
    EXPECTED,
    QUERY,
    _kwargs,
    _routes,
    world,  # noqa: F401 - the fixture, used by name
)

EDIT, ACTION = "edit", "action"
#: The POST forms of the product: route name (with ``:<action>`` when the form says which
#: action it is, as the members page does) → edit form or action.
FORMS: dict[str, str] = {
    "set_language": ACTION,
    "accounts:login": ACTION,
    "accounts:logout": ACTION,
    "accounts:tokens": ACTION,  # creates a token
    "accounts:notices": ACTION,  # marks notices read
    "accounts:notice_preference": EDIT,
    "canvas:create": ACTION,
    "canvas:import": ACTION,
    "canvas:example_copy": ACTION,
    "canvas:field": EDIT,
    "canvas:partner_add": ACTION,
    "canvas:partner_edit": EDIT,
    "canvas:partner_remove": ACTION,
    "canvas:restore": ACTION,
    "collaborations:details": EDIT,
    "collaborations:members:add": ACTION,
    "collaborations:members:invite": ACTION,
    "collaborations:members:change": EDIT,
    "collaborations:members:remove": ACTION,
    "collaborations:members:withdraw": ACTION,
    "cases:new": ACTION,
    "accounts:profile": EDIT,  # an unchanged address asks for nothing
    "accounts:email_confirm": ACTION,
    "organisations:organisations": ACTION,  # registers an organisation
    "organisations:organisation": EDIT,
    "meetingplace:statements": ACTION,  # publishes a statement
    # One side of the round table: the world has none filled in, so posting fills it in
    # (saved unchanged it stores nothing: tests/meetingplace).
    "meetingplace:compare": ACTION,
    "meetingplace:close": ACTION,  # closes the statement
    "governance:body_add": ACTION,
    "governance:seat_add": ACTION,
    "governance:propose": ACTION,
    "governance:vote": ACTION,  # casts or changes a vote
    "governance:close": ACTION,
    "governance:comments": ACTION,  # places a comment or a reply
    "governance:resolve": ACTION,
    "governance:pulse": ACTION,  # answers this period's pulse
    # Own thresholds: neither the session nor the assessment here holds a policy, so the
    # form is empty and, posted so, asks for one (422) and stores nothing.
    "legal:check_policy": ACTION,
    "legal:policy": ACTION,
    "legal:reason": ACTION,  # gives a reason, and makes the reviewer an author
    "processes:index": ACTION,  # copies a template into the collaboration
    "processes:board": ACTION,  # adds an item
    "processes:item": ACTION,  # moves an item through a gate, back, or closes it
    "processes:challenges": ACTION,  # opens a challenge
    "processes:challenge": ACTION,  # scores, submits, invites, declares, pays
    "workshop:list": ACTION,  # plans a workshop
    "workshop:run": ACTION,  # the facilitator's controls: start, next step, close
    "workshop:cluster_add": ACTION,
    "workshop:adopt": ACTION,  # writes a canvas revision
    "workshop:join": ACTION,
    "organisations:contact_add": ACTION,
    "organisations:contact_export": ACTION,
    "organisations:contact_erase": ACTION,
    "ledger:link_refuse": ACTION,
    "ledger:settings": EDIT,
    "ledger:partner": EDIT,
    "ledger:commitment_add": ACTION,
    "ledger:commitment_delete": ACTION,
    "ledger:take_over": ACTION,
    "ledger:contributions_add": ACTION,
    "ledger:import": ACTION,
    "ledger:contribution_delete": ACTION,
    "legal:new": ACTION,
    "legal:partners": ACTION,
    "legal:question": EDIT,
    "legal:beneficiary_add": ACTION,
    "legal:check_question": ACTION,  # answers live in the session, nothing stored
    "legal:check_beneficiary_add": ACTION,
    "legal:check_reset": ACTION,
    "legal:sign_off": ACTION,
    "legal:reopen": ACTION,
}
#: Tables whose rows change with every request, whatever the form: sessions and sign-in logs.
VOLATILE = {"sessions", "axes"}


@pytest.fixture
def filled(world: dict[str, Any]) -> dict[str, Any]:  # noqa: F811 - extends the fixture
    """The matrix's world with every ledger record filled in: an organisation whose size class
    was derived from figures with decimals, linked to a partner with its own rate, a contact
    person, a refused link, ledger settings with a split, and a collaboration description."""
    owner = world["users"]["owner"]
    cid = world["collaboration"].pk
    organisation = ledger_services.create_organisation(
        actor=owner,
        data=OrganisationData(
            name="Hoogendijk Dakwerken",
            sector="business",
            kvk_number="12345678",
            staff=Decimal("12.5"),
            turnover_eur=Decimal("1500000.75"),
            balance_sheet_eur=Decimal("900000"),
        ),
    )
    assert organisation.size_class == "small"
    ledger_services.add_contact(
        actor=owner, organisation=organisation, name="Henk", email="h@example.nl"
    )
    ledger_services.link_partner(
        actor=owner,
        collaboration_id=cid,
        partner_name="Dakdekkersbedrijf Hoogendijk bv",
        organisation=organisation,
        hourly_rate=Decimal("1250.5"),
    )
    ledger_services.configure(
        actor=owner,
        collaboration_id=cid,
        hourly_rate=Decimal("85.25"),
        target_split=ledger_services.THIRDS_EXAMPLE,
        split_tolerance=Decimal("2.5"),
    )
    # A link the organisation's manager refused: its row shows "not linked".
    refusing = ledger_services.create_organisation(
        actor=world["users"]["other"], data=OrganisationData(name="Weigeraar", sector="government")
    )
    refused = ledger_services.link_partner(
        actor=owner, collaboration_id=cid, partner_name="Gemeente Groenedijk", organisation=refusing
    )
    ledger_services.refuse_link(
        actor=world["users"]["other"], organisation=refusing, link_id=refused.pk
    )
    collaboration_services.update_details(
        actor=owner,
        collaboration=world["collaboration"],
        description="Groene daken in de wijk",
        status="active",
    )
    return {**world, "organisation": organisation}


def _pages(filled: dict[str, Any]) -> list[str]:
    routes = _routes()
    urls = []
    for name, checks in EXPECTED.items():
        if name.startswith("api") or name == "openapi" or checks[0][0] != "get":
            continue
        kwargs = _kwargs(name, routes[name], filled)
        if name == "organisations:organisation":
            kwargs = {"pk": filled["organisation"].pk}
        urls.append(reverse(name, kwargs=kwargs) + QUERY.get(name, ""))
    return urls


def _forms(client: Client, url: str) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(kind key, action URL, values as a browser submits them) of each POST form on a page."""
    response = client.get(url)
    if (
        response.status_code != 200
        or not response.get("Content-Type", "").startswith("text/html")
        or not response.content.strip()
    ):
        return []
    document = html.fromstring(response.content.decode())
    found = []
    for form in document.forms:
        if (form.method or "get").lower() != "post":
            continue
        action = form.get("action") or url
        values = [(name, _browser_value(form, name, value)) for name, value in form.form_values()]
        form_id = form.get("id")
        if form_id:  # inputs outside the form element tied to it with form="id"
            for element in document.xpath("//*[@form=$id]", id=form_id):
                if element.tag in ("input", "select", "textarea") and element.get("name"):
                    values.append((element.get("name"), element.value or ""))
        try:
            route = resolve(urlsplit(action).path)
        except Resolver404:
            route = None
        key = route.view_name if route else action
        chosen = dict(values).get("action")
        if key == "collaborations:members" and chosen:
            key = f"{key}:{chosen}"
        found.append((key, action, values))
    return found


def _browser_value(form: Any, name: str, value: str) -> str:
    """A browser drops the newline right after ``<textarea>`` (lxml keeps it)."""
    element = form.inputs[name] if name in form.inputs.keys() else None  # noqa: SIM118
    if getattr(element, "tag", "") == "textarea" and value.startswith("\n"):
        return value[1:]
    return value


def _store() -> dict[str, dict[Any, dict[str, Any]]]:
    """Every row of every table (but ``VOLATILE``), by primary key."""
    return {
        model._meta.label: {row["pk"]: row for row in model.objects.values("pk", *_columns(model))}
        for model in apps.get_models()
        if model._meta.app_label not in VOLATILE
    }


def _columns(model: Any) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields]


def _differences(
    before: dict[str, dict[Any, dict[str, Any]]], after: dict[str, dict[Any, dict[str, Any]]]
) -> dict[str, list[str]]:
    """Per table, the rows added, removed or changed (with the changed columns)."""
    found: dict[str, list[str]] = {}
    for table, old in before.items():
        new = after[table]
        lines = [f"added {new[pk]}" for pk in new.keys() - old.keys()]
        lines += [f"removed {old[pk]}" for pk in old.keys() - new.keys()]
        for pk in old.keys() & new.keys():
            columns = {k: (old[pk][k], new[pk][k]) for k in old[pk] if old[pk][k] != new[pk][k]}
            if columns:
                lines.append(f"#{pk} {columns}")
        if lines:
            found[table] = lines
    return found


def _client(user: Any, language: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


@pytest.mark.django_db
def test_every_form_on_every_page_is_classified(filled) -> None:
    client = _client(filled["users"]["owner"], "nl")
    unknown = {
        key for url in _pages(filled) for key, _action, _values in _forms(client, url)
    } - set(FORMS)
    assert not unknown, f"classify these forms in FORMS: {sorted(unknown)}"


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.django_db
def test_saving_every_edit_form_unchanged_changes_nothing_stored(filled, language) -> None:
    client = _client(filled["users"]["owner"], language)
    saved: dict[str, int] = {}
    for url in _pages(filled):
        for key, action, values in _forms(client, url):
            if FORMS.get(key) != EDIT:
                continue
            before = _store()
            data: dict[str, list[str]] = {}
            for name, value in values:
                data.setdefault(name, []).append(value)
            response = client.post(action, data)
            # Saved (post/redirect/get), not refused: a form shown again with errors also
            # changes nothing, and would pass the check below without saving anything.
            assert response.status_code == 302, f"{key} on {url}: {response.status_code}"
            changed = _differences(before, _store())
            assert not changed, f"{key} on {url}, saved unchanged, changed {changed}"
            saved[key] = saved.get(key, 0) + 1
    # Every kind of edit form was found and saved at least once.
    assert set(saved) == {key for key, kind in FORMS.items() if kind == EDIT}, saved


def test_an_unchanged_organisation_keeps_its_figures_and_size_class(filled) -> None:
    """The defect of issue 27 itself: the form showed staff, turnover and balance-sheet total
    empty, so "Opslaan" wiped them and turned "Klein" into "—"."""
    url = reverse("organisations:organisation", args=[filled["organisation"].pk])
    stored = Organisation.objects.filter(pk=filled["organisation"].pk).values().get()
    shown = {
        "nl": {"staff": "12,5", "turnover_eur": "1.500.000,75", "balance_sheet_eur": "900.000"},
        "en": {"staff": "12.5", "turnover_eur": "1,500,000.75", "balance_sheet_eur": "900,000"},
    }
    for language, figures in shown.items():
        client = _client(filled["users"]["owner"], language)
        page = html.fromstring(client.get(url).content.decode())
        for name, text in figures.items():
            assert page.xpath(f"//input[@name='{name}']/@value") == [text], (language, name)
        [(_key, action, values)] = [
            form for form in _forms(client, url) if form[0] == "organisations:organisation"
        ]
        assert client.post(action, dict(values)).status_code == 302
        assert Organisation.objects.filter(pk=filled["organisation"].pk).values().get() == stored
    page = _client(filled["users"]["owner"], "nl").get(url).content.decode()
    assert "<dd>Klein (" in page
