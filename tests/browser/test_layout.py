"""Every page reads well on a desktop and a phone: the layout check.

The pages come from the URL patterns (like tests/collaborations/test_permission_matrix.py), so a
new page is checked without anyone listing it: every named web route is asked for as the owner
of a store filled to the brim (tests/brim.py); what answers 200 with HTML is a page. Each form on
those pages is also sent back empty (in a transaction that is rolled back) and the answer with
its error messages is checked as a page of its own. Every page is laid out in Dutch and English
(one test each) at 1366, 390 and 320 px (loaded once, the window resized in between); one
injected function (layout.js) measures it and axe-core audits it.

A page fails when two visible text or control boxes overlap, a word is laid out over two lines,
content runs out of an element that does not scroll, the page scrolls sideways, or axe reports a
violation or a colour-contrast item it could not decide.

Set GRENZELOOS_LAYOUT_SHOTS to a directory to get full-page screenshots at 390 px of the
collaboration list, canvas, members page, ledger and report.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from conftest import AXE
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from grenzeloos.legal.views import SESSION_KEY as LEGAL_CHECK_SESSION_KEY
from tests.brim import fill_to_the_brim

pytestmark = pytest.mark.browser

LANGUAGES = ("nl", "en")
WIDTHS = (1366, 390, 320)
#: axe-core audits the desktop and the phone (390 and 320 px share the phone style sheet); it
#: takes half the check's time, so it runs at two widths.
AXE_WIDTHS = (1366, 390)
MEASURE = (Path(__file__).parent / "layout.js").read_text(encoding="utf-8")
SHOTS = {
    "canvas:list": "collaborations",
    "canvas:detail": "canvas",
    "collaborations:members": "members",
    "ledger:ledger": "ledger",
    "ledger:report": "report",
    "governance:governance": "governance",
    "governance:decision": "decision",
}

#: Routes that are no page for people: name → why.
NOT_PAGES = {
    "metrics": "for the operators' monitoring, off unless configured",
    "oidc_authentication_init": "the round trip to an OpenID provider, off unless configured",
    "oidc_authentication_callback": "the round trip to an OpenID provider, off unless configured",
    "processes:challenge_attachment": "a submission's file as it was sent (PDF, ODT, DOCX, PNG "
    "or JPEG), read only by the challenge's owner, its assessors and the sender",
}
#: Pages that do not pass yet, with the reason: page id → reason. Empty when all pass.
KNOWN_DEFECTS: dict[str, str] = {}

AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations", "incomplete"]});
  // Text in a chart (an svg with role img, ledger/chart.py) is drawn dark grey or black on
  // white; axe cannot tell the background behind an image's text and asks to review it.
  const inChart = (n) => {
    const el = document.querySelector(n.target[0]);
    return Boolean(el && el.closest('svg[role="img"]'));
  };
  const nodes = (item) => item.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ");
  return [
    ...result.violations.map((v) => ({kind: "axe " + v.id, selector: nodes(v), detail: v.help})),
    ...result.incomplete.filter((v) => v.id === "color-contrast").map((v) => ({
      ...v, nodes: v.nodes.filter((n) => !inChart(n)),
    })).filter((v) => v.nodes.length).map((v) => ({
      kind: "axe color-contrast to review", selector: nodes(v),
      detail: v.nodes.length + " items: " + ((v.nodes[0].any[0] || {}).data || {}).messageKey
    })),
  ];
}"""


