"""Ten failed sign-ins lock an account from that address for a while; many failures across
accounts lock the address; repeated failures wait first. Locks are in the audit log, and the
pages say which lock holds."""

from __future__ import annotations

import base64
import json
import time

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from grenzeloos.accounts import services
from grenzeloos.audit.models import AuditEvent
from tests.accounts.factories import PASSWORD as FACTORY_PASSWORD

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def olga():
    return get_user_model().objects.create_user(username="olga", password=PASSWORD)


def _english() -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.cookies["django_language"] = "en"
    return client


def _sign_in(client: Client, username: str, password: str, address: str = "10.0.0.1"):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_ten_failed_sign_ins_lock_the_account_and_say_so(olga, settings):
    settings.AXES_FAILURE_LIMIT = 10
    client = _english()
    for attempt in range(1, 10):
        response = _sign_in(client, "olga", f"wrong-{attempt}")
        assert response.status_code == 200, attempt  # the sign-in form with its error
        page = response.content.decode()
        if attempt < 8:
            assert "attempt" not in page and "locked" not in page, attempt
    # The last two tries are announced: the eighth failure leaves 2, the ninth 1.
    assert "1 attempt left before this account is locked from this address." in page
    assert not AuditEvent.objects.filter(action="account.locked_out").exists()

    tenth = _sign_in(client, "olga", "wrong-10")
    assert tenth.status_code == 429
    page = tenth.content.decode()
    assert "Signing in is locked for a while" in page
    assert "After 10 failed attempts this account is locked from this address." in page
    assert "Try again in 15 minutes" in page
    assert "this account from other addresses, are not affected" in page
    assert 'role="alert"' in page and 'id="main"' in page
    assert tenth["Retry-After"] == str(15 * 60)

    # Even the right password is refused while the lock lasts, and nobody is signed in.
    right = _sign_in(client, "olga", PASSWORD)
    assert right.status_code == 429
    assert "_auth_user_id" not in right.wsgi_request.session

    events = list(AuditEvent.objects.filter(action="account.locked_out"))
    assert len(events) == 1, "one lock, one event (later attempts do not add more)"
    event = events[0]
    assert (event.target_type, event.target_id) == ("auth.user", str(olga.pk))
    assert event.data["username"] == "olga"
    assert event.data["ip_address"] == "10.0.0.1"
    assert event.data["via"] == "web"
    assert "account" in event.data["locked"]
    assert event.data["cool_off_minutes"] == 15


def test_the_last_attempts_and_the_lock_page_speak_dutch(olga):
    client = Client()
    for attempt in range(8):
        response = _sign_in(client, "olga", f"fout-{attempt}")
    assert "Nog 2 pogingen voordat dit account vanaf dit adres wordt geblokkeerd." in (
        response.content.decode()
    )
    for attempt in range(8, 10):
        response = _sign_in(client, "olga", f"fout-{attempt}")
    assert response.status_code == 429
    page = response.content.decode()
    assert 'lang="nl"' in page
    assert "Inloggen is even geblokkeerd" in page
    assert "is dit account vanaf dit adres geblokkeerd" in page
    assert "Probeer het over 15 minuten opnieuw" in page


def test_cool_off_comes_from_the_setting(olga, settings):
    from datetime import timedelta

    settings.AXES_COOLOFF_TIME = timedelta(minutes=40)
    settings.AXES_FAILURE_LIMIT = 3
    client = _english()
    for attempt in range(3):
        response = _sign_in(client, "olga", f"wrong-{attempt}")
    assert response.status_code == 429
    assert "After 3 failed attempts this account is locked" in response.content.decode()
    assert "Try again in 40 minutes" in response.content.decode()


def test_ten_failures_of_one_account_do_not_lock_a_colleague_on_the_same_address(olga, make_user):
    colleague = make_user("colleague")
    client = _english()
    for attempt in range(10):
        _sign_in(client, "olga", f"wrong-{attempt}", address="10.5.5.5")
    assert _sign_in(client, "olga", PASSWORD, address="10.5.5.5").status_code == 429
    # Behind the same NAT address, the colleague signs in with the right password.
    response = _sign_in(Client(), "colleague", FACTORY_PASSWORD, address="10.5.5.5")
    assert response.status_code == 302
    assert response.wsgi_request.session["_auth_user_id"] == str(colleague.pk)


