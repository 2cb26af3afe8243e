"""Rules of the first condition, the right partners: enough of them, from the helix's worlds,
with end users, problem owners, a sponsor at board level and a substantive contribution each."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from grenzeloos.guidance.advice.model import Severity
from grenzeloos.guidance.advice.reading import (
    END_USER_TERMS,
    HELIX,
    SPONSOR_TERMS,
    _Canvas,
    _is_partner,
    _partner_path,
)
from grenzeloos.guidance.advice.registry import _rule
from grenzeloos.publication import Sector


@_rule("right_partners", "beyond_one_party")
def _partners_too_few(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    if not canvas.partners:
        yield (
            "no_partners",
            "warning",
            ["partners"],
            _(
                "No partners are named yet. Collaborative innovation tackles a challenge no "
                "single party can take on: name who you work with, and why."
            ),
        )
    elif len(canvas.partners) == 1:
        yield (
            "single_partner",
            "warning",
            ["partners"],
            _(
                "Only one partner is named (%(name)s). Which other parties share the problem or "
                "are needed to solve it?"
            )
            % {"name": canvas.partners[0].get("name", "")},
        )


@_rule("right_partners", "founding_partners")
def _no_founding_partner(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    if canvas.partners and not any(p.get("role") == "founding" for p in canvas.partners):
        yield (
            "no_founding_partner",
            "advice",
            ["partners"],
            _(
                "None of the partners is a founding partner. Say who the initiators are: they "
                "carry the collaboration at the start."
            ),
        )


def _helix_label(world: str) -> str:
    labels = {
        Sector.GOVERNMENT: _("government"),
        Sector.BUSINESS: _("business"),
        Sector.KNOWLEDGE: _("knowledge institutions"),
        "society": _("civil society or citizens"),
    }
    return labels[world]


@_rule("right_partners", "quadruple_helix")
def _helix_sectors_missing(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    if not canvas.partners:
        return
    present = {p.get("sector") for p in canvas.partners}
    missing = [world for world, sectors in HELIX.items() if not present & set(sectors)]
    if missing:
        yield (
            "helix_sectors_missing",
            "info",
            ["partners"],
            ngettext(
                "Of the quadruple helix, %(sectors)s does not take part yet. Who from this "
                "world shares the challenge?",
                "Of the quadruple helix, %(sectors)s do not take part yet. Who from these "
                "worlds shares the challenge?",
                len(missing),
            )
            % {"sectors": ", ".join(_helix_label(world) for world in missing)},
        )


@_rule("right_partners", "end_users")
def _no_end_users(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    society = any(p.get("sector") in HELIX["society"] for p in canvas.partners)
    if not society and not canvas.vocabulary.mentions(END_USER_TERMS):
        yield (
            "no_end_users",
            "advice",
            ["partners"],
            _(
                "No citizens, end users or civil society take part, and the canvas does not say "
                "how they are involved. Involve end users from the start: it binds the partners "
                "and keeps the problem real."
            ),
        )


@_rule("right_partners", "substantive_contribution")
def _partner_without_contribution(
    canvas: _Canvas,
) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    for partner in canvas.partners:
        if _is_partner(partner) and not partner.get("contributions"):
            yield (
                "partner_without_contribution",
                "advice",
                [_partner_path(canvas, partner, ".contributions")],
                _(
                    "%(name)s does not contribute anything yet. Partners who contribute in "
                    "substance (people, knowledge, a place, money) feel ownership."
                )
                % {"name": partner.get("name", "")},
            )


@_rule("right_partners", "problem_owners_first")
def _no_problem_owner(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    if canvas.partners and not any(p.get("problem_owner") for p in canvas.partners):
        yield (
            "no_problem_owner",
            "advice",
            ["partners"],
            _(
                "None of the partners is marked as a problem owner. Start with the parties that "
                "own the problem, not with those that bring solutions."
            ),
        )


@_rule("right_partners", "executive_sponsor")
def _no_board_sponsor(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    if not canvas.vocabulary.mentions(SPONSOR_TERMS):
        yield (
            "no_board_sponsor",
            "advice",
            ["governance"],
            _(
                "No executive sponsor is mentioned. A sponsor at board level keeps support for "
                "the collaboration inside and outside the partner organisations."
            ),
        )


@_rule("right_partners", "repeat_the_pitch")
def _pitch_missing(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    if not canvas.text("pitch"):
        yield (
            "pitch_missing",
            "info",
            ["pitch"],
            _(
                "There is no pitch yet. Make one together and repeat it, inside and outside the "
                "partner organisations; the pitch builder can draft a first version."
            ),
        )
