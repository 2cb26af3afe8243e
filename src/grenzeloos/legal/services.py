"""Use cases of legal assessments on record: create, answer, sign off, reopen, read.

Why: the motivation of a government's role must be traceable. Every function takes the acting
user, checks the action through the collaborations access API (so strangers get "not
found"), runs in one transaction and writes an audit event, so web, API and CLI behave the same.
A signed-off assessment is immutable; the four-eyes rule keeps an author from approving their
own motivation.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from grenzeloos.accounts.services import name_and_function
from grenzeloos.audit.services import record
from grenzeloos.collaborations.access import allows, collaboration_for
from grenzeloos.collaborations.models import Collaboration
from grenzeloos.core.amounts import format_money
from grenzeloos.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied, UserError
from grenzeloos.core.extensions import LegalCheckSummary, read_canvas
from grenzeloos.core.users import Actor
from grenzeloos.documents import Document
from grenzeloos.legal.answers import (
    SCHEMA,
    TEXT_MAX,
    Answers,
    AnswersError,
    Problem,
    answer_paths,
    parse_answers,
)
from grenzeloos.legal.engine import assess
from grenzeloos.legal.models import AnswerChange, LegalAssessment, SendBack, Status
from grenzeloos.legal.report import RecordInfo, build_report
from grenzeloos.live import services as live
from grenzeloos.live.events import CollaborationChanged, Kind

TITLE_MAX = 200


class InvalidAnswersError(UserError):
    """An answers document with problems; each problem names the path of the offending key."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))

    @property
    def inconsistent(self) -> bool:
        """Only contradictions between answers (the API answers 422, not 400)."""
        return bool(self.problems) and all(p.kind == "inconsistent" for p in self.problems)


class StatusError(Conflict):
    """The assessment's status does not allow this (e.g. changing a signed-off one)."""


def check_answers(data: Any, *, complete: bool = True) -> Answers | None:
    """Validate an answers document and return it typed.

    With ``complete=False`` (a draft in progress) a missing ``on_date`` is allowed and None is
    returned, because the engine cannot run without a reference date but the other answers
    can still be checked and kept.
    """
    if isinstance(data, Mapping) and not complete and data.get("on_date") is None:
        try:
            parse_answers({**data, "on_date": dt.date.min.isoformat()})
        except AnswersError as error:
            raise InvalidAnswersError(error.problems) from None
        return None
    try:
        return parse_answers(data)
    except AnswersError as error:
        raise InvalidAnswersError(error.problems) from None


def evaluate(data: Any, *, language: str = "nl", explore: bool = True) -> dict[str, Any]:
    """The `grenzeloos.legal-outcome/1` JSON for a complete answers document.

    ``explore=False`` leaves out what each answer to an open question would lead to (quick:
    for hints shown while the questions are being answered).
    """
    answers = check_answers(data)
    assert answers is not None  # complete=True never returns None
    return assess(answers, language=language, explore=explore).to_json()


def _normalise(data: Any) -> dict[str, Any]:
    """Answers as stored: always carrying the schema tag, so they are a valid file again.

    Whatever arrived (an API body may be any JSON value) must be an object, or nothing.
    """
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise InvalidAnswersError(
            [Problem("(document)", f"must be a JSON object, got {_json_type(data)}")]
        )
    result = dict(data)
    result.setdefault("schema", SCHEMA)
    return result


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list | tuple):
        return "an array"
    return type(value).__name__


def _apply(assessment: LegalAssessment, data: Mapping[str, Any]) -> None:
    """Store answers and (re)compute the outcome, the reference date and the rule sets."""
    answers = check_answers(data, complete=False)
    assessment.answers = dict(data)
    if answers is None:
        assessment.outcome = None
        assessment.on_date = None
        assessment.rule_set_ids = []
        return
    outcome = assess(answers).to_json()
    assessment.outcome = outcome
    assessment.on_date = answers.on_date
    assessment.rule_set_ids = [rule_set["id"] for rule_set in outcome["rule_sets"]]


def changed_paths(old: Any, new: Any, prefix: str = "") -> list[str]:
    """The answer paths (``aid.amount``) whose value differs between two answers documents."""
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        paths: list[str] = []
        for key in sorted(set(old) | set(new), key=str):
            path = f"{prefix}.{key}" if prefix else str(key)
            paths += changed_paths(old.get(key), new.get(key), path)
        return paths
    return [] if old == new else [prefix or "(document)"]


def _value_at(data: Any, path: str) -> Any:
    node = data
    for part in path.split("."):
        if not isinstance(node, Mapping):
            return None
        node = node.get(part)
    return node


