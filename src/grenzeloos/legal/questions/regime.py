"""The first questions: the reference date, the government's role and consideration."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from grenzeloos.legal.answers import (
    GOVERNMENT_ROLES,
)
from grenzeloos.legal.questions.model import Question
from grenzeloos.legal.questions.relevance import _always
from grenzeloos.legal.translated import Translated

REGIME: tuple[Question, ...] = (
    Question(
        key="on_date",
        kind="date",
        text=Translated(_("On what date does the procedure start or is the aid granted?")),
        explanation=Translated(
            _(
                "Thresholds and aid rules apply per period. For a tender the date the notice "
                "is sent counts; for aid the date on which the right to the aid arises."
            )
        ),
        example=Translated(
            _(
                "A municipality that publishes a notice in January uses the thresholds of the "
                "new year, even if preparations began in December."
            )
        ),
        relevant=_always,
        required=True,
    ),
    Question(
        key="government_role",
        kind="choice",
        choices=GOVERNMENT_ROLES,
        text=Translated(_("What role does the government take in this collaboration?")),
        explanation=Translated(
            _(
                "The role is the starting point. A client buys something and meets procurement "
                "law. A funder, facilitator or partner stimulates, and then State aid law is "
                "the test."
            )
        ),
        example=Translated(
            _(
                "A province that only offers an innovation campus a venue and a network is a "
                "facilitator; a ministry that has an app built for its own use is a client."
            )
        ),
        relevant=_always,
    ),
    Question(
        key="consideration",
        kind="bool",
        text=Translated(_("Is there enforceable performance both ways (consideration)?")),
        explanation=Translated(
            _(
                "Consideration means the government does something, usually paying or granting "
                "an exclusive right, and the other party must deliver a specific performance "
                "in return that the government can enforce. Sharing knowledge, giving a "
                "guarantee or a subsidy that can be withdrawn is not."
            )
        ),
        example=Translated(
            _(
                "A water board that pays a company to deliver a sensor network and can demand "
                "delivery has consideration; a municipality that subsidises a start-up "
                "programme without demanding anything back does not."
            )
        ),
        relevant=_always,
    ),
)
