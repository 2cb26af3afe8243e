"""Every search field of the product, found from the URL patterns, the API's OpenAPI document,
the admin's registry and the CLI's parser, holds to the bounds of :mod:`grenzeloos.core.search`.

The rule that finds a search field (present and future), per interface:

- **Web pages**: every URL pattern outside ``admin/`` and ``api/`` is requested once with GET
  (its path arguments filled with the test's objects), and every query parameter the page
  reads (``request.GET.get``, ``getlist``, ``[]`` or ``in``, recorded while it answers) is
  collected. A parameter is a *search field* when its name is, or contains, ``q``-as-a-whole,
  ``search`` or ``query``, or when the page's URL name contains ``search`` (a suggestion
  endpoint such as the member search): then 2,000 words and 50,000 characters must give a 400
  that shows the refusal at the search field (``aria-invalid`` and the message, or the message
  alone for a suggestion fragment). Every other parameter a page reads gets the same texts and
  must answer without a server error.
- **API**: the OpenAPI document is generated anew (drf-spectacular), so a new endpoint is in
  it; every free-text query parameter of a GET (a string or list of strings with neither an
  ``enum`` nor a ``format``) is taken. Named like a search field (above): a 400 problem+json
  whose ``invalid_params`` names the parameter. Any other: no server error.
- **Admin**: every registered model admin with ``search_fields`` has a search box (``q``):
  a 400 page with the refusal.
- **CLI**: every option of every ``grenzeloos`` command named ``--search`` or ``--query``:
  exit 1 with the refusal as the one line on stderr.

Each answer comes within the search time limit (``SEARCH_TIMEOUT_MS``). Eight at once and
``/healthz`` meanwhile are measured by ``bench/search_fields.py``.
"""

from __future__ import annotations

import argparse
import re
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.contrib import admin
from django.core.handlers.wsgi import WSGIRequest
from django.http import QueryDict
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation
from django.utils.html import escape
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from grenzeloos.cases import services as case_services
from grenzeloos.cli import build_parser, main
from grenzeloos.core.search import SearchRefused, search_words
from grenzeloos.ledger import services as ledger_services
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

HOSTILE = {
    "2000 words": " ".join(f"w{i}" for i in range(2000)),
    "50000 characters": "x" * 50_000,
}

#: What the discovery must at least find (so a broken discovery cannot pass by finding nothing).
KNOWN_WEB = {("canvas:list", "q"), ("cases:list", "q"), ("organisations:organisations", "q")}
KNOWN_WEB_SEARCH = {("collaborations:member_search", "q")}
KNOWN_API = {("/api/v1/collaborations", "search"), ("/api/v1/cases", "q")}
KNOWN_API |= {("/api/v1/organisations", "q")}
KNOWN_CLI = {("canvas list", "search"), ("cases list", "search")}
KNOWN_CLI |= {("org list", "search")}


def is_search_name(name: str) -> bool:
    """The naming rule of a search field."""
    return name == "q" or "search" in name or "query" in name


def time_limit() -> float:
    return settings.SEARCH_TIMEOUT_MS / 1000


def refusal(text: str, language: str) -> str:
    with translation.override(language), pytest.raises(SearchRefused) as caught:
        search_words(text)
    return str(caught.value)


# --- The objects that fill the URL patterns' path arguments --------------------------------


@pytest.fixture
def world(people) -> dict[str, Any]:
    """The canvas people, the case library, an organisation with a contact person, staff."""
    case_services.import_library(actor=None)
    owner = people["owner"]
    organisation = ledger_services.create_organisation(
        actor=owner,
        data=ledger_services.OrganisationData(name="Gemeente Zoektest", sector="government"),
    )
    contact = ledger_services.add_contact(
        actor=owner, organisation=organisation, name="Ann Zoek", email="ann@example.org"
    )
    staff = UserFactory(username="stef", is_staff=True, is_superuser=True)
    return {
        **people,
        "organisation": organisation,
        "contact": contact,
        "case": case_services.visible_cases(user=owner).first(),
        "staff": staff,
    }


