"""A sign-in with a name no account can have gets the usual "wrong name or password" answer.

Before, a name over 255 characters reached the lock-out's failure log, whose column PostgreSQL
enforces: the sign-in page ended in a server error (500).
"""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"
WRONG = {
    "nl": "Voer een juiste gebruikersnaam en wachtwoord in.",
    "en": "Please enter a correct username and password.",
}


def _client(language: str) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _sign_in(client: Client, username: str, password: str = PASSWORD[::-1]):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR="10.0.0.7",
    )


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("length", [151, 256, 5_000])
def test_an_overlong_name_is_a_wrong_name_or_password(language, length):
    response = _sign_in(_client(language), "a" * length)
    assert response.status_code == 200
    assert WRONG[language] in response.content.decode()
    assert "_auth_user_id" not in response.wsgi_request.session
    assert not AccessAttempt.objects.exists()


def test_overlong_names_do_not_lock_the_address_and_real_names_are_still_counted(settings):
    settings.AXES_FAILURE_LIMIT = 3
    get_user_model().objects.create_user(username="olga", password=PASSWORD)
    client = _client("en")
    for attempt in range(10):
        assert _sign_in(client, f"{attempt}" * 300).status_code == 200
    assert _sign_in(client, "olga", PASSWORD).status_code == 302
    client.logout()
    assert _sign_in(client, "n" * 150).status_code == 200
    assert AccessAttempt.objects.get().failures_since_start == 1