def _record_change(
    assessment: LegalAssessment, actor: Actor, old: Mapping[str, Any], new: Mapping[str, Any]
) -> AnswerChange | None:
    """Keep who changed which answers when, from what to what; a change that changes nothing
    is not one."""
    paths = [p for p in changed_paths(old, new) if p != "schema"]
    if not paths and old:
        return None
    changes = [{"path": p, "old": _value_at(old, p), "new": _value_at(new, p)} for p in paths]
    return AnswerChange.objects.create(
        assessment=assessment, author=actor, paths=paths, changes=changes
    )


def answers_version(assessment: LegalAssessment) -> str:
    """The version of the answers a reader sees: the last recorded change to them ("0" when
    none is recorded). A sign-off carries it, like If-Match, so it approves exactly that."""
    last = assessment.answer_changes.order_by("-pk").values_list("pk", flat=True).first()
    return str(last or 0)


def _shown(path: str, value: Any) -> str:
    if value is None:
        return "—"
    if path.endswith("_eur") and isinstance(value, int | float):
        return format_money(Decimal(str(value)), translation.get_language() or "nl")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, Mapping | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def change_lines(change: AnswerChange) -> list[str]:
    """One change as lines a person reads: "aid.amount_eur: € 300.000 → € 350.000"."""
    if change.changes:
        return [
            f"{c['path']}: {_shown(c['path'], c.get('old'))} → {_shown(c['path'], c.get('new'))}"
            for c in change.changes
        ]
    return list(change.paths)


class AnswersMoved(Conflict):
    """The answers changed after the version a sign-off was given; nothing was signed."""

    def __init__(self, changes: list[AnswerChange]) -> None:
        self.changes = changes
        lines = [
            f"{line} ({change.author.get_username() if change.author else '?'})"
            for change in changes
            for line in change_lines(change)
        ]
        super().__init__(
            _(
                "the answers changed since you read them; nothing was signed off. Read the "
                "assessment again and sign off what you see. Changes: %(changes)s"
            )
            % {"changes": "; ".join(lines)}
        )


def is_determined(outcome: Mapping[str, Any] | None) -> bool:
    """Whether an outcome concludes: a regime, and in it a route or a procedure."""
    if not outcome or outcome.get("regime") == "undetermined":
        return False
    if outcome.get("regime") == "state_aid":
        return outcome.get("state_aid", {}).get("route") != "undetermined"
    return outcome.get("procurement", {}).get("eu_procedure") is not None


def sign_off_refusal(assessment: LegalAssessment, user: Actor | AnonymousUser) -> str | None:
    """Why ``user`` may not sign the assessment off under the four-eyes rule (None: they may).

    The sign-off must come from a member who neither started the assessment nor changed any of
    its answers.
    """
    if not user.is_authenticated:
        return _("sign in to sign off")
    if assessment.author_id is not None and assessment.author_id == user.pk:
        return _(
            "you started this assessment; the sign-off must come from a member who neither "
            "started it nor changed its answers"
        )
    own = [c for c in assessment.answer_changes.all() if c.author_id == user.pk]
    if own:
        when = timezone.localtime(own[-1].changed_at).strftime("%Y-%m-%d %H:%M")
        return _(
            "you changed answers of this assessment (last on %(when)s); the sign-off must come "
            "from a member who neither started it nor changed its answers"
        ) % {"when": when}
    return None


def _default_title(collaboration: Collaboration) -> str:
    return f"{_('Legal route check')}: {collaboration.subject}"[:TITLE_MAX]


@transaction.atomic
def create_assessment(
    *,
    actor: Actor,
    collaboration: Collaboration,
    answers: Mapping[str, Any] | None = None,
    title: str = "",
) -> LegalAssessment:
    """Start a draft assessment on a collaboration (editors and owners).

    Answers may be partial; the outcome is computed as soon as they carry a reference date.
    """
    collaboration = collaboration_for(actor, collaboration.pk, "legal.edit")
    assessment = LegalAssessment(
        collaboration=collaboration,
        title=(title.strip() or _default_title(collaboration))[:TITLE_MAX],
        author=actor,
    )
    _apply(assessment, _normalise(answers))
    assessment.save()
    _record_change(assessment, actor, {}, assessment.answers)
    record(
        actor=actor,
        action="legal.assessment_created",
        target=assessment,
        data={"collaboration": collaboration.pk, "regime": _regime(assessment)},
    )
    _announce(actor, collaboration.pk)
    return assessment


