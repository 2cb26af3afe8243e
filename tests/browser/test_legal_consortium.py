"""In the browser, in Dutch and English: a consortium of four (a small and a large company, a
university and a municipal company) doing industrial research is entered through the wizard's
beneficiary screens; the outcome shows a route per beneficiary and the motivation the table;
every screen passes axe-core."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import axe_violations

from grenzeloos.legal.answers import parse_answers
from grenzeloos.legal.engine import assess
from grenzeloos.legal.report import route_label

pytestmark = pytest.mark.browser
EXAMPLE = Path(__file__).resolve().parents[2] / "docs/examples/legal-consortium-example.json"
CRITERIA = (
    "state_resources",
    "undertaking",
    "selective",
    "advantage",
    "distorts_competition",
    "affects_trade",
)
REASON = {
    "nl": "De provincie betaalt uit haar eigen begroting.",
    "en": "The province pays from its own budget.",
}


def _amount(value: int | None, language: str) -> str:
    if value is None:
        return ""
    return f"{value:,}".replace(",", "." if language == "nl" else ",")


def _fits(page: Any) -> bool:
    return bool(
        page.evaluate(
            "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )
    )


def _next(page: Any) -> None:
    with page.expect_navigation():
        page.locator("button[name=next]").click()


def _add(page: Any, item: dict[str, Any], language: str, **override: str) -> None:
    page.locator("a[href$='/beneficiaries/add/']").click()
    page.locator("#id_name").fill(item["name"])
    research = "yes" if item.get("research_organisation") else "no"
    page.locator(f"input[name=research_organisation][value={research}]").check()
    if item.get("may_publish") is not None:
        page.locator(
            f"input[name=may_publish][value={'yes' if item['may_publish'] else 'no'}]"
        ).check()
    if item.get("size"):
        page.locator(f"input[name=size][value={item['size']}]").check()
    for key in ("aid_eur", "eligible_costs_eur", "de_minimis_received_eur"):
        page.locator(f"#id_{key}").fill(override.get(key, _amount(item.get(key), language)))
    for category, pct in (item.get("category_mix") or {}).items():
        page.locator(f"#id_mix_{category}").fill(str(pct))
    with page.expect_navigation():
        page.locator("form.gz-form button[type=submit]").click()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_consortium_of_four_in_the_wizard(
    live_server: Any, people: dict[str, Any], signed_in: Any, language: str
) -> None:
    file = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    expected = assess(parse_answers(file), language=language)
    page = signed_in(people["olga"], language)
    page.goto(live_server.url + "/legal/check/q/on_date/")
    page.locator("#q-input").fill("2026-03-01")
    _next(page)
    page.locator("input[name=value][value=funder]").check()
    page.locator("#q-reason").fill(REASON[language])
    _next(page)
    page.locator("input[name=value][value=no]").check()
    _next(page)
    for _criterion in CRITERIA:
        page.locator("input[name=value][value=yes]").check()
        _next(page)

    assert page.url.endswith("/q/aid.beneficiaries/")
    assert axe_violations(page) == []
    items = file["aid"]["beneficiaries"]
    # A mistake first: more aid than costs is refused at the field, nothing is stored.
    _add(page, items[0], language, aid_eur=_amount(2_000_000, language))
    error = page.locator("#id_aid_eur-error")
    assert error.is_visible()
    assert page.locator("#id_aid_eur").get_attribute("aria-invalid") == "true"
    assert axe_violations(page) == []
    page.locator("#id_aid_eur").fill(_amount(items[0]["aid_eur"], language))
    with page.expect_navigation():
        page.locator("form.gz-form button[type=submit]").click()
    for item in items[1:]:
        _add(page, item, language)
    rows = page.locator("#beneficiaries tbody tr")
    assert rows.count() == 4
    for index, item in enumerate(items):
        assert item["name"] in rows.nth(index).inner_text()
    assert axe_violations(page) == []
    # On a phone the page does not scroll sideways (the table scrolls in its own box).
    page.set_viewport_size({"width": 320, "height": 900})
    assert _fits(page)
    page.goto(live_server.url + (rows.nth(1).locator("a").first.get_attribute("href") or ""))
    assert page.locator("#id_name").input_value() == items[1]["name"]
    assert _fits(page)
    page.go_back()
    page.set_viewport_size({"width": 1400, "height": 1000})
    _next(page)

    assert page.url.endswith("/q/aid.indirect_aid_safeguard/")
    page.locator("input[name=value][value=ipr_allocation]").check()
    _next(page)
    assert page.url.endswith("/q/aid.gber_category/")
    page.locator("input[name=value][value=rd_industrial]").check()
    _next(page)

    page.goto(live_server.url + "/legal/check/outcome/")
    table = page.locator("#partner-table")
    table.wait_for()
    assert axe_violations(page) == []
    assert len(expected.partners) == 4
    for index, partner in enumerate(expected.partners):
        row = table.locator("tbody tr").nth(index).inner_text()
        assert partner.name in row
        assert route_label(partner.route, language) in row
    motivation = page.request.get(live_server.url + "/legal/check/motivation.md").text()
    lines = [line for line in motivation.splitlines() if line.startswith("|")]
    for partner in expected.partners:
        assert any(
            partner.name in line and route_label(partner.route, language) in line for line in lines
        )
    assert REASON[language] in motivation
