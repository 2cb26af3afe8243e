"""Use cases of a challenge, from call to prototype (the start-up challenge of the publication).

The owner (the civil servant who puts the challenge out) names the assessors; members send
submissions; assessors declare conflicts of interest and score on weighted criteria. An
assessor sees only their own scores until every assessor has scored every submission they may
score, or the owner closes scoring: only then are scores, ranking and everything derived from
them shown to anybody. The best three are invited to pitch, send a final proposal, and the
owner records the winner with a reason; then monthly milestones, each accepted and paid, whose
payments never exceed the awarded amount.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import hashlib
import io
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from typing import IO, Any

import filetype
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from grenzeloos.audit.services import record
from grenzeloos.collaborations.access import collaboration_for, role_in
from grenzeloos.core.amounts import format_money
from grenzeloos.core.errors import Conflict, FieldError, NotFound, PermissionDenied
from grenzeloos.core.extensions import LegalCheckSummary, legal_checks
from grenzeloos.core.users import Actor
from grenzeloos.documents.model import Document, Heading, KeyValue, Paragraph, Table
from grenzeloos.organisations.models import Organisation
from grenzeloos.organisations.services import may_manage, my_organisations
from grenzeloos.processes.access import CHALLENGE_CREATE, CHALLENGE_SUBMIT, CHALLENGE_VIEW
from grenzeloos.processes.models import (
    Assessor,
    Attachment,
    AttachmentKind,
    Challenge,
    InterestDeclaration,
    Milestone,
    MilestoneStatus,
    Score,
    Submission,
)

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


@transaction.atomic
def create_challenge(
    *,
    actor: Actor,
    collaboration_id: int,
    title: str,
    theme: str,
    problem: str,
    budget: Decimal,
    deadline: dt.date,
    owner_role: str,
    owner_hours: Decimal,
    reserved_budget: Decimal,
    criteria: Sequence[Mapping[str, object]] = DEFAULT_CRITERIA,
    minimum_budget: Decimal = MINIMUM_BUDGET,
) -> Challenge:
    """A challenge owned by ``actor``, with the agreement on their role, hours and the amount
    reserved; the prototype budget must reach ``minimum_budget`` (the case's € 20,000)."""
    collaboration_for(actor, collaboration_id, CHALLENGE_CREATE)
    budget = _amount(budget, "budget")
    if budget < minimum_budget:
        raise FieldError(
            "budget",
            _("the prototype phase needs at least %(minimum)s euros") % {"minimum": minimum_budget},
        )
    keys = [str(c.get("key", "")) for c in criteria]
    weights = [c.get("weight") for c in criteria]
    if not keys or len(set(keys)) != len(keys) or not all(keys):
        raise FieldError("criteria", _("name each criterion once"))
    if not all(isinstance(w, int | float | Decimal) and 0 < w <= 100 for w in weights):
        raise FieldError("criteria", _("each weight is a number above 0, at most 100"))
    challenge = Challenge.objects.create(
        collaboration_id=collaboration_id,
        owner=actor,
        title=_text(title, "title", 200),
        theme=_text(theme, "theme", 200),
        problem=_text(problem, "problem", 10000),
        budget=budget,
        deadline=deadline,
        owner_role=_text(owner_role, "owner_role", 500),
        owner_hours=_amount(owner_hours, "owner_hours"),
        reserved_budget=_amount(reserved_budget, "reserved_budget"),
        criteria=[{"key": k, "weight": float(w)} for k, w in zip(keys, weights, strict=True)],  # type: ignore[arg-type]
    )
    record(actor=actor, action="challenges.created", target=challenge, data={"budget": str(budget)})
    return challenge


@transaction.atomic
def link_procurement_check(*, actor: Actor, challenge_id: int, check_id: int) -> Challenge:
    """Link the legal route check that motivates the challenge's procurement (one of the
    collaboration's checks, read through the legal app's port)."""
    challenge = _owned(actor, challenge_id)
    checks = legal_checks(challenge.collaboration_id)
    if checks is None:
        raise Conflict(_("no legal route check is installed"))
    if check_id not in {check.id for check in checks}:
        raise FieldError(
            "check", _("the collaboration has no legal route check %(id)s") % {"id": check_id}
        )
    challenge.legal_check_id = check_id
    challenge.save(update_fields=["legal_check_id"])
    record(
        actor=actor,
        action="challenges.procurement_linked",
        target=challenge,
        data={"check": check_id},
    )
    return challenge


def procurement_check(challenge: Challenge) -> LegalCheckSummary | None:
    """The linked legal route check as it stands now (None: none linked, or gone)."""
    if challenge.legal_check_id is None:
        return None
    checks = legal_checks(challenge.collaboration_id) or []
    return next((check for check in checks if check.id == challenge.legal_check_id), None)


@transaction.atomic
def add_assessor(*, actor: Actor, challenge_id: int, user: Actor) -> Assessor:
    challenge = _owned(actor, challenge_id)
    if role_in(user, challenge.collaboration_id) is None:
        raise FieldError("user", _("an assessor must take part in the collaboration"))
    if challenge.scores_started():
        raise Conflict(_("scoring has started; the assessors are fixed"))
    assessor, _created = Assessor.objects.get_or_create(challenge=challenge, user=user)
    record(
        actor=actor, action="challenges.assessor_added", target=challenge, data={"user": user.pk}
    )
    return assessor


def submitting_organisations(actor: Actor) -> list[Organisation]:
    """The organisations ``actor`` may submit for: those whose contact person they are (the
    registry's rule, the one the meeting place publishes by)."""
    return list(my_organisations(actor).order_by("name", "pk"))


@transaction.atomic
def submit(
    *, actor: Actor, challenge_id: int, organisation_id: int, title: str, summary: str
) -> Submission:
    """A submission on behalf of an organisation of the shared registry; only its contact
    persons with an account (and who registered it) may send one for it."""
    challenge = challenge_for(actor, challenge_id, CHALLENGE_SUBMIT)
    if timezone.localdate() > challenge.deadline:
        raise Conflict(_("the deadline of this challenge has passed"))
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise FieldError(
            "organisation",
            _("organisation %(id)s is not in the registry") % {"id": organisation_id},
        )
    if not may_manage(user=actor, organisation=organisation):
        raise PermissionDenied(
            _(
                "only the contact persons of %(name)s with an account may send a submission "
                "for it; ask one of them to add you as a contact person in the registry"
            )
            % {"name": organisation.name}
        )
    submission = Submission.objects.create(
        challenge=challenge,
        organisation=organisation.name[:200],
        on_behalf_of=organisation,
        submitted_by=actor,
        title=_text(title, "title", 200),
        summary=_text(summary, "summary", 10000),
    )
    record(
        actor=actor,
        action="challenges.submitted",
        target=submission,
        data={"organisation": organisation.pk},
    )
    return submission


# --- Attachments -----------------------------------------------------------------------------

#: The kinds of file accepted, by what the content says it is (``filetype``'s extension).
ATTACHMENT_KINDS = {
    "pdf": AttachmentKind.PDF,
    "odt": AttachmentKind.ODT,
    "docx": AttachmentKind.DOCX,
    "png": AttachmentKind.PNG,
    "jpg": AttachmentKind.JPEG,
}
ATTACHMENT_TYPES = {
    AttachmentKind.PDF: "application/pdf",
    AttachmentKind.ODT: "application/vnd.oasis.opendocument.text",
    AttachmentKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    AttachmentKind.PNG: "image/png",
    AttachmentKind.JPEG: "image/jpeg",
}
#: Attachments per submission.
ATTACHMENTS_MAX = 10


def attachment_limit() -> int:
    return int(settings.CHALLENGE_ATTACHMENT_MAX_BYTES)


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".") + " MB"


