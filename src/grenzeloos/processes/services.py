"""Use cases of processes: copy and adapt a template, add items, move them through gates,
close them with their lessons, and read the board and the funnel."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Avg, Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from grenzeloos.audit.services import record
from grenzeloos.collaborations.access import (
    allows,
    collaboration_for,
    get_action,
    visible_to,
)
from grenzeloos.core.errors import Conflict, FieldError, NotFound
from grenzeloos.core.extensions import (
    COMMITMENT_TOTALS,
    CaseDraft,
    CaseReference,
    DecisionRef,
    adopted_decisions,
    committed_totals,
    draft_case,
)
from grenzeloos.core.inputs import tolerant
from grenzeloos.core.users import Actor
from grenzeloos.processes import definitions
from grenzeloos.processes.access import DRAFT_CASE, MANAGE, MOVE, VIEW
from grenzeloos.processes.definitions import Template
from grenzeloos.processes.models import (
    Item,
    Move,
    Outcome,
    Process,
    ProcessVersion,
    Transition,
)

MAX_REASON = 4000
MAX_NOTE = 1000
MAX_LESSONS = 10000
#: The ledger's action that lets a person see a collaboration's commitments.
LEDGER_VIEW = "ledger.view"


_parsed: dict[tuple[int, int], Template] = {}


def template_of(process: Process) -> Template:
    """The checked document of a process (stored documents were checked when written); kept
    per process and version, since a version's document never changes."""
    key = (process.pk, process.version)
    found = _parsed.get(key)
    if found is None or found.document != process.document:
        found = definitions.parse(process.document, where=f"process {process.pk}")
        if len(_parsed) > 500:
            _parsed.clear()
        _parsed[key] = found
    return found


def _clean(text: str, *, name: str, limit: int, required: bool = True) -> str:
    value = (text or "").strip()
    if required and not value:
        raise FieldError(name, _("this is required"))
    if len(value) > limit:
        raise FieldError(name, _("at most %(limit)s characters") % {"limit": limit})
    return value


# --- Templates and processes -----------------------------------------------------------------


def process_for(actor: Actor, process_id: int, action: str) -> Process:
    """A process if the actor may do ``action`` in its collaboration (NotFound otherwise)."""
    process = Process.objects.filter(pk=process_id).first()
    if process is None:
        raise NotFound(_("process %(id)s not found") % {"id": process_id})
    process.collaboration = collaboration_for(actor, process.collaboration_id, action)
    return process


def processes_of(*, actor: Actor, collaboration_id: int) -> list[Process]:
    collaboration_for(actor, collaboration_id, VIEW)
    return list(Process.objects.filter(collaboration_id=collaboration_id))


@transaction.atomic
def copy_template(*, actor: Actor, collaboration_id: int, template_key: str) -> Process:
    """Copy a shipped template into the collaboration, where its owners may adapt it."""
    collaboration_for(actor, collaboration_id, MANAGE)
    template = definitions.shipped_template(template_key)
    if template is None:
        raise NotFound(_("template %(key)s not found") % {"key": template_key})
    if Process.objects.filter(collaboration_id=collaboration_id, key=template.key).exists():
        raise Conflict(
            _("this collaboration already runs the process %(key)s") % {"key": template.key}
        )
    process = Process.objects.create(
        collaboration_id=collaboration_id,
        key=template.key,
        version=1,
        document=dict(template.document, version=1),
        copied_from=f"{template.key}@{template.version}",
        created_by=actor,
    )
    ProcessVersion.objects.create(
        process=process, version=1, document=process.document, created_by=actor
    )
    record(
        actor=actor,
        action="processes.copied",
        target=process,
        data={"collaboration": collaboration_id, "template": process.copied_from},
    )
    return process


@transaction.atomic
def adapt_process(
    *, actor: Actor, process_id: int, document: Mapping[str, Any], base_version: int
) -> Process:
    """A new version of the process's document. ``base_version`` is the version the owner
    edited; a stage that still holds open items may not disappear."""
    process = process_for(actor, process_id, MANAGE)
    process = Process.objects.select_for_update().get(pk=process.pk)
    if process.version != base_version:
        raise Conflict(
            _("the process was changed meanwhile (now version %(version)s)")
            % {"version": process.version}
        )
    candidate = dict(document, key=process.key, version=process.version + 1)
    template = definitions.parse(candidate, where=_("the adapted process"))
    in_use = set(
        Item.objects.filter(process=process, closed_at__isnull=True).values_list("stage", flat=True)
    )
    missing = sorted(in_use - set(template.stage_keys()))
    if missing:
        raise Conflict(
            _("stage %(stages)s still holds items; move them before removing it")
            % {"stages": ", ".join(missing)}
        )
    process.version = template.version
    process.document = dict(template.document)
    process.save(update_fields=["version", "document"])
    ProcessVersion.objects.create(
        process=process, version=process.version, document=process.document, created_by=actor
    )
    record(
        actor=actor, action="processes.adapted", target=process, data={"version": process.version}
    )
    return process


