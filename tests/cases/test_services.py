"""Use cases of the library: idempotent loading, teams' own cases and who sees them, search,
filters, comparison and similar cases for a collaboration's canvas."""

from __future__ import annotations

import pytest

from grenzeloos.audit.models import AuditEvent
from grenzeloos.canvas import services as canvas_services
from grenzeloos.cases import services
from grenzeloos.cases.library import CaseFileError
from grenzeloos.cases.models import Case, Visibility
from grenzeloos.core.errors import NotFound, PermissionDenied, UserError
from tests.canvas.factories import load_fixture
from tests.cases.conftest import team_case

pytestmark = pytest.mark.django_db


def _slugs(cases):
    return [case.slug for case in cases]


def test_loading_the_library_twice_changes_nothing(library) -> None:
    assert Case.objects.filter(visibility=Visibility.LIBRARY).count() == 12
    events = AuditEvent.objects.count()
    again = services.import_library(actor=None)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 12)
    assert AuditEvent.objects.count() == events
    assert Case.objects.count() == 12


def test_a_corrected_library_file_updates_the_stored_case(library) -> None:
    case = Case.objects.get(slug="odyssey")
    case.document = {**case.document, "name": "Oud"}
    case.save()
    result = services.import_library(actor=None)
    assert result.updated == 1
    case.refresh_from_db()
    assert case.name == "Odyssey"


def test_search_finds_an_inflected_dutch_form(library, make_user) -> None:
    user = make_user("ann")
    found = _slugs(services.find_cases(user=user, filters=services.Filters(query="stichtingen")))
    # "stichting" occurs in these stories (typed in from the publication, not from the data).
    for slug in ("the-green-village", "new-trust-foundation", "de-verkeersonderneming"):
        assert slug in found
    found = _slugs(services.find_cases(user=user, filters=services.Filters(query="samenwerkingen")))
    assert "cumulus-park" in found  # its texts say "samenwerking"
    assert services.find_cases(user=user, filters=services.Filters(query="ruimtevaart")) == []


def test_the_questions_of_the_issue(library, make_user) -> None:
    user = make_user("ann")
    # Who put the money in a separate foundation or company?
    separate = services.Filters(money_location="separate_entity")
    assert set(_slugs(services.find_cases(user=user, filters=separate))) == {
        "cumulus-park",
        "the-hague-security-delta",
        "the-green-village",
        "de-verkeersonderneming",
    }
    # Which coalitions have no legal entity at all?
    accession = services.Filters(legal_form="accession_agreement")
    assert _slugs(services.find_cases(user=user, filters=accession)) == [
        "dutch-blockchain-coalition"
    ]
    # Who kept the subsidy giver out of the board? HSD, found by its own words.
    found = services.find_cases(user=user, filters=services.Filters(query="raad van toezicht"))
    assert "the-hague-security-delta" in _slugs(found)


def test_filters_combine(library, make_user) -> None:
    user = make_user("ann")
    filters = services.Filters(sectors=("citizens",), theme="sustainability")
    assert _slugs(services.find_cases(user=user, filters=filters)) == ["the-green-village"]
    filters = services.Filters(sectors=("government", "knowledge"), legal_form="foundation")
    assert set(_slugs(services.find_cases(user=user, filters=filters))) == {
        "cumulus-park",
        "new-trust-foundation",
        "the-green-village",
    }


def test_unknown_filter_values_are_refused_by_name(library, make_user) -> None:
    with pytest.raises(UserError, match="theme"):
        services.find_cases(user=make_user("ann"), filters=services.Filters(theme="space"))
    with pytest.raises(UserError, match="sector"):
        services.find_cases(user=make_user("bob"), filters=services.Filters(sectors=("army",)))