def _announce(actor: Actor, collaboration_id: int) -> None:
    """The pages showing the collaboration hear of the change once it commits."""
    live.publish(
        CollaborationChanged.by(actor, kind=Kind.CHANGED, collaboration_id=collaboration_id)
    )


def _regime(assessment: LegalAssessment) -> str | None:
    return assessment.outcome["regime"] if assessment.outcome else None


def _locked(actor: Actor, assessment: LegalAssessment, action: str) -> LegalAssessment:
    """Re-read the assessment under a row lock after checking the actor may do ``action``."""
    collaboration_for(actor, assessment.collaboration_id, action)
    return LegalAssessment.objects.select_for_update().get(pk=assessment.pk)


@transaction.atomic
def update_answers(
    *,
    actor: Actor,
    assessment: LegalAssessment,
    answers: Mapping[str, Any],
    title: str | None = None,
) -> LegalAssessment:
    """Replace the answers of a draft and re-run the engine; signed-off ones are immutable."""
    current = _locked(actor, assessment, "legal.edit")
    return _store_answers(actor, current, answers, title=title)


def _store_answers(
    actor: Actor,
    current: LegalAssessment,
    answers: Mapping[str, Any],
    *,
    title: str | None = None,
    event: str = "legal.answers_updated",
) -> LegalAssessment:
    """Store new answers on a draft read under its row lock, with the change and its event."""
    if current.status != Status.DRAFT:
        raise StatusError(
            f"assessment {current.pk} is {current.status.replace('_', ' ')}; only a draft can "
            "be changed (reopen it to make a new draft)"
        )
    before = dict(current.answers)
    title_before = current.title
    _apply(current, _normalise(answers))
    if title is not None and title.strip():
        current.title = title.strip()[:TITLE_MAX]
    if current.answers == before and current.title == title_before:
        # Saved unchanged: nothing to store or to record; the stored outcome stays the one
        # assessed when these answers were given.
        current.refresh_from_db()
        return current
    current.save()
    change = _record_change(current, actor, before, current.answers)
    record(
        actor=actor,
        action=event,
        target=current,
        data={"regime": _regime(current), "paths": change.paths if change else []},
    )
    _announce(actor, current.collaboration_id)
    return current


class BecomesAuthor(Conflict):
    """Saving would make a member who may sign the assessment off one of its authors; they
    must say first that they know (nothing was saved)."""


def authorship_warning(assessment: LegalAssessment, user: Actor | AnonymousUser) -> str | None:
    """The warning for a member who may sign the assessment off today and is about to change
    it (a reason is part of the answers): afterwards they are an author and cannot sign.
    None when saving costs them nothing (they cannot sign it off anyway).

    ``assessment.collaboration`` must carry the user's role (read through the access API).
    """
    if assessment.status != Status.DRAFT or not allows(assessment.collaboration, "legal.sign_off"):
        return None
    if sign_off_refusal(assessment, user) is not None:
        return None
    return _(
        "Giving a reason changes the answers: you become one of the authors of this assessment "
        "and can then no longer sign it off (four eyes). Leave the reasons to the authors, or "
        "send the assessment back with a comment, if you want to sign it off yourself."
    )


@transaction.atomic
def set_reason(
    *,
    actor: Actor,
    assessment: LegalAssessment,
    key: str,
    reason: str,
    confirm_authorship: bool = False,
) -> LegalAssessment:
    """Give (or, with an empty text, remove) the reason for one answer of a draft.

    Reviewers may do this too, not only editors; but whoever could sign the assessment off
    becomes an author by it, so the call is refused with :class:`BecomesAuthor` until
    ``confirm_authorship`` says they read that warning.
    """
    collaboration = collaboration_for(actor, assessment.collaboration_id, "legal.reason")
    current = LegalAssessment.objects.select_for_update().get(pk=assessment.pk)
    current.collaboration = collaboration
    if key not in answer_paths():
        raise InvalidAnswersError([Problem(f"reasons.{key}", f"{key!r} is not an answer path")])
    text = reason.strip()
    if len(text) > TEXT_MAX:
        raise InvalidAnswersError(
            [Problem(f"reasons.{key}", f"at most {TEXT_MAX} characters, got {len(text)}")]
        )
    warning = authorship_warning(current, actor)
    if warning and not confirm_authorship:
        raise BecomesAuthor(warning)
    data = dict(current.answers)
    reasons = dict(data.get("reasons") or {})
    if text:
        reasons[key] = text
    else:
        reasons.pop(key, None)
    data["reasons"] = reasons
    return _store_answers(actor, current, data, event="legal.reason_given")


