"""Hostile input for every web form and every query string a page reads, as the API's fuzz does
for the API (tests/fuzz/test_api_fuzz.py).

Generated, not listed: the routes come from the URL patterns (as in the permission matrix,
tests/collaborations/test_permission_matrix.py); each page is opened as the collaboration's
owner, and its forms (``<form method="post">`` with their inputs, selects, textareas and named
buttons) are what is posted to; the query parameters of a page are the ones its view reads
(recorded while the page is opened once) and those of its links and search forms. For each,
Hypothesis draws hostile values (control characters, very long text, numbers that are not
numbers, dates that are no dates, markup) next to the form's own values.

Asserted: no server error anywhere, and a refused post (4xx) stores nothing: every table of
the product reads the same before and after.

``GRENZELOOS_FUZZ_EXAMPLES`` sets the examples per form and page (``make fuzz`` raises it; the
default keeps ``make test`` fast).
"""

from __future__ import annotations

import hashlib
import os
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.apps import apps
from django.http import QueryDict
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.collaborations.test_permission_matrix import (
    QUERY,
    _kwargs,
    _routes,
    world,  # noqa: F401 (the fixture)
)

EXAMPLES = int(os.environ.get("GRENZELOOS_FUZZ_EXAMPLES", "2"))

#: Not pages of the product's web side (the API has its own fuzz), or ending the session.
SKIPPED = {"accounts:logout", "openapi", "metrics", "healthz"}
#: Query parameters worth trying on every page besides those it is seen to read.
COMMON_PARAMETERS = ("page", "q", "format", "revision", "language", "next")

HOSTILE_TEXT = st.one_of(
    st.text(max_size=30),
    st.text(st.characters(exclude_categories=("Cs",)), min_size=200, max_size=2_000),
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "-1",
            "1e309",
            "NaN",
            "-0",
            "9" * 40,
            "1.250",
            "1,5",
            "€ 1.000,00",
            "2026-02-30",
            "0000-00-00",
            "99999-12-31",
            "' OR 1=1 --",
            "<script>alert(1)</script>",
            "a\x00b",
            "\u202e\u200b",
            "../../etc/passwd",
            "null",
            "[]",
            '{"a": [[[[[]]]]]}',
            "x" * 70_000,
        ]
    ),
    st.integers().map(str),
)


# --- What the pages show and read ---------------------------------------------------------------


