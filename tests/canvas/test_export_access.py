"""The exports in the web app and the API: the export menu, every format, any revision,
the page's language, and who may download."""

from __future__ import annotations

import io

import docx
import pypdf
import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from grenzeloos.canvas import services
from grenzeloos.canvas.render import EXPORT_FORMATS
from tests.canvas.factories import load_fixture

pytestmark = pytest.mark.django_db


def web(user, language="nl"):
    client = Client()
    client.force_login(user)
    if language != "nl":  # pages stay Dutch until the language switch says otherwise
        client.post(reverse("set_language"), {"language": language, "next": "/"})
    return client


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def second_revision(people):
    document = dict(load_fixture("canvas-rich.json"))
    document["pitch"] = "Een nieuwe pitch voor revisie twee."
    return services.save_canvas(
        actor=people["owner"],
        collaboration=people["collaboration"],
        document=document,
        base_revision=1,
    )


def test_canvas_page_has_an_export_menu_with_every_format_and_a_print_style_sheet(people):
    collaboration = people["collaboration"]
    page = web(people["viewer"]).get(reverse("canvas:detail", args=[collaboration.pk]))
    body = page.content.decode()
    assert 'class="gz-export"' in body
    for fmt in EXPORT_FORMATS:
        assert reverse("canvas:revision_export", args=[collaboration.pk, 1, fmt]) in body
    assert "Poster (PDF, A3)" in body and "Tekst (Markdown)" in body
    assert 'media="print"' in body and "canvas-print.css" in body


def test_revision_page_exports_that_revision(people):
    second_revision(people)
    collaboration = people["collaboration"]
    client = web(people["viewer"])
    page = client.get(reverse("canvas:revision", args=[collaboration.pk, 1])).content.decode()
    assert reverse("canvas:revision_export", args=[collaboration.pk, 1, "docx"]) in page
    old = client.get(reverse("canvas:revision_export", args=[collaboration.pk, 1, "docx"]))
    assert old.status_code == 200
    text = " ".join(p.text for p in docx.Document(io.BytesIO(old.content)).paragraphs)
    assert "Een nieuwe pitch" not in text and "Groene daken" in text
    new = client.get(reverse("canvas:export", args=[collaboration.pk, "md"])).content.decode()
    assert "Een nieuwe pitch voor revisie twee." in new


def test_export_menu_picks_any_revision_format_and_guiding_questions(people):
    second_revision(people)
    collaboration = people["collaboration"]
    client = web(people["viewer"], "en")
    page = client.get(reverse("canvas:detail", args=[collaboration.pk])).content.decode()
    action = reverse("canvas:export_choice", args=[collaboration.pk])
    assert f'action="{action}"' in page
    assert 'name="revision"' in page and 'max="2"' in page and 'value="2"' in page
    assert 'name="questions"' in page and '<option value="docx">' in page
    old = client.get(action, {"revision": "1", "format": "docx", "questions": "1"})
    assert old.status_code == 200
    assert old["Content-Disposition"].endswith('-r1.docx"')
    text = " ".join(p.text for p in docx.Document(io.BytesIO(old.content)).paragraphs)
    assert "Groene daken" in text and "Een nieuwe pitch" not in text
    assert "Which picture of the future do all partners share?" in text
    plain = client.get(action, {"revision": "2", "format": "md"}).content.decode()
    assert "Een nieuwe pitch voor revisie twee." in plain
    assert "Which picture of the future" not in plain


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"revision": "3", "format": "md"}, "Revision: enter a whole number from 1 to 2."),
        ({"revision": "x", "format": "md"}, "Revision: enter a whole number from 1 to 2."),
        ({"revision": "1", "format": "tiff"}, "Choose one of the formats in the list."),
    ],
)
def test_export_menu_explains_a_choice_that_does_not_exist(people, params, message):
    second_revision(people)
    collaboration = people["collaboration"]
    client = web(people["viewer"], "en")
    response = client.get(reverse("canvas:export_choice", args=[collaboration.pk]), params)
    assert response.status_code == 302
    assert response["Location"] == reverse("canvas:detail", args=[collaboration.pk])
    page = client.get(response["Location"]).content.decode()
    assert message in page