def _routes() -> dict[str, str]:
    """Every named web route (no API, no Django admin): name → pattern."""
    found: dict[str, str] = {}

    def walk(patterns: Any, prefix: str, namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin" or (pattern.namespace or "").startswith("api"):
                    continue
                walk(pattern.url_patterns, prefix + str(pattern.pattern), pattern.namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                found[name] = prefix + str(pattern.pattern)

    walk(get_resolver().url_patterns, "", None)
    return found


def _variants(name: str, pattern: str, store: dict[str, Any]) -> list[dict[str, Any]]:
    """The URL arguments a route is checked with (several for pages with several forms)."""
    legal = name.startswith("legal:") and name not in ("legal:collaboration", "legal:new")
    values: dict[str, Any] = {
        "pk": store["assessment"].pk if legal else store["collaboration"].pk,
        "number": 40,
        "a": 1,
        "b": 40,
        "index": 1 if name.startswith("legal:") else 0,
        "key": "on_date" if name.startswith("legal:") else "case-cumulus-park",
        "slug": "cumulus-park",
        "item": 1,
        "fmt": "pdf",
        "token": store["invitation_token"],
        "uidb64": "MQ",
        "name": "dream",
    }
    if name.startswith(("ledger:", "organisations:")) and "organisation" in name:
        values["pk"] = store["organisation"].pk
    if name.startswith("workshop:") and name != "workshop:list":
        values.update(
            pk=store["workshop"].pk,
            code=store["workshop"].guest_code,
            what="start",
            note=store["note"].pk,
        )
    if name.startswith("governance:"):
        governed = store["governance"]
        values["item"] = governed[
            "body"
            if name.endswith(("seat_add", "propose"))
            else "comment"
            if name.endswith("resolve")
            else "decision"
        ]
    if name.startswith("meetingplace:") and name != "meetingplace:seats":
        values["pk"] = store["answer" if name == "meetingplace:compare" else "statement"].pk
    if name.startswith("processes:"):
        values["process"] = store["process"].pk
        values["item"] = store["process_item"].pk
        values["challenge"] = store["challenge"].pk
    if name == "accounts:password_reset_confirm":
        values["token"] = "no-such-link"
    if name == "meetingplace:unsubscribe":
        from grenzeloos.meetingplace.services import unsubscribe_token

        values["token"] = unsubscribe_token(store["owner"])
    arguments = {key: value for key, value in values.items() if f":{key}>" in pattern}
    unknown = set(re.findall(r"<(?:\w+:)?(\w+)>", pattern)) - set(arguments)
    assert not unknown, f"{name}: the layout check cannot fill {unknown}: add them to _variants"
    if name == "canvas:field":
        return [{**arguments, "name": box} for box in ("agreements", "action_lines", "dream")]
    return [arguments]


@dataclass
class Page:
    id: str
    url: str
    html: str | None = None  # an error state, served in place of the URL


def _fields(form: Any) -> list[tuple[str, str]]:
    """The form's values sent back empty: hidden fields kept, text cleared, first choices."""
    data: list[tuple[str, str]] = []
    for field in form.xpath(".//input|.//select|.//textarea"):
        name = field.get("name")
        kind = (field.get("type") or "text").lower()
        if not name or kind in ("submit", "button", "file", "checkbox", "radio"):
            continue
        data.append((name, field.get("value", "") if kind == "hidden" else ""))
    button = form.xpath(".//button[@name]|.//input[@type='submit'][@name]")
    if button:
        data.append((button[0].get("name"), button[0].get("value", "")))
    return data


def _error_states(client: Client, page_id: str, url: str, html: str) -> list[Page]:
    """Each form of the page that has something to fill in, sent back empty."""
    states: list[Page] = []
    document = lxml.html.fromstring(html)
    for number, form in enumerate(document.xpath("//main//form[@method='post']")):
        if not form.xpath(
            ".//input[not(@type) or @type='text' or @type='email' or "
            "@type='number' or @type='date' or @type='password']|.//textarea"
        ):
            continue
        action = form.get("action") or url
        data: dict[str, list[str]] = {}
        for name, value in _fields(form):
            data.setdefault(name, []).append(value)
        with transaction.atomic():
            response = client.post(action, data, HTTP_REFERER=url)
            transaction.set_rollback(True)
        body = response.content.decode()
        if (
            response.status_code in (200, 400, 409, 422)
            and ("aria-invalid" in body or "form-field-error" in body or "gz-problems" in body)
            and "<html" in body
        ):
            states.append(
                Page(f"{page_id} form {number + 1} (empty)", f"{url}?form={number + 1}", body)
            )
    return states


def _client(store: dict[str, Any], language: str) -> Client:
    """The owner, signed in, with the consortium in the stand-alone legal check too."""
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(store["owner"])
    session = client.session
    session[LEGAL_CHECK_SESSION_KEY] = store["assessment"].answers
    session.save()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _pages(store: dict[str, Any], language: str) -> tuple[list[Page], list[str]]:
    """Every page of the product for the owner, and how each other route answered."""
    client = _client(store, language)
    pages: list[Page] = []
    not_pages: list[str] = []
    unreachable: list[str] = []
    for name, pattern in _routes().items():
        if name in NOT_PAGES:
            continue
        for arguments in _variants(name, pattern, store):
            url = reverse(name, kwargs=arguments)
            response = client.get(url)
            kind = response.get("Content-Type", "")
            if response.status_code in (302, 405) or (
                response.status_code == 200 and "text/html" not in kind
            ):
                not_pages.append(f"{name}: {response.status_code} {kind}")
                continue
            if response.status_code == 200 and b"<html" not in response.content:
                not_pages.append(f"{name}: a fragment for htmx")
                continue
            if response.status_code != 200:
                unreachable.append(f"{name} {url}: {response.status_code}")
                continue
            page_id = name + (
                "" if len(arguments) < 2 or "name" not in arguments else f" {arguments['name']}"
            )
            pages.append(Page(page_id, url))
            pages.extend(_error_states(client, page_id, url, response.content.decode()))
    assert not unreachable, f"routes the layout check could not open: {unreachable}"
    return pages, not_pages


def _context(
    browser: Any, live_server: Any, store: dict[str, Any], language: str, width: int
) -> Any:
    client = _client(store, language)
    context = browser.new_context(locale=language, viewport={"width": width, "height": 900})
    context.set_default_timeout(30_000)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            },
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
        ]
    )
    # Through the DevTools protocol: a <script> tag would be refused by the CSP.
    context.add_init_script(script=AXE.read_text(encoding="utf-8"))
    return context


