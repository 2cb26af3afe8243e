"""Signing in and out on the web, and the language switch every page offers."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def person():
    return get_user_model().objects.create_user(username="olga", password=PASSWORD)


def test_login_page_is_dutch_by_default_with_labels():
    response = Client().get(reverse("accounts:login"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'lang="nl"' in body
    assert "Inloggen" in body
    assert '<label class="utrecht-form-label" for="id_username">Gebruikersnaam</label>' in body
    assert 'href="#main"' in body


def test_sign_in_and_out(person):
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": "olga", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("canvas:list")
    page = client.get(reverse("canvas:list")).content.decode()
    assert "olga" in page and "Uitloggen" in page
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("canvas:list")).status_code == 302


def test_wrong_password_is_refused_with_a_message(person):
    response = Client().post(reverse("accounts:login"), {"username": "olga", "password": "wrong"})
    assert response.status_code == 200
    assert "utrecht-alert--error" in response.content.decode()
    assert "_auth_user_id" not in response.wsgi_request.session


def test_logout_needs_post(person):
    client = Client()
    client.force_login(person)
    assert client.get(reverse("accounts:logout")).status_code == 405


def test_language_switch_renders_english():
    client = Client()
    response = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("accounts:login")}
    )
    assert response.status_code == 302
    body = client.get(reverse("accounts:login")).content.decode()
    assert 'lang="en"' in body
    assert "Sign in" in body and "Username" in body and "Inloggen" not in body
    client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    assert "Inloggen" in client.get(reverse("accounts:login")).content.decode()


def test_pages_are_dutch_whatever_the_browser_asks_until_english_is_chosen(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="nl"' in response.content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="nl")
    assert '<html lang="en"' in response.content.decode()


def test_the_api_follows_accept_language(client):
    response = client.get("/api/v1/collaborations/1", HTTP_ACCEPT_LANGUAGE="nl")
    assert response["Content-Language"] == "nl"
    response = client.get("/api/v1/collaborations/1", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "en"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/collaborations/collaboration/",
        "/admin/canvas/revision/",
        "/admin/legal/legalassessment/",
        "/admin/audit/auditevent/",
    ],
)
def test_staff_use_the_admin_and_others_do_not(client, django_user_model, path):
    client.force_login(django_user_model.objects.create_user("gewoon", password="x-pass-1234"))
    assert client.get(path).status_code == 302
    client.force_login(
        django_user_model.objects.create_user("beheer", password="x-pass-1234", is_staff=True)
    )
    assert client.get(path).status_code == 200


def test_signing_out_says_so(person):
    client = Client()
    client.force_login(person)
    response = client.post(reverse("accounts:logout"), follow=True)
    body = response.content.decode()
    assert "U bent uitgelogd." in body and 'role="status"' in body
    assert client.get(reverse("canvas:list")).status_code == 302