# --- Items ---------------------------------------------------------------------------------


@transaction.atomic
def add_item(
    *, actor: Actor, process_id: int, name: str, linked_collaboration_id: int | None = None
) -> Item:
    """An item in the first stage: a project by name, or a collaboration the actor may move
    items in (this one, or a project run as a collaboration of its own)."""
    process = process_for(actor, process_id, MOVE)
    name = _clean(name, name="name", limit=200)
    if linked_collaboration_id is not None:
        collaboration_for(actor, linked_collaboration_id, VIEW)
    template = template_of(process)
    item = Item.objects.create(
        process=process,
        name=name,
        linked_id=linked_collaboration_id,
        stage=template.stages[0].key,
        entered_stage_at=timezone.now(),
        created_by=actor,
    )
    record(
        actor=actor,
        action="processes.item_added",
        target=item,
        data={"process": process.pk, "stage": item.stage},
    )
    return item


def item_for(actor: Actor, item_id: int, action: str) -> Item:
    item = Item.objects.select_related("process").filter(pk=item_id).first()
    if item is None:
        raise NotFound(_("item %(id)s not found") % {"id": item_id})
    collaboration_for(actor, item.process.collaboration_id, action)
    return item


def _criteria_met(
    template: Template, stage_key: str, criteria: Mapping[str, str]
) -> list[dict[str, str]]:
    """The criteria ticked as ``[{"key", "note"}]``: each known, each with a note, and every
    required one of the stage's gate among them."""
    stage = template.stage(stage_key)
    assert stage is not None
    ticked: list[dict[str, str]] = []
    for key, note in criteria.items():
        if stage.criterion(key) is None:
            raise FieldError(
                f"criteria.{key}",
                _("the gate of this stage has no criterion %(key)s") % {"key": key},
            )
        ticked.append({"key": key, "note": _clean(note, name=f"criteria.{key}", limit=MAX_NOTE)})
    for criterion in stage.criteria:
        if criterion.required and criterion.key not in criteria:
            raise FieldError(
                f"criteria.{criterion.key}",
                _("the gate needs this criterion met, with a note"),
            )
    return ticked


def decisions_for(collaboration_id: int) -> list[DecisionRef] | None:
    """The adopted decisions a gate in this collaboration may be passed by (the caller checked
    access); ``None`` when no app keeps decisions."""
    return adopted_decisions(collaboration_id)


def _decision(item: Item, decision_id: int | None) -> DecisionRef | None:
    """The adopted decision named for a move, checked to be one of the collaboration's."""
    if decision_id is None:
        return None
    found = decisions_for(item.process.collaboration_id)
    if found is None:
        raise FieldError("decision", _("no decisions of bodies are kept in this installation"))
    for decision in found:
        if decision.id == decision_id:
            return decision
    raise FieldError(
        "decision", _("choose an adopted decision of one of this collaboration's bodies")
    )


def _reason(reason: str, decision: DecisionRef | None) -> str:
    """The written reason: required unless a body's decision took the move."""
    return _clean(reason, name="reason", limit=MAX_REASON, required=decision is None)


def _moved_meanwhile(item: Item) -> Conflict:
    return Conflict(
        _(
            "someone else moved this item meanwhile; it is now in stage %(stage)s. "
            "Look at it again before you decide."
        )
        % {"stage": item.stage}
    )


def _check_open(item: Item, revision: int) -> None:
    if item.revision != revision:
        raise _moved_meanwhile(item)
    if item.closed_at is not None:
        raise Conflict(_("this item is closed"))


