"""The library pages: list with search and filters, comparison, detail with the example canvas,
adding and publishing a team's case, and the similar-cases panel on the canvas page."""

from __future__ import annotations

import json

import pytest
import yaml
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from lxml import html

from grenzeloos.canvas import services as canvas_services
from grenzeloos.cases.models import Case, Visibility
from tests.canvas.factories import load_fixture
from tests.cases.conftest import AGREED, team_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_for(client, make_user):
    def sign_in(username: str = "ann", language: str = "en"):
        user = make_user(username)
        client.force_login(user)
        client.cookies["django_language"] = language
        return user

    return sign_in


def _page(response):
    return html.fromstring(response.content.decode())


def test_pages_need_a_sign_in(client, library) -> None:
    response = client.get(reverse("cases:list"))
    assert response.status_code == 302
    assert "/accounts/login" in response["Location"]


def test_list_search_finds_an_inflected_form(client, client_for, library) -> None:
    client_for()
    response = client.get(reverse("cases:list"), {"q": "stichtingen"})
    assert response.status_code == 200
    names = _page(response).xpath("//table//th[@scope='row']/a/text()")
    assert "The Green Village" in names
    assert "Dutch Blockchain Coalition (DBC)" not in names


def test_list_filters(client, client_for, library) -> None:
    client_for()
    response = client.get(reverse("cases:list"), {"legal_form": "private_company"})
    assert _page(response).xpath("//table//th[@scope='row']/a/text()") == ["Odyssey"]
    response = client.get(reverse("cases:list"), {"theme": "space"})
    assert response.status_code == 400
    assert "theme" in _page(response).xpath("string(//*[@role='alert'])")


def test_list_in_dutch(client, client_for, library) -> None:
    client_for(language="nl")
    page = _page(client.get(reverse("cases:list")))
    assert page.xpath("string(//h1)") == "Casusbibliotheek"
    assert len(page.xpath("//table//tbody/tr")) == 12


def test_compare_side_by_side(client, client_for, library) -> None:
    client_for()
    response = client.get(reverse("cases:compare"), {"case": ["odyssey", "the-green-village"]})
    page = _page(response)
    assert page.xpath("//table//thead//th/a/text()") == ["Odyssey", "The Green Village"]
    legal_row = page.xpath("//tr[th[normalize-space()='Legal form']]/td/text()")
    assert legal_row == ["Private company (bv)", "Foundation (stichting)"]
    response = client.get(reverse("cases:compare"), {"case": ["odyssey"]})
    assert response.status_code == 302


def test_detail_shows_the_example_canvas_as_illustration(client, client_for, library) -> None:
    client_for()
    page = _page(client.get(reverse("cases:detail", args=["de-verkeersonderneming"])))
    assert page.xpath("string(//h1)") == "De Verkeersonderneming"
    assert "lines 2663–2830 of the text" in page.xpath("string(//main)")
    example = page.xpath("//section[@aria-labelledby='example-heading']")[0]
    assert "illustration" in example.xpath("string(.//h2)")
    assert example.xpath(".//h3/text()")[0] == "Dream"
    assert not page.xpath("//main//form[contains(@action, 'publish')]")
    download = client.get(reverse("cases:example", args=["de-verkeersonderneming"]))
    assert json.loads(download.content)["subject"] == "Illustratie: De Verkeersonderneming"


def test_unknown_and_private_cases_are_404(client, client_for, library, make_user) -> None:
    author = make_user("owner")
    from grenzeloos.cases import services

    services.create_case(actor=author, document=team_case())
    client_for("other")
    assert client.get(reverse("cases:detail", args=["wijkenergie-noord"])).status_code == 404
    assert client.get(reverse("cases:detail", args=["nope"])).status_code == 404
    response = client.post(reverse("cases:publish", args=["wijkenergie-noord"]), {"published": "1"})
    assert response.status_code == 404
    assert Case.objects.get(slug="wijkenergie-noord").visibility == Visibility.PRIVATE


def test_add_and_publish_a_team_case(client, client_for, library) -> None:
    client_for()
    upload = SimpleUploadedFile(
        "wijk.yaml", yaml.safe_dump(team_case(), allow_unicode=True).encode()
    )
    response = client.post(reverse("cases:new"), {"file": upload})
    assert response.status_code == 302
    case = Case.objects.get(slug="wijkenergie-noord")
    assert case.visibility == Visibility.PRIVATE
    client.post(reverse("cases:publish", args=[case.slug]), {"published": "1"})
    case.refresh_from_db()
    assert case.visibility == Visibility.PUBLISHED


TAKEN = escape("'wijkenergie-noord' is already used by another case")


