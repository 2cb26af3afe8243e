"""From the ranking to the winner: the best three are invited to pitch, send a final
proposal, and the owner records the winner with a reason and the amount awarded.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from grenzeloos.audit.services import record
from grenzeloos.core.errors import Conflict, FieldError, NotFound, PermissionDenied
from grenzeloos.core.users import Actor
from grenzeloos.processes.models import Challenge, Submission

from .assessment import ranking
from .common import PITCHES, _amount, _owned, _submission, _text


@transaction.atomic
def invite_best(*, actor: Actor, challenge_id: int) -> list[Submission]:
    """Invite the best three to pitch (those tied with the third too)."""
    challenge = _owned(actor, challenge_id)
    best = [
        row.submission.pk
        for row in ranking(actor=actor, challenge_id=challenge.pk)
        if row.rank <= PITCHES
    ]
    Submission.objects.filter(pk__in=best).update(invited_to_pitch=True)
    invited = list(Submission.objects.filter(pk__in=best).order_by("pk"))
    record(
        actor=actor,
        action="challenges.invited",
        target=challenge,
        data={"submissions": [s.pk for s in invited]},
    )
    return invited


@transaction.atomic
def propose(*, actor: Actor, submission_id: int, specification: str, amount: Decimal) -> Submission:
    """The final proposal of an invited submission: the prototype's specification and amount."""
    submission = _submission(actor, submission_id)
    if submission.submitted_by_id != actor.pk:
        raise PermissionDenied(_("only who sent the submission may send its proposal"))
    if not submission.invited_to_pitch:
        raise Conflict(_("only a submission invited to pitch sends a final proposal"))
    submission.proposal = _text(specification, "specification", 10000)
    submission.proposal_amount = _amount(amount, "amount")
    submission.save(update_fields=["proposal", "proposal_amount"])
    record(actor=actor, action="challenges.proposed", target=submission)
    return submission


@transaction.atomic
def choose_winner(*, actor: Actor, challenge_id: int, submission_id: int, reason: str) -> Challenge:
    challenge = _owned(actor, challenge_id)
    submission = Submission.objects.filter(pk=submission_id, challenge=challenge).first()
    if submission is None:
        raise NotFound(_("submission %(id)s not found") % {"id": submission_id})
    if submission.proposal_amount is None:
        raise Conflict(_("the winner is chosen from the final proposals"))
    if submission.proposal_amount > challenge.budget:
        raise FieldError("submission", _("the proposal asks more than the budget"))
    if challenge.winner_id is not None:
        raise Conflict(_("the winner is on record already"))
    challenge.winner = submission
    challenge.winner_reason = _text(reason, "reason", 4000)
    challenge.awarded_amount = submission.proposal_amount
    challenge.save(update_fields=["winner", "winner_reason", "awarded_amount"])
    record(
        actor=actor,
        action="challenges.winner",
        target=challenge,
        data={"submission": submission.pk},
    )
    return challenge