def test_api_exports_with_guiding_questions(people):
    collaboration = people["collaboration"]
    url = f"/api/v1/collaborations/{collaboration.pk}/export"
    client = api(people["viewer"])
    params = {"format": "md", "language": "en"}
    with_questions = client.get(url, {**params, "questions": "1"}, HTTP_ACCEPT="*/*")
    without = client.get(url, params, HTTP_ACCEPT="*/*")
    question = "Which picture of the future do all partners share?"
    assert question in with_questions.content.decode()
    assert question not in without.content.decode()
    refused = client.get(url, {**params, "questions": "yes"})
    assert refused.status_code == 400 and "questions" in refused.json()["detail"]


def test_web_pdf_follows_the_page_language(people):
    collaboration = people["collaboration"]
    response = web(people["viewer"], "en").get(
        reverse("canvas:export", args=[collaboration.pk, "pdf"])
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith('-r1.pdf"')
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert "Founding partners" in reader.pages[0].extract_text()


def test_strangers_cannot_export(people):
    collaboration = people["collaboration"]
    response = web(people["stranger"]).get(reverse("canvas:export", args=[collaboration.pk, "odt"]))
    assert response.status_code == 404
    response = api(people["stranger"]).get(
        f"/api/v1/collaborations/{collaboration.pk}/export", {"format": "odt"}
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("fmt", "content_type", "magic"),
    [
        ("odt", "application/vnd.oasis.opendocument.text", b"PK"),
        ("svg", "image/svg+xml", b"<?xml"),
        ("json", "application/json", b"{"),
    ],
)
def test_api_exports_any_format(people, fmt, content_type, magic):
    collaboration = people["collaboration"]
    response = api(people["viewer"]).get(
        f"/api/v1/collaborations/{collaboration.pk}/export",
        {"format": fmt, "language": "en"},
        HTTP_ACCEPT="*/*",
    )
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response.content.startswith(magic)
    assert "attachment" in response["Content-Disposition"]


def test_api_exports_a_revision_in_english_docx(people):
    second_revision(people)
    collaboration = people["collaboration"]
    response = api(people["viewer"]).get(
        f"/api/v1/collaborations/{collaboration.pk}/export",
        {"format": "docx", "language": "en", "revision": 2},
        HTTP_ACCEPT="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "Dream" and "Pitch" in headings
    assert any("revisie twee" in p.text for p in document.paragraphs)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"format": "tiff"}, "format"),
        ({}, "format"),
        ({"format": "md", "language": "de"}, "language"),
        ({"format": "md", "revision": "x"}, "revision"),
    ],
)
def test_api_bad_parameters_are_problems(people, params, field):
    collaboration = people["collaboration"]
    response = api(people["viewer"]).get(
        f"/api/v1/collaborations/{collaboration.pk}/export", params
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert field in response.json()["detail"]


def test_api_unknown_revision_is_404(people):
    collaboration = people["collaboration"]
    response = api(people["viewer"]).get(
        f"/api/v1/collaborations/{collaboration.pk}/export", {"format": "md", "revision": 9}
    )
    assert response.status_code == 404


def test_a_poster_image_on_two_pages_downloads_as_a_zip_of_pages(people):
    """Web and API: a canvas that continues on page 2 gives a ZIP of one image per page, named
    so; a one-page poster stays a plain PNG."""
    import zipfile

    from tests.canvas.factories import large_canvas

    collaboration = people["collaboration"]
    one_page = api(people["viewer"]).get(
        f"/api/v1/collaborations/{collaboration.pk}/export", {"format": "png"}, HTTP_ACCEPT="*/*"
    )
    assert one_page["Content-Type"] == "image/png"
    assert one_page.content.startswith(b"\x89PNG")
    services.save_canvas(
        actor=people["owner"],
        collaboration=collaboration,
        document=large_canvas(),
        base_revision=1,
    )
    web_zip = web(people["viewer"]).get(reverse("canvas:export", args=[collaboration.pk, "svg"]))
    api_zip = api(people["viewer"]).get(
        f"/api/v1/collaborations/{collaboration.pk}/export", {"format": "svg"}, HTTP_ACCEPT="*/*"
    )
    assert web_zip["Content-Type"] == api_zip["Content-Type"] == "application/zip"
    assert web_zip["Content-Disposition"].endswith('-r2-svg-pages.zip"')
    assert api_zip["Content-Disposition"] == (
        f'attachment; filename="canvas-{collaboration.pk}-r2-svg-pages.zip"'
    )
    with zipfile.ZipFile(io.BytesIO(web_zip.content)) as archive:
        names = archive.namelist()
        assert len(names) >= 2 and names[:2] == ["page-1.svg", "page-2.svg"]
        assert all(b"<svg" in archive.read(name)[:300] for name in names)
