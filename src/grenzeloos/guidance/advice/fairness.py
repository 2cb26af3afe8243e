"""Rules of the fourth condition, solidarity and fairness: honest interests of each partner
and a collective interest next to them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from django.utils.translation import gettext as _

from grenzeloos.guidance.advice.model import Severity
from grenzeloos.guidance.advice.reading import _Canvas, _partner_path
from grenzeloos.guidance.advice.registry import _rule


@_rule("solidarity_fairness", "honest_interests")
def _partner_without_interest(
    canvas: _Canvas,
) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    for partner in canvas.partners:
        if not partner.get("interests"):
            yield (
                "partner_without_interest",
                "advice",
                [_partner_path(canvas, partner, ".interests")],
                _(
                    "%(name)s has no interest stated. Be open about what each partner wants from "
                    "the collaboration: it builds trust and helps them explain it at home."
                )
                % {"name": partner.get("name", "")},
            )


@_rule("solidarity_fairness", "collective_interest")
def _no_societal_interest(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    if canvas.partners and not any(
        "societal" in (p.get("interests") or []) for p in canvas.partners
    ):
        yield (
            "no_societal_interest",
            "info",
            ["partners"],
            _(
                "No partner names contributing to society among its interests. Is the "
                "collective interest felt, next to each partner's own?"
            ),
        )