@transaction.atomic
def send_back(*, actor: Actor, assessment: LegalAssessment, comment: str) -> LegalAssessment:
    """Send a draft back to its authors with a comment instead of signing it off.

    The same people who may sign it off may send it back (a reviewer, or an editor who did
    not write it); the draft stays a draft and its authors read the comment on its page.
    """
    current = _locked(actor, assessment, "legal.send_back")
    if current.status != Status.DRAFT:
        raise StatusError(
            f"assessment {current.pk} is {current.status.replace('_', ' ')}; only a draft can "
            "be sent back"
        )
    refusal = sign_off_refusal(current, actor)
    if refusal:
        raise PermissionDenied(refusal)
    text = comment.strip()
    if not text:
        raise InvalidInput([("comment", _("say what should change: sending back needs a comment"))])
    if len(text) > TEXT_MAX:
        raise InvalidInput([("comment", _("at most %(max)s characters") % {"max": TEXT_MAX})])
    version = answers_version(current)
    SendBack.objects.create(
        assessment=current, reviewer=actor, comment=text, answers_version=version
    )
    record(
        actor=actor,
        action="legal.assessment_sent_back",
        target=current,
        data={"comment": text, "answers_version": version},
    )
    _announce(actor, current.collaboration_id)
    return current


def partners_of_canvas(collaboration_id: int) -> list[str]:
    """The partner names on a collaboration's canvas (its published document, via the port)."""
    snapshot = read_canvas(collaboration_id)
    names = []
    for partner in snapshot.document.get("partners") or []:
        name = str(partner.get("name") or "").strip() if isinstance(partner, Mapping) else ""
        if name and name not in names:
            names.append(name)
    return names


@transaction.atomic
def take_over_partners(*, actor: Actor, assessment: LegalAssessment) -> LegalAssessment:
    """Add the canvas's partners as beneficiaries in one step (names only; beneficiaries
    already listed keep their figures, nobody is removed)."""
    current = _locked(actor, assessment, "legal.edit")
    data = dict(current.answers)
    aid = dict(data.get("aid") or {})
    listed = list(aid.get("beneficiaries") or [])
    known = {str(b.get("name")) for b in listed if isinstance(b, Mapping)}
    added = [{"name": name} for name in partners_of_canvas(current.collaboration_id)]
    listed += [b for b in added if b["name"] not in known]
    aid["beneficiaries"] = listed
    data["aid"] = aid
    return update_answers(actor=actor, assessment=current, answers=data)


@transaction.atomic
def sign_off(
    *, actor: Actor, assessment: LegalAssessment, version: str | None, remark: str = ""
) -> LegalAssessment:
    """Record the review of a complete draft by someone other than its author (four eyes).

    ``version`` is the answers' version the reviewer read (:func:`answers_version`); it is
    compared under the row lock that every change of the answers takes too, so a sign-off
    never approves answers the reviewer did not see. An outcome that does not conclude
    cannot be signed off.
    """
    current = _locked(actor, assessment, "legal.sign_off")
    if current.status != Status.DRAFT:
        raise StatusError(
            f"assessment {current.pk} is {current.status.replace('_', ' ')}; only a draft can "
            "be signed off"
        )
    refusal = sign_off_refusal(current, actor)
    if refusal:
        raise PermissionDenied(refusal)
    if current.outcome is None:
        raise StatusError(
            f"assessment {current.pk} has no reference date (on_date) yet; answer it first"
        )
    if not version:
        raise Conflict(
            _("a sign-off must say which version of the answers it approves (read it first)")
        )
    if version != answers_version(current):
        since = int(version) if version.isdigit() else 0
        raise AnswersMoved(
            list(
                current.answer_changes.filter(pk__gt=since).select_related("author").order_by("pk")
            )
        )
    if not is_determined(current.outcome):
        raise StatusError(
            _(
                "the outcome is not determined yet, so it cannot be signed off; the open "
                "questions on the page say what is missing"
            )
        )
    current.status = Status.SIGNED_OFF
    current.signed_off_by = actor
    current.signed_off_at = timezone.now()
    current.sign_off_remark = remark.strip()
    current.save()
    record(
        actor=actor,
        action="legal.assessment_signed_off",
        target=current,
        data={"remark": current.sign_off_remark},
    )
    _announce(actor, current.collaboration_id)
    return current


