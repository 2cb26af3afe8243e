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
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

import lxml.html
import pytest
from django import forms
from django.apps import apps
from django.db import connection, models
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from rest_framework.test import APIClient

from grenzeloos.audit.models import AuditEvent
from grenzeloos.ledger import services as ledger_services
from tests.collaborations import test_permission_matrix as matrix
from tests.collaborations.test_permission_matrix import (
    _meeting_place,
    world,  # noqa: F401 - a fixture
)

pytestmark = pytest.mark.django_db

APPS = ("guidance", "cases", "organisations", "ledger", "legal")
WEB_NAMESPACES = ("cases", "organisations", "ledger", "legal")
API_NAMESPACES = ("api-guidance", "api-cases", "api-organisations", "api-ledger", "api-legal")
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
    contact = ledger_services.add_contact(
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
    statement, answer = _meeting_place(world["users"]["owner"], world["users"]["editor"])
    return {
        **world,
        "organisation": organisation,
        "contact": contact,
        "meet_statement": statement,
        "meet_answer": answer,
    }


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
    urls.append(reverse("organisations:organisation", kwargs={"pk": data["organisation"].pk}))
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


# --- API: every string of every request body and query, from the committed OpenAPI document ---

SCHEMAS = Path(__file__).resolve().parents[2] / "src" / "grenzeloos"
#: Free-form bodies (``additionalProperties``) are documents with their own JSON Schema.
DOCUMENT_SCHEMAS = {
    "/api/v1/cases": "cases/schemas/case.schema.json",
    "/api/v1/assessments/{id}/answers": "legal/schemas/legal-answers.schema.json",
    "/api/v1/legal/assess": "legal/schemas/legal-answers.schema.json",
    "/api/v1/legal/report": "legal/schemas/legal-answers.schema.json",
}
#: The canvas's own bodies and queries are covered in ``test_text.py``.
CANVAS_PATHS = ("/api/v1/collaborations", "/api/v1/collaborations/{id}/canvas")
Path_ = tuple[str | int, ...]


def _string_paths(schema: dict[str, Any], root: dict[str, Any], depth: int = 0) -> list[Path_]:
    """Every place in a document (JSON Schema or OpenAPI component) that may hold a text."""
    if depth > 8:
        return []
    if "$ref" in schema:
        target: Any = root
        for part in schema["$ref"].lstrip("#/").split("/"):
            target = target[part]
        return _string_paths(target, root, depth + 1)
    if schema.get("readOnly"):
        return []
    found: list[Path_] = []
    for branch in (*schema.get("oneOf", ()), *schema.get("anyOf", ()), *schema.get("allOf", ())):
        found += _string_paths(branch, root, depth + 1)
    kinds = schema.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    texts = [
        value for value in (*schema.get("enum", ()), schema.get("const")) if isinstance(value, str)
    ]
    if "string" in kinds or texts or (not kinds[0] and not schema.get("properties") and not found):
        found.append(())
    for key, child in (schema.get("properties") or {}).items():
        found += [(key, *rest) for rest in _string_paths(child, root, depth + 1)]
    if isinstance(schema.get("items"), dict):
        found += [(0, *rest) for rest in _string_paths(schema["items"], root, depth + 1)]
    return list(dict.fromkeys(found))


def _poisoned(path: Path_, value: str) -> Any:
    """The smallest body that holds ``value`` at ``path`` (the guard refuses before validation)."""
    body: Any = value
    for part in reversed(path):
        body = [body] if isinstance(part, int) else {part: body}
    return body


def _shown(path: Path_) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _operations() -> Iterator[tuple[str, str, dict[str, Any]]]:
    document = json.loads(OPENAPI.read_text(encoding="utf-8"))
    server = document["servers"][0]["url"]  # the paths are relative to it: /api/v1
    for relative, operations in document["paths"].items():
        path = server + relative
        if path in CANVAS_PATHS:
            continue
        for method, operation in operations.items():
            if method in ("get", "post", "put", "patch", "delete"):
                yield path, method, operation


def _body_cases() -> list[tuple[str, str, Path_]]:
    document = json.loads(OPENAPI.read_text(encoding="utf-8"))
    cases = []
    for path, method, operation in _operations():
        content = operation.get("requestBody", {}).get("content", {})
        if "application/json" not in content:
            continue
        schema, root = content["application/json"]["schema"], document
        if path in DOCUMENT_SCHEMAS:
            root = json.loads((SCHEMAS / DOCUMENT_SCHEMAS[path]).read_text(encoding="utf-8"))
            schema = root
        cases += [(method, path, where) for where in _string_paths(schema, root) if where]
    return cases


def _query_cases() -> list[tuple[str, str, str]]:
    return [
        (method, path, parameter["name"])
        for path, method, operation in _operations()
        for parameter in operation.get("parameters", ())
        if parameter["in"] == "query" and parameter.get("schema", {}).get("type") == "string"
    ]


def _api_url(data: dict[str, Any], path: str) -> str:
    ids = {
        "/api/v1/assessments/": data["assessment"].pk,
        "/api/v1/organisations/": data["organisation"].pk,
        "/api/v1/contacts/": data["contact"].pk,
        "/api/v1/problems/": data["meet_statement"].pk,
        "/api/v1/answers/": data["meet_answer"].pk,
    }
    pk = next((v for k, v in ids.items() if path.startswith(k)), data["collaboration"].pk)
    # An {item} is the object of the route's own kind (ids are not 1 once other tests ran on
    # PostgreSQL, whose sequences are not reset between tests).
    governed = data["governance"]
    items = {
        "/governance/bodies/": governed["body"],
        "/governance/comments/": governed["comment"],
        "/governance/decisions/": governed["decision"],
        "/process-items/": data["process_item"].pk,
    }
    item = next((v for k, v in items.items() if k in path), 1)
    return (
        path.replace("{id}", str(pk))
        .replace("{slug}", "cumulus-park")
        .replace("{item}", str(item))
        .replace("{username}", "vera")
        .replace("{fmt}", "csv")
        .replace("{process}", str(data["process"].pk))
        .replace("{challenge}", str(data["challenge"].pk))
        .replace("{workshop}", str(data["workshop"].pk))
        .replace("{note}", str(data["note"].pk))
    )


def _api(data: dict[str, Any]) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(data["users"]["owner"])
    return client


def test_every_string_of_every_api_body_refuses_nul_surrogates_and_control_characters(
    ledger_world,
):
    cases = _body_cases()
    assert {path for _m, path, _w in cases} >= {
        "/api/v1/organisations",
        "/api/v1/organisations/{id}/contacts",
        "/api/v1/collaborations/{id}/ledger/contributions",
        "/api/v1/collaborations/{id}/ledger/commitments",
        "/api/v1/assessments/{id}/answers",
        "/api/v1/assessments/{id}/sign-off",
        "/api/v1/cases",
    }
    client = _api(ledger_world)
    wrong = []
    for method, path, where in cases:
        for kind, bad in JSON_BAD.items():
            before = _stored()
            body = json.dumps(_poisoned(where, f"a{bad}b"), ensure_ascii=True)
            url = _api_url(ledger_world, path) + ("?format=md" if path.endswith("/report") else "")
            response = getattr(client, method)(url, body, content_type="application/json")
            what = f"{method.upper()} {path} {_shown(where)}={kind}"
            if response.status_code != 400:
                wrong.append(f"{what}: {response.status_code}")
                continue
            names = [p["name"] for p in response.json().get("invalid_params", ())]
            if _shown(where) not in names:
                wrong.append(f"{what}: named {names} {response.content[:300]!r}")
            elif _stored() != before:
                wrong.append(f"{what}: refused but wrote")
    assert not wrong, wrong


def test_every_string_query_parameter_refuses_nul_and_control_characters(ledger_world):
    cases = _query_cases()
    assert {name for _m, _p, name in cases} >= {"q", "audience", "lang", "start", "format"}
    client = _api(ledger_world)
    wrong = []
    for method, path, name in cases:
        for kind, bad in FORM_BAD.items():
            url = f"{_api_url(ledger_world, path)}?{urlencode({name: f'a{bad}b'})}"
            response = getattr(client, method)(url)
            names = [p["name"] for p in response.json().get("invalid_params", ())]
            if response.status_code != 400 or names != [name]:
                wrong.append(
                    f"{method.upper()} {path}?{name}={kind}: {response.status_code} {names}"
                )
    assert not wrong, wrong


# --- A store that already holds such values stays readable ------------------------------------


#: Stored documents and their schemas: only their free texts could hold such characters (enum
#: values, dates and identifiers were checked against the schema on the way in).
STORED_DOCUMENTS = {
    "cases.Case.document": "cases/schemas/case.schema.json",
    "legal.LegalAssessment.answers": "legal/schemas/legal-answers.schema.json",
}


def _free_text(schema: dict[str, Any]) -> bool:
    kinds = schema.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    checked = ("enum", "const", "pattern", "format")
    return "string" in kinds and not any(key in schema for key in checked)


def _poison_json(value: Any, schema: dict[str, Any], root: dict[str, Any], bad: str) -> Any:
    """The document with ``bad`` appended to every free text the schema allows in it."""
    while "$ref" in schema:
        target: Any = root
        for part in schema["$ref"].lstrip("#/").split("/"):
            target = target[part]
        schema = target
    branches = [schema, *schema.get("oneOf", ()), *schema.get("anyOf", ())]
    if isinstance(value, str):
        return value + bad if any(_free_text(branch) for branch in branches) else value
    for branch in branches:
        if isinstance(value, dict) and ("properties" in branch or "additionalProperties" in branch):
            extra = branch.get("additionalProperties")
            return {
                key: _poison_json(
                    item,
                    branch.get("properties", {}).get(key)
                    or (extra if isinstance(extra, dict) else {}),
                    root,
                    bad,
                )
                for key, item in value.items()
            }
        if isinstance(value, list) and isinstance(branch.get("items"), dict):
            return [_poison_json(item, branch["items"], root, bad) for item in value]
    return value


def _poison_the_store() -> list[str]:
    """Append a refused character to every text of every model of the newer apps, as a store
    written before the guard could hold it; returns what was poisoned (``model.field``).

    SQLite holds NUL and, inside JSON, lone surrogates; PostgreSQL holds neither (text and
    jsonb refuse them), but it does hold the other control characters.
    """
    sqlite = connection.vendor == "sqlite"
    text_bad, json_bad = ("\x00\x07", "\ud800\x00") if sqlite else ("\x07\x1b", "\x07")
    poisoned = []
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            for field in model._meta.concrete_fields:
                where = f"{model._meta.label}.{field.name}"
                if field.choices or isinstance(field, models.SlugField):
                    continue
                for pk, value in model.objects.values_list("pk", field.attname):
                    if where in STORED_DOCUMENTS:
                        root = json.loads(
                            (SCHEMAS / STORED_DOCUMENTS[where]).read_text(encoding="utf-8")
                        )
                        value = _poison_json(value, root, root, json_bad)
                    elif isinstance(field, models.CharField | models.TextField) and value:
                        value = value + text_bad
                    else:
                        continue
                    model.objects.filter(pk=pk).update(**{field.attname: value})
                    poisoned.append(where)
    return sorted(set(poisoned))


def test_poisoned_values_already_stored_stay_readable_on_every_page_api_and_download(
    ledger_world,
):
    poisoned = _poison_the_store()
    assert {
        "organisations.Organisation.name",
        "organisations.ContactPerson.name",
        "ledger.Contribution.description",
        "ledger.Commitment.description",
        "legal.LegalAssessment.title",
        "cases.Case.name",
    } <= set(poisoned), poisoned
    web, api = _client(ledger_world), _api(ledger_world)
    organisation = ledger_world["organisation"].pk
    urls = [_url(ledger_world, name) for name in _pages()]
    urls += [reverse("organisations:organisation", kwargs={"pk": organisation})]
    cid, assessment = ledger_world["collaboration"].pk, ledger_world["assessment"].pk
    for fmt in ("pdf", "odt", "md", "xlsx", "csv"):
        urls.append(reverse("ledger:report_download", kwargs={"pk": cid, "fmt": fmt}))
    for fmt in ("pdf", "odt", "docx", "md"):
        urls.append(reverse("legal:report", kwargs={"pk": assessment, "fmt": fmt}))
    wrong = []
    for url in urls:
        response = web.get(url)
        if response.status_code != 200:
            wrong.append(f"GET {url}: {response.status_code} {response.content[-300:]!r}")
    for url in (
        reverse("ledger:export", kwargs={"pk": ledger_world["collaboration"].pk}) + "?format=xlsx",
        reverse("ledger:export", kwargs={"pk": ledger_world["collaboration"].pk}) + "?format=csv",
    ):
        status = web.get(url).status_code
        if status != 200:
            wrong.append(f"GET {url}: {status}")
    for name, checks in matrix.EXPECTED.items():
        if name.split(":")[0] not in API_NAMESPACES:
            continue
        for method, _data, who in checks:
            if method == "get" and who["owner"] == 200:
                url = _url(ledger_world, name)
                status = api.get(url).status_code
                if status != 200:
                    wrong.append(f"GET {url}: {status}")
    assert not wrong, wrong
    # What was poisoned shows as the replacement character.
    page = web.get(
        reverse("organisations:organisation", kwargs={"pk": organisation})
    ).content.decode()
    assert "Gemeente Groenedijk\ufffd\ufffd" in page