def test_a_private_slug_of_someone_else_is_free_and_publishing_a_shared_one_is_refused(
    client, client_for, library
) -> None:
    client_for("ann")
    upload = SimpleUploadedFile("wijk.yaml", yaml.safe_dump(team_case()).encode())
    assert client.post(reverse("cases:new"), {"file": upload}).status_code == 302
    client.post(reverse("cases:publish", args=["wijkenergie-noord"]), {"published": "1"})
    bob = client_for("bob")
    mine = team_case(name="Bobs wijkenergie")
    upload = SimpleUploadedFile("wijk.yaml", yaml.safe_dump(mine).encode())
    response = client.post(reverse("cases:new"), {"file": upload})
    # Ann's case is published, so Bob sees it: the slug is taken, and the page says so.
    assert response.status_code == 422
    assert TAKEN in response.content.decode()
    Case.objects.filter(slug="wijkenergie-noord").update(visibility=Visibility.PRIVATE)
    upload = SimpleUploadedFile("wijk.yaml", yaml.safe_dump(mine).encode())
    response = client.post(reverse("cases:new"), {"file": upload})
    assert response.status_code == 302
    assert Case.objects.get(slug="wijkenergie-noord", author=bob).name == "Bobs wijkenergie"
    # Ann publishes again (she cannot see Bob's case); Bob's publishing is then refused
    # with a message, and he still reaches his own case by the slug.
    Case.objects.filter(slug="wijkenergie-noord").exclude(author=bob).update(
        visibility=Visibility.PUBLISHED
    )
    response = client.post(
        reverse("cases:publish", args=["wijkenergie-noord"]), {"published": "1"}, follow=True
    )
    assert response.status_code == 200
    assert TAKEN in response.content.decode()
    assert "Bobs wijkenergie" in response.content.decode()


def test_a_bad_upload_names_the_file_and_field(client, client_for, library) -> None:
    client_for()
    upload = SimpleUploadedFile("wijk.yaml", yaml.safe_dump(team_case(theme="x")).encode())
    response = client.post(reverse("cases:new"), {"file": upload})
    assert response.status_code == 422
    message = _page(response).xpath("string(//*[@role='alert'])")
    assert "wijk.yaml: field theme" in message
    assert not Case.objects.filter(slug="wijkenergie-noord").exists()


def test_canvas_page_shows_similar_cases(client, client_for, library) -> None:
    user = client_for()
    collaboration = canvas_services.create_collaboration(
        actor=user, document={**load_fixture("canvas-rich.json"), **AGREED}
    )
    page = _page(client.get(reverse("canvas:detail", args=[collaboration.pk])))
    panel = page.xpath("//section[@aria-labelledby='similar-cases-heading']")[0]
    first = panel.xpath(".//ol/li")[0]
    assert first.xpath("string(./a)") == "The Green Village"
    assert "Same legal form: Foundation (stichting)" in first.xpath("string(.//ul)")


def test_similar_cases_page_for_members_only(client, client_for, library, make_user) -> None:
    from grenzeloos.collaborations import services as collaboration_services

    owner = make_user("olga")
    collaboration = canvas_services.create_collaboration(
        actor=owner, document=load_fixture("canvas-rich.json")
    )
    url = reverse("cases:similar", args=[collaboration.pk])
    client_for("sam")
    assert client.get(url).status_code == 404  # a stranger
    collaboration_services.share(
        actor=owner, collaboration=collaboration, username="sam", role="viewer"
    )
    page = _page(client.get(url))
    assert page.xpath("string(//main//ol/li[1]/a)") == "The Green Village"
    assert len(page.xpath("//main//ol/li")) == 12


def test_similar_cases_panel_follows_the_cases_each_visitor_may_see(
    client, client_for, library, make_user
) -> None:
    """The panel is cached, but a case added since shows at once, and only to who may see it."""
    from grenzeloos.cases import services as case_services
    from grenzeloos.collaborations import services as collaboration_services

    user = client_for()
    collaboration = canvas_services.create_collaboration(
        actor=user, document=load_fixture("canvas-rich.json")
    )
    collaboration_services.share(
        actor=user, collaboration=collaboration, username=make_user("vera").username, role="viewer"
    )
    url = reverse("canvas:detail", args=[collaboration.pk])

    def names() -> list[str]:
        panel = _page(client.get(url)).xpath("//section[@aria-labelledby='similar-cases-heading']")
        return [item.xpath("string(./a)") for item in panel[0].xpath(".//ol/li")]

    before = names()
    assert before == names()  # the same answer from the cache
    assert "Wijkenergie Noord" not in before
    case_services.create_case(actor=user, document=team_case())
    assert "Wijkenergie Noord" in names()
    client.force_login(get_user_model().objects.get(username="vera"))
    assert "Wijkenergie Noord" not in names()