def fill(route: str, world: dict[str, Any]) -> str | None:
    """The route with its path arguments filled with the world's objects (None: cannot)."""
    collaboration = world["collaboration"].pk
    values = {
        "slug": world["case"].slug,
        "name": "dream",
        "number": "1",
        "a": "1",
        "b": "1",
        "index": "0",
        "fmt": "md",
        "username": world["owner"].username,
        "item": "1",
        "invitation": "1",
    }

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in ("pk", "id"):
            if "organisations/" in route:
                return str(world["organisation"].pk)
            if "contacts/" in route:
                return str(world["contact"].pk)
            return str(collaboration)
        if name not in values:
            raise LookupError(name)
        return values[name]

    try:
        return "/" + re.sub(r"[<{](?:\w+:)?(\w+)[>}]", value, route)
    except LookupError:
        return None


def web_routes() -> Iterator[tuple[str, str]]:
    """(URL name, route) of every page pattern outside the admin and the API."""

    def walk(patterns: list[Any], prefix: str, namespace: str) -> Iterator[tuple[str, str]]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                space = pattern.namespace or namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), space)
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                if route.startswith(("admin/", "api/")) or "^" in route:
                    continue
                name = f"{namespace}:{pattern.name}" if namespace else str(pattern.name)
                yield name, route

    yield from walk(get_resolver().url_patterns, "", "")


class _Recording(QueryDict):
    """A request's query that remembers the names a view asks for."""

    read: set[str]

    def _note(self, key: str) -> None:
        getattr(_recorded, "names", set()).add(key)

    def get(self, key: str, default: Any = None) -> Any:
        self._note(key)
        return super().get(key, default)

    def getlist(self, key: str, default: Any = None) -> list[Any]:
        self._note(key)
        return super().getlist(key, default)

    def __getitem__(self, key: str) -> Any:
        self._note(key)
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        self._note(str(key))
        return super().__contains__(key)


_recorded = threading.local()


@pytest.fixture
def web_fields(world, monkeypatch) -> dict[tuple[str, str], str]:
    """{(URL name, parameter): path} for every query parameter a page reads."""

    def recording_get(request: WSGIRequest) -> QueryDict:
        return _Recording(request.META.get("QUERY_STRING", ""), encoding=request._encoding)

    monkeypatch.setattr(WSGIRequest, "GET", property(recording_get))
    client = Client()
    client.force_login(world["owner"])
    found: dict[tuple[str, str], str] = {}
    for name, route in web_routes():
        path = fill(route, world)
        if path is None:
            continue
        _recorded.names = set()
        client.get(path)
        for parameter in _recorded.names:
            found.setdefault((name, parameter), path)
    monkeypatch.undo()
    return found


