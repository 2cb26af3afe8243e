"""Signing in safely in the browser: ten wrong passwords show the lock-out page, which says so
and passes axe-core; an API token is made, shown once, and revoked from its page."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import PASSWORD, axe_violations

from grenzeloos.accounts.models import ApiToken
from grenzeloos.audit.models import AuditEvent

pytestmark = pytest.mark.browser


def test_ten_wrong_passwords_lock_the_account(browser: Any, live_server: Any, people: Any):
    context = browser.new_context(locale="nl")
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        for attempt in range(10):
            page.goto(f"{live_server.url}/accounts/login/")
            page.get_by_label("Gebruikersnaam").fill("olga")
            page.get_by_label("Wachtwoord").fill(f"fout-{attempt}")
            page.get_by_role("button", name="Inloggen").click()
            page.wait_for_load_state()
            if attempt == 7:
                # The last two tries are announced with the error.
                assert "Nog 2 pogingen voordat dit account vanaf dit adres wordt geblokkeerd." in (
                    page.locator("[data-gz-error-summary]").inner_text()
                )
        assert page.get_by_role("heading", level=1).inner_text() == "Inloggen is even geblokkeerd"
        assert "Probeer het over 15 minuten opnieuw" in page.get_by_role("alert").inner_text()
        assert axe_violations(page) == []
        # The right password does not help while the lock lasts.
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Gebruikersnaam").fill("olga")
        page.get_by_label("Wachtwoord").fill(PASSWORD)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state()
        assert "Inloggen is even geblokkeerd" in page.content()
        event = AuditEvent.objects.get(action="account.locked_out")
        assert event.data["username"] == "olga"
        assert event.data["via"] == "web"
    finally:
        context.close()


def test_make_see_once_and_revoke_an_api_token(live_server: Any, people: Any, signed_in: Any):
    page = signed_in(people["olga"], "en")
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="API tokens").click()
    page.wait_for_url("**/accounts/tokens/")
    assert axe_violations(page) == []
    page.get_by_label("Name").fill("Nightly export")
    page.get_by_role("button", name="Make token").click()
    field = page.get_by_label("Token “Nightly export”")
    key = field.input_value()
    assert key.startswith("gzl_")
    assert "shown only this once" in page.content()
    assert axe_violations(page) == []
    assert ApiToken.objects.get(user=people["olga"]).prefix == key[:8]

    page.get_by_role("link", name="Back to your API tokens").click()
    table = page.get_by_role("table", name="Your tokens")
    assert "Nightly export" in table.inner_text()
    assert key not in page.content()
    page.get_by_role("button", name="Revoke Nightly export").click()
    assert "has been revoked" in page.get_by_role("status").first.inner_text()
    assert "You have no API tokens." in page.get_by_role("table", name="Your tokens").inner_text()
