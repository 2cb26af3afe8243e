"""Rules of the third condition, formal and informal: the means named, ownership anchored,
the legal route of government money checked, funders apart from the board, agreements made."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from grenzeloos.guidance.advice.model import Severity
from grenzeloos.guidance.advice.reading import (
    BOARD_WORDS,
    FUNDER_WORDS,
    LIABILITY_WORDS,
    MONEY_WORDS,
    NEGATION_WORDS,
    OWNERSHIP_WORDS,
    _Canvas,
    _has_money,
    _names,
    _partner_path,
    _sentences,
)
from grenzeloos.guidance.advice.registry import _rule


@_rule("formal_informal", "name_the_means")
def _financing_missing(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    if not canvas.text("financing"):
        yield (
            "financing_missing",
            "advice",
            ["financing"],
            _(
                "Financing is empty. Which means do the collaboration and its projects need, "
                "and who provides them?"
            ),
        )


@_rule("formal_informal", "anchor_ownership")
def _governance_missing(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    if not canvas.text("governance"):
        yield (
            "governance_missing",
            "advice",
            ["governance"],
            _(
                "Governance is empty. How do you take decisions, and how do you keep every "
                "partner involved?"
            ),
        )


@_rule("formal_informal", "legal_route")
def _government_money_without_legal_check(
    canvas: _Canvas,
) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    paying = [p for p in canvas.partners if p.get("sector") == "government" and _has_money(p)]
    if not paying or canvas.facts.has_legal_assessment:
        return
    fields = [_partner_path(canvas, p, ".contributions") for p in paying] + ["financing"]
    names = _names(paying)
    if canvas.facts.has_legal_assessment is None:
        yield (
            "government_money_without_legal_check",
            "advice",
            fields,
            ngettext(
                "%(names)s contributes money as a government. Make sure a legal route check "
                "(procurement or state aid) is on record and motivates that choice.",
                "%(names)s contribute money as a government. Make sure a legal route check "
                "(procurement or state aid) is on record and motivates that choice.",
                len(paying),
            )
            % {"names": names},
        )
    else:
        yield (
            "government_money_without_legal_check",
            "warning",
            fields,
            ngettext(
                "%(names)s contributes money as a government, but no legal route check is on "
                "record. Check early whether procurement law or state-aid law applies, and "
                "motivate the choice.",
                "%(names)s contribute money as a government, but no legal route check is on "
                "record. Check early whether procurement law or state-aid law applies, and "
                "motivate the choice.",
                len(paying),
            )
            % {"names": names},
        )


@_rule("formal_informal", "clean_funding")
def _financier_in_board(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    funders = [p for p in canvas.partners if _has_money(p)]
    placed: list[str] = []
    generic = False
    for sentence in _sentences(canvas.text("governance")):
        # "The subsidy giver is not on the supervisory board" follows the lesson.
        if not BOARD_WORDS.search(sentence) or NEGATION_WORDS.search(sentence):
            continue
        lowered = sentence.casefold()
        for partner in funders:
            name = str(partner.get("name", "")).strip()
            if name and name.casefold() in lowered and name not in placed:
                placed.append(name)
        if FUNDER_WORDS.search(sentence):
            generic = True
    if placed or generic:
        who = ", ".join(placed) if placed else _("a financier or subsidy giver")
        yield (
            "financier_in_board",
            "warning",
            ["governance"],
            _(
                "The governance places %(who)s on the supervisory or advisory board. Keep "
                "accounting for funding apart from the partnership: a line of accountability "
                "often works better than a board seat."
            )
            % {"who": who},
        )


def _topic_label(topic: str) -> str:
    labels = {
        "ownership": _("ownership of what is made together"),
        "liability": _("liability"),
        "money": _("where the money sits and how it flows"),
    }
    return labels[topic]


@_rule("formal_informal", "record_agreements")
def _agreements_open(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    checklist = canvas.checklist
    text = canvas.text("agreements")
    covered = {
        "ownership": bool(checklist.get("ownership")) or bool(OWNERSHIP_WORDS.search(text)),
        "liability": bool(checklist.get("liability")) or bool(LIABILITY_WORDS.search(text)),
        "money": bool(checklist.get("money_location") or checklist.get("money_flows"))
        or bool(MONEY_WORDS.search(text)),
    }
    open_topics = [topic for topic, done in covered.items() if not done]
    if open_topics:
        paths = {
            "ownership": "agreements_checklist.ownership",
            "liability": "agreements_checklist.liability",
            "money": "agreements_checklist.money_location",
        }
        yield (
            "agreements_open",
            "advice",
            ["agreements", *(paths[topic] for topic in open_topics)],
            _(
                "Agreements on %(topics)s are still open. Record them once trust is in place, "
                "and before a result is within reach."
            )
            % {"topics": ", ".join(_topic_label(topic) for topic in open_topics)},
        )