def test_team_cases_are_private_until_published(library, make_user) -> None:
    author, other = make_user("ann"), make_user("bob")
    case = services.create_case(actor=author, document=team_case())
    assert case.visibility == Visibility.PRIVATE
    assert "wijkenergie-noord" in _slugs(services.visible_cases(user=author))
    assert "wijkenergie-noord" not in _slugs(services.visible_cases(user=other))
    with pytest.raises(NotFound):
        services.get_case(user=other, slug="wijkenergie-noord")
    with pytest.raises(PermissionDenied):
        services.set_published(actor=other, case=case, published=True)
    services.set_published(actor=author, case=case, published=True)
    assert services.get_case(user=other, slug="wijkenergie-noord").name == "Wijkenergie Noord"
    found = services.find_cases(user=other, filters=services.Filters(query="zonnestroom"))
    assert _slugs(found) == ["wijkenergie-noord"]
    assert AuditEvent.objects.filter(action="case.visibility_changed").count() == 1


def test_bad_team_cases_are_refused_and_nothing_is_written(library, make_user) -> None:
    author = make_user("ann")
    before = Case.objects.count()
    with pytest.raises(CaseFileError, match="upload.yaml: field theme"):
        services.create_case(actor=author, document=team_case(theme="x"), where="upload.yaml")
    with pytest.raises(CaseFileError, match="field slug"):
        services.create_case(actor=author, document=team_case(slug="odyssey"))
    with pytest.raises(CaseFileError, match="field source"):
        document = team_case()
        document["source"] = {"publication": "x", "pages": [1, 2], "lines": [1, 2]}
        services.create_case(actor=author, document=document)
    assert Case.objects.count() == before


def test_library_cases_cannot_be_hidden(library, make_user) -> None:
    case = Case.objects.get(slug="odyssey")
    with pytest.raises(PermissionDenied):
        services.set_published(actor=make_user("ann"), case=case, published=False)


def test_compare_keeps_the_chosen_order_and_limits(library, make_user) -> None:
    user = make_user("ann")
    cases = services.compare_cases(user=user, slugs=["odyssey", "schuldenlabnl", "odyssey"])
    assert _slugs(cases) == ["odyssey", "schuldenlabnl"]
    with pytest.raises(UserError):
        services.compare_cases(user=user, slugs=["odyssey"])
    with pytest.raises(UserError):
        services.compare_cases(user=user, slugs=[c.slug for c in Case.objects.all()[:7]])
    with pytest.raises(NotFound):
        services.compare_cases(user=user, slugs=["odyssey", "nope"])


def test_similar_cases_for_a_collaboration(library, make_user) -> None:
    owner = make_user("ann")
    collaboration = canvas_services.create_collaboration(
        actor=owner, document=load_fixture("canvas-rich.json")
    )
    matches = services.similar_for_collaboration(
        user=owner, collaboration_id=collaboration.pk, limit=3
    )
    assert len(matches) == 3
    assert matches[0].slug == "the-green-village"  # foundation, all five sectors, green roofs
    assert all(m.reasons for m in matches)
    assert matches[0].score >= matches[1].score >= matches[2].score
    with pytest.raises(NotFound):
        services.similar_for_collaboration(user=owner, collaboration_id=999999)


def test_a_money_filter_with_a_former_key_finds_the_same_cases(library, make_user) -> None:
    """A link kept from before the one vocabulary (``?money=partner_not_government``) works."""
    user = make_user("ann")
    partner = services.Filters(money_location="partner")
    assert _slugs(services.find_cases(user=user, filters=partner)) == [
        "werkplaats-digitaal-vakmanschap"
    ]
    former = services.Filters(money_location="partner_not_government").check()
    assert _slugs(services.find_cases(user=user, filters=former)) == [
        "werkplaats-digitaal-vakmanschap"
    ]
    assert services.Filters(money_location="distributed").check().money_key == "spread"


def test_the_library_finds_singulars_and_hyphen_variants_alike(library, make_user):
    user = make_user("lezer")

    def found(query: str) -> list[str]:
        return _slugs(services.find_cases(user=user, filters=services.Filters(query=query)))

    assert found("schuld") == found("schulden") == ["schuldenlabnl"]
    assert found("start-ups") == found("startups") == found("start-up")
    assert len(found("startups")) == 4
