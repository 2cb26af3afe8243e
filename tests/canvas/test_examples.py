"""A first visit that teaches: the empty list offers three ways to start, the example canvases
(after the publication's cases) can be read and copied in the web app, the API and the CLI, every
box shows a short example, and an import or copy leaves a message in the history.

Expected texts are read from the case files with PyYAML, not from the code under test."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from lxml import html as lxml_html
from rest_framework.test import APIClient

from grenzeloos.canvas import services
from grenzeloos.canvas.document import empty_document
from grenzeloos.canvas.models import Revision
from grenzeloos.cli import main
from grenzeloos.collaborations.access import role_in
from grenzeloos.collaborations.models import Collaboration, Role
from tests.canvas.factories import load_fixture

pytestmark = pytest.mark.django_db

CASE_DIR = Path(__file__).parents[2] / "src" / "grenzeloos" / "cases" / "data"
CASES = [
    yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(CASE_DIR.glob("*.yaml"))
]
CUMULUS = next(case for case in CASES if case["slug"] == "cumulus-park")
GRID_BOXES = (
    "dream",
    "societal_value",
    "proposition",
    "action_lines",
    "financing",
    "neutral_ground",
    "governance",
    "agreements",
    "partners",
    "pitch",
)


@pytest.fixture
def newcomer() -> Any:
    return get_user_model().objects.create_user(username="nieuw", password="x-pass-1234")


def web(user: Any | None, language: str = "en") -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    if user is not None:
        client.force_login(user)
    return client


def page(response: Any) -> Any:
    return lxml_html.fromstring(response.content.decode())


def text_of(element: Any) -> str:
    return re.sub(r"\s+", " ", element.text_content()).strip()


# --- The empty list ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "heading", "ways"),
    [
        (
            "en",
            "How do you want to start?",
            ["An empty canvas", "From an example", "Import a file"],
        ),
        (
            "nl",
            "Hoe wilt u beginnen?",
            ["Een leeg canvas", "Vanuit een voorbeeld", "Een bestand importeren"],
        ),
    ],
)
def test_a_new_account_is_offered_three_ways_to_start(newcomer, language, heading, ways):
    response = web(newcomer, language).get(reverse("canvas:list"))
    assert response.status_code == 200
    tree = page(response)
    (section,) = tree.xpath("//section[contains(@class, 'gz-empty-state')]")
    assert text_of(section.xpath(".//h2")[0]) == heading
    assert [text_of(h) for h in section.xpath(".//h3")] == ways
    targets = [link.get("href") for link in section.xpath(".//a")]
    assert targets == ["#subject", reverse("canvas:examples"), "#import-file"]
    # Each target exists on the page: the subject field, and the file field of the import form.
    assert tree.xpath("//input[@id='subject']") and tree.xpath("//input[@id='import-file']")
    assert str(len(CASES)) in text_of(section)


def test_someone_with_a_collaboration_sees_the_list_not_the_empty_state(newcomer):
    services.create_collaboration(actor=newcomer, document=empty_document("Mijn eerste canvas"))
    tree = page(web(newcomer).get(reverse("canvas:list")))
    assert not tree.xpath("//section[contains(@class, 'gz-empty-state')]")
    assert "Mijn eerste canvas" in text_of(tree.xpath("//table")[0])
    # Starting from an example stays one link away.
    assert tree.xpath(f"//a[@href='{reverse('canvas:examples')}']")


# --- Example canvases --------------------------------------------------------------------------


def test_the_examples_page_lists_every_case_example_with_its_summary(newcomer):
    for language in ("en", "nl"):
        tree = page(web(newcomer, language).get(reverse("canvas:examples")))
        items = tree.xpath("//ul[contains(@class, 'gz-examples')]/li")
        assert [text_of(item.xpath(".//h2")[0]) for item in items] == [c["name"] for c in CASES]
        for item, case in zip(items, CASES, strict=True):
            assert case["domain"][language] in text_of(item)
            (form,) = item.xpath(".//form")
            assert form.get("method") == "post"
            assert form.get("action") == reverse(
                "canvas:example_copy", args=[f"case-{case['slug']}"]
            )


def test_an_example_is_shown_read_only_with_its_boxes(newcomer):
    url = reverse("canvas:example", args=["case-cumulus-park"])
    response = web(newcomer).get(url)
    assert response.status_code == 200
    tree = page(response)
    expected = CUMULUS["example_canvas"]["document"]
    assert text_of(tree.xpath("//h1")[0]) == "Cumulus Park"
    dream = text_of(tree.xpath("//section[@id='field-dream']")[0])
    assert expected["dream"] in dream
    lines = [text_of(li) for li in tree.xpath("//ol[contains(@class, 'gz-action-lines')]/li")]
    assert lines == expected["action_lines"]
    partners = text_of(tree.xpath("//section[@id='field-partners']")[0])
    assert all(partner["name"] in partners for partner in expected["partners"])
    # Nothing to edit: no edit links, no forms but the copy button.
    assert not tree.xpath("//a[contains(@class, 'gz-edit')]")
    assert [form.get("action") for form in tree.xpath("//main//form")] == [
        reverse("canvas:example_copy", args=["case-cumulus-park"])
    ]


def test_an_unknown_example_is_a_404(newcomer):
    assert web(newcomer).get(reverse("canvas:example", args=["case-nowhere"])).status_code == 404
    response = web(newcomer).post(reverse("canvas:example_copy", args=["case-nowhere"]))
    assert response.status_code == 404
    assert not Collaboration.objects.exists()


def test_copying_an_example_makes_a_collaboration_of_ones_own(newcomer, make_user):
    other = make_user("ander")
    url = reverse("canvas:example_copy", args=["case-cumulus-park"])
    response = web(newcomer).post(url, follow=True)
    collaboration = Collaboration.objects.get()
    assert response.redirect_chain[-1][0] == reverse("canvas:detail", args=[collaboration.pk])
    assert role_in(newcomer, collaboration) == Role.OWNER
    assert role_in(other, collaboration) is None
    revision = Revision.objects.get(collaboration=collaboration)
    expected = CUMULUS["example_canvas"]["document"]
    for field in ("dream", "pitch", "action_lines"):
        assert revision.document[field] == expected[field]
    # The copy is one's own, no longer an illustration: the label goes, the rest stays.
    assert expected["subject"] == "Illustratie: Cumulus Park"
    assert revision.document["subject"] == "Cumulus Park"
    assert collaboration.subject == "Cumulus Park"
    assert [p["name"] for p in revision.document["partners"]] == [
        p["name"] for p in expected["partners"]
    ]
    assert "Cumulus Park" in revision.message
    # The copy is independent: changing it leaves the example as it was, and copying again
    # gives a second collaboration.
    services.update_fields(
        actor=newcomer,
        collaboration=collaboration,
        changes={"dream": "Eigen droom"},
        base_revision=1,
    )
    shown = page(web(other).get(reverse("canvas:example", args=["case-cumulus-park"])))
    assert expected["dream"] in text_of(shown.xpath("//section[@id='field-dream']")[0])
    web(other).post(url)
    assert Collaboration.objects.count() == 2


def test_copying_needs_a_post_and_a_signed_in_person(newcomer):
    """A visit (reload, Back, a bookmark) shows the example and copies nothing."""
    url = reverse("canvas:example_copy", args=["case-cumulus-park"])
    visit = web(newcomer).get(url)
    assert visit.status_code == 302
    assert visit["Location"] == reverse("canvas:example", args=["case-cumulus-park"])
    assert web(newcomer).get(reverse("canvas:example_copy", args=["nothing"])).status_code == 404
    assert web(None).post(url).status_code == 302
    assert not Collaboration.objects.exists()


def test_examples_through_the_api(newcomer):
    client = APIClient()
    client.force_authenticate(newcomer)
    listed = client.get(reverse("api-canvas:examples")).json()
    assert [item["title"] for item in listed] == [case["name"] for case in CASES]
    assert listed[0]["url"] == reverse("api-canvas:example", args=[listed[0]["key"]])
    detail = client.get(reverse("api-canvas:example", args=["case-cumulus-park"])).json()
    assert detail["document"]["dream"] == CUMULUS["example_canvas"]["document"]["dream"]
    assert client.get(reverse("api-canvas:example", args=["case-x"])).status_code == 404
    copied = client.post(reverse("api-canvas:example-copy", args=["case-cumulus-park"]))
    assert copied.status_code == 201
    collaboration = Collaboration.objects.get(pk=copied.json()["id"])
    assert copied["Location"] == reverse("api-canvas:collaboration", args=[collaboration.pk])
    assert role_in(newcomer, collaboration) == Role.OWNER
    assert APIClient().get(reverse("api-canvas:examples")).status_code == 401


def test_examples_through_the_cli(capsys, newcomer):
    assert main(["canvas", "examples", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [item["key"] for item in listed] == [f"case-{case['slug']}" for case in CASES]
    assert main(["canvas", "copy-example", "case-cumulus-park", "--owner", "nieuw"]) == 0
    ident = int(capsys.readouterr().out.strip())
    collaboration = Collaboration.objects.get(pk=ident)
    assert role_in(newcomer, collaboration) == Role.OWNER
    assert collaboration.subject == "Cumulus Park"  # no longer an illustration
    assert main(["canvas", "copy-example", "case-nowhere"]) == 1
    assert "case-nowhere" in capsys.readouterr().err
    assert Collaboration.objects.count() == 1


# --- An example in every box ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "summary", "case_word", "dream_example"),
    [
        ("en", "Example", "from the case", "Every day two thousand containers travel by water"),
        ("nl", "Voorbeeld", "uit de casus", "Elke dag gaan tweeduizend containers over het water"),
    ],
)
def test_every_box_shows_an_example_on_demand(people, language, summary, case_word, dream_example):
    collaboration = people["collaboration"]
    tree = page(
        web(people["viewer"], language).get(reverse("canvas:detail", args=[collaboration.pk]))
    )
    case_names = {case["name"] for case in CASES} | {"Nederlandse AI Coalitie"}
    for box in GRID_BOXES:
        (section,) = tree.xpath(f"//section[@id='field-{box}']")
        (details,) = section.xpath(".//details[contains(@class, 'gz-box__example')]")
        assert details.get("open") is None  # hidden until asked for
        assert text_of(details.xpath("summary")[0]).startswith(summary)
        (source,) = details.xpath(".//p[contains(@class, 'gz-box__example-source')]")
        assert case_word in text_of(source)
        assert any(name.split(" (")[0] in text_of(source) for name in case_names)
        # The guiding question stays.
        assert section.xpath(".//p[contains(@class, 'gz-box__question')]")
    dream = tree.xpath("//section[@id='field-dream']//details")[0]
    assert dream_example in text_of(dream)


# --- A message in the history ------------------------------------------------------------------


def _upload(document: dict[str, Any], name: str = "canvas.json") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, json.dumps(document).encode(), "application/json")


def test_an_import_carries_a_message_into_the_history(newcomer):
    client = web(newcomer)
    document = load_fixture("canvas-minimal.json")
    client.post(
        reverse("canvas:import"),
        {"file": _upload(document), "message": "uit de werksessie van dinsdag"},
    )
    client.post(reverse("canvas:import"), {"file": _upload(document, "sessie-2.json")})
    messages = list(Revision.objects.order_by("collaboration_id").values_list("message", flat=True))
    assert messages == ["uit de werksessie van dinsdag", "imported from sessie-2.json"]
    collaboration = Collaboration.objects.order_by("pk").first()
    history = web(newcomer).get(reverse("canvas:history", args=[collaboration.pk]))
    assert "uit de werksessie van dinsdag" in history.content.decode()


def test_a_refused_import_keeps_the_message_typed(newcomer):
    response = web(newcomer).post(
        reverse("canvas:import"),
        {"file": SimpleUploadedFile("c.json", b"{nope"), "message": "mijn notitie"},
    )
    assert response.status_code == 422
    (field,) = page(response).xpath("//input[@id='import-message']")
    assert field.get("value") == "mijn notitie"


def test_api_and_cli_imports_carry_a_message(capsys, tmp_path, newcomer):
    client = APIClient()
    client.force_authenticate(newcomer)
    url = reverse("api-canvas:collaborations") + "?message=van+de+API"
    created = client.post(url, load_fixture("canvas-minimal.json"), format="json").json()
    assert Revision.objects.get(collaboration_id=created["id"]).message == "van de API"
    path = tmp_path / "werksessie.json"
    path.write_text(json.dumps(load_fixture("canvas-minimal.json")), encoding="utf-8")
    assert main(["canvas", "import", str(path), "--message", "van de CLI"]) == 0
    ident = int(capsys.readouterr().out.strip())
    assert Revision.objects.get(collaboration_id=ident).message == "van de CLI"
    assert main(["canvas", "import", str(path)]) == 0
    ident = int(capsys.readouterr().out.strip())
    assert Revision.objects.get(collaboration_id=ident).message == "imported from werksessie.json"