def test_failures_from_elsewhere_do_not_lock_the_account_from_its_own_office(olga):
    client = _english()
    for attempt in range(10):
        _sign_in(client, "olga", f"guess-{attempt}", address="203.0.113.7")
    assert _sign_in(client, "olga", PASSWORD, address="203.0.113.7").status_code == 429
    # olga in her office is not locked out by the stranger's guesses.
    response = _sign_in(Client(), "olga", PASSWORD, address="10.0.0.1")
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="account.locked_out")
    assert event.data["locked"] == ["account"]
    assert event.data["ip_address"] == "203.0.113.7"


def test_the_address_limit_locks_the_address_and_says_so(olga, settings):
    settings.LOCKOUT_ADDRESS_LIMIT = 30
    client = _english()
    # Thirty failures over fifteen names, two each: no account reaches its own limit.
    for attempt in range(29):
        response = _sign_in(client, f"guess{attempt % 15}", "x", address="10.9.9.9")
        assert response.status_code == 200, attempt
    thirtieth = _sign_in(client, "guess14", "x", address="10.9.9.9")
    assert thirtieth.status_code == 429
    page = thirtieth.content.decode()
    assert "After 30 failed sign-ins from this address, for several accounts" in page
    assert "signing in from this address is locked" in page
    # olga herself, from that address, must wait too; from another address she gets in.
    refused = _sign_in(_english(), "olga", PASSWORD, address="10.9.9.9")
    assert refused.status_code == 429
    assert "from this address, for several accounts" in refused.content.decode()
    assert _sign_in(Client(), "olga", PASSWORD, address="10.1.1.1").status_code == 302
    event = AuditEvent.objects.get(action="account.locked_out")
    assert event.data["locked"] == ["address"]
    assert event.data["failure_limit"] == 30
    assert event.data["ip_address"] == "10.9.9.9"
    assert event.data["username"] == "guess14"
    assert event.target_id == ""  # no such account: the name is kept in the data only


def test_repeated_failures_wait_a_growing_delay_before_the_next_try(olga, settings):
    settings.LOGIN_DELAY_SECONDS = 1
    settings.LOGIN_DELAY_AFTER = 3
    client = _english()
    for attempt in range(2):
        assert _sign_in(client, "olga", f"wrong-{attempt}").status_code == 200
    third = _sign_in(client, "olga", "wrong-2")
    assert third.status_code == 200
    assert "Wait 1 second before the next try." in third.content.decode()
    # Straight away, even the right password waits; the wait is no lock and no failure.
    early = _sign_in(client, "olga", PASSWORD)
    assert early.status_code == 429
    assert early["Retry-After"] == "1"
    page = early.content.decode()
    assert "Wait a moment before signing in again" in page
    assert "Nothing is locked yet." in page
    assert AccessAttempt.objects.get(username="olga").failures_since_start == 3
    time.sleep(1.1)
    fourth = _sign_in(client, "olga", "wrong-3")
    assert "Wait 2 seconds before the next try." in fourth.content.decode()
    time.sleep(2.1)
    assert _sign_in(client, "olga", PASSWORD).status_code == 302


def test_unlocking_lets_the_person_in_again_and_is_audited(olga, make_user):
    client = Client()
    for attempt in range(10):
        _sign_in(client, "olga", f"wrong-{attempt}")
    assert _sign_in(client, "olga", PASSWORD).status_code == 429
    operator = services.cli_actor()
    removed = services.unlock(actor=operator, username="olga")
    assert removed >= 1
    assert _sign_in(client, "olga", PASSWORD).status_code == 302
    event = AuditEvent.objects.get(action="account.unlocked")
    assert event.target_id == str(olga.pk)
    assert event.actor == operator


def test_unlock_needs_a_name_or_an_address(olga):
    with pytest.raises(services.UserError):
        services.unlock(actor=services.cli_actor())
    with pytest.raises(services.UserError, match="no account named"):
        services.unlock(actor=services.cli_actor(), username="nobody")


