"""What every step of a challenge shares: the case's figures, checks of what people type,
and finding a challenge or submission for someone allowed to see it.

Kept in one place so that each step checks access and input the same way: a challenge is
found through the collaboration's access rules (:func:`challenge_for`), changed only by its
owner (:func:`_owned`, which also locks it), and a submission is found through its
challenge (:func:`_submission`).
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from grenzeloos.collaborations.access import collaboration_for
from grenzeloos.core.errors import FieldError, NotFound, PermissionDenied
from grenzeloos.core.users import Actor
from grenzeloos.processes.access import CHALLENGE_VIEW
from grenzeloos.processes.models import Assessor, Challenge, Submission

#: The case's minimum for the prototype phase (Start-up in Residence asks management for at
#: least this much before a challenge goes out).
MINIMUM_BUDGET = Decimal("20000")
#: The case's criteria: innovative capacity, social and economic value, scalability.
DEFAULT_CRITERIA = (
    {"key": "innovation", "weight": 1},
    {"key": "value", "weight": 1},
    {"key": "scalability", "weight": 1},
)
SCORES = range(1, 6)
PITCHES = 3
CENT = Decimal("0.01")


def _text(value: str, field: str, limit: int) -> str:
    text = (value or "").strip()
    if not text:
        raise FieldError(field, _("this is required"))
    if len(text) > limit:
        raise FieldError(field, _("at most %(limit)s characters") % {"limit": limit})
    return text


def _amount(value: Decimal, field: str) -> Decimal:
    if not value.is_finite() or value < 0:
        raise FieldError(field, _("must be 0 or more"))
    return value.quantize(CENT)


def challenge_for(actor: Actor, challenge_id: int, action: str = CHALLENGE_VIEW) -> Challenge:
    challenge = Challenge.objects.filter(pk=challenge_id).first()
    if challenge is None:
        raise NotFound(_("challenge %(id)s not found") % {"id": challenge_id})
    collaboration_for(actor, challenge.collaboration_id, action)
    return challenge


def _owned(actor: Actor, challenge_id: int) -> Challenge:
    challenge = challenge_for(actor, challenge_id)
    if challenge.owner_id != actor.pk:
        raise PermissionDenied(_("only the owner of the challenge may do this"))
    return Challenge.objects.select_for_update().get(pk=challenge.pk)


def _assessor(actor: Actor, challenge: Challenge) -> None:
    if not Assessor.objects.filter(challenge=challenge, user=actor).exists():
        raise PermissionDenied(_("only the assessors of this challenge may do this"))


def _submission(actor: Actor, submission_id: int) -> Submission:
    submission = Submission.objects.select_related("challenge").filter(pk=submission_id).first()
    if submission is None:
        raise NotFound(_("submission %(id)s not found") % {"id": submission_id})
    collaboration_for(actor, submission.challenge.collaboration_id, CHALLENGE_VIEW)
    return submission