def _write_move(
    *,
    actor: Actor,
    item: Item,
    revision: int,
    kind: str,
    to_stage: str,
    ticked: list[dict[str, str]],
    reason: str,
    decision: DecisionRef | None = None,
    closing: Mapping[str, Any] | None = None,
) -> Transition:
    """Record one move; the item changes only when nobody moved it since ``revision``."""
    now = timezone.now()
    changes: dict[str, Any] = {"revision": revision + 1}
    if closing is None:
        changes.update(stage=to_stage, entered_stage_at=now)
    else:
        changes.update(closing, closed_at=now)
    updated = Item.objects.filter(pk=item.pk, revision=revision, closed_at__isnull=True).update(
        **changes
    )
    if not updated:
        current = Item.objects.filter(pk=item.pk).first()
        raise _moved_meanwhile(current or item)
    transition = Transition.objects.create(
        item=item,
        kind=kind,
        from_stage=item.stage,
        to_stage=to_stage,
        criteria=ticked,
        reason=reason,
        seconds_in_stage=max(0, int((now - item.entered_stage_at).total_seconds())),
        decided_by=actor,
        decided_at=now,
        decision_id=decision.id if decision else None,
        decision_body=decision.body[:200] if decision else "",
        decision_on=decision.on if decision else None,
        decision_title=decision.title[:200] if decision else "",
    )
    data: dict[str, Any] = {
        "from": item.stage,
        "to": to_stage,
        "criteria": [c["key"] for c in ticked],
    }
    if decision is not None:
        data["decision"] = decision.id
    record(actor=actor, action=f"processes.item_{kind}", target=item, data=data)
    return transition


@transaction.atomic
def move_item(
    *,
    actor: Actor,
    item_id: int,
    to_stage: str,
    reason: str,
    revision: int,
    criteria: Mapping[str, str] | None = None,
    decision_id: int | None = None,
) -> Transition:
    """Pass the gate to the next stage (its required criteria met, each with a note), or move
    back to an earlier stage; both with a written reason, or by an adopted decision of one of
    the collaboration's bodies (``decision_id``; a reason beside it is optional), recorded with
    who and when."""
    item = item_for(actor, item_id, MOVE)
    _check_open(item, revision)
    template = template_of(item.process)
    if template.stage(to_stage) is None:
        raise FieldError("to_stage", _("the process has no stage %(key)s") % {"key": to_stage})
    decision = _decision(item, decision_id)
    reason = _reason(reason, decision)
    here = template.index(item.stage) if template.stage(item.stage) else -1
    there = template.index(to_stage)
    if there == here + 1:
        ticked = _criteria_met(template, item.stage, criteria or {})
        kind = Move.ADVANCE
    elif there <= here:
        if there == here:
            raise FieldError("to_stage", _("the item is in this stage already"))
        ticked, kind = [], Move.BACK
    else:
        raise FieldError("to_stage", _("an item passes one gate at a time"))
    return _write_move(
        actor=actor,
        item=item,
        revision=revision,
        kind=kind,
        to_stage=to_stage,
        ticked=ticked,
        reason=reason,
        decision=decision,
    )


@transaction.atomic
def close_item(
    *,
    actor: Actor,
    item_id: int,
    outcome: str,
    reason: str,
    lessons: str,
    revision: int,
    criteria: Mapping[str, str] | None = None,
    decision_id: int | None = None,
) -> Transition:
    """Close an item with its lessons: ``completed`` passes the last stage's gate (its criteria
    met), ``stopped`` ends it in any stage, on record; by a written reason or a body's adopted
    decision, as :func:`move_item`."""
    item = item_for(actor, item_id, MOVE)
    _check_open(item, revision)
    if outcome not in Outcome.values:
        raise FieldError("outcome", _("choose completed or stopped"))
    template = template_of(item.process)
    decision = _decision(item, decision_id)
    reason = _reason(reason, decision)
    lessons = _clean(lessons, name="lessons", limit=MAX_LESSONS)
    ticked: list[dict[str, str]] = []
    if outcome == Outcome.COMPLETED:
        if item.stage != template.stages[-1].key:
            raise FieldError("outcome", _("only an item in the last stage can be completed"))
        ticked = _criteria_met(template, item.stage, criteria or {})
    return _write_move(
        actor=actor,
        item=item,
        revision=revision,
        kind=Move.CLOSE,
        to_stage="",
        ticked=ticked,
        reason=reason,
        decision=decision,
        closing={"outcome": outcome, "lessons": lessons},
    )


def history(*, actor: Actor, item_id: int) -> tuple[Item, QuerySet[Transition]]:
    item = item_for(actor, item_id, VIEW)
    return item, item.transitions.select_related("decided_by").order_by("decided_at", "pk")


def decided_by_body(transition: Transition) -> str:
    """ "decided by the steering group on 3 March 2026" for a move a body's decision took, in
    the active language; ``""`` for one taken on a written reason alone."""
    if transition.decision_id is None:
        return ""
    return _("decided by %(body)s on %(date)s (decision %(id)s: %(title)s)") % {
        "body": transition.decision_body,
        "date": formats.date_format(transition.decision_on, "DATE_FORMAT")
        if transition.decision_on
        else "—",
        "id": transition.decision_id,
        "title": transition.decision_title,
    }