def _file_name(name: str) -> str:
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    base = "".join(ch for ch in base if ch.isprintable())[:200]
    return base or "attachment"


@transaction.atomic
def attach(*, actor: Actor, submission_id: int, name: str, content: IO[bytes]) -> Attachment:
    """Add a file to one's own submission: at most :func:`attachment_limit` bytes, and a PDF,
    ODT, DOCX, PNG or JPEG as its content shows (never by its name or the browser's word)."""
    submission = _submission(actor, submission_id)
    if submission.submitted_by_id != actor.pk:
        raise PermissionDenied(_("only who sent the submission may add files to it"))
    if submission.challenge.winner_id is not None:
        raise Conflict(_("the winner is on record; the submissions stay as they are"))
    if Attachment.objects.filter(submission=submission).count() >= ATTACHMENTS_MAX:
        raise Conflict(_("a submission has at most %(count)s files") % {"count": ATTACHMENTS_MAX})
    limit = attachment_limit()
    data = content.read(limit + 1)
    if len(data) > limit:
        raise FieldError(
            "file",
            _("the file is larger than the limit of %(limit)s") % {"limit": megabytes(limit)},
        )
    if not data:
        raise FieldError("file", _("the file is empty"))
    guessed = filetype.guess(data)
    kind = ATTACHMENT_KINDS.get(guessed.extension) if guessed is not None else None
    if kind is None:
        raise FieldError(
            "file",
            _("only PDF, ODT, DOCX, PNG and JPEG files are accepted; this file is none of them"),
        )
    attachment = Attachment(
        submission=submission,
        name=_file_name(name),
        kind=kind,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=actor,
    )
    attachment.file.save(f"{uuid.uuid4().hex}.{kind}", ContentFile(data), save=False)
    attachment.save()
    record(
        actor=actor,
        action="challenges.attached",
        target=submission,
        data={"attachment": attachment.pk, "kind": kind, "size": len(data)},
    )
    return attachment


