"""The health pulse: the publication's conditions for trust as a short survey, and what may be
shown of the answers. Plain functions, no database.

Anonymity: answers carry no person, no time and no order (the services store them apart from
who answered). A group's figures are shown only when at least :data:`THRESHOLD` people of that
group answered in the period; below it nothing of the group is shown, not even how many
answered, and an individual's answer is never shown at any count.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

THRESHOLD = 5
SCALE = (1, 2, 3, 4, 5)

#: The statements, each on a condition for trust the publication names (in our own words).
STATEMENTS = {
    "shared_goal": _("We work towards a goal we share."),
    "energy": _("The collaboration gives me energy."),
    "open_interests": _("Partners are open about their own interests."),
    "equal_voice": _("Every partner has an equal voice, whatever its financial share."),
    "community": _("We feel like a community."),
    "commitment": _("I trust nobody lets go when it gets hard."),
}


@dataclass(frozen=True)
class Aggregate:
    """What may be shown of one group's answers in one period: the mean per statement and its
    colour, or nothing (``shown`` False) below the threshold."""

    shown: bool
    respondents: int | None
    means: Mapping[str, Fraction]

    def colour(self, key: str) -> str:
        return colour(self.means[key]) if key in self.means else ""


def colour(mean: Fraction) -> str:
    """Green from 4 on the 1–5 scale, amber from 3, red below."""
    if mean >= 4:
        return "green"
    if mean >= 3:
        return "amber"
    return "red"


def validate(scores: Mapping[str, int]) -> dict[str, int]:
    """Every statement answered with a whole number on the scale (ValueError names the first
    that is not)."""
    unknown = sorted(set(scores) - set(STATEMENTS))
    if unknown:
        raise ValueError(f"unknown statement {unknown[0]!r}")
    clean = {}
    for key in STATEMENTS:
        value = scores.get(key)
        if isinstance(value, bool) or value not in SCALE:
            raise ValueError(key)
        clean[key] = int(value)
    return clean


def aggregate(answers: Iterable[Mapping[str, int]], *, threshold: int = THRESHOLD) -> Aggregate:
    """The group's means, or nothing when fewer than ``threshold`` answered."""
    rows = list(answers)
    if len(rows) < threshold:
        return Aggregate(shown=False, respondents=None, means={})
    means = {key: Fraction(sum(row[key] for row in rows), len(rows)) for key in STATEMENTS}
    return Aggregate(shown=True, respondents=len(rows), means=means)