# --- A closed item as a case -----------------------------------------------------------------


def _step(transition: Transition, names: Mapping[str, str]) -> str:
    """One move as a line of the case's process, in the active language."""
    values = {
        "from": names.get(transition.from_stage, transition.from_stage),
        "to": names.get(transition.to_stage, transition.to_stage),
        "date": formats.date_format(timezone.localdate(transition.decided_at), "DATE_FORMAT"),
    }
    if transition.kind == Move.ADVANCE:
        head = _("%(date)s, gate passed from %(from)s to %(to)s") % values
    elif transition.kind == Move.BACK:
        head = _("%(date)s, moved back from %(from)s to %(to)s") % values
    else:
        head = _("%(date)s, closed in %(from)s") % values
    body = decided_by_body(transition)
    if body:
        head = f"{head}, {body}"
    return f"{head}: {transition.reason}" if transition.reason else head


@transaction.atomic
def turn_into_case(
    *, actor: Actor, item_id: int, theme: str, condition: str, language: str | None = None
) -> CaseReference:
    """Turn a closed item into a case in the actor's own case library (through the case
    library's port): the item's name, the stages it passed with their reasons and its lessons
    (under ``condition``, one of the publication's five conditions for success), in
    ``language`` (the active one when not given). Once per item; owners only."""
    item = item_for(actor, item_id, DRAFT_CASE)
    item = Item.objects.select_for_update().select_related("process").get(pk=item.pk)
    if item.closed_at is None:
        raise Conflict(_("only a closed item can be turned into a case"))
    if item.case_slug:
        raise Conflict(
            _("this item was turned into a case already (%(slug)s)") % {"slug": item.case_slug}
        )
    language = (language or translation.get_language() or "nl")[:2]
    if language not in ("nl", "en"):
        raise FieldError("language", _("choose nl or en"))
    collaboration = collaboration_for(actor, item.process.collaboration_id, DRAFT_CASE)
    template = template_of(item.process)
    with translation.override(language):
        names = {s.key: definitions.localized(s.name, language) for s in template.stages}
        transitions = list(item.transitions.order_by("decided_at", "pk"))
        title = definitions.localized(template.title, language)
        summary = _(
            "%(name)s went through the process %(process)s of %(collaboration)s and was "
            "closed as %(outcome)s on %(date)s, after %(count)s decisions on record."
        ) % {
            "name": item.name,
            "process": title,
            "collaboration": collaboration.subject,
            "outcome": item.get_outcome_display(),
            "date": formats.date_format(timezone.localdate(item.closed_at), "DATE_FORMAT"),
            "count": len(transitions),
        }
        draft = CaseDraft(
            name=item.name,
            theme=theme,
            language=language,
            domain=_("%(process)s in %(collaboration)s")
            % {"process": title, "collaboration": collaboration.subject},
            summary=summary,
            steps=[_step(transition, names) for transition in transitions],
            lessons=item.lessons,
            condition=condition,
        )
        reference = draft_case(actor=actor, draft=draft)
    item.case_slug = reference.slug
    item.case_url = reference.url
    item.case_drafted_by = actor
    item.save(update_fields=["case_slug", "case_url", "case_drafted_by"])
    record(
        actor=actor,
        action="processes.item_case_drafted",
        target=item,
        data={"case": reference.slug, "theme": theme, "condition": condition},
    )
    return reference


# --- Board and funnel ----------------------------------------------------------------------


@dataclass(frozen=True)
class Card:
    """An item as the board shows it (read without loading whole rows)."""

    pk: int
    name: str
    linked_id: int | None
    entered_stage_at: dt.datetime
    revision: int


@dataclass
class Column:
    key: str
    name: Mapping[str, str]
    items: list[Card] = field(default_factory=list)
    count: int = 0


@dataclass(frozen=True)
class Board:
    process: Process
    template: Template
    columns: list[Column]
    closed: int


#: Cards shown per column on the board; a stage's own page lists the rest, page by page.
BOARD_LIMIT = 30


