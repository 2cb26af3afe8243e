"""Wizard question tests: complete, bilingual, and only relevant questions are asked.

Why: the wizard shows one question per screen; a missing translation or an irrelevant question
would confuse the civil servant filling it in.
"""

from __future__ import annotations

from grenzeloos.legal.answers import AID_CRITERIA
from grenzeloos.legal.questions import QUESTIONS, next_question, relevant_questions


def test_every_question_is_bilingual_and_has_an_example() -> None:
    keys = [q.key for q in QUESTIONS]
    assert len(keys) == len(set(keys))
    for question in QUESTIONS:
        for texts in (question.text, question.explanation, question.example):
            assert texts["nl"].strip() and texts["en"].strip()
            assert texts["nl"] != texts["en"]
        assert question.kind in ("choice", "bool", "amount", "count", "date", "text", "partners")
        assert bool(question.choices) == (question.kind == "choice")


def test_first_questions_are_date_then_role() -> None:
    assert next_question({}).key == "on_date"
    assert next_question({"on_date": "2026-01-01"}).key == "government_role"


def test_funder_skips_procurement_questions() -> None:
    keys = {q.key for q in relevant_questions({"government_role": "funder"})}
    assert "contract.estimated_value_eur" not in keys
    # Asked of a funder too: a payment that buys an enforceable performance may be a contract.
    assert "consideration" in keys
    assert "aid.state_resources" in keys


def test_funder_with_consideration_gets_procurement_questions_too() -> None:
    data = {"government_role": "funder", "consideration": True}
    keys = {q.key for q in relevant_questions(data)}
    assert {"contract.estimated_value_eur", "aid.state_resources"} <= keys


def test_failed_criterion_ends_the_state_aid_questions() -> None:
    data = {"on_date": "2026-01-01", "government_role": "funder", "aid": {"selective": False}}
    keys = {q.key for q in relevant_questions(data)}
    assert "aid.amount_eur" not in keys
    assert "aid.gber_category" not in keys


def test_rd_question_only_for_rd_services() -> None:
    base = {"government_role": "client", "consideration": True}
    assert "contract.rd_benefits_not_exclusive" not in {
        q.key for q in relevant_questions({**base, "contract": {"kind": "works"}})
    }
    assert "contract.rd_benefits_not_exclusive" in {
        q.key for q in relevant_questions({**base, "contract": {"kind": "rd_services"}})
    }


def test_size_figures_only_when_size_unknown() -> None:
    data = {"government_role": "funder", "aid": {"beneficiary": {"size": "small"}}}
    keys = {q.key for q in relevant_questions(data)}
    assert "aid.beneficiary.staff" not in keys


def test_a_consortium_is_asked_per_beneficiary() -> None:
    base = {
        "on_date": "2026-03-01",
        "government_role": "funder",
        "consideration": False,
        "aid": {c: True for c in AID_CRITERIA},
    }
    single = {q.key for q in relevant_questions(base)}
    assert {"aid.beneficiaries", "aid.amount_eur", "aid.beneficiary.size"} <= single
    assert "aid.indirect_aid_safeguard" not in single
    companies = {**base, "aid": {**base["aid"], "beneficiaries": [{"name": "A"}, {"name": "B"}]}}
    keys = {q.key for q in relevant_questions(companies)}
    assert "aid.beneficiaries" in keys and "aid.gber_category" in keys
    assert not keys & {
        "aid.amount_eur",
        "aid.de_minimis_received_eur",
        "aid.beneficiary.size",
        "aid.eligible_costs_eur",
        "aid.effective_collaboration",
    }
    assert "aid.indirect_aid_safeguard" not in keys
    with_university = {
        **base,
        "aid": {
            **base["aid"],
            "beneficiaries": [{"name": "A"}, {"name": "U", "research_organisation": True}],
        },
    }
    assert "aid.indirect_aid_safeguard" in {q.key for q in relevant_questions(with_university)}
    # No aid (a criterion answered no): no beneficiaries asked either.
    no_aid = {**base, "aid": {**base["aid"], "selective": False}}
    assert "aid.beneficiaries" not in {q.key for q in relevant_questions(no_aid)}
