"""Pages and API reads run a fixed number of queries, however many collaborations, partners,
revisions, members, assessments or contributions there are.

Each test measures the same read on a small and a large world (made with the factories) and
asserts the counts are equal: a query per row (an N+1) shows up as a difference. The first
request of each URL is not measured (it warms the caches Django keeps per process, such as
content types and translations); a failure prints the queries of the large run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from grenzeloos.cases import services as case_services
from grenzeloos.collaborations.models import Role
from grenzeloos.ledger.models import Kind, Unit
from tests.accounts.factories import UserFactory
from tests.canvas.factories import CanvasFactory
from tests.collaborations.factories import add_members
from tests.ledger.factories import (
    CommitmentFactory,
    ContactPersonFactory,
    ContributionFactory,
    PartnerFactory,
)
from tests.legal.factories import AssessmentFactory

pytestmark = pytest.mark.django_db

Measure = Callable[..., tuple[int, list[str]]]


def _api(user: Any) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(user)
    return client


@pytest.fixture
def measure() -> Measure:
    def run(client: Any, url: str, *, warm: bool = True) -> tuple[int, list[str]]:
        if warm:
            assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response.status_code == 200, url
        return len(context.captured_queries), [q["sql"] for q in context.captured_queries]

    return run


def assert_fixed(small: tuple[int, list[str]], large: tuple[int, list[str]], what: str) -> None:
    assert small[0] == large[0], (
        f"{what}: {small[0]} queries when small, {large[0]} when large:\n" + "\n".join(large[1])
    )


@pytest.fixture
def sizes(db) -> dict[str, Any]:
    """One owner with a small and a large collaboration (partners, revisions, members)."""
    owner = UserFactory(username="olga")
    small = CanvasFactory(owner=owner, partners=1, revisions=2, editors=1, viewers=1)
    large = CanvasFactory(owner=owner, partners=40, revisions=50, editors=8, viewers=12)
    return {"owner": owner, "small": small, "large": large}


def _urls(name: str, sizes: dict[str, Any]) -> tuple[str, str]:
    return (
        reverse(name, args=[sizes["small"].pk]),
        reverse(name, args=[sizes["large"].pk]),
    )


@pytest.mark.parametrize(
    "name",
    [
        "api-canvas:collaboration",
        "api-canvas:canvas",
        "api-canvas:revisions",
        "api-collaborations:members",
        "api-guidance:advice",
        "api-ledger:ledger",
    ],
)
def test_api_reads_of_one_collaboration(sizes, measure, name) -> None:
    api = _api(sizes["owner"])
    small, large = _urls(name, sizes)
    assert_fixed(measure(api, small), measure(api, large), name)


def test_api_collaboration_list(measure) -> None:
    few, many = UserFactory(), UserFactory()
    CanvasFactory(owner=few)
    for collaboration in CanvasFactory.create_batch(30, owner=many):
        add_members(collaboration, Role.VIEWER, [few] if collaboration.pk % 2 else [])
    url = reverse("api-canvas:collaborations")
    assert_fixed(measure(_api(few), url), measure(_api(many), url), "collaboration list")


def test_api_assessments(sizes, measure) -> None:
    owner = sizes["owner"]
    reviewer = UserFactory()
    for key, count in (("small", 1), ("large", 8)):
        collaboration = sizes[key]
        add_members(collaboration, Role.EDITOR, [reviewer])
        for index in range(count):
            AssessmentFactory(
                collaboration=collaboration,
                author=owner,
                signed_off_by=reviewer if index % 2 else None,
            )
    api = _api(owner)
    small, large = _urls("api-legal:assessments", sizes)
    assert_fixed(measure(api, small), measure(api, large), "assessments")


def test_api_ledger_commitments_and_contributions(sizes, measure) -> None:
    for key, partners in (("small", 1), ("large", 30)):
        for _index in range(partners):
            partner = PartnerFactory(collaboration=sizes[key])
            person = ContactPersonFactory(organisation=partner.organisation)
            CommitmentFactory(partner=partner)
            CommitmentFactory(partner=partner, kind=Kind.MONEY, unit=Unit.EUR)
            ContributionFactory.create_batch(2, partner=partner, person=person)
            ContributionFactory(partner=partner)
    api = _api(sizes["owner"])
    for name in (
        "api-ledger:ledger",
        "api-ledger:commitments",
        "api-ledger:contributions",
        "api-ledger:report",
    ):
        small, large = _urls(name, sizes)
        if name == "api-ledger:report":
            small, large = (f"{url}?start=2026-01-01&end=2026-12-31" for url in (small, large))
        assert_fixed(measure(api, small), measure(api, large), name)


# --- Pages ------------------------------------------------------------------------------------


def _web(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _fill_panels(sizes: dict[str, Any]) -> None:
    """What the canvas page's panels show: ledger partners with contributions, assessments and
    the case library (for similar cases); the advice panel reads the canvas itself."""
    case_services.import_library(actor=None)
    reviewer = UserFactory()
    for key, count in (("small", 1), ("large", 12)):
        collaboration = sizes[key]
        add_members(collaboration, Role.EDITOR, [reviewer])
        for index in range(count):
            partner = PartnerFactory(collaboration=collaboration, name=f"Partner {index:03d}")
            ContributionFactory.create_batch(2, partner=partner)
            CommitmentFactory(partner=partner)
        for index in range(min(count, 5)):
            AssessmentFactory(
                collaboration=collaboration,
                author=sizes["owner"],
                signed_off_by=reviewer if index % 2 else None,
            )


def test_collaboration_list_page(measure) -> None:
    few, many = UserFactory(), UserFactory()
    CanvasFactory(owner=few, partners=1)
    for collaboration in CanvasFactory.create_batch(30, owner=many, partners=3):
        add_members(collaboration, Role.EDITOR, [UserFactory()])
    url = reverse("canvas:list")
    assert_fixed(measure(_web(few), url), measure(_web(many), url), "collaboration list")
    search = url + "?q=Proeftuin"
    assert_fixed(measure(_web(few), search), measure(_web(many), search), "search")


@pytest.mark.parametrize("cache", ["cold", "warm"])
def test_canvas_page_with_its_panels(sizes, measure, cache) -> None:
    _fill_panels(sizes)
    web = _web(sizes["owner"])
    small, large = _urls("canvas:detail", sizes)
    if cache == "cold":
        counts = []
        for url in (small, large):
            web.get(url)  # per-process caches (content types, translations, rule sets)
            caches["default"].clear()
            counts.append(measure(web, url, warm=False))
    else:
        counts = [measure(web, small), measure(web, large)]
    assert_fixed(counts[0], counts[1], f"canvas page ({cache} cache)")


def test_history_page(sizes, measure) -> None:
    web = _web(sizes["owner"])
    small, large = _urls("canvas:history", sizes)
    assert_fixed(measure(web, small), measure(web, large), "history")


def test_members_page(sizes, measure) -> None:
    web = _web(sizes["owner"])
    small, large = _urls("collaborations:members", sizes)
    assert_fixed(measure(web, small), measure(web, large), "members")
