"""The ranking and the decision for the file: as a document of the shared document model
(PDF, ODT, DOCX, Markdown) and as CSV.

Both read the ranking through :func:`.assessment.ranking`, so an export shows nobody a score
before scoring is done.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from grenzeloos.core.amounts import format_money
from grenzeloos.core.users import Actor
from grenzeloos.documents.model import Document, Heading, KeyValue, Paragraph, Table
from grenzeloos.processes.models import Challenge, Submission

from .assessment import ranking
from .call import procurement_check
from .common import challenge_for


def decision_document(*, actor: Actor, challenge_id: int, language: str) -> Document:
    """The challenge's ranking and decision for the file (the shared document model: PDF, ODT,
    DOCX, Markdown). Like the ranking, only once scoring is done, so an export shows nobody a
    score early."""
    challenge = challenge_for(actor, challenge_id)
    rows = ranking(actor=actor, challenge_id=challenge.pk)
    with translation.override(language):
        check = procurement_check(challenge)
        facts = [
            (_("Theme"), challenge.theme),
            (_("Problem statement"), challenge.problem),
            (_("Owner"), challenge.owner.get_username() if challenge.owner else "—"),
            (_("Budget for the prototype phase"), format_money(challenge.budget, language)),
            (
                _("Procurement"),
                f"{check.title} ({check.regime or _('not determined yet')})"
                if check
                else _("No legal route check linked."),
            ),
        ]
        blocks: list[Any] = [
            KeyValue(tuple(facts)),
            Heading(_("Ranking")),
            Table(
                (_("Rank"), _("Submission"), _("Organisation"), _("Weighted score")),
                tuple(
                    (
                        f"{row.rank}{' (' + _('tie') + ')' if row.tied else ''}",
                        row.submission.title,
                        row.submission.organisation,
                        str(row.total),
                    )
                    for row in rows
                ),
            ),
            Heading(_("Final proposals")),
        ]
        proposals = _proposals(challenge)
        if proposals:
            blocks.append(
                Table(
                    (_("Submission"), _("Organisation"), _("Prototype specification"), _("Amount")),
                    tuple(
                        (
                            p.title,
                            p.organisation,
                            p.proposal,
                            format_money(p.proposal_amount, language)
                            if p.proposal_amount is not None
                            else "—",
                        )
                        for p in proposals
                    ),
                )
            )
        else:
            blocks.append(Paragraph(_("No final proposal on record yet.")))
        blocks.append(Heading(_("Decision")))
        winner = next((p for p in proposals if p.pk == challenge.winner_id), None)
        if winner is not None and challenge.awarded_amount is not None:
            blocks.append(
                KeyValue(
                    (
                        (_("Winner"), f"{winner.title} ({winner.organisation})"),
                        (_("Prototype specification"), winner.proposal),
                        (_("Awarded amount"), format_money(challenge.awarded_amount, language)),
                        (_("Reason"), challenge.winner_reason),
                    )
                )
            )
        else:
            blocks.append(Paragraph(_("No winner on record yet.")))
        return Document(title=challenge.title, language=language, blocks=tuple(blocks))


def _proposals(challenge: Challenge) -> list[Submission]:
    """The final proposals sent after the pitch, in the order they were submitted."""
    return list(
        Submission.objects.filter(challenge=challenge)
        .exclude(proposal_amount=None)
        .only("pk", "title", "organisation", "proposal", "proposal_amount")
        .order_by("pk")
    )


def ranking_csv(*, actor: Actor, challenge_id: int) -> str:
    """The ranking and the decision as CSV: per submission its rank, tie, organisation, total,
    mean per criterion, whether it was invited to pitch, its final proposal and amount, and on
    the winner's row the owner's reason."""
    challenge = challenge_for(actor, challenge_id)
    rows = ranking(actor=actor, challenge_id=challenge.pk)
    keys = [c["key"] for c in challenge.criteria]
    out = io.StringIO()
    writer = csv.writer(out)
    proposals = {p.pk: p for p in _proposals(challenge)}
    writer.writerow(
        [
            "rank",
            "tied",
            "submission",
            "organisation",
            "total",
            *keys,
            "invited_to_pitch",
            "proposal",
            "proposal_amount",
            "winner",
            "reason",
        ]
    )
    invited = set(
        Submission.objects.filter(challenge=challenge, invited_to_pitch=True).values_list(
            "pk", flat=True
        )
    )
    for row in rows:
        proposal = proposals.get(row.submission.pk)
        won = row.submission.pk == challenge.winner_id
        writer.writerow(
            [
                row.rank,
                "yes" if row.tied else "no",
                row.submission.title,
                row.submission.organisation,
                row.total,
                *["" if row.means[k] is None else row.means[k] for k in keys],
                "yes" if row.submission.pk in invited else "no",
                proposal.proposal if proposal else "",
                proposal.proposal_amount if proposal else "",
                "yes" if won else "no",
                challenge.winner_reason if won else "",
            ]
        )
    return out.getvalue()