@transaction.atomic
def reopen(*, actor: Actor, assessment: LegalAssessment) -> LegalAssessment:
    """Start a new draft from a signed-off assessment; the old one becomes superseded."""
    current = _locked(actor, assessment, "legal.edit")
    if current.status != Status.SIGNED_OFF:
        raise StatusError(
            f"assessment {current.pk} is {current.status.replace('_', ' ')}; only a signed-off "
            "assessment can be reopened"
        )
    successor = LegalAssessment(
        collaboration_id=current.collaboration_id,
        title=current.title,
        author=actor,
        supersedes=current,
    )
    _apply(successor, current.answers)
    current.status = Status.SUPERSEDED
    current.save(update_fields=["status", "updated_at"])
    successor.save()
    _record_change(successor, actor, {}, successor.answers)
    record(
        actor=actor,
        action="legal.assessment_reopened",
        target=successor,
        data={"supersedes": current.pk},
    )
    record(
        actor=actor,
        action="legal.assessment_superseded",
        target=current,
        data={"superseded_by": successor.pk},
    )
    _announce(actor, current.collaboration_id)
    return successor


def list_assessments(
    *, user: Actor | AnonymousUser, collaboration: Collaboration
) -> QuerySet[LegalAssessment]:
    """The assessments of a collaboration, newest first (viewers and up)."""
    collaboration_for(user, collaboration.pk, "legal.view")
    return LegalAssessment.objects.filter(collaboration_id=collaboration.pk).select_related(
        "author", "signed_off_by", "collaboration"
    )


def get_assessment(
    *, user: Actor | AnonymousUser, pk: Any, action: str = "legal.view"
) -> LegalAssessment:
    """One assessment the user may see; strangers get "not found", like for collaborations."""
    try:
        assessment = LegalAssessment.objects.select_related("author", "signed_off_by").get(
            pk=int(pk)
        )
    except (LegalAssessment.DoesNotExist, ValueError, TypeError):
        raise NotFound(f"assessment {pk} not found") from None
    try:
        assessment.collaboration = collaboration_for(user, assessment.collaboration_id, action)
    except NotFound:
        raise NotFound(f"assessment {pk} not found") from None
    return assessment


def has_assessment(collaboration: Collaboration, *, signed_off_only: bool = False) -> bool:
    """Whether the collaboration has a current (draft or signed-off) legal route check.

    The canvas advice check uses this to remind partners to motivate the government's role.
    """
    statuses = [Status.SIGNED_OFF] if signed_off_only else [Status.DRAFT, Status.SIGNED_OFF]
    return LegalAssessment.objects.filter(
        collaboration_id=collaboration.pk, status__in=statuses
    ).exists()


def _when(value: Any) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def record_info(assessment: LegalAssessment) -> RecordInfo:
    """What the motivation report shows about an assessment on record."""
    supersedes = ""
    if assessment.supersedes_id:
        supersedes = f"#{assessment.supersedes_id}"
    return RecordInfo(
        title=assessment.title,
        collaboration=assessment.collaboration.subject,
        reference=f"#{assessment.pk}",
        status=assessment.status,
        author=name_and_function(assessment.author),
        created=_when(assessment.created_at),
        signed_off_by=name_and_function(assessment.signed_off_by),
        signed_off_at=_when(assessment.signed_off_at),
        remark=assessment.sign_off_remark,
        supersedes=supersedes,
    )


def motivation(assessment: LegalAssessment, *, language: str = "nl") -> Document:
    """The motivation document of an assessment, from its stored answers and outcome.

    The stored outcome is used as it was recorded (never re-run), so a signed-off motivation
    keeps saying what was reviewed even after the rules change.
    """
    if assessment.outcome is None:
        raise UserError(
            f"assessment {assessment.pk} has no reference date (on_date) yet; answer it first"
        )
    return build_report(
        assessment.answers, assessment.outcome, language=language, record=record_info(assessment)
    )


def check_summaries(collaboration_id: int) -> list[LegalCheckSummary]:
    """The port behind ``core.extensions.legal_checks`` (no access check: the caller did)."""
    from django.urls import reverse

    found = LegalAssessment.objects.filter(
        collaboration_id=collaboration_id, status__in=[Status.DRAFT, Status.SIGNED_OFF]
    ).order_by("-created_at", "-pk")
    summaries = []
    for assessment in found:
        outcome = assessment.outcome or {}
        procurement = outcome.get("procurement") or {}
        summaries.append(
            LegalCheckSummary(
                id=assessment.pk,
                collaboration_id=assessment.collaboration_id,
                title=assessment.title,
                status=assessment.status,
                regime=outcome.get("regime"),
                procurement_applies=procurement.get("applies"),
                eu_procedure=procurement.get("eu_procedure"),
                url=reverse("legal:detail", args=[assessment.pk]),
            )
        )
    return summaries
