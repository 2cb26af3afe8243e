"""The ledger's size class at and around every boundary of the EU SME definition
(legal-facts.md N-56), asked through the port ``core.extensions.classify_enterprise`` that the
legal app serves from its rules; the ledger and the legal route check agree; and without an app
holding the definition the ledger derives no class and says why.

Expected classes are written out from the definition's text, not computed by the helper:
medium = staff < 250 and (turnover <= 50 m or balance sheet <= 43 m); small = staff < 50 and
(turnover <= 10 m or balance sheet <= 10 m); micro = staff < 10 and (<= 2 m or <= 2 m).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grenzeloos.core import extensions

M = 1_000_000
BIG = 10_000 * M  # far above every money threshold


def size(staff, turnover, balance_sheet) -> tuple[str, str]:
    result = extensions.classify_enterprise(
        staff=Decimal(str(staff)),
        turnover=Decimal(str(turnover)),
        balance_sheet=Decimal(str(balance_sheet)),
        on=dt.date(2026, 11, 30),
    )
    assert result is not None
    return result.size_class, result.band


@pytest.mark.parametrize(
    ("staff", "turnover", "balance", "expected"),
    [
        # staff boundaries (money well inside every band)
        (0, 0, 0, ("small", "micro")),
        (9, 1 * M, 1 * M, ("small", "micro")),
        (Decimal("9.99"), 1 * M, 1 * M, ("small", "micro")),
        (10, 1 * M, 1 * M, ("small", "small")),
        (49, 1 * M, 1 * M, ("small", "small")),
        (Decimal("49.5"), 1 * M, 1 * M, ("small", "small")),
        (50, 1 * M, 1 * M, ("medium", "medium")),
        (249, 1 * M, 1 * M, ("medium", "medium")),
        (Decimal("249.9"), 1 * M, 1 * M, ("medium", "medium")),
        (250, 1 * M, 1 * M, ("large", "large")),
        (251, 1 * M, 1 * M, ("large", "large")),
        # micro money boundaries: turnover OR balance sheet at most 2 m
        (5, 2 * M, BIG, ("small", "micro")),
        (5, 2 * M + 1, BIG, ("small", "small")),
        (5, BIG, 2 * M, ("small", "micro")),
        (5, BIG, 2 * M + 1, ("small", "small")),
        (5, 2 * M + 1, 2 * M + 1, ("small", "small")),
        # small money boundaries: 10 m / 10 m
        (20, 10 * M, BIG, ("small", "small")),
        (20, 10 * M + 1, BIG, ("medium", "medium")),
        (20, BIG, 10 * M, ("small", "small")),
        (20, BIG, 10 * M + 1, ("medium", "medium")),
        (20, Decimal("10000000.01"), Decimal("10000000.01"), ("medium", "medium")),
        # medium money boundaries: turnover 50 m, balance sheet 43 m
        (100, 50 * M, BIG, ("medium", "medium")),
        (100, 50 * M + 1, BIG, ("large", "large")),
        (100, BIG, 43 * M, ("medium", "medium")),
        (100, BIG, 43 * M + 1, ("large", "large")),
        (100, 50 * M + 1, 43 * M, ("medium", "medium")),
        (100, 50 * M, 43 * M + 1, ("medium", "medium")),
        (100, 50 * M + 1, 43 * M + 1, ("large", "large")),
        # a few staff with large money is not an SME at all when both figures are too high
        (3, 60 * M, 50 * M, ("large", "large")),
    ],
)
def test_size_class_at_and_around_the_boundaries(staff, turnover, balance, expected) -> None:
    assert size(staff, turnover, balance) == expected


def test_the_definition_is_dated_data_with_its_source() -> None:
    def on(day: dt.date) -> extensions.EnterpriseSize | None:
        return extensions.classify_enterprise(
            staff=Decimal(1), turnover=Decimal(1), balance_sheet=Decimal(1), on=day
        )

    definition = on(dt.date(2026, 11, 30))
    assert definition is not None
    assert definition.definition_id == "sme-2003-361"
    assert "N-56" in definition.source
    assert "2003/361" in definition.definition_title
    assert on(dt.date(2005, 1, 1)) == definition  # valid from 2005-01-01
    with pytest.raises(LookupError, match="2004-12-31"):
        on(dt.date(2004, 12, 31))


def test_negative_figures_are_refused() -> None:
    with pytest.raises(ValueError, match="staff"):
        extensions.classify_enterprise(
            staff=Decimal(-1),
            turnover=Decimal(0),
            balance_sheet=Decimal(0),
            on=dt.date(2026, 11, 30),
        )


money = st.decimals(min_value=0, max_value=BIG, places=2, allow_nan=False, allow_infinity=False)
staff = st.decimals(min_value=0, max_value=5000, places=1, allow_nan=False, allow_infinity=False)
ORDER = {"small": 0, "medium": 1, "large": 2}


@settings(deadline=None)
@given(staff, money, money, st.decimals(min_value=0, max_value=100, places=1), money)
def test_more_staff_or_money_never_makes_an_organisation_smaller(
    people, turnover, balance, more_people, more_money
) -> None:
    base = size(people, turnover, balance)[0]
    assert ORDER[size(people + more_people, turnover, balance)[0]] >= ORDER[base]
    assert ORDER[size(people, turnover + more_money, balance + more_money)[0]] >= ORDER[base]


# --- One definition: the ledger and the legal route check agree -----------------------------

#: Each band's boundaries as N-56 writes them: (staff_below, turnover max, balance-sheet max).
BOUNDARIES = ((10, 2 * M, 2 * M), (50, 10 * M, 10 * M), (250, 50 * M, 43 * M))


def around(value: int) -> tuple[int, int, int]:
    return value - 1, value, value + 1


GRID = sorted(
    {
        (staff, turnover, balance)
        for staff_below, turnover_max, balance_max in BOUNDARIES
        for staff in around(staff_below)
        for turnover in around(turnover_max)
        for balance in around(balance_max)
    }
)


def legal_size(staff: int, turnover: int, balance: int, on: str) -> str | None:
    """The size the legal engine derives for a beneficiary with these figures."""
    from grenzeloos.legal.answers import AID_CRITERIA, parse_answers
    from grenzeloos.legal.engine import assess

    aid: dict[str, object] = {criterion: True for criterion in AID_CRITERIA}
    aid["beneficiary"] = {"staff": staff, "turnover_eur": turnover, "balance_sheet_eur": balance}
    answers = {"schema": "grenzeloos.legal/1", "on_date": on, "government_role": "funder"}
    outcome = assess(parse_answers({**answers, "aid": aid})).to_json()
    return outcome["state_aid"]["beneficiary_size"]


@pytest.mark.django_db
def test_the_ledger_and_the_legal_check_agree_around_every_threshold(people) -> None:
    from grenzeloos.ledger.services import OrganisationData, create_organisation

    seen = set()
    for number, (staff, turnover, balance) in enumerate(GRID):
        organisation = create_organisation(
            actor=people["owner"],
            data=OrganisationData(
                name=f"Organisatie {number}",
                sector="business",
                staff=Decimal(staff),
                turnover_eur=Decimal(turnover),
                balance_sheet_eur=Decimal(balance),
                on=dt.date(2026, 3, 1),
            ),
        )
        legal = legal_size(staff, turnover, balance, "2026-03-01")
        assert organisation.size_class == legal, (staff, turnover, balance)
        assert organisation.size_basis == "sme-2003-361"
        seen.add((legal, size(staff, turnover, balance)[1]))
    # The grid reaches every class and band, so agreement is not agreement on one answer.
    assert seen == {
        ("small", "micro"),
        ("small", "small"),
        ("medium", "medium"),
        ("large", "large"),
    }


# --- Without an app holding the definition ----------------------------------------------------


@pytest.fixture
def no_sme_definition():
    """As if the legal app were not installed: nobody offers the SME definition."""
    installed = extensions.SME_CLASSIFIER.implementation
    extensions.SME_CLASSIFIER.register(None)
    yield
    extensions.SME_CLASSIFIER.register(installed)


def test_without_the_definition_the_port_says_so(no_sme_definition) -> None:
    assert (
        extensions.classify_enterprise(
            staff=Decimal(5), turnover=Decimal(1), balance_sheet=Decimal(1), on=dt.date.today()
        )
        is None
    )


@pytest.mark.django_db
def test_without_the_definition_the_ledger_shows_no_class_and_says_why(
    people, no_sme_definition, capsys
) -> None:
    from django.test import Client
    from django.urls import reverse

    from grenzeloos.cli import main
    from grenzeloos.ledger.models import Organisation

    client = Client()
    client.force_login(people["owner"])
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("organisations:organisations"),
        {
            "name": "Hoogendijk Dakwerken",
            "sector": "business",
            "staff": "120",
            "turnover_eur": "30,000,000",
            "balance_sheet_eur": "20,000,000",
        },
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get()
    assert (organisation.size_class, organisation.size_basis) == ("", "")
    assert organisation.staff == 120  # the figures are kept as given
    page = client.get(
        reverse("organisations:organisation", args=[organisation.pk])
    ).content.decode()
    assert "Size class</dt><dd>— (not derived from the figures: no EU SME definition" in page

    figures = ["--staff", "5", "--turnover", "1", "--balance-sheet", "1"]
    code = main(["org", "add", "Tweede", "--sector", "business", *figures])
    out, err = capsys.readouterr()
    assert code == 0
    assert Organisation.objects.get(pk=int(out)).size_class == ""
    assert "not derived (no EU SME definition is installed)" in err
