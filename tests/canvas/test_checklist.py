"""The optional agreements checklist and problem-owner flag: old files stay valid and keep their
normal form; the new values survive export/import, merge, diff and the web forms."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from grenzeloos.canvas import services
from grenzeloos.canvas.diff import diff_documents
from grenzeloos.canvas.document import (
    CanvasValidationError,
    dumps,
    empty_document,
    parse_json,
    validate,
)
from grenzeloos.canvas.merge import merge
from grenzeloos.canvas.questions import QUESTION_SETS, questions_for
from tests.canvas.factories import load_fixture

CHECKLIST = {
    "liability": "Each partner insures its own staff and equipment.",
    "money_location": "intermediary",
    "money_flows": "The partners pay a yearly fee to the programme office.",
    "ownership": "What we make together is published as open source.",
    "legal_form": "A covenant with house rules; no new legal entity.",
}


def test_old_files_keep_exactly_their_normal_form() -> None:
    for name in ("canvas-minimal.json", "canvas-rich.json"):
        data = load_fixture(name)
        document = validate(data)
        assert "agreements_checklist" not in document
        assert all("problem_owner" not in partner for partner in document["partners"])
        assert parse_json(dumps(document)) == document


def test_checklist_and_flag_round_trip_through_export() -> None:
    data = {
        **empty_document("Proeftuin"),
        "agreements_checklist": {**CHECKLIST, "legal_form": "  A covenant.  "},
        "partners": [
            {
                "name": "Gemeente Delft",
                "role": "founding",
                "sector": "government",
                "problem_owner": True,
            },
            {
                "name": "Bouwbedrijf",
                "role": "sponsoring",
                "sector": "business",
                "problem_owner": False,
            },
        ],
    }
    document = validate(data)
    assert document["agreements_checklist"]["legal_form"] == "A covenant."
    assert document["partners"][0]["problem_owner"] is True
    assert "problem_owner" not in document["partners"][1]
    exported = json.loads(dumps(document, revision=3))
    assert exported["agreements_checklist"]["money_location"] == "intermediary"
    assert parse_json(json.dumps(exported)) == document


def test_empty_checklist_answers_are_left_out() -> None:
    document = validate(
        {**empty_document("X"), "agreements_checklist": {"liability": " ", "money_location": ""}}
    )
    assert "agreements_checklist" not in document


@pytest.mark.parametrize(
    ("checklist", "path"),
    [
        ({"money_location": "at the ministry"}, "agreements_checklist.money_location"),
        ({"colour": "blue"}, "agreements_checklist.colour"),
        ({"liability": 3}, "agreements_checklist.liability"),
    ],
)
def test_bad_checklist_names_the_path(checklist: dict, path: str) -> None:
    with pytest.raises(CanvasValidationError) as error:
        validate({**empty_document("X"), "agreements_checklist": checklist})
    assert path in [problem.path for problem in error.value.problems]


def test_bad_problem_owner_names_the_partner() -> None:
    data = {
        **empty_document("X"),
        "partners": [
            {"name": "A", "role": "founding", "sector": "business", "problem_owner": "yes"}
        ],
    }
    with pytest.raises(CanvasValidationError) as error:
        validate(data)
    assert "partners[0].problem_owner" in str(error.value)


def test_checklist_merges_as_one_value() -> None:
    base = validate(empty_document("X"))
    ours = validate({**base, "dream": "Samen verder."})
    theirs = validate({**base, "agreements_checklist": CHECKLIST})
    result = merge(base, ours, theirs)
    assert result.clean
    assert result.document["dream"] == "Samen verder."
    assert result.document["agreements_checklist"] == validate(theirs)["agreements_checklist"]
    both = validate({**base, "agreements_checklist": {"liability": "None needed."}})
    clash = merge(base, both, theirs)
    assert clash.conflicting_fields == ("agreements_checklist",)


def test_diff_shows_checklist_changes_word_by_word() -> None:
    old = validate(empty_document("X"))
    new = validate({**old, "agreements_checklist": {"ownership": "Open source."}})
    (change,) = diff_documents(old, new)
    assert change.field == "agreements_checklist"
    assert "".join(op.text for op in change.words if op.op == "insert") == "ownership: Open source."


def test_every_box_has_a_full_question_set_in_both_languages() -> None:
    from django.utils import translation

    for field, questions in QUESTION_SETS.items():
        assert len(questions) >= 3, field
        english = questions_for(field)
        with translation.override("nl"):
            dutch = questions_for(field)
        assert all(a != b for a, b in zip(english, dutch, strict=True)), field


@pytest.mark.django_db
def test_agreements_form_saves_the_checklist_and_partner_form_the_flag() -> None:
    user = get_user_model().objects.create_user(username="olga", password="x-pass-1234")
    collaboration = services.create_collaboration(
        actor=user, document=load_fixture("canvas-rich.json")
    )
    client = Client()
    client.force_login(user)
    url = reverse("canvas:field", args=[collaboration.pk, "agreements"])
    page = client.get(url).content.decode()
    assert 'name="checklist-ownership"' in page
    assert 'name="checklist-money_location"' in page
    assert "gz-questions" in page
    response = client.post(
        url,
        {
            "value": "Een convenant.",
            "base_revision": services.head(collaboration).number,
            **{f"checklist-{key}": value for key, value in CHECKLIST.items()},
        },
    )
    assert response.status_code == 302
    head = services.head(collaboration)
    assert head.document["agreements"] == "Een convenant."
    assert head.document["agreements_checklist"] == CHECKLIST
    assert (
        CHECKLIST["ownership"]
        in client.get(reverse("canvas:detail", args=[collaboration.pk])).content.decode()
    )

    partner_page = client.get(reverse("canvas:partner_add", args=[collaboration.pk]))
    assert (
        "Wie is eigenaar van het probleem, en wie biedt oplossingen?"
        in partner_page.content.decode()
    )
    partner = head.document["partners"][0]
    response = client.post(
        reverse("canvas:partner_edit", args=[collaboration.pk, 0]),
        {
            "base_revision": head.number,
            "original": partner["name"],
            "name": partner["name"],
            "role": partner["role"],
            "sector": partner["sector"],
            "problem_owner": "on",
            "contribution_rows": "0",
        },
    )
    assert response.status_code == 302
    saved = services.head(collaboration).document["partners"][0]
    assert saved["problem_owner"] is True
    # The history shows what changed in the checklist, word by word, under its own label.
    diff_page = client.get(reverse("canvas:diff", args=[collaboration.pk, 1, 2])).content.decode()
    assert "Afsprakenlijst" in diff_page
    assert "open source" in diff_page
