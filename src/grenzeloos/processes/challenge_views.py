"""Web pages of challenges: a collaboration's challenges (and the form to put one out), and one
challenge's page, where each person sees the forms of their part: the owner names assessors,
closes scoring, invites the best three, records the winner and runs the milestones; assessors
score or declare a conflict; members submit and send their final proposal. Every form posts an
``action`` to the challenge's page; the services decide who may do what, and the page shows
only the scores :func:`challenges.visible_scores` lets the viewer see."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.formats import get_format
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grenzeloos.collaborations.access import collaboration_view, role_context
from grenzeloos.core.amounts import format_money, parse_amount
from grenzeloos.core.errors import Conflict, FieldError, NotFound, UserError
from grenzeloos.core.web import acting_user
from grenzeloos.documents import CONTENT_TYPES, FORMATS
from grenzeloos.documents import render as render_document
from grenzeloos.processes import challenges
from grenzeloos.processes.access import CHALLENGE_CREATE, CHALLENGE_SUBMIT, CHALLENGE_VIEW
from grenzeloos.processes.models import (
    Assessor,
    Attachment,
    AttachmentKind,
    Challenge,
    InterestDeclaration,
    Score,
    Submission,
)

CRITERIA_LABELS = {
    "innovation": gettext_lazy("Innovative capacity"),
    "value": gettext_lazy("Social and economic value"),
    "scalability": gettext_lazy("Scalability"),
}


def _language() -> str:
    return (translation.get_language() or "nl")[:2]


def _label(key: str) -> str:
    return str(CRITERIA_LABELS.get(key, key))


def _decimal(value: Decimal, places: int, point: str) -> str:
    """A score below a thousand in the page's language (number_format, without its cost per
    call: the ranking shows hundreds of them)."""
    return f"{value:.{places}f}".replace(".", point)


def _amount(request: HttpRequest, name: str) -> Decimal:
    text = request.POST.get(name, "").strip()
    if not text:
        raise FieldError(name, _("this is required"))
    try:
        return parse_amount(text, _language())
    except UserError as error:
        raise FieldError(name, str(error)) from None


def _date(request: HttpRequest, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(request.POST.get(name, ""))
    except ValueError:
        raise FieldError(name, _("a date such as 2027-03-01")) from None


def _int(request: HttpRequest, name: str) -> int:
    try:
        return int(request.POST.get(name, ""))
    except ValueError:
        raise FieldError(name, _("choose one")) from None


#: Submissions shown per page of a challenge (the ranking lists them all).
SUBMISSIONS_PAGE = 30
#: Rows per page of the ranking.
RANKING_PAGE = 50


def _page(request: HttpRequest, name: str) -> int:
    try:
        return int(request.GET.get(name, "1"))
    except ValueError:
        return 1


def _errors(error: UserError) -> list[dict[str, str]]:
    if isinstance(error, FieldError):
        return [
            {
                "href": f"#id_{error.field.replace('.', '_')}",
                "label": error.field,
                "message": str(error).split(": ", 1)[-1],
            }
        ]
    return [{"message": str(error)}]


@collaboration_view(read=CHALLENGE_VIEW, write=CHALLENGE_CREATE)
def challenge_list(request: HttpRequest, collaboration: Any) -> HttpResponse:
    errors: list[dict[str, str]] = []
    if request.method == "POST":
        post = request.POST
        try:
            created = challenges.create_challenge(
                actor=acting_user(request),
                collaboration_id=collaboration.pk,
                title=post.get("title", ""),
                theme=post.get("theme", ""),
                problem=post.get("problem", ""),
                budget=_amount(request, "budget"),
                deadline=_date(request, "deadline"),
                owner_role=post.get("owner_role", ""),
                owner_hours=_amount(request, "owner_hours"),
                reserved_budget=_amount(request, "reserved_budget"),
            )
        except UserError as error:
            errors = _errors(error)
        else:
            return HttpResponseRedirect(
                reverse("processes:challenge", args=[collaboration.pk, created.pk])
            )
    found = Challenge.objects.filter(collaboration=collaboration).order_by("-created_at", "-pk")
    context = {
        "collaboration": collaboration,
        "challenges": [
            {"challenge": c, "budget": format_money(c.budget, _language())} for c in found
        ],
        "error_summary": errors,
        "posted": request.POST if errors else {},
        "minimum": format_money(challenges.MINIMUM_BUDGET, _language()),
        **role_context(collaboration, create=CHALLENGE_CREATE),
    }
    return render(request, "processes/challenges.html", context, status=422 if errors else 200)


def _act(request: HttpRequest, challenge: Challenge) -> None:
    user = acting_user(request)
    post = request.POST
    action = post.get("action", "")
    pk = challenge.pk
    if action == "assessor":
        person = get_user_model().objects.filter(username=post.get("username", "")).first()
        if person is None:
            raise FieldError("username", _("no account with this name"))
        challenges.add_assessor(actor=user, challenge_id=pk, user=person)
    elif action == "submit":
        sent = challenges.submit(
            actor=user,
            challenge_id=pk,
            organisation_id=_int(request, "organisation"),
            title=post.get("title", ""),
            summary=post.get("summary", ""),
        )
        upload = request.FILES.get("file")
        if upload is not None:
            challenges.attach(
                actor=user, submission_id=sent.pk, name=upload.name or "", content=upload
            )
    elif action == "attach":
        upload = request.FILES.get("file")
        if upload is None:
            raise FieldError("file", _("choose a file"))
        challenges.attach(
            actor=user,
            submission_id=_int(request, "submission"),
            name=upload.name or "",
            content=upload,
        )
    elif action == "score":
        submission = _int(request, "submission")
        scores = {}
        for criterion in challenge.criteria:
            key = criterion["key"]
            try:
                scores[key] = int(post.get(f"score_{key}", ""))
            except ValueError:
                raise FieldError(f"score_{key}_{submission}", _("choose a score")) from None
        challenges.score(actor=user, submission_id=submission, scores=scores)
    elif action == "declare":
        challenges.declare_interest(
            actor=user, submission_id=_int(request, "submission"), reason=post.get("reason", "")
        )
    elif action == "close":
        challenges.close_scoring(actor=user, challenge_id=pk)
    elif action == "invite":
        challenges.invite_best(actor=user, challenge_id=pk)
    elif action == "propose":
        challenges.propose(
            actor=user,
            submission_id=_int(request, "submission"),
            specification=post.get("specification", ""),
            amount=_amount(request, "amount"),
        )
    elif action == "winner":
        challenges.choose_winner(
            actor=user,
            challenge_id=pk,
            submission_id=_int(request, "submission"),
            reason=post.get("reason", ""),
        )
    elif action == "milestones":
        lines = [line.strip() for line in post.get("deliverables", "").splitlines()]
        challenges.plan_milestones(
            actor=user,
            challenge_id=pk,
            start=_date(request, "start"),
            deliverables=[line for line in lines if line],
        )
    elif action == "accept":
        challenges.accept_milestone(actor=user, milestone_id=_int(request, "milestone"))
    elif action == "pay":
        challenges.pay_milestone(actor=user, milestone_id=_int(request, "milestone"))
    elif action == "check":
        challenges.link_procurement_check(
            actor=user, challenge_id=pk, check_id=_int(request, "check")
        )
    else:
        raise FieldError("action", _("unknown action"))


@collaboration_view(read=CHALLENGE_VIEW, write=CHALLENGE_SUBMIT)
def challenge_detail(request: HttpRequest, collaboration: Any, challenge: int) -> HttpResponse:
    current = Challenge.objects.filter(pk=challenge, collaboration=collaboration).first()
    if current is None:
        raise NotFound(_("challenge %(id)s not found") % {"id": challenge})
    errors: list[dict[str, str]] = []
    if request.method == "POST":
        try:
            _act(request, current)
        except UserError as error:
            errors = _errors(error)
        else:
            messages.success(request, _("Saved."))
            return HttpResponseRedirect(request.path)
    context = _context(request, collaboration, current)
    context["error_summary"] = errors
    return render(request, "processes/challenge.html", context, status=422 if errors else 200)


def _context(request: HttpRequest, collaboration: Any, challenge: Challenge) -> dict[str, Any]:
    user = acting_user(request)
    language = _language()
    is_owner = challenge.owner_id == user.pk
    assessors = list(Assessor.objects.filter(challenge=challenge).select_related("user"))
    is_assessor = any(a.user_id == user.pk for a in assessors)
    everything = Submission.objects.filter(challenge=challenge).order_by("pk")
    count = everything.count()
    last = max(1, -(-count // SUBMISSIONS_PAGE))
    page = max(1, min(_page(request, "page"), last))
    submissions = list(everything[(page - 1) * SUBMISSIONS_PAGE : page * SUBMISSIONS_PAGE])
    declared = set(
        InterestDeclaration.objects.filter(
            submission__challenge=challenge, assessor=user
        ).values_list("submission_id", flat=True)
    )
    mine: dict[int, dict[str, int]] = {}
    # One's own scores are always one's to see (see challenges.visible_scores).
    own = Score.objects.filter(submission__challenge=challenge, assessor=user)
    for submission_id, criterion, value in own.values_list("submission_id", "criterion", "value"):
        mine.setdefault(submission_id, {})[criterion] = value
    criteria = [
        {"key": c["key"], "label": _label(c["key"]), "weight": c["weight"]}
        for c in challenge.criteria
    ]
    # The page's reader passed collaboration_view's check; the ranking shows only once the
    # scores are open (the rule challenges.ranking keeps for every other interface).
    ranking = challenges.ranked_submissions(challenge) if challenges.scores_open(challenge) else []
    proposals = list(everything.exclude(proposal_amount=None))
    files: dict[int, list[Attachment]] = {}
    for attachment in Attachment.objects.filter(
        submission_id__in=[s.pk for s in submissions]
    ).order_by("pk"):
        files.setdefault(attachment.submission_id, []).append(attachment)
    rank_last = max(1, -(-len(ranking) // RANKING_PAGE))
    labels = {c["key"]: c["label"] for c in criteria}
    point = str(get_format("DECIMAL_SEPARATOR"))
    rank_page = max(1, min(_page(request, "ranking"), rank_last))
    milestones = list(challenge.milestones.order_by("number"))
    return {
        "collaboration": collaboration,
        "challenge": challenge,
        "budget": format_money(challenge.budget, language),
        "reserved": format_money(challenge.reserved_budget, language),
        "awarded": format_money(challenge.awarded_amount, language)
        if challenge.awarded_amount is not None
        else "",
        "paid": format_money(challenges.paid_total(challenge), language),
        "check": challenges.procurement_check(challenge),
        "is_owner": is_owner,
        "is_assessor": is_assessor,
        "assessors": assessors,
        "criteria": criteria,
        "scale": list(challenges.SCORES),
        "submissions": [
            {
                "submission": s,
                "mine": [(c["label"], mine.get(s.pk, {}).get(c["key"])) for c in criteria],
                "scored": s.pk in mine,
                "declared": s.pk in declared,
                "can_score": is_assessor
                and s.pk not in declared
                and not challenge.scoring_closed_at,
                "can_propose": s.invited_to_pitch and s.submitted_by_id == user.pk,
                "files": files.get(s.pk, [])
                if is_owner
                or s.submitted_by_id == user.pk
                or (is_assessor and s.pk not in declared)
                else [],
                "can_attach": s.submitted_by_id == user.pk and not challenge.winner_id,
                "amount": format_money(s.proposal_amount, language)
                if s.proposal_amount is not None
                else "",
            }
            for s in submissions
        ],
        "open": bool(ranking),
        "ranking": [
            {
                "row": row,
                "means": "; ".join(
                    f"{labels[k]}: {'—' if v is None else _decimal(v, 2, point)}"
                    for k, v in row.means.items()
                ),
                "total": _decimal(row.total, 3, point),
            }
            for row in ranking[(rank_page - 1) * RANKING_PAGE : rank_page * RANKING_PAGE]
        ],
        "rank_pages": {
            "number": rank_page,
            "last": rank_last,
            "previous": rank_page - 1 if rank_page > 1 else None,
            "next": rank_page + 1 if rank_page < rank_last else None,
        },
        "proposals": proposals,
        "pages": {
            "number": page,
            "last": last,
            "previous": page - 1 if page > 1 else None,
            "next": page + 1 if page < last else None,
        },
        "milestones": [
            {"milestone": m, "amount": format_money(m.amount, language)} for m in milestones
        ],
        "deadline_passed": dt.date.today() > challenge.deadline,
        "my_organisations": challenges.submitting_organisations(user),
        "attachment_limit": challenges.megabytes(challenges.attachment_limit()),
        "export_formats": ("pdf", "odt", "docx", "md", "csv"),
        **role_context(collaboration, submit=CHALLENGE_SUBMIT),
    }


@collaboration_view(read=CHALLENGE_VIEW)
def challenge_export(request: HttpRequest, collaboration: Any, challenge: int, fmt: str) -> Any:
    """The ranking and decision as a file; 409 with the reason until scoring is done."""
    current = Challenge.objects.filter(pk=challenge, collaboration=collaboration).first()
    if current is None or fmt not in (*FORMATS, "csv"):
        raise NotFound(_("challenge %(id)s not found") % {"id": challenge})
    user = acting_user(request)
    try:
        if fmt == "csv":
            body: bytes = challenges.ranking_csv(actor=user, challenge_id=current.pk).encode()
            content_type = "text/csv; charset=utf-8"
        else:
            document = challenges.decision_document(
                actor=user, challenge_id=current.pk, language=_language()
            )
            body, content_type = render_document(document, fmt), CONTENT_TYPES[fmt]
    except Conflict as error:
        return HttpResponse(str(error), status=409, content_type="text/plain; charset=utf-8")
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="challenge-{current.pk}.{fmt}"'
    return response


@collaboration_view(read=CHALLENGE_VIEW)
def attachment_download(
    request: HttpRequest, collaboration: Any, challenge: int, attachment: int
) -> HttpResponse:
    """One file of a submission, for its owner, its assessors without a conflict and who sent
    it; anybody else gets 404."""
    found = challenges.attachment_for(actor=acting_user(request), attachment_id=attachment)
    if found.submission.challenge_id != challenge or (
        found.submission.challenge.collaboration_id != collaboration.pk
    ):
        raise NotFound(_("attachment %(id)s not found") % {"id": attachment})
    with found.file.open("rb") as stored:
        body = stored.read()
    response = HttpResponse(
        body, content_type=challenges.ATTACHMENT_TYPES[AttachmentKind(found.kind)]
    )
    response["Content-Disposition"] = content_disposition_header(True, found.name) or ""
    response["X-Content-Type-Options"] = "nosniff"
    return response
