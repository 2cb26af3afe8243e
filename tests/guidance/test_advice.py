"""The advice check, rule by rule: each rule with a canvas that triggers it and one that does not,
and a canvas that follows every lesson gets no warning (nor any advice)."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.utils import translation

from grenzeloos.guidance.advice import RULE_IDS, Facts, check
from grenzeloos.guidance.lessons import CASES, CONDITION_KEYS
from tests.guidance.canvases import EXEMPLARY, exemplary, with_partner

ON_RECORD = Facts(has_legal_assessment=True)


def findings(document: dict[str, Any], facts: Facts = ON_RECORD, language: str = "en"):
    return {f.id: f for f in check(document, facts=facts, language=language).findings}


def test_a_canvas_that_follows_every_lesson_gets_no_warning_and_no_advice() -> None:
    report = check(exemplary(), facts=ON_RECORD)
    assert report.count("warning") == 0
    assert report.count("advice") == 0
    assert [c.status for c in report.conditions] == ["ok"] * 5
    assert report.findings == ()


def no_sector(sector: str) -> dict[str, Any]:
    document = exemplary()
    document["partners"] = [p for p in document["partners"] if p["sector"] != sector]
    return document


def only_money() -> dict[str, Any]:
    document = exemplary()
    for partner in document["partners"]:
        partner["contributions"] = [
            {"kind": "money", "description": "Bijdrage", "amount": 10000, "unit": "EUR"}
        ]
    return document


def without_flags() -> dict[str, Any]:
    document = exemplary()
    for partner in document["partners"]:
        partner.pop("problem_owner", None)
    return document


def without_societal_interest() -> dict[str, Any]:
    document = exemplary()
    for partner in document["partners"]:
        partner["interests"] = [i for i in partner["interests"] if i != "societal"] or ["network"]
    return document


def no_end_users() -> dict[str, Any]:
    document = no_sector("civil_society")
    document["action_lines"] = [
        "Binnen zes weken een co-creatiesessie met de partners",
        "Na de eerste proef opschalen naar de hele stad",
    ]
    return document


# (rule id, triggering canvas, expected severity, fields the finding names)
TRIGGERS = [
    ("no_partners", lambda: exemplary(partners=[]), "warning", ["partners"]),
    (
        "single_partner",
        lambda: exemplary(partners=exemplary()["partners"][:1]),
        "warning",
        ["partners"],
    ),
    (
        "no_founding_partner",
        lambda: exemplary(partners=[{**p, "role": "sponsoring"} for p in exemplary()["partners"]]),
        "advice",
        ["partners"],
    ),
    ("helix_sectors_missing", lambda: no_sector("knowledge"), "info", ["partners"]),
    ("no_end_users", no_end_users, "advice", ["partners"]),
    (
        "partner_without_contribution",
        lambda: with_partner(1, contributions=[]),
        "advice",
        ["partners[1].contributions"],
    ),
    ("no_problem_owner", without_flags, "advice", ["partners"]),
    (
        "no_board_sponsor",
        lambda: exemplary(governance="Een stuurgroep van de partners neemt de besluiten."),
        "advice",
        ["governance"],
    ),
    ("pitch_missing", lambda: exemplary(pitch=""), "info", ["pitch"]),
    ("dream_missing", lambda: exemplary(dream=" "), "warning", ["dream"]),
    ("societal_value_missing", lambda: exemplary(societal_value=""), "warning", ["societal_value"]),
    ("proposition_missing", lambda: exemplary(proposition=""), "advice", ["proposition"]),
    ("no_action_lines", lambda: exemplary(action_lines=[]), "warning", ["action_lines"]),
    (
        "no_quick_result",
        lambda: exemplary(action_lines=["Schuldhulp verbeteren", "Opschalen naar de stad"]),
        "advice",
        ["action_lines"],
    ),
    (
        "no_scaling",
        lambda: exemplary(
            action_lines=["Binnen zes weken een co-creatiesessie met gezinnen"],
            agreements_checklist={**EXEMPLARY["agreements_checklist"], "ownership": "Gedeeld."},
        ),
        "advice",
        ["action_lines", "proposition"],
    ),
    ("no_in_kind", only_money, "info", ["partners"]),
    ("financing_missing", lambda: exemplary(financing=""), "advice", ["financing"]),
    ("governance_missing", lambda: exemplary(governance=""), "advice", ["governance"]),
    (
        "financier_in_board",
        lambda: exemplary(
            governance="Gemeente Oost en de wethouder zitten in de Raad van Toezicht."
        ),
        "warning",
        ["governance"],
    ),
    (
        "agreements_open",
        lambda: exemplary(agreements="Een samenwerkingsovereenkomst.", agreements_checklist={}),
        "advice",
        [
            "agreements",
            "agreements_checklist.ownership",
            "agreements_checklist.liability",
            "agreements_checklist.money_location",
        ],
    ),
    (
        "partner_without_interest",
        lambda: with_partner(2, interests=[]),
        "advice",
        ["partners[2].interests"],
    ),
    ("no_societal_interest", without_societal_interest, "info", ["partners"]),
    (
        "dominant_contributor",
        lambda: exemplary(
            neutral_ground="",
            agreements_checklist={**EXEMPLARY["agreements_checklist"], "money_location": "spread"},
            partners=[
                {
                    **p,
                    "contributions": [
                        {"kind": "money", "description": "x", "amount": a, "unit": "EUR"}
                    ],
                }
                for p, a in zip(exemplary()["partners"], (5000, 90000, 5000, 0), strict=True)
            ],
        ),
        "warning",
        ["partners[1].contributions", "neutral_ground"],
    ),
    ("neutral_ground_missing", lambda: exemplary(neutral_ground=""), "info", ["neutral_ground"]),
]


def test_every_rule_is_tested() -> None:
    tested = {row[0] for row in TRIGGERS} | {"government_money_without_legal_check"}
    assert tested == set(RULE_IDS)


@pytest.mark.parametrize(
    ("rule", "make", "severity", "fields"), TRIGGERS, ids=[r[0] for r in TRIGGERS]
)
def test_rule_triggers(rule: str, make, severity: str, fields: list[str]) -> None:
    found = findings(make())
    assert rule in found
    assert found[rule].severity == severity
    assert list(found[rule].fields) == fields
    assert found[rule].message
    assert found[rule].lesson.section


@pytest.mark.parametrize("rule", RULE_IDS)
def test_rule_does_not_trigger_on_the_exemplary_canvas(rule: str) -> None:
    assert rule not in findings(exemplary())


def one_partner_gives_all_hours() -> dict[str, Any]:
    """Money evenly split; only one partner gives hours, so there is nothing to compare."""
    document = exemplary()
    for index, partner in enumerate(document["partners"]):
        partner["contributions"] = [c for c in partner["contributions"] if c["kind"] == "money"]
        if index == 0:
            partner["contributions"].append(
                {"kind": "people", "description": "Alle uren", "amount": 900, "unit": "hours"}
            )
        elif not partner["contributions"]:
            partner["contributions"] = [{"kind": "location", "description": "Zaal"}]
    return document


def stakeholder_without_contribution() -> dict[str, Any]:
    document = exemplary()
    document["partners"].append(
        {
            "name": "Provincie",
            "role": "stakeholder",
            "sector": "government",
            "interests": ["network"],
        }
    )
    return document


NEGATED_BOARD = (
    "De wethouder is sponsor. De subsidiegever zit niet in de Raad van Toezicht; "
    "Gemeente Oost legt verantwoording af via voortgangsgesprekken."
)
NON_FUNDERS_IN_BOARD = (
    "De wethouder is sponsor. In de Raad van Advies zitten Hogeschool Oost en Wijkraad Oost."
)
AGREEMENTS_IN_TEXT = (
    "Aansprakelijkheid regelt ieder zelf; het intellectueel eigendom blijft gedeeld; "
    "het geld staat bij de intermediair."
)

# Near misses: canvases that look like a trigger but follow the lesson.
NEAR_MISSES = [
    ("partner_without_contribution", stakeholder_without_contribution),
    ("financier_in_board", lambda: exemplary(governance=NEGATED_BOARD)),
    ("financier_in_board", lambda: exemplary(governance=NON_FUNDERS_IN_BOARD)),
    ("agreements_open", lambda: exemplary(agreements_checklist={}, agreements=AGREEMENTS_IN_TEXT)),
    ("dominant_contributor", one_partner_gives_all_hours),
    ("no_quick_result", lambda: exemplary(action_lines=["Kick-off in maart", "Opschalen"])),
    (
        "no_scaling",
        lambda: exemplary(
            action_lines=["Binnen zes weken een sessie"],
            proposition="Een aanpak die daarna landelijk wordt uitgerold.",
        ),
    ),
    ("no_board_sponsor", lambda: exemplary(governance="De directeur van de bank is ambassadeur.")),
]


@pytest.mark.parametrize(
    ("rule", "make"), NEAR_MISSES, ids=[f"{r[0]}-{i}" for i, r in enumerate(NEAR_MISSES)]
)
def test_near_miss_does_not_trigger(rule: str, make) -> None:
    assert rule not in findings(make())


def test_end_users_named_in_the_text_count_as_involved() -> None:
    document = no_sector("civil_society")
    document["action_lines"] = ["Binnen zes weken een sessie met bewoners", "Daarna opschalen"]
    assert "no_end_users" not in findings(document)


def test_government_money_needs_a_legal_route_check_on_record() -> None:
    document = exemplary()
    assert (
        findings(document, Facts(has_legal_assessment=False))[
            "government_money_without_legal_check"
        ].severity
        == "warning"
    )
    unknown = findings(document, Facts())["government_money_without_legal_check"]
    assert unknown.severity == "advice"
    assert unknown.fields == ("partners[0].contributions", "financing")
    assert "government_money_without_legal_check" not in findings(document, ON_RECORD)
    # A government partner that gives time but no money needs no legal route check.
    in_kind = with_partner(
        0, contributions=[{"kind": "people", "description": "Uren", "amount": 300, "unit": "hours"}]
    )
    assert "government_money_without_legal_check" not in findings(in_kind, Facts(False))


def test_dominant_contributor_is_only_information_with_neutral_ground() -> None:
    document = exemplary(
        partners=[
            {
                **p,
                "contributions": [
                    {"kind": "money", "description": "x", "amount": a, "unit": "EUR"}
                ],
            }
            for p, a in zip(exemplary()["partners"], (5000, 90000, 5000, 0), strict=True)
        ]
    )
    finding = findings(document)["dominant_contributor"]
    assert finding.severity == "info"
    assert "Spaarbank Oost" in finding.message and "90%" in finding.message


def test_a_government_giving_most_of_the_money_is_not_one_party_dominating() -> None:
    """The publication calls government majority financing the usual case (lines 101-103)."""
    document = exemplary(
        neutral_ground="",
        agreements_checklist={**EXEMPLARY["agreements_checklist"], "money_location": "spread"},
        partners=[
            {
                **p,
                "contributions": [
                    {"kind": "money", "description": "x", "amount": a, "unit": "EUR"}
                ],
            }
            for p, a in zip(exemplary()["partners"], (90000, 5000, 5000, 0), strict=True)
        ],
    )
    assert document["partners"][0]["sector"] == "government"
    assert "dominant_contributor" not in findings(document)


def test_missing_helix_sectors_are_named() -> None:
    message = findings(no_sector("knowledge"))["helix_sectors_missing"].message
    assert "knowledge institutions" in message
    assert "government" not in message


def test_agreements_open_names_only_the_open_topics() -> None:
    document = exemplary(agreements="", agreements_checklist={"ownership": "Open source."})
    finding = findings(document)["agreements_open"]
    assert finding.fields == (
        "agreements",
        "agreements_checklist.liability",
        "agreements_checklist.money_location",
    )
    assert "ownership" not in finding.message


def test_findings_are_grouped_under_the_five_conditions_with_a_status() -> None:
    report = check(exemplary(dream="", neutral_ground="", pitch=""), facts=ON_RECORD)
    assert [c.key for c in report.conditions] == list(CONDITION_KEYS)
    status = {c.key: c.status for c in report.conditions}
    assert status == {
        "common_ground": "warning",
        "right_partners": "ok",  # only information: the missing pitch
        "formal_informal": "ok",
        "solidarity_fairness": "ok",
        "independence": "ok",
    }
    grouped = {c.key: [f.id for f in c.findings] for c in report.conditions}
    assert grouped["common_ground"] == ["dream_missing"]
    assert grouped["right_partners"] == ["pitch_missing"]
    assert grouped["independence"] == ["neutral_ground_missing"]


def test_every_finding_cites_a_section_and_a_case_of_the_publication() -> None:
    report = check({"schema": "grenzeloos.canvas/1", "subject": "Leeg"}, facts=Facts(False))
    assert report.count("warning") >= 4
    for finding in report.findings:
        assert finding.lesson.section
        if finding.lesson.case is not None:
            assert finding.lesson.case in CASES
    # Typed in from the publication (the titles themselves are checked against its text in
    # tests/test_cited_titles.py): the empty dream cites SchuldenlabNL's story and section.
    dream = next(f for f in report.findings if f.id == "dream_missing")
    assert dream.lesson.to_json() | {"text": ""} == {
        "key": "shared_dream",
        "section": "Bouwen aan vertrouwen › Investeren in common ground",
        "case": "SchuldenlabNL",
        "story": "Samenwerken op basis van vertrouwen",
        "text": "",
    }


def test_messages_and_lessons_come_in_the_chosen_language() -> None:
    document = exemplary(dream="")
    english = check(document, facts=ON_RECORD, language="en").findings[0]
    dutch = check(document, facts=ON_RECORD, language="nl").findings[0]
    assert english.id == dutch.id == "dream_missing"
    assert english.message.startswith("The dream is empty")
    assert dutch.message.startswith("De droom is leeg")
    assert dutch.lesson.text != english.lesson.text
    assert "SchuldenlabNL" in dutch.lesson.text
    assert (
        check(document, language="nl").to_json()["conditions"][0]["title"]
        == "Investeren in common ground"
    )


def _time(partner: dict[str, Any], amount: float, unit: str) -> dict[str, Any]:
    return {
        **partner,
        "contributions": [
            {"kind": "people", "description": "Inzet", "amount": amount, "unit": unit}
        ],
    }


def test_time_weighs_fte_and_hours_together(settings) -> None:
    """One fte (1600 hours) outweighs 200 and 100 hours: the bank, not the school, gives most
    of the time (counting hours alone once named the school with 200 of 300 hours)."""
    settings.LEDGER_FTE_HOURS = 1600
    government, bank, school, council = exemplary()["partners"]
    document = exemplary(
        neutral_ground="",
        agreements_checklist={**EXEMPLARY["agreements_checklist"], "money_location": "spread"},
        partners=[
            {**government, "contributions": []},
            _time(bank, 1, "fte"),
            _time(school, 200, "hours"),
            _time(council, 100, "hours"),
        ],
    )
    finding = findings(document)["dominant_contributor"]
    assert finding.severity == "warning"
    assert finding.message.startswith(
        "Spaarbank Oost supplies 84% of the time (hours and fte together, one fte as 1600 hours) "
        "contributed."
    )
    assert finding.fields == ("partners[1].contributions", "neutral_ground")


def test_money_is_weighed_beside_time() -> None:
    government, bank, school, council = exemplary()["partners"]
    document = exemplary(
        neutral_ground="",
        partners=[
            {**government, "contributions": []},
            {
                **bank,
                "contributions": [
                    {"kind": "money", "description": "x", "amount": 50000, "unit": "EUR"}
                ],
            },
            _time(school, 100, "hours"),
            _time(council, 100, "hours"),
        ],
    )
    messages = [f.message for f in check(document, facts=ON_RECORD).findings]
    assert "Spaarbank Oost supplies 100% of the euros contributed." in " ".join(messages)


def test_each_finding_says_where_to_act_on_it() -> None:
    document = exemplary(dream="", neutral_ground="")
    government, bank, school, council = document["partners"]
    document["partners"] = [government, _time(bank, 2, "fte"), school, council]
    found = findings(document, Facts(has_legal_assessment=False))
    assert found["dream_missing"].act == ({"place": "canvas", "anchor": "field-dream"},)
    assert found["government_money_without_legal_check"].act == (
        {"place": "canvas", "anchor": "field-partners"},
        {"place": "legal"},
    )
    assert found["dominant_contributor"].act == (
        {"place": "canvas", "anchor": "field-partners"},
        {"place": "ledger"},
    )
    # Without a collaboration (a canvas file checked on its own) there is no address to give.
    assert found["dream_missing"].to_json()["act"] == [{"place": "canvas", "anchor": "field-dream"}]


def test_one_government_partner_takes_the_singular_verb() -> None:
    """ "Gemeente Zwolle draagt", not "dragen": the verb agrees with the number of names."""
    name = exemplary()["partners"][0]["name"]
    message = findings(exemplary(), Facts(), language="nl")[
        "government_money_without_legal_check"
    ].message
    assert message.startswith(f"{name} draagt als overheid geld bij.")
    two = exemplary()
    two["partners"][1].update(copy.deepcopy(two["partners"][0]) | {"name": "Provincie Utrecht"})
    message = findings(two, Facts(), language="nl")["government_money_without_legal_check"].message
    assert message.startswith(f"{name}, Provincie Utrecht dragen als overheid geld bij.")


def test_the_counts_take_their_own_plural() -> None:
    """ "1 waarschuwing, 1 advies, 0 opmerkingen", not "1 waarschuwingen"."""
    document = exemplary()
    report = check(document, facts=Facts(has_legal_assessment=False), language="nl")
    assert (report.count("warning"), report.count("advice"), report.count("info")) == (1, 0, 0)
    with translation.override("nl"):
        assert report.counts_text() == "1 waarschuwing, 0 adviezen, 0 opmerkingen"
    with translation.override("en"):
        assert report.counts_text() == "1 warning, 0 points of advice, 0 notes"