def _basic(username: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


def test_api_basic_authentication_is_locked_the_same_way(olga, settings):
    settings.AXES_FAILURE_LIMIT = 10
    client = _english()
    url = reverse("api-canvas:collaborations")
    for attempt in range(9):
        response = client.get(
            url, HTTP_AUTHORIZATION=_basic("olga", f"wrong-{attempt}"), REMOTE_ADDR="10.0.0.2"
        )
        assert response.status_code == 401, attempt
        assert response["Content-Type"] == "application/problem+json"
    assert json.loads(response.content)["detail"] == (
        "Invalid username/password. 1 attempt left before this account is locked from this address."
    )
    tenth = client.get(url, HTTP_AUTHORIZATION=_basic("olga", "wrong"), REMOTE_ADDR="10.0.0.2")
    assert tenth.status_code == 429
    assert tenth["Content-Type"] == "application/problem+json"
    assert tenth["Retry-After"] == str(15 * 60)
    assert tenth["API-Version"]
    problem = json.loads(tenth.content)
    assert problem["status"] == 429
    assert problem["title"] == "Too many failed sign-ins"
    assert "After 10 failed attempts this account is locked from this address" in problem["detail"]
    assert problem["lock"] == "account"
    assert problem["cool_off_minutes"] == 15
    # The right password does not help while locked, on the API nor on the web, from there.
    right = client.get(url, HTTP_AUTHORIZATION=_basic("olga", PASSWORD), REMOTE_ADDR="10.0.0.2")
    assert right.status_code == 429
    assert _sign_in(Client(), "olga", PASSWORD, address="10.0.0.2").status_code == 429
    # From another address the account is not locked.
    assert _sign_in(Client(), "olga", PASSWORD, address="10.0.0.3").status_code == 302
    event = AuditEvent.objects.get(action="account.locked_out")
    assert event.data["via"] == "api"
    assert event.data["ip_address"] == "10.0.0.2"
    assert event.target_id == str(olga.pk)


def test_right_basic_credentials_still_work_below_the_limit(olga):
    client = Client()
    url = reverse("api-canvas:collaborations")
    for attempt in range(3):
        client.get(url, HTTP_AUTHORIZATION=_basic("olga", f"wrong-{attempt}"))
    assert client.get(url, HTTP_AUTHORIZATION=_basic("olga", PASSWORD)).status_code == 200
    assert AccessAttempt.objects.filter(username="olga").exists()


def test_cli_unlock(tmp_path, olga):
    for attempt in range(10):
        _sign_in(Client(), "olga", f"wrong-{attempt}")
    assert AccessAttempt.objects.filter(username="olga").exists()
    from grenzeloos.cli import main

    assert main(["user", "unlock", "olga"]) == 0
    assert not AccessAttempt.objects.filter(username="olga").exists()
    assert _sign_in(Client(), "olga", PASSWORD).status_code == 302


def test_cli_unlock_without_name_or_address_is_one_line_error(olga, capsys):
    from grenzeloos.cli import main

    assert main(["user", "unlock"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unlock" in err


@pytest.mark.parametrize(
    "username", ["ol\x00ga", "x" * 300, "olga\ud800"], ids=["nul", "long", "surrogate"]
)
def test_hostile_basic_credentials_get_401_not_500(olga, username):
    header = (
        "Basic "
        + base64.b64encode(f"{username}:{PASSWORD}".encode("utf-8", "surrogatepass")).decode()
    )
    response = Client().get(reverse("api-canvas:collaborations"), HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_a_verified_basic_credential_is_not_hashed_again_within_the_minute(olga, monkeypatch):
    from django.contrib.auth.hashers import MD5PasswordHasher

    checks = []
    original = MD5PasswordHasher.verify

    def counting(self, password, encoded):
        checks.append(password)
        return original(self, password, encoded)

    monkeypatch.setattr(MD5PasswordHasher, "verify", counting)
    client = Client()
    url = reverse("api-canvas:collaborations")
    for _ in range(5):
        assert client.get(url, HTTP_AUTHORIZATION=_basic("olga", PASSWORD)).status_code == 200
    assert len(checks) == 1
    # A wrong password is never remembered: each one is checked (and counted).
    for _ in range(2):
        assert client.get(url, HTTP_AUTHORIZATION=_basic("olga", "wrong")).status_code == 401
    assert len(checks) == 3
    # A changed password ends the remembered credential at once.
    olga.set_password("a-new-long-passphrase")
    olga.save()
    assert client.get(url, HTTP_AUTHORIZATION=_basic("olga", PASSWORD)).status_code == 401
    assert (
        client.get(url, HTTP_AUTHORIZATION=_basic("olga", "a-new-long-passphrase")).status_code
        == 200
    )


def test_a_remembered_basic_credential_stops_working_when_the_account_is_deactivated(olga):
    client = Client()
    url = reverse("api-canvas:collaborations")
    assert client.get(url, HTTP_AUTHORIZATION=_basic("olga", PASSWORD)).status_code == 200
    olga.is_active = False
    olga.save()
    assert client.get(url, HTTP_AUTHORIZATION=_basic("olga", PASSWORD)).status_code == 401