def may_read_submission(actor: Actor, submission: Submission) -> bool:
    """Who may read a submission's files: the challenge's owner, its assessors without a
    conflict of interest with it, and who sent it — never another submitter."""
    if actor.pk is None:
        return False
    challenge = submission.challenge
    if actor.pk in (challenge.owner_id, submission.submitted_by_id):
        return True
    return (
        Assessor.objects.filter(challenge=challenge, user_id=actor.pk).exists()
        and not InterestDeclaration.objects.filter(
            submission=submission, assessor_id=actor.pk
        ).exists()
    )


def attachments(*, actor: Actor, submission_id: int) -> list[Attachment]:
    """A submission's files, for those who may read them (others: not found)."""
    submission = _submission(actor, submission_id)
    if not may_read_submission(actor, submission):
        raise NotFound(_("submission %(id)s not found") % {"id": submission_id})
    return list(Attachment.objects.filter(submission=submission).order_by("pk"))


def attachment_for(*, actor: Actor, attachment_id: int) -> Attachment:
    """One attachment to download; not found for whoever may not read its submission."""
    attachment = (
        Attachment.objects.select_related("submission__challenge").filter(pk=attachment_id).first()
    )
    missing = NotFound(_("attachment %(id)s not found") % {"id": attachment_id})
    if attachment is None:
        raise missing
    collaboration_for(actor, attachment.submission.challenge.collaboration_id, CHALLENGE_VIEW)
    if not may_read_submission(actor, attachment.submission):
        raise missing
    return attachment


def _assessor(actor: Actor, challenge: Challenge) -> None:
    if not Assessor.objects.filter(challenge=challenge, user=actor).exists():
        raise PermissionDenied(_("only the assessors of this challenge may do this"))


def _submission(actor: Actor, submission_id: int) -> Submission:
    submission = Submission.objects.select_related("challenge").filter(pk=submission_id).first()
    if submission is None:
        raise NotFound(_("submission %(id)s not found") % {"id": submission_id})
    collaboration_for(actor, submission.challenge.collaboration_id, CHALLENGE_VIEW)
    return submission


