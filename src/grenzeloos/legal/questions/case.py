"""Optional facts of the case, printed at the top of the statement of reasons."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from grenzeloos.legal.questions.model import Question
from grenzeloos.legal.questions.relevance import _always, _may_be_client
from grenzeloos.legal.translated import Translated

CASE: tuple[Question, ...] = (
    *(
        Question(
            key=f"case.{name}",
            kind="text",
            text=text,
            explanation=Translated(
                _(
                    "Optional. This goes at the top of the statement of reasons, with the facts of "
                    "the case; it does not change the outcome."
                )
            ),
            example=example,
            relevant=_always,
        )
        for name, text, example in (
            (
                "subject",
                Translated(_("What is the subject of this check?")),
                Translated(_("Smart dykes test site")),
            ),
            (
                "description",
                Translated(_("Describe the measure in a few sentences.")),
                Translated(
                    _(
                        "The province co-funds a test site where three parties test "
                        "sensors in dykes."
                    )
                ),
            ),
            (
                "granting_body",
                Translated(
                    _(
                        "Which public body grants the contribution, or which contracting authority "
                        "buys?"
                    )
                ),
                Translated(_("The provincial executive")),
            ),
            (
                "beneficiaries",
                Translated(_("Who receive the contribution, or who is the contractor?")),
                Translated(_("An SME, a large engineering firm and a university")),
            ),
            (
                "legal_basis",
                Translated(
                    _(
                        "On what legal basis is the contribution granted (Awb title 4.2 or "
                        "a subsidy scheme), or which purchasing decision does the contract "
                        "rest on?"
                    )
                ),
                Translated(_("The province's innovation subsidy scheme")),
            ),
        )
    ),
    Question(
        key="case.duration",
        kind="text",
        text=Translated(
            _("For how long is the contract awarded, with which options and renewals?")
        ),
        explanation=Translated(
            _(
                "Optional. The statement of reasons names the term and the options with the "
                "procedure chosen; it does not change the outcome (their value is asked "
                "above)."
            )
        ),
        example=Translated(_("Two years, with an option to renew once for one year")),
        relevant=_may_be_client,
    ),
)
