"""Ten failed sign-ins lock an account (or address) for a while; the lock is in the audit log."""

from __future__ import annotations

import base64
import json

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from grenzeloos.accounts import services
from grenzeloos.audit.models import AuditEvent

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
        assert "locked" not in response.content.decode()
    assert not AuditEvent.objects.filter(action="account.locked_out").exists()

    tenth = _sign_in(client, "olga", "wrong-10")
    assert tenth.status_code == 429
    page = tenth.content.decode()
    assert "Signing in is locked for a while" in page
    assert "After 10 failed attempts" in page
    assert "Try again in 15 minutes" in page
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


def test_the_lock_page_speaks_dutch(olga):
    client = Client()
    for attempt in range(10):
        response = _sign_in(client, "olga", f"fout-{attempt}")
    assert response.status_code == 429
    page = response.content.decode()
    assert 'lang="nl"' in page
    assert "Inloggen is even geblokkeerd" in page
    assert "Probeer het over 15 minuten opnieuw" in page


def test_cool_off_comes_from_the_setting(olga, settings):
    from datetime import timedelta

    settings.AXES_COOLOFF_TIME = timedelta(minutes=40)
    settings.AXES_FAILURE_LIMIT = 3
    client = _english()
    for attempt in range(3):
        response = _sign_in(client, "olga", f"wrong-{attempt}")
    assert response.status_code == 429
    assert "After 3 failed attempts" in response.content.decode()
    assert "Try again in 40 minutes" in response.content.decode()


def test_an_address_is_locked_after_ten_failures_whatever_the_names(olga):
    client = _english()
    for attempt in range(9):
        assert _sign_in(client, f"guess{attempt}", "x", address="10.9.9.9").status_code == 200
    assert _sign_in(client, "guess9", "x", address="10.9.9.9").status_code == 429
    # olga herself, from that address, must wait too; from another address she gets in.
    assert _sign_in(client, "olga", PASSWORD, address="10.9.9.9").status_code == 429
    assert _sign_in(Client(), "olga", PASSWORD, address="10.1.1.1").status_code == 302
    event = AuditEvent.objects.get(action="account.locked_out")
    assert event.data["locked"] == ["address"]
    assert event.data["ip_address"] == "10.9.9.9"
    assert event.data["username"] == "guess9"
    assert event.target_id == ""  # no such account: the name is kept in the data only


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
    tenth = client.get(url, HTTP_AUTHORIZATION=_basic("olga", "wrong"), REMOTE_ADDR="10.0.0.2")
    assert tenth.status_code == 429
    assert tenth["Content-Type"] == "application/problem+json"
    assert tenth["Retry-After"] == str(15 * 60)
    assert tenth["API-Version"]
    problem = json.loads(tenth.content)
    assert problem["status"] == 429
    assert problem["title"] == "Too many failed sign-ins"
    assert "locked after 10 failed sign-ins" in problem["detail"]
    assert problem["cool_off_minutes"] == 15
    # The right password does not help while locked, on the API nor on the web.
    right = client.get(url, HTTP_AUTHORIZATION=_basic("olga", PASSWORD), REMOTE_ADDR="10.0.0.2")
    assert right.status_code == 429
    assert _sign_in(Client(), "olga", PASSWORD, address="10.0.0.3").status_code == 429
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