def _serve(html: str) -> Any:
    def fulfill(route: Any, _request: Any = None) -> None:
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)

    return fulfill


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_lays_out_well(browser: Any, live_server: Any, language: str) -> None:
    """One test per language, so that two test processes (pytest-xdist) share the work. Each
    page is loaded once and measured at every width: the window is resized in place, which
    lays the page out again under the style sheet of the new width."""
    started = time.monotonic()
    store = fill_to_the_brim()
    shots = os.environ.get("GRENZELOOS_LAYOUT_SHOTS")
    only = os.environ.get("GRENZELOOS_LAYOUT_ONLY")  # while working on some pages: a regex
    failures: list[str] = []
    checked = 0
    pages, _not_pages = _pages(store, language)
    context = _context(browser, live_server, store, language, WIDTHS[0])
    page = context.new_page()
    for item in pages:
        if only and not re.search(only, item.id):
            continue
        url = live_server.url + item.url
        if item.html is not None:
            page.route(url, _serve(item.html))
        page.set_viewport_size({"width": WIDTHS[0], "height": 900})
        page.goto(url, wait_until="load")
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            findings = page.evaluate(MEASURE)
            if width in AXE_WIDTHS:
                # The whole page in the window: axe cannot tell the colours behind text
                # that the window's bottom edge cuts ("partially obscured").
                height = page.evaluate("document.documentElement.scrollHeight")
                page.set_viewport_size({"width": width, "height": min(height, 30_000)})
                findings += page.evaluate(AXE_RUN)
                page.set_viewport_size({"width": width, "height": 900})
            checked += 1
            if shots and width == 390 and item.id in SHOTS:
                Path(shots).mkdir(parents=True, exist_ok=True)
                page.screenshot(path=f"{shots}/{SHOTS[item.id]}-{language}.png", full_page=True)
            if item.id in KNOWN_DEFECTS:
                continue
            failures.extend(
                f"{item.id} [{language} {width}] {f['kind']}: {f['selector']} — {f['detail']}"
                for f in findings
            )
    context.close()
    seconds = time.monotonic() - started
    print(f"\nlayout check ({language}): {checked} page views in {seconds:.0f} s")
    report = os.environ.get("GRENZELOOS_LAYOUT_REPORT")
    if report:
        # One file per language: GRENZELOOS_LAYOUT_REPORT=var/layout gives var/layout.nl, ….
        Path(f"{report}.{language}").write_text("\n".join(failures) + "\n", encoding="utf-8")
    assert not failures, f"{len(failures)} layout findings:\n" + "\n".join(failures)
