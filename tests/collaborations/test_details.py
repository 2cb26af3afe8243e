"""Changing a collaboration's short description and status: web page, API PATCH and CLI."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from grenzeloos.audit.models import AuditEvent
from grenzeloos.cli import main
from grenzeloos.collaborations.models import Collaboration, Status

pytestmark = pytest.mark.django_db


def _web(user, language: str = "en") -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language  # pages are Dutch unless chosen
    client.force_login(user)
    return client


def _reload(collaboration: Collaboration) -> Collaboration:
    return Collaboration.objects.get(pk=collaboration.pk)


def test_editor_changes_description_and_status_on_the_page_and_the_list_shows_them(people):
    collaboration = people["collaboration"]
    web = _web(people["editor"])
    url = reverse("collaborations:details", args=[collaboration.pk])
    page = web.get(url)
    assert page.status_code == 200
    assert b'name="description"' in page.content and b'name="status"' in page.content

    response = web.post(
        url, {"description": "  Samen de wijk energieneutraal  ", "status": "active"}
    )
    assert response.status_code == 302
    saved = _reload(collaboration)
    assert (saved.description, saved.status) == ("Samen de wijk energieneutraal", Status.ACTIVE)
    event = AuditEvent.objects.filter(action="collaboration.updated").get()
    assert event.data == {"description": "Samen de wijk energieneutraal", "status": "active"}

    listing = web.get(reverse("canvas:list")).content.decode()
    assert "Samen de wijk energieneutraal" in listing
    assert "Active" in listing
    # The canvas page links to the details page.
    assert url in web.get(reverse("canvas:detail", args=[collaboration.pk])).content.decode()


def test_the_page_in_dutch(people):
    collaboration = people["collaboration"]
    page = _web(people["owner"], "nl").get(
        reverse("collaborations:details", args=[collaboration.pk])
    )
    text = page.content.decode()
    assert "Omschrijving en status" in text
    assert "Korte omschrijving" in text
    assert "Actief" in text and "Afgesloten" in text


def test_viewers_read_but_cannot_change(people):
    collaboration = people["collaboration"]
    web = _web(people["viewer"])
    url = reverse("collaborations:details", args=[collaboration.pk])
    page = web.get(url)
    assert page.status_code == 200
    assert b'name="description"' not in page.content
    assert web.post(url, {"description": "x", "status": "closed"}).status_code == 403
    assert _reload(collaboration).status == Status.FORMING


def test_a_bad_form_names_the_field_and_writes_nothing(people):
    collaboration = people["collaboration"]
    web = _web(people["owner"])
    url = reverse("collaborations:details", args=[collaboration.pk])
    response = web.post(url, {"description": "x" * 501, "status": "active"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Short description" in text and "500" in text
    response = web.post(url, {"description": "ok", "status": "finished"})
    assert response.status_code == 400
    assert "Status" in response.content.decode()
    saved = _reload(collaboration)
    assert (saved.description, saved.status) == ("", Status.FORMING)
    assert not AuditEvent.objects.filter(action="collaboration.updated").exists()


def test_api_patch_changes_only_what_is_given(people):
    collaboration = people["collaboration"]
    api = APIClient()
    api.force_authenticate(people["editor"])
    url = reverse("api-canvas:collaboration", args=[collaboration.pk])
    response = api.patch(url, {"description": "Wijkenergie"}, format="json")
    assert response.status_code == 200
    assert response.json()["description"] == "Wijkenergie"
    assert response.json()["status"] == "forming"
    assert response.json()["role"] == "editor"
    response = api.patch(url, {"status": "closed"}, format="json")
    assert response.status_code == 200
    assert (response.json()["description"], response.json()["status"]) == (
        "Wijkenergie",
        "closed",
    )
    assert api.get(url).json()["status"] == "closed"


def test_api_patch_refuses_bad_values_and_other_fields(people):
    collaboration = people["collaboration"]
    api = APIClient()
    api.force_authenticate(people["owner"])
    url = reverse("api-canvas:collaboration", args=[collaboration.pk])
    for body, field in (
        ({"status": "finished"}, "status"),
        ({"description": "x" * 501}, "description"),
        ({"subject": "Nieuw", "status": "active"}, "subject"),
    ):
        response = api.patch(url, body, format="json")
        assert response.status_code == 400, body
        assert field in response.content.decode()
    saved = _reload(collaboration)
    assert (saved.subject, saved.status) != ("Nieuw", Status.ACTIVE)
    assert saved.status == Status.FORMING


def test_api_patch_is_refused_to_viewers_and_hidden_from_strangers(people):
    url = reverse("api-canvas:collaboration", args=[people["collaboration"].pk])
    api = APIClient()
    api.force_authenticate(people["viewer"])
    assert api.patch(url, {"status": "closed"}, format="json").status_code == 403
    api.force_authenticate(people["stranger"])
    assert api.patch(url, {"status": "closed"}, format="json").status_code == 404
    assert _reload(people["collaboration"]).status == Status.FORMING


def test_cli_edit(people, capsys):
    pk = people["collaboration"].pk
    assert main(["collaboration", "edit", str(pk), "--status", "active"]) == 0
    assert main(["collaboration", "edit", str(pk), "--description", "Proeftuin", "--json"]) == 0
    out = capsys.readouterr().out
    assert '"description": "Proeftuin"' in out and '"status": "active"' in out
    saved = _reload(people["collaboration"])
    assert (saved.description, saved.status) == ("Proeftuin", Status.ACTIVE)


@pytest.mark.parametrize(
    ("arguments", "says"),
    [
        (["--status", "done"], "invalid choice"),
        (["--description", "x" * 501], "at most 500"),
        ([], "--description and/or --status"),
        (["--status", "active", "--id-is-wrong"], "unrecognized"),
    ],
)
def test_cli_errors_are_one_line_and_write_nothing(people, capsys, arguments, says):
    pk = people["collaboration"].pk
    try:
        code = main(["collaboration", "edit", str(pk), *arguments])
    except SystemExit as exit_:  # argparse refuses the arguments themselves
        code = exit_.code
    assert code == 1
    err = capsys.readouterr().err
    assert says in err and err.count("\n") == 1
    assert _reload(people["collaboration"]).status == Status.FORMING


def test_cli_unknown_collaboration(people, capsys):
    assert main(["collaboration", "edit", "99999", "--status", "active"]) == 1
    assert "99999 not found" in capsys.readouterr().err