@transaction.atomic
def declare_interest(*, actor: Actor, submission_id: int, reason: str) -> InterestDeclaration:
    """An assessor's conflict of interest: their scores on the submission are removed and they
    may not score it; the others' scores alone count for it."""
    submission = _submission(actor, submission_id)
    _assessor(actor, submission.challenge)
    if submission.challenge.scoring_closed_at:
        raise Conflict(_("scoring is closed"))
    declaration, _created = InterestDeclaration.objects.get_or_create(
        submission=submission, assessor=actor, defaults={"reason": _text(reason, "reason", 2000)}
    )
    Score.objects.filter(submission=submission, assessor=actor).delete()
    record(actor=actor, action="challenges.interest_declared", target=submission)
    return declaration


@transaction.atomic
def score(*, actor: Actor, submission_id: int, scores: Mapping[str, int]) -> None:
    """An assessor's scores (1 to 5) on every criterion of one submission; again replaces."""
    submission = _submission(actor, submission_id)
    challenge = Challenge.objects.select_for_update().get(pk=submission.challenge_id)
    _assessor(actor, challenge)
    if challenge.scoring_closed_at:
        raise Conflict(_("scoring is closed"))
    if InterestDeclaration.objects.filter(submission=submission, assessor=actor).exists():
        raise Conflict(_("you declared a conflict of interest with this submission"))
    keys = [c["key"] for c in challenge.criteria]
    if set(scores) != set(keys):
        raise FieldError("scores", _("score every criterion: %(keys)s") % {"keys": ", ".join(keys)})
    for key in keys:
        if scores[key] not in SCORES:
            raise FieldError(f"scores.{key}", _("a score is a whole number from 1 to 5"))
    Score.objects.filter(submission=submission, assessor=actor).delete()
    Score.objects.bulk_create(
        Score(submission=submission, assessor=actor, criterion=key, value=scores[key])
        for key in keys
    )
    record(actor=actor, action="challenges.scored", target=submission)


def scoring_complete(challenge: Challenge) -> bool:
    """Every assessor scored every submission they have no conflict with.

    Counted, not compared pair by pair: a declaration removes the assessor's scores on the
    submission and forbids new ones, and a score names every criterion, so the pairs scored
    plus the pairs excused reach assessors × submissions exactly when nothing is missing."""
    assessors = Assessor.objects.filter(challenge=challenge).values("user_id")
    submissions = Submission.objects.filter(challenge=challenge).count()
    assessor_count = Assessor.objects.filter(challenge=challenge).count()
    if not assessor_count or not submissions:
        return False
    excused = InterestDeclaration.objects.filter(
        submission__challenge=challenge, assessor_id__in=assessors
    ).count()
    scored = (
        Score.objects.filter(submission__challenge=challenge, assessor_id__in=assessors)
        .values("submission_id", "assessor_id")
        .distinct()
        .count()
    )
    return scored + excused >= submissions * assessor_count


def scores_open(challenge: Challenge) -> bool:
    return challenge.scoring_closed_at is not None or scoring_complete(challenge)


@dataclass(frozen=True)
class VisibleScore:
    submission_id: int
    assessor_id: int
    criterion: str
    value: int


def visible_scores(*, actor: Actor, challenge_id: int) -> list[VisibleScore]:
    """The scores ``actor`` may see: their own, and everybody's once scoring is complete or
    closed (the one gate every interface reads scores through)."""
    challenge = challenge_for(actor, challenge_id)
    rows = Score.objects.filter(submission__challenge=challenge).order_by("pk")
    if not scores_open(challenge):
        rows = rows.filter(assessor=actor)
    return [VisibleScore(r.submission_id, r.assessor_id, r.criterion, r.value) for r in rows]


