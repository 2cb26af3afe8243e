"""The progress engine: fte conversion, valuation of hours, pro rata commitments, shortfalls
and the target-split check. Expected figures are worked out by hand in the comments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grenzeloos.ledger.progress import (
    CommitmentLine,
    PartnerInfo,
    RealisedSum,
    Settings,
    SplitGroup,
    check_split,
    compute,
    fte_to_hours,
    overlap_fraction,
    round_cents,
    years_in,
)

D = Decimal
Y2026 = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
CITY = PartnerInfo(1, "Gemeente", "government")
ROOFER = PartnerInfo(2, "Dakdekker", "business", hourly_rate=D("80"))
SCHOOL = PartnerInfo(3, "Hogeschool", "knowledge")


def run(commitments=(), realised=(), partners=(CITY, ROOFER, SCHOOL), period=Y2026, **settings):
    return compute(
        start=period[0],
        end=period[1],
        settings=Settings(**settings),
        partners=partners,
        commitments=commitments,
        realised=realised,
    )


def by_name(report, name):
    return next(row for row in report.partners if row.partner.name == name)


def test_years_count_each_calendar_year_by_its_own_days() -> None:
    assert years_in(dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == 1
    assert years_in(dt.date(2028, 1, 1), dt.date(2028, 12, 31)) == 1  # leap year
    assert years_in(dt.date(2026, 1, 1), dt.date(2027, 12, 31)) == 2
    assert years_in(dt.date(2026, 7, 1), dt.date(2026, 6, 30)) == 0
    assert years_in(dt.date(2026, 1, 1), dt.date(2026, 1, 31)) == D(31) / D(365)


def test_fte_converts_with_the_configured_hours() -> None:
    assert fte_to_hours(D("0.6"), fte_hours=1600, years=D(1)) == D("960")
    assert fte_to_hours(D("1"), fte_hours=1720, years=D("0.5")) == D("860")


def test_overlap_fraction_by_days() -> None:
    year = Y2026
    assert overlap_fraction(*year, *year) == 1
    # Q1 2026 has 31 + 28 + 31 = 90 days of 365
    assert overlap_fraction(*year, dt.date(2026, 1, 1), dt.date(2026, 3, 31)) == D(90) / D(365)
    assert overlap_fraction(*year, dt.date(2027, 1, 1), dt.date(2027, 3, 31)) == 0


def test_committed_and_realised_hours_fte_and_value() -> None:
    report = run(
        commitments=[
            CommitmentLine(1, "people", "fte", D("0.6"), *Y2026),  # 0.6 x 1600 = 960 h
            CommitmentLine(2, "people", "hours", D("240"), *Y2026),
            CommitmentLine(2, "money", "EUR", D("12500.50"), *Y2026),
            CommitmentLine(3, "systems", "EUR", D("5000"), *Y2026),  # in kind
        ],
        realised=[
            RealisedSum(1, "people", "hours", D("1000")),
            RealisedSum(2, "people", "hours", D("200")),
            RealisedSum(2, "money", "EUR", D("12500.50")),
            RealisedSum(3, "systems", "EUR", D("5000")),
            RealisedSum(3, "people", "fte", D("0.5")),  # a log fte = 1600 h -> 800 h
        ],
        hourly_rate=D("60"),
    )
    city, roofer, school = (by_name(report, n) for n in ("Gemeente", "Dakdekker", "Hogeschool"))
    assert city.committed.hours == 960
    assert city.committed_fte == D("0.6")
    assert city.realised_fte == D("0.625")  # 1000 / 1600
    assert city.rate == 60  # the collaboration's rate
    assert city.committed_value == D("57600")  # 960 x 60
    assert city.realised_value == D("60000")  # 1000 x 60
    assert not city.short

    assert roofer.rate == 80  # its own rate wins
    assert roofer.committed_value == D("31700.50")  # 12,500.50 + 240 x 80
    assert roofer.realised_value == D("28500.50")  # 12,500.50 + 200 x 80
    assert roofer.hours_shortfall == 40
    assert roofer.value_shortfall == D("3200")
    assert roofer.short
    assert roofer.committed.cash == D("12500.50") and roofer.committed.in_kind == 0

    assert school.committed.in_kind == 5000 and school.committed.cash == 0
    assert school.realised.hours == 800
    assert school.realised_value == D("53000")  # 5,000 + 800 x 60
    assert not school.short


def test_configurable_fte_hours() -> None:
    report = run(commitments=[CommitmentLine(1, "people", "fte", D("1"), *Y2026)], fte_hours=1720)
    assert by_name(report, "Gemeente").committed.hours == 1720


def test_commitments_count_pro_rata_in_a_shorter_period() -> None:
    q1 = (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    report = run(
        commitments=[
            CommitmentLine(2, "people", "hours", D("365"), *Y2026),  # 90 of 365 days -> 90 h
            CommitmentLine(1, "people", "fte", D("1"), *Y2026),  # 1600 x 90/365
        ],
        period=q1,
    )
    assert by_name(report, "Dakdekker").committed.hours == 90
    assert round_cents(by_name(report, "Gemeente").committed.hours) == D("394.52")  # 1600x90/365
    # an fte stays an fte whatever the period's length
    assert by_name(report, "Gemeente").committed_fte == pytest.approx(D(1))


def test_hours_without_any_rate_are_not_valued_and_flagged() -> None:
    report = run(realised=[RealisedSum(1, "people", "hours", D("10"))])
    city = by_name(report, "Gemeente")
    assert city.rate is None
    assert city.realised_value == 0
    assert city.unrated


def test_budget_composition_by_sector_and_source() -> None:
    report = run(
        realised=[
            RealisedSum(1, "money", "EUR", D("300")),
            RealisedSum(2, "people", "hours", D("5")),  # 5 x 80 = 400
            RealisedSum(3, "location", "EUR", D("300")),
        ]
    )
    sectors = {share.label: (share.value, share.percent) for share in report.by_sector}
    assert sectors == {
        "government": (D(300), D(30)),
        "business": (D(400), D(40)),
        "knowledge": (D(300), D(30)),
    }
    sources = {share.label: share.value for share in report.by_source}
    assert sources == {"cash": D(300), "in_kind": D(300), "hours": D(400)}


THIRDS = (
    SplitGroup("bedrijven", D("33.33"), sectors=("business",)),
    SplitGroup("school en regio", D("33.34"), sectors=("knowledge",), partners=("Gemeente",)),
    SplitGroup("ministerie", D("33.33"), partners=("Ministerie",)),
)
MINISTRY = PartnerInfo(4, "Ministerie", "government")


def test_target_split_in_thirds_within_tolerance() -> None:
    rows = run(
        partners=(CITY, ROOFER, SCHOOL, MINISTRY),
        realised=[
            RealisedSum(2, "money", "EUR", D("1000")),
            RealisedSum(1, "money", "EUR", D("400")),  # Gemeente is named in group 2
            RealisedSum(3, "money", "EUR", D("600")),
            RealisedSum(4, "money", "EUR", D("1000")),
        ],
        target_split=THIRDS,
    )
    assert [(c.label, round(c.realised_percent, 2), c.within) for c in rows.split] == [
        ("bedrijven", D("33.33"), True),
        ("school en regio", D("33.33"), True),
        ("ministerie", D("33.33"), True),
    ]
    assert rows.split_ok is True


def test_target_split_off_target_and_partners_outside_every_group() -> None:
    outsider = PartnerInfo(5, "Burgers", "citizens")
    report = run(
        partners=(ROOFER, MINISTRY, outsider),
        realised=[
            RealisedSum(2, "money", "EUR", D("600")),
            RealisedSum(4, "money", "EUR", D("300")),
            RealisedSum(5, "money", "EUR", D("100")),
        ],
        target_split=THIRDS,
        split_tolerance=D(5),
    )
    checks = {c.label: (c.realised_percent, c.within) for c in report.split}
    assert checks == {
        "bedrijven": (D(60), False),  # 60 % vs 33.33 %
        "school en regio": (D(0), False),
        "ministerie": (D(30), True),  # 3.33 points off, within 5
        "(other)": (D(10), False),  # money outside the agreed split is shown
    }
    assert report.split_ok is False


def test_no_split_set_means_no_check() -> None:
    assert run().split == ()
    assert run().split_ok is None


@settings(deadline=None)
@given(
    st.lists(st.decimals(min_value=0, max_value=10**6, places=2), min_size=3, max_size=3),
)
def test_realised_shares_of_the_groups_add_up_to_100(values) -> None:
    partners = (ROOFER, SCHOOL, MINISTRY)
    report = run(
        partners=partners,
        realised=[
            RealisedSum(p.id, "money", "EUR", v) for p, v in zip(partners, values, strict=True)
        ],
        target_split=THIRDS,
    )
    total = sum(check.realised_percent for check in report.split)
    assert total == 0 if sum(values) == 0 else abs(total - 100) < D("0.000001")


def test_check_split_without_groups_is_empty() -> None:
    assert check_split([], [], D(5)) == ()


def test_period_must_not_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="ends before"):
        run(period=(dt.date(2026, 2, 1), dt.date(2026, 1, 1)))


# --- Up to a date, volunteers, value per kind, one rounding (issue 27) -------------------------


def test_a_full_year_commitment_is_compared_pro_rata_up_to_the_reports_date() -> None:
    """1,600 hours committed for 2026; on 30 June 181 of 365 days are gone, so 793.42 hours
    are due. 800 realised by then is on track, though far from the year's 1,600."""
    report = compute(
        start=Y2026[0],
        end=Y2026[1],
        up_to=dt.date(2026, 6, 30),
        settings=Settings(hourly_rate=D("50")),
        partners=[CITY],
        commitments=[CommitmentLine(1, "people", "hours", D("1600"), *Y2026)],
        realised=[RealisedSum(1, "people", "hours", D("800"))],
    )
    row = by_name(report, "Gemeente")
    assert round_cents(row.committed.hours) == D("793.42")
    assert row.committed_period.hours == D("1600")
    assert round_cents(row.committed_period_value) == D("80000.00")
    assert not row.short
    assert report.until == dt.date(2026, 6, 30)
    with pytest.raises(ValueError, match="outside its period"):
        compute(
            start=Y2026[0],
            end=Y2026[1],
            up_to=dt.date(2027, 1, 1),
            settings=Settings(),
            partners=[],
            commitments=[],
            realised=[],
        )


