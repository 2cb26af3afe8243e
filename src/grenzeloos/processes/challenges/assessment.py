"""Assessing the submissions: conflicts of interest, scores on weighted criteria, and the
ranking.

An assessor sees only their own scores until every assessor has scored every submission they
may score, or the owner closes scoring: only then are scores, ranking and everything derived
from them shown to anybody (:func:`scores_open` is that one gate). Kept together because the
ranking is worked out from the scores under exactly those rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from grenzeloos.audit.services import record
from grenzeloos.core.errors import Conflict, FieldError
from grenzeloos.core.users import Actor
from grenzeloos.processes.models import Assessor, Challenge, InterestDeclaration, Score, Submission

from .common import CENT, SCORES, _assessor, _owned, _submission, _text, challenge_for


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