@transaction.atomic
def close_scoring(*, actor: Actor, challenge_id: int) -> Challenge:
    challenge = _owned(actor, challenge_id)
    if challenge.scoring_closed_at is None:
        challenge.scoring_closed_at = timezone.now()
        challenge.save(update_fields=["scoring_closed_at"])
        record(actor=actor, action="challenges.scoring_closed", target=challenge)
    return challenge


@dataclass(frozen=True)
class RankedSubmission:
    """What a ranking shows of a submission."""

    pk: int
    title: str
    organisation: str


@dataclass(frozen=True)
class Ranked:
    rank: int
    submission: RankedSubmission
    total: Decimal
    #: Per criterion (in the challenge's order): the sum of its scores and how many there are.
    figures: tuple[tuple[str, int, int], ...]
    tied: bool

    @property
    def means(self) -> dict[str, Decimal | None]:
        """Per criterion: the mean of the scores it got (None: nobody could score it)."""
        return {
            key: (Decimal(summed) / number).quantize(CENT) if number else None
            for key, summed, number in self.figures
        }


def ranking(*, actor: Actor, challenge_id: int) -> list[Ranked]:
    """The submissions by weighted score (the weighted mean of each criterion's mean score),
    best first; equal totals share a rank and are marked tied. Only once scores are open."""
    challenge = challenge_for(actor, challenge_id)
    if not scores_open(challenge):
        raise Conflict(_("the ranking is shown once every assessor has scored or scoring closes"))
    return ranked_submissions(challenge)


def ranked_submissions(challenge: Challenge) -> list[Ranked]:
    """The ranking of a challenge whose scores are open, for a caller that checked both the
    reader's access and :func:`scores_open` (the challenge's page; everyone else asks
    :func:`ranking`).

    One aggregate query gives every submission with the sum and the number of its scores per
    criterion; the weighting is exact in decimals, worked out here."""
    weights = [(str(c["key"]), Decimal(str(c["weight"]))) for c in challenge.criteria]
    weight_sum = sum(weight for _key, weight in weights)
    aggregates: dict[str, Any] = {}
    for index, (key, _weight) in enumerate(weights):
        only = Q(scores__criterion=key)
        aggregates[f"s{index}"] = Sum("scores__value", filter=only)
        aggregates[f"n{index}"] = Count("scores__pk", filter=only)
    found = (
        Submission.objects.filter(challenge=challenge)
        .order_by()
        .values_list("pk", "title", "organisation")
        .annotate(**aggregates)
    )
    thousandth = Decimal("0.001")
    rows = []
    for pk, title, organisation, *numbers in found:
        figures = tuple(
            (key, numbers[2 * index] or 0, numbers[2 * index + 1])
            for index, (key, _weight) in enumerate(weights)
        )
        total = sum(
            (
                Decimal(summed) * weight / number
                for (_key, summed, number), (_k, weight) in zip(figures, weights, strict=True)
                if number
            ),
            Decimal(0),
        )
        rows.append(
            (
                RankedSubmission(pk, title, organisation),
                (total / weight_sum).quantize(thousandth),
                figures,
            )
        )
    rows.sort(key=lambda row: (-row[1], row[0].pk))
    counts: dict[Decimal, int] = {}
    for _s, total, _f in rows:
        counts[total] = counts.get(total, 0) + 1
    ranked: list[Ranked] = []
    first_at: dict[Decimal, int] = {}
    for index, (submission, total, figures) in enumerate(rows):
        rank = first_at.setdefault(total, index + 1)
        ranked.append(Ranked(rank, submission, total, figures, counts[total] > 1))
    return ranked


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


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day when it has fewer days)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@transaction.atomic
def plan_milestones(
    *,
    actor: Actor,
    challenge_id: int,
    start: dt.date,
    deliverables: Sequence[str],
    amounts: Sequence[Decimal] | None = None,
) -> list[Milestone]:
    """One milestone a month from ``start``, each with a deliverable and a payment; without
    ``amounts`` the awarded amount is split evenly (the cents left over go to the last)."""
    challenge = _owned(actor, challenge_id)
    if challenge.awarded_amount is None:
        raise Conflict(_("milestones follow the choice of a winner"))
    if not deliverables:
        raise FieldError("deliverables", _("plan at least one milestone"))
    if challenge.milestones.exclude(status=MilestoneStatus.PLANNED).exists():
        raise Conflict(_("a milestone was accepted already; the schedule stays"))
    awarded = challenge.awarded_amount
    if amounts is None:
        share = (awarded / len(deliverables)).quantize(CENT, rounding=ROUND_DOWN)
        amounts = [share] * (len(deliverables) - 1) + [awarded - share * (len(deliverables) - 1)]
    if len(amounts) != len(deliverables):
        raise FieldError("amounts", _("give one amount per deliverable"))
    amounts = [_amount(a, "amounts") for a in amounts]
    if sum(amounts) > awarded:
        raise FieldError(
            "amounts",
            _("the payments add up to more than the awarded %(amount)s") % {"amount": awarded},
        )
    challenge.milestones.all().delete()
    milestones = Milestone.objects.bulk_create(
        Milestone(
            challenge=challenge,
            number=index + 1,
            due=add_months(start, index),
            deliverable=_text(text, f"deliverables[{index}]", 2000),
            amount=amount,
        )
        for index, (text, amount) in enumerate(zip(deliverables, amounts, strict=True))
    )
    record(
        actor=actor,
        action="challenges.milestones_planned",
        target=challenge,
        data={"count": len(milestones)},
    )
    return milestones


