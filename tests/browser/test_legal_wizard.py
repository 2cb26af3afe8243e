"""End-to-end: a person walks the legal route check wizard in the browser, and the question,
summary and outcome pages pass an automated accessibility check (axe-core)."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import axe_violations

pytestmark = pytest.mark.browser


def test_walk_the_legal_wizard(live_server: Any, people: dict[str, Any], signed_in: Any) -> None:
    page = signed_in(people["olga"], "en")
    page.goto(live_server.url + "/legal/check/")
    page.get_by_role("link", name="Start the check").click()
    page.get_by_text("Question 1 of about").wait_for()
    assert axe_violations(page) == []
    page.get_by_label("On what date does the procedure start or is the aid granted?").fill(
        "2026-03-01"
    )
    page.get_by_role("button", name="Next").click()

    page.get_by_text("Question 2 of about").wait_for()
    assert axe_violations(page) == []  # a radio-button question
    page.get_by_label("funder (subsidy giver)").check()
    page.get_by_role("button", name="Next").click()
    # Say "I don't know" on the next question, then go back and answer it.
    heading = page.locator("h1").inner_text()
    page.get_by_label("I don't know").check()
    page.get_by_role("button", name="Next").click()
    page.get_by_role("link", name="Back").click()
    assert page.locator("h1").inner_text() == heading
    assert page.get_by_label("I don't know").is_checked()
    # The next question asks whether the funder's payment buys an enforceable performance.
    page.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Next").click()

    page.goto(live_server.url + "/legal/check/summary/")
    page.get_by_role("heading", name="Your answers").wait_for()
    assert "funder (subsidy giver)" in page.content()
    assert axe_violations(page) == []
    page.locator("a[href*='/q/government_role/?return=summary']").click()
    page.get_by_label("partner", exact=True).check()
    page.get_by_role("button", name="Save and back to the summary").click()
    page.get_by_role("heading", name="Your answers").wait_for()

    page.get_by_role("link", name="See the outcome").click()
    page.get_by_role("heading", name="How the check got there").wait_for()
    assert "State aid law" in page.locator("#conclusion-heading").inner_text()
    assert "decision support, not legal advice" in page.content()
    assert axe_violations(page) == []