def test_volunteers_hours_count_as_hours_and_add_no_value() -> None:
    volunteers = PartnerInfo(4, "Buurtvereniging", "civil_society", hours_valued=False)
    report = run(
        realised=[
            RealisedSum(4, "people", "hours", D("120")),
            RealisedSum(4, "location", "EUR", D("500")),
        ],
        partners=[volunteers],
        hourly_rate=D("60"),
    )
    row = by_name(report, "Buurtvereniging")
    assert (row.realised.hours, row.rate, row.realised_value) == (D("120"), None, D("500"))
    assert row.volunteers and not row.unrated


def test_value_per_kind_counts_hours_at_their_rate_and_in_kind_apart_from_cash() -> None:
    report = run(
        commitments=[
            CommitmentLine(2, "people", "hours", D("100"), *Y2026),
            CommitmentLine(3, "location", "EUR", D("2000"), *Y2026),
            CommitmentLine(1, "money", "EUR", D("10000"), *Y2026),
        ],
        realised=[
            RealisedSum(2, "people", "hours", D("10")),
            RealisedSum(1, "money", "EUR", D("4000")),
        ],
    )
    assert [(item.kind, item.committed, item.realised) for item in report.by_kind] == [
        ("money", D("10000"), D("4000")),
        ("people", D("8000"), D("800")),
        ("location", D("2000"), D("0")),
    ]
    school = by_name(report, "Hogeschool")
    assert (school.committed.cash, school.committed.in_kind) == (D("0"), D("2000"))
    assert by_name(report, "Gemeente").committed.cash == D("10000")