def _milestone(actor: Actor, milestone_id: int) -> Milestone:
    milestone = Milestone.objects.filter(pk=milestone_id).first()
    if milestone is None:
        raise NotFound(_("milestone %(id)s not found") % {"id": milestone_id})
    _owned(actor, milestone.challenge_id)
    return Milestone.objects.select_for_update().get(pk=milestone.pk)


@transaction.atomic
def accept_milestone(*, actor: Actor, milestone_id: int) -> Milestone:
    milestone = _milestone(actor, milestone_id)
    if milestone.status != MilestoneStatus.PLANNED:
        raise Conflict(_("this milestone is accepted already"))
    milestone.status = MilestoneStatus.ACCEPTED
    milestone.accepted_by = actor
    milestone.accepted_at = timezone.now()
    milestone.save(update_fields=["status", "accepted_by", "accepted_at"])
    record(actor=actor, action="challenges.milestone_accepted", target=milestone)
    return milestone


@transaction.atomic
def pay_milestone(*, actor: Actor, milestone_id: int) -> Milestone:
    """Record an accepted milestone's payment; the payments never pass the awarded amount."""
    milestone = _milestone(actor, milestone_id)
    challenge = milestone.challenge
    if milestone.status != MilestoneStatus.ACCEPTED:
        raise Conflict(_("a milestone is paid once it is accepted, and only once"))
    paid = challenge.milestones.filter(status=MilestoneStatus.PAID).aggregate(s=Sum("amount"))["s"]
    if (paid or Decimal(0)) + milestone.amount > (challenge.awarded_amount or Decimal(0)):
        raise Conflict(_("this payment would pass the awarded amount"))
    milestone.status = MilestoneStatus.PAID
    milestone.paid_at = timezone.now()
    milestone.save(update_fields=["status", "paid_at"])
    record(
        actor=actor,
        action="challenges.milestone_paid",
        target=milestone,
        data={"amount": str(milestone.amount)},
    )
    return milestone


def paid_total(challenge: Challenge) -> Decimal:
    total = challenge.milestones.filter(status=MilestoneStatus.PAID).aggregate(s=Sum("amount"))["s"]
    return total or Decimal(0)


# --- The ranking and the decision as a document -------------------------------------------


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