class _Forms(HTMLParser):
    """The forms of a page: method, action and fields (name → own value, options)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, Any]] = []
        self.links: list[str] = []
        self._form: dict[str, Any] | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attrs}
        if tag == "a" and found.get("href"):
            self.links.append(found["href"])
        if tag == "form":
            self._form = {
                "method": found.get("method", "get").lower(),
                "action": found.get("action", ""),
                "multipart": "multipart" in found.get("enctype", ""),
                "fields": {},
            }
            self.forms.append(self._form)
            return
        if self._form is None or not found.get("name"):
            if tag == "option" and self._form is not None and self._select:
                self._form["fields"][self._select]["options"].append(found.get("value", ""))
            return
        name = found["name"]
        fields = self._form["fields"]
        if tag == "input":
            kind = found.get("type", "text")
            if kind in ("submit", "button", "image", "reset"):
                return
            fields.setdefault(name, {"value": found.get("value", ""), "options": [], "kind": kind})
        elif tag in ("textarea", "select"):
            fields.setdefault(name, {"value": "", "options": [], "kind": tag})
            self._select = name if tag == "select" else None
        elif tag == "button" and found.get("value"):
            fields.setdefault(name, {"value": found["value"], "options": [], "kind": "button"})
            fields[name]["options"].append(found["value"])
        if tag == "option" and self._select:
            fields[self._select]["options"].append(found.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


@contextmanager
def _reading() -> Iterator[set[str]]:
    """The names a view reads from the query string or form while inside (QueryDict access)."""
    read: set[str] = set()
    originals = {name: getattr(QueryDict, name) for name in ("get", "getlist", "__getitem__")}

    def spy(name: str) -> Any:
        def wrapped(self: QueryDict, key: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(key, str):
                read.add(key)
            return originals[name](self, key, *args, **kwargs)

        return wrapped

    for name in originals:
        setattr(QueryDict, name, spy(name))
    try:
        yield read
    finally:
        for name, original in originals.items():
            setattr(QueryDict, name, original)


def _web_pages(setting: dict[str, Any]) -> dict[str, str]:
    """Every web route with its address in this setting (API and skipped routes left out)."""
    pages = {}
    for name, pattern in _routes().items():
        if name.startswith("api") or name in SKIPPED:
            continue
        pages[name] = reverse(name, kwargs=_kwargs(name, pattern, setting)) + QUERY.get(name, "")
    return pages


def _client(setting: dict[str, Any]) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    client.force_login(setting["users"]["owner"])
    return client


def _discover(setting: dict[str, Any]) -> tuple[dict[str, set[str]], list[dict[str, Any]]]:
    """(page address → query parameters to try, the post forms of all pages, one per action)."""
    client = _client(setting)
    queries: dict[str, set[str]] = {}
    forms: dict[tuple[str, tuple[str, ...]], dict[str, Any]] = {}
    for _name, url in sorted(_web_pages(setting).items()):
        with _reading() as read:
            response = client.get(url)
        path = url.split("?")[0]
        parameters = set(read) | set(COMMON_PARAMETERS)
        parameters |= {key for key, _value in parse_qsl(urlsplit(url).query)}
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            queries[path] = parameters
            continue
        parser = _Forms()
        parser.feed(response.content.decode())
        for href in parser.links:
            parts = urlsplit(href)
            if parts.path in ("", path) and parts.query:
                parameters |= {key for key, _value in parse_qsl(parts.query)}
        for form in parser.forms:
            if form["method"] == "get":
                if urlsplit(form["action"]).path in ("", path):
                    parameters |= set(form["fields"])
                continue
            action = urlsplit(form["action"]).path or path
            key = (action, tuple(sorted(form["fields"])))
            forms.setdefault(key, {**form, "action": action})
        queries[path] = parameters
    return queries, list(forms.values())


# --- The fuzz ---------------------------------------------------------------------------------


def _stored() -> str:
    """A digest of every row of every table of the product (not sessions or sign-in attempts)."""
    digest = hashlib.sha256()
    for model in sorted(apps.get_models(), key=lambda m: m._meta.label):
        if not model.__module__.startswith("grenzeloos."):
            continue
        for row in model._default_manager.order_by("pk").values_list():
            digest.update(repr(row).encode())
    return digest.hexdigest()


def _value(field: dict[str, Any]) -> st.SearchStrategy[str]:
    own = [field["value"], *field["options"]]
    return st.one_of(st.sampled_from(own), HOSTILE_TEXT)


FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=EXAMPLES <= 5,
    suppress_health_check=list(HealthCheck),
)


def _send(client: Client, method: str, url: str, data: dict[str, Any], *, multipart: bool) -> int:
    if method == "get":
        return client.get(url, data).status_code
    if multipart:
        return client.post(url, data).status_code
    return client.post(url, data, content_type="application/x-www-form-urlencoded").status_code


def _fuzz_web(setting: dict[str, Any]) -> tuple[list[str], int]:
    queries, forms = _discover(setting)
    print(f"web fuzz: {len(queries)} pages, {len(forms)} forms")
    client = _client(setting)
    problems: list[str] = []
    sent = 0

    def attempt(method: str, url: str, data: dict[str, Any], multipart: bool = False) -> None:
        nonlocal sent
        sent += 1
        client.force_login(setting["users"]["owner"])
        before = _stored() if method == "post" else ""
        try:
            status = _send(client, method, url, data, multipart=multipart)
        except Exception as error:  # the test client re-raises a view's exception
            where = traceback.extract_tb(error.__traceback__)[-1]
            problems.append(
                f"{method.upper()} {url} {sorted(data)}: {type(error).__name__}: "
                f"{str(error)[:200]} ({where.filename}:{where.lineno})"
            )
            return
        if status >= 500:
            problems.append(f"{method.upper()} {url} {data!r:.300}: HTTP {status}")
        elif method == "post" and 400 <= status < 500 and _stored() != before:
            problems.append(f"POST {url} {data!r:.300}: refused ({status}) but stored a change")

    def fuzz_query(path: str, parameters: set[str]) -> None:
        @FUZZ
        @given(st.dictionaries(st.sampled_from(sorted(parameters)), HOSTILE_TEXT, max_size=4))
        def query(data: dict[str, str]) -> None:
            attempt("get", path, data)

        query()

    def fuzz_form(form: dict[str, Any]) -> None:
        fields = form["fields"]

        @FUZZ
        @given(st.fixed_dictionaries({name: _value(field) for name, field in fields.items()}))
        def post(data: dict[str, str]) -> None:
            attempt("post", form["action"], data, form["multipart"])

        post()

    for path, parameters in sorted(queries.items()):
        fuzz_query(path, parameters)
    for form in forms:
        fuzz_form(form)
    return problems, sent


@pytest.mark.django_db
def test_no_web_form_or_query_string_gives_a_server_error(world):  # noqa: F811
    problems, sent = _fuzz_web(world)
    print(f"web fuzz: {sent} requests, {len(problems)} problems")
    assert sent > 100
    assert problems == []