def board(
    *,
    actor: Actor,
    process_id: int,
    per_column: int = BOARD_LIMIT,
    stage: str | None = None,
    offset: int = 0,
) -> Board:
    """The open items per stage, oldest in the stage first: at most ``per_column`` shown per
    column from ``offset`` on, all counted; with ``stage``, that one column only (NotFound
    when the process has no such stage).

    Two queries whatever the number of stages: the counts (open per stage, and closed), and
    the cards of every column at once, numbered per stage in the database."""
    process = process_for(actor, process_id, VIEW)
    template = template_of(process)
    if stage is not None and template.stage(stage) is None:
        raise NotFound(_("the process has no stage %(key)s") % {"key": stage})
    columns = {
        s.key: Column(s.key, s.name) for s in template.stages if stage is None or s.key == stage
    }
    items = Item.objects.filter(process=process)
    closed = 0
    counts = items.values("stage").annotate(
        open=Count("pk", filter=Q(closed_at__isnull=True)),
        closed=Count("pk", filter=Q(closed_at__isnull=False)),
    )
    for row in counts.order_by():
        closed += row["closed"]
        if row["stage"] in columns:
            columns[row["stage"]].count = row["open"]
    shown = [key for key, column in columns.items() if column.count > offset]
    if shown:
        place = Window(
            RowNumber(),
            partition_by=[F("stage")],
            order_by=[F("entered_stage_at").asc(), F("pk").asc()],
        )
        rows = (
            items.filter(closed_at__isnull=True, stage__in=shown)
            .annotate(place=place)
            .filter(place__gt=offset, place__lte=offset + per_column)
            .order_by("stage", "place")
            .values_list("stage", "pk", "name", "linked_id", "entered_stage_at", "revision")
        )
        for key, pk, name, linked, since, revision in rows:
            columns[key].items.append(Card(pk, tolerant(name), linked, since, revision))
    return Board(process, template, list(columns.values()), closed)


@dataclass(frozen=True)
class FunnelStage:
    key: str
    name: Mapping[str, str]
    count: int
    hours: Decimal | None
    fte: Decimal | None
    euros: Decimal | None
    #: Mean days an item stayed in the stage before it moved on, back or out (None: none yet).
    mean_days: Decimal | None


def _visible_ledgers(actor: Actor, collaboration_ids: Sequence[int]) -> set[int]:
    """The linked collaborations whose commitments the actor may see."""
    try:
        get_action(LEDGER_VIEW)
    except LookupError:
        return set()
    rows = visible_to(actor).filter(pk__in=list(collaboration_ids))
    return {row.pk for row in rows if allows(row, LEDGER_VIEW)}


def funnel(*, actor: Actor, process_id: int) -> tuple[Process, Template, list[FunnelStage]]:
    """Per stage: the open items, what their linked collaborations committed (hours, fte,
    euros, from the ledger, only where the actor may see it) and the mean time spent there."""
    process = process_for(actor, process_id, VIEW)
    template = template_of(process)
    counts: dict[str, int] = {}
    #: (stage, linked collaboration, how many open items there stand for it)
    linked: list[tuple[str, int, int]] = []
    groups = (
        Item.objects.filter(process=process, closed_at__isnull=True)
        .values_list("stage", "linked_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for stage_key, linked_id, n in groups:
        counts[stage_key] = counts.get(stage_key, 0) + n
        if linked_id is not None:
            linked.append((stage_key, linked_id, n))
    visible = _visible_ledgers(actor, sorted({pk for _, pk, _ in linked})) if linked else set()
    totals = committed_totals(sorted(visible)) if visible else None
    sums: dict[str, dict[str, Decimal]] = {}
    if totals is not None:
        for stage_key, pk, n in linked:
            for unit, amount in totals.get(pk, {}).items():
                bucket = sums.setdefault(stage_key, {})
                bucket[unit] = bucket.get(unit, Decimal(0)) + amount * n
    durations = {
        row["from_stage"]: row["mean"]
        for row in Transition.objects.filter(item__process=process)
        .values("from_stage")
        .annotate(mean=Avg("seconds_in_stage"))
        .order_by()
    }
    ledger = COMMITMENT_TOTALS.implementation is not None
    stages = []
    for stage in template.stages:
        amounts = sums.get(stage.key, {})
        mean = durations.get(stage.key)
        stages.append(
            FunnelStage(
                key=stage.key,
                name=stage.name,
                count=counts.get(stage.key, 0),
                hours=amounts.get("hours", Decimal(0)) if ledger else None,
                fte=amounts.get("fte", Decimal(0)) if ledger else None,
                euros=amounts.get("EUR", Decimal(0)) if ledger else None,
                mean_days=(Decimal(mean) / Decimal(86400)).quantize(Decimal("0.1"))
                if mean is not None
                else None,
            )
        )
    return process, template, stages
