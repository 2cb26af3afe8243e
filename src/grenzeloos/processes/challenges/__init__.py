"""Use cases of a challenge, from call to prototype (the start-up challenge of the publication).

The owner (the civil servant who puts the challenge out) names the assessors; members send
submissions; assessors declare conflicts of interest and score on weighted criteria. An
assessor sees only their own scores until every assessor has scored every submission they may
score, or the owner closes scoring: only then are scores, ranking and everything derived from
them shown to anybody. The best three are invited to pitch, send a final proposal, and the
owner records the winner with a reason; then monthly milestones, each accepted and paid, whose
payments never exceed the awarded amount.

One module per step: :mod:`.call` (the challenge, its procurement check and assessors),
:mod:`.submissions`, :mod:`.files` (a submission's attachments), :mod:`.assessment`
(interests, scores, ranking), :mod:`.award` (pitch, proposal, winner), :mod:`.milestones`
and :mod:`.reports` (the decision as document and CSV); :mod:`.common` holds what they
share. This package was one module until it passed the house limit of about 800 lines; it
re-exports what that module offered, so ``challenges.submit(...)`` and the like keep working.
"""

from __future__ import annotations

from .assessment import (
    Ranked,
    RankedSubmission,
    VisibleScore,
    close_scoring,
    declare_interest,
    ranked_submissions,
    ranking,
    score,
    scores_open,
    scoring_complete,
    visible_scores,
)
from .award import choose_winner, invite_best, propose
from .call import add_assessor, create_challenge, link_procurement_check, procurement_check
from .common import CENT, DEFAULT_CRITERIA, MINIMUM_BUDGET, PITCHES, SCORES, challenge_for
from .files import (
    ATTACHMENT_KINDS,
    ATTACHMENT_TYPES,
    ATTACHMENTS_MAX,
    attach,
    attachment_for,
    attachment_limit,
    attachments,
    may_read_submission,
    megabytes,
)
from .milestones import accept_milestone, add_months, paid_total, pay_milestone, plan_milestones
from .reports import decision_document, ranking_csv
from .submissions import submit, submitting_organisations

__all__ = [
    "ATTACHMENTS_MAX",
    "ATTACHMENT_KINDS",
    "ATTACHMENT_TYPES",
    "CENT",
    "DEFAULT_CRITERIA",
    "MINIMUM_BUDGET",
    "PITCHES",
    "SCORES",
    "Ranked",
    "RankedSubmission",
    "VisibleScore",
    "accept_milestone",
    "add_assessor",
    "add_months",
    "attach",
    "attachment_for",
    "attachment_limit",
    "attachments",
    "challenge_for",
    "choose_winner",
    "close_scoring",
    "create_challenge",
    "decision_document",
    "declare_interest",
    "invite_best",
    "link_procurement_check",
    "may_read_submission",
    "megabytes",
    "paid_total",
    "pay_milestone",
    "plan_milestones",
    "procurement_check",
    "propose",
    "ranked_submissions",
    "ranking",
    "ranking_csv",
    "score",
    "scores_open",
    "scoring_complete",
    "submit",
    "submitting_organisations",
    "visible_scores",
]