def api_fields(world: dict[str, Any]) -> dict[tuple[str, str], str]:
    """{(path template, parameter): path} for every free-text GET query parameter."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    found = {}
    server = schema["servers"][0]["url"]  # the paths are relative to it: /api/v1
    for relative, operations in schema["paths"].items():
        template = server + relative
        for parameter in operations.get("get", {}).get("parameters", []):
            kind = parameter.get("schema", {})
            if kind.get("type") == "array":
                kind = kind.get("items", {})
            free = kind.get("type") == "string" and "enum" not in kind and "format" not in kind
            path = fill(template.lstrip("/"), world)
            if parameter["in"] == "query" and free and path is not None:
                found[(template, parameter["name"])] = path
    return found


def cli_fields() -> dict[tuple[str, str], list[str]]:
    """{(command, option dest): the command's words} for every --search/--query option."""
    found: dict[tuple[str, str], list[str]] = {}

    def walk(parser: argparse.ArgumentParser, words: list[str]) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for word, sub in action.choices.items():
                    walk(sub, [*words, word])
            elif any(o in ("--search", "--query") for o in action.option_strings):
                found[(" ".join(words), action.dest)] = words

    walk(build_parser(), [])
    return found


# --- The tests -----------------------------------------------------------------------------


def test_the_discovery_finds_every_known_search_field(world, web_fields):
    assert set(web_fields) >= KNOWN_WEB | KNOWN_WEB_SEARCH
    assert set(api_fields(world)) >= KNOWN_API
    assert set(cli_fields()) >= KNOWN_CLI


def _timed(call: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    result = call()
    return result, time.perf_counter() - started


@pytest.mark.parametrize("hostile", sorted(HOSTILE))
def test_every_web_search_field_refuses_clearly_in_time(world, web_fields, hostile):
    client = Client()
    client.force_login(world["owner"])
    text = HOSTILE[hostile]
    checked = []
    for (name, parameter), path in sorted(web_fields.items()):
        if not (is_search_name(parameter) or "search" in name):
            continue
        response, elapsed = _timed(lambda: client.get(path, {parameter: text}))  # noqa: B023
        body = response.content.decode()
        assert response.status_code == 400, (name, parameter, response.status_code)
        assert elapsed < time_limit(), (name, parameter, elapsed)
        assert escape(refusal(text, settings.LANGUAGE_CODE)) in body, (name, parameter)
        if response["Content-Type"].startswith("text/html") and "<form" in body:
            assert 'aria-invalid="true"' in body, (name, parameter)
        checked.append((name, parameter))
    assert set(checked) >= KNOWN_WEB | KNOWN_WEB_SEARCH


@pytest.mark.parametrize("hostile", sorted(HOSTILE))
def test_every_other_page_parameter_answers_without_a_server_error(world, web_fields, hostile):
    client = Client(raise_request_exception=False)
    client.force_login(world["owner"])
    failures = []
    for (name, parameter), path in sorted(web_fields.items()):
        if is_search_name(parameter) or "search" in name:
            continue
        response, elapsed = _timed(lambda: client.get(path, {parameter: HOSTILE[hostile]}))  # noqa: B023
        if response.status_code >= 500 or elapsed >= time_limit():
            failures.append((name, parameter, response.status_code, round(elapsed, 2)))
    assert failures == []


@pytest.mark.parametrize("hostile", sorted(HOSTILE))
def test_every_api_search_parameter_refuses_with_a_problem_naming_it(world, hostile):
    client = APIClient()
    client.force_authenticate(world["owner"])
    text = HOSTILE[hostile]
    failures = []
    for (template, parameter), path in sorted(api_fields(world).items()):
        response, elapsed = _timed(lambda: client.get(path, {parameter: text}))  # noqa: B023
        if elapsed >= time_limit() or response.status_code >= 500:
            failures.append((template, parameter, response.status_code, round(elapsed, 2)))
            continue
        if not is_search_name(parameter):
            continue
        assert response.status_code == 400, (template, parameter, response.status_code)
        assert response["Content-Type"] == "application/problem+json"
        problem = response.json()
        assert problem["invalid_params"] == [
            {"name": parameter, "reason": refusal(text, settings.LANGUAGE_CODE)}
        ], template
    assert failures == []


@pytest.mark.parametrize("hostile", sorted(HOSTILE))
def test_every_admin_search_box_refuses_clearly_in_time(world, hostile):
    client = Client()
    client.force_login(world["staff"])
    text = HOSTILE[hostile]
    boxes = [
        model for model, model_admin in admin.site._registry.items() if model_admin.search_fields
    ]
    assert boxes
    for model in boxes:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        response, elapsed = _timed(lambda: client.get(url, {"q": text}))  # noqa: B023
        assert response.status_code == 400, (url, response.status_code)
        assert elapsed < time_limit(), (url, elapsed)
        assert escape(refusal(text, settings.LANGUAGE_CODE)) in response.content.decode(), url


@pytest.mark.parametrize("hostile", sorted(HOSTILE))
def test_every_cli_search_option_refuses_in_one_line(world, capsys, hostile):
    text = HOSTILE[hostile]
    arguments: dict[str, list[str]] = {}
    for (command, dest), words in sorted(cli_fields().items()):
        extra = arguments.get(command, [])
        code, elapsed = _timed(lambda: main([*words, *extra, f"--{dest}", text]))  # noqa: B023
        _out, err = capsys.readouterr()
        assert code == 1, command
        assert err == f"grenzeloos: error: {refusal(text, 'en')}\n", command
        assert elapsed < time_limit(), (command, elapsed)
