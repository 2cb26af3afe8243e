"""Each governance check, on plain data: it fires on the situation it names, stays silent
otherwise, and cites the lesson it comes from (which the guidance app holds)."""

from __future__ import annotations

from grenzeloos.core.extensions import lesson
from grenzeloos.governance.checks import BodyFacts, Finding, SeatFacts, check

FOUNDERS = [
    {"name": "Gemeente Utrecht", "role": "founding", "sector": "government"},
    {"name": "TechBV", "role": "founding", "sector": "business"},
    {"name": "Bewonersvereniging", "role": "stakeholder", "sector": "citizens"},
]
SPONSOR = SeatFacts(name="Wethouder", organisation="Gemeente Utrecht", sponsor=True)
BUSINESS = SeatFacts(name="Directeur", organisation="TechBV")


def _steering(*seats: SeatFacts) -> BodyFacts:
    return BodyFacts(name="Stuurgroep", kind="steering_group", seats=(SPONSOR, BUSINESS, *seats))


def test_a_balanced_body_with_a_sponsor_gives_no_finding():
    assert check([_steering()], FOUNDERS) == []


def test_a_financier_in_a_supervisory_or_advisory_body_is_named():
    subsidy = SeatFacts(name="Provincie", organisation="Provincie", financier=True)
    board = BodyFacts(name="Raad van Toezicht", kind="supervisory_board", seats=(subsidy,))
    advice = BodyFacts(name="Raad van Advies", kind="advisory_board", seats=(subsidy,))
    assert check([_steering(), board, advice], FOUNDERS) == [
        Finding("financier_on_board", "clean_funding", "Raad van Toezicht", "Provincie"),
        Finding("financier_on_board", "clean_funding", "Raad van Advies", "Provincie"),
    ]
    # In a working body (the steering group) a financier is no finding.
    assert check([_steering(subsidy)], FOUNDERS) == []


def test_one_organisation_holding_the_majority_of_the_votes_is_named():
    second = SeatFacts(name="Ambtenaar", organisation="Gemeente Utrecht")
    assert check([_steering(second)], FOUNDERS) == [
        Finding("majority_holder", "largest_party", "Stuurgroep", "Gemeente Utrecht")
    ]
    # Half is no majority; a member without a vote does not count; weights do.
    observer = SeatFacts(name="Waarnemer", organisation="Gemeente Utrecht", voting=False)
    assert check([_steering(observer)], FOUNDERS) == []
    heavy = SeatFacts(name="Directeur", organisation="TechBV", weight=3)
    body = BodyFacts(name="Raad", kind="members_council", seats=(SPONSOR, heavy))
    assert check([body], FOUNDERS) == [
        Finding("majority_holder", "largest_party", "Raad", "TechBV")
    ]


def test_a_founding_partners_sector_without_a_seat_is_named():
    body = BodyFacts(name="Stuurgroep", kind="steering_group", seats=(SPONSOR,))
    assert check([body], FOUNDERS) == [
        Finding("sector_without_seat", "quadruple_helix", "", "business"),
    ]
    # A seat's own sector counts as well as the canvas partner's of the same name; the
    # stakeholders' sector (citizens) asks for no seat.
    own = SeatFacts(name="Ondernemer", organisation="Andere BV", sector="business")
    assert check([_steering(), BodyFacts("Kern", "core_team", (own,))], FOUNDERS) == []


def test_no_sponsor_at_board_level_is_named():
    body = BodyFacts(name="Stuurgroep", kind="steering_group", seats=(BUSINESS,))
    founders = FOUNDERS[1:]
    assert check([body], founders) == [Finding("no_sponsor", "executive_sponsor", "", "")]
    # Without any body there is nothing to check yet.
    assert check([], FOUNDERS) == []


def test_every_check_cites_a_lesson_the_guidance_app_holds():
    from grenzeloos.governance.checks import LESSONS

    for key in LESSONS.values():
        cited = lesson(key)
        assert cited is not None and cited.key == key and cited.text and cited.section
