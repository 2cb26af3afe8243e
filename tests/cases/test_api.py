"""The case-library API: list with search and filters, detail, teams' cases, the schema, and
similar cases for a collaboration through the one access API (strangers get 404)."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from grenzeloos.canvas import services as canvas_services
from grenzeloos.cases.models import Case, Visibility
from grenzeloos.collaborations import services as collaboration_services
from tests.canvas.factories import load_fixture
from tests.cases.conftest import AGREED, team_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(make_user):
    def as_user(username: str = "ann") -> APIClient:
        client = APIClient()
        client.force_authenticate(make_user(username))
        return client

    return as_user


def test_list_search_and_filters(api, library) -> None:
    client = api()
    response = client.get("/api/v1/cases", {"q": "samenwerkingen", "lang": "en"})
    assert response.status_code == 200
    assert response["API-Version"]
    assert "cumulus-park" in [row["slug"] for row in response.json()]
    response = client.get("/api/v1/cases", {"legal_form": "accession_agreement"})
    rows = response.json()
    assert [row["slug"] for row in rows] == ["dutch-blockchain-coalition"]
    assert rows[0]["pages"] is None  # the text shows no printed page numbers
    response = client.get("/api/v1/cases", {"sector": ["citizens"]})
    assert [row["slug"] for row in response.json()] == ["the-green-village"]
    response = client.get("/api/v1/cases", {"money": "nowhere"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert "money_location" in response.json()["detail"]


def test_detail_and_schema(api, library) -> None:
    client = api()
    body = client.get("/api/v1/cases/odyssey", {"lang": "nl"}).json()
    assert body["document"]["legal_form"] == "private_company"
    assert body["summary"].startswith("Odyssey biedt")
    assert client.get("/api/v1/cases/nope").status_code == 404
    schema = client.get("/api/v1/schemas/case").json()
    assert schema["properties"]["schema"] == {"const": "grenzeloos.case/1"}


def test_anonymous_callers_are_refused(library) -> None:
    response = APIClient().get("/api/v1/cases")
    assert response.status_code == 401  # the README: anonymous requests get 401
    assert response["WWW-Authenticate"]


def test_team_case_private_then_published(api, library) -> None:
    author, other = api("ann"), api("bob")
    response = author.post("/api/v1/cases", team_case(), format="json")
    assert response.status_code == 201
    assert response.json()["visibility"] == Visibility.PRIVATE
    assert other.get("/api/v1/cases/wijkenergie-noord").status_code == 404
    refused = other.post(
        "/api/v1/cases/wijkenergie-noord/visibility", {"published": True}, format="json"
    )
    assert refused.status_code == 404
    done = author.post(
        "/api/v1/cases/wijkenergie-noord/visibility", {"published": True}, format="json"
    )
    assert done.json()["visibility"] == Visibility.PUBLISHED
    assert other.get("/api/v1/cases/wijkenergie-noord").status_code == 200


def test_a_bad_case_names_the_field_and_writes_nothing(api, library) -> None:
    response = api().post("/api/v1/cases", team_case(theme="space"), format="json")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("body: field theme")
    assert not Case.objects.filter(slug="wijkenergie-noord").exists()


def test_similar_cases_for_members_only(api, library, make_user) -> None:
    owner = make_user("olga")
    collaboration = canvas_services.create_collaboration(
        actor=owner, document={**load_fixture("canvas-rich.json"), **AGREED}
    )
    viewer = api("vera")
    collaboration_services.share(
        actor=owner, collaboration=collaboration, username="vera", role="viewer"
    )
    url = f"/api/v1/collaborations/{collaboration.pk}/similar-cases"
    response = viewer.get(url, {"limit": 2, "lang": "en"})
    assert response.status_code == 200
    matches = response.json()
    assert len(matches) == 2
    assert matches[0]["slug"] == "the-green-village"
    assert "Same legal form: Foundation (stichting)" in [r["text"] for r in matches[0]["reasons"]]
    dutch = viewer.get(url, {"lang": "nl"}).json()
    assert "Zelfde rechtsvorm: Stichting" in [r["text"] for r in dutch[0]["reasons"]]
    assert api("sam").get(url).status_code == 404  # a stranger does not learn it exists
    assert viewer.get(url, {"limit": 0}).status_code == 400
    assert viewer.get("/api/v1/collaborations/999999/similar-cases").status_code == 404


def test_someone_elses_private_slug_is_not_revealed(api, library) -> None:
    """Issue 26 item 7: creating a case with the slug of another author's private case must
    not say that the slug is taken; each author keeps their own case under the slug."""
    ann, bob = api("ann"), api("bob")
    assert ann.post("/api/v1/cases", team_case(), format="json").status_code == 201
    response = bob.post("/api/v1/cases", team_case(name="Bobs wijkenergie"), format="json")
    assert response.status_code == 201
    assert response.json()["slug"] == "wijkenergie-noord"
    assert ann.get("/api/v1/cases/wijkenergie-noord").json()["name"] == "Wijkenergie Noord"
    assert bob.get("/api/v1/cases/wijkenergie-noord").json()["name"] == "Bobs wijkenergie"
    # A slug the author can see is refused as before: the library's, or their own.
    for taken in (team_case(slug="odyssey"), team_case()):
        refused = bob.post("/api/v1/cases", taken, format="json")
        assert refused.status_code == 400
        assert "is al in gebruik voor een andere casus" in refused.json()["detail"]
    # Publishing: Ann may publish hers (Bob's private case stays hidden from her); then
    # Bob's publishing refers to a case he can see, and he still reaches his own first.
    published = ann.post(
        "/api/v1/cases/wijkenergie-noord/visibility", {"published": True}, format="json"
    )
    assert published.status_code == 200
    assert bob.get("/api/v1/cases/wijkenergie-noord").json()["name"] == "Bobs wijkenergie"
    refused = bob.post(
        "/api/v1/cases/wijkenergie-noord/visibility", {"published": True}, format="json"
    )
    assert refused.status_code == 400
    assert "is al in gebruik voor een andere casus" in refused.json()["detail"]
    assert Case.objects.filter(slug="wijkenergie-noord").count() == 2
