"""The organisational form aid: the form the canvas's agreements checklist names comes first,
every form the cases chose lists those cases (which exist in the library and are linked), and
the page, the API and the CLI answer with the same forms."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from grenzeloos.canvas import services as canvas_services
from grenzeloos.cases.models import Case
from grenzeloos.cases.services import import_library
from grenzeloos.cli import main
from grenzeloos.governance.forms_aid import FORMS, forms_aid
from grenzeloos.publication import LegalForm


@pytest.fixture
def library(db):
    import_library(actor=None)


def _checklist(people, answer: str) -> None:
    canvas_services.update_fields(
        actor=people["owner"],
        collaboration=people["collaboration"],
        changes={"agreements_checklist": {"legal_form": answer}},
        base_revision=1,
    )


def _client(user) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(user)
    return client


def test_every_form_is_a_key_of_the_vocabulary_and_appears_once():
    keys = [str(form.key) for form in FORMS]
    assert len(keys) == len(set(keys))
    assert set(keys) <= {str(member) for member in LegalForm}
    assert {"foundation", "private_company", "project_in_partner"} <= set(keys)
    assert {"accession_agreement", "cooperation_agreements"} <= set(keys)


def test_the_checklist_s_form_comes_first_and_is_marked(people, library):
    _checklist(people, "Aansluitovereenkomst met huishoudelijk reglement")
    aid = forms_aid(actor=people["viewer"], collaboration_id=people["collaboration"].pk)
    assert aid.chosen == "accession_agreement"
    assert aid.forms[0].key == "accession_agreement"
    assert [row.chosen for row in aid.forms] == [True] + [False] * (len(FORMS) - 1)
    # the rest keep the vocabulary's order
    assert [row.key for row in aid.forms[1:]] == [
        str(form.key) for form in FORMS if form.key != "accession_agreement"
    ]


def test_without_a_named_form_nothing_is_chosen_and_the_order_is_the_vocabulary_s(people, library):
    aid = forms_aid(actor=people["viewer"], collaboration_id=people["collaboration"].pk)
    assert aid.answer == ""
    assert aid.chosen is None
    assert [row.key for row in aid.forms] == [str(form.key) for form in FORMS]


def test_every_form_lists_its_cases_and_they_exist_in_the_library(people, library):
    aid = forms_aid(actor=people["viewer"], collaboration_id=people["collaboration"].pk)
    for row in aid.forms:
        assert row.cases, row.key
        expected = set(Case.objects.filter(legal_form=row.key).values_list("slug", flat=True))
        assert {case.slug for case in row.cases} == expected
        for case in row.cases:
            assert case.url == reverse("cases:detail", args=[case.slug])
    foundation = next(row for row in aid.forms if row.key == "foundation")
    assert "de-verkeersonderneming" in {case.slug for case in foundation.cases}


def test_the_page_shows_the_chosen_form_first_with_its_linked_cases(people, library):
    _checklist(people, "Stichting Groene Daken")
    cid = people["collaboration"].pk
    page = _client(people["viewer"]).get(reverse("governance:forms", args=[cid]))
    assert page.status_code == 200
    html = page.content.decode()
    first = html.index('id="form-')
    assert html[first : first + len('id="form-foundation"')] == 'id="form-foundation"'
    assert "Stichting Groene Daken" in html
    assert "your checklist's choice" in html
    link = reverse("cases:detail", args=["de-verkeersonderneming"])
    assert f'href="{link}"' in html
    governance = _client(people["viewer"]).get(reverse("governance:governance", args=[cid]))
    assert reverse("governance:forms", args=[cid]) in governance.content.decode()


def test_the_page_speaks_dutch_with_u(people, library):
    client = _client(people["viewer"])
    client.cookies["django_language"] = "nl"
    html = client.get(
        reverse("governance:forms", args=[people["collaboration"].pk])
    ).content.decode()
    assert "Organisatievormen" in html
    assert "Waar het geld staat" in html
    assert "Uw afsprakenchecklist" in html


def test_the_api_answers_the_same_forms(people, library):
    _checklist(people, "Een bv")
    response = _client(people["viewer"]).get(
        reverse("api-governance:forms", args=[people["collaboration"].pk])
    )
    assert response.status_code == 200
    data = response.json()
    assert data["version"] == 1
    assert data["chosen"] == "private_company"
    assert data["forms"][0]["key"] == "private_company"
    assert [case["slug"] for case in data["forms"][0]["cases"]] == ["odyssey"]


def test_a_stranger_gets_nothing(people, library):
    response = _client(people["stranger"]).get(
        reverse("api-governance:forms", args=[people["collaboration"].pk])
    )
    assert response.status_code == 404


def test_the_cli_lists_the_forms_with_the_chosen_one_marked(people, library, capsys, monkeypatch):
    _checklist(people, "Project binnen de hogeschool")
    cid = str(people["collaboration"].pk)
    assert main(["governance", "forms", "--collaboration", cid]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("* project_in_partner\t")
    assert lines[0].endswith("werkplaats-digitaal-vakmanschap")
    assert main(["governance", "forms", "--collaboration", cid, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["chosen"] == "project_in_partner"
