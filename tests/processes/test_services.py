"""Running a process through the services: copying and adapting a template, the gate rules
(required criteria each with a note, a reason, one gate at a time), moving back, closing with
lessons, two people moving the same item at once, and the funnel's figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from grenzeloos.audit.models import AuditEvent
from grenzeloos.core.errors import Conflict, FieldError, NotFound, PermissionDenied
from grenzeloos.processes import services
from grenzeloos.processes.models import Item, Transition
from tests.canvas.test_concurrent_writes import _race
from tests.ledger.factories import CommitmentFactory, make_collaboration

FOUR = {
    "technology": "The heat pump works at the test ground.",
    "business_model": "A housing corporation pays per house.",
    "regulation": "The municipality allows it under the building code.",
    "public": "Tenants liked it in the survey.",
}


@pytest.fixture
def scaling(people):
    return services.copy_template(
        actor=people["owner"],
        collaboration_id=people["collaboration"].pk,
        template_key="scaling-hop-step-jump",
    )


@pytest.fixture
def item(people, scaling):
    return services.add_item(actor=people["editor"], process_id=scaling.pk, name="Heat pump")


def _move(people, item, to, **extra):
    fresh = Item.objects.get(pk=item.pk)
    extra.setdefault("reason", "Decided in the steering group.")
    return services.move_item(
        actor=people["editor"], item_id=item.pk, to_stage=to, revision=fresh.revision, **extra
    )


def test_only_owners_copy_a_template_and_strangers_do_not_see_processes(people, scaling):
    collaboration = people["collaboration"].pk
    with pytest.raises(PermissionDenied):
        services.copy_template(
            actor=people["editor"],
            collaboration_id=collaboration,
            template_key="funnel-triumvirate",
        )
    with pytest.raises(NotFound):
        services.processes_of(actor=people["stranger"], collaboration_id=collaboration)
    with pytest.raises(Conflict):
        services.copy_template(
            actor=people["owner"],
            collaboration_id=collaboration,
            template_key="scaling-hop-step-jump",
        )
    assert scaling.copied_from == "scaling-hop-step-jump@1"
    assert [
        p.key for p in services.processes_of(actor=people["viewer"], collaboration_id=collaboration)
    ] == ["scaling-hop-step-jump"]


def test_adapting_makes_a_new_version_and_keeps_stages_that_hold_items(people, scaling, item):
    document = dict(scaling.document)
    document["stages"] = [s for s in document["stages"] if s["key"] != "pilot"]
    adapted = services.adapt_process(
        actor=people["owner"], process_id=scaling.pk, document=document, base_version=1
    )
    assert adapted.version == 2
    assert [v.version for v in adapted.versions.all()] == [1, 2]
    assert services.template_of(adapted).stage_keys() == [
        "intake",
        "lab",
        "test_ground",
        "roll_out",
    ]
    with pytest.raises(Conflict, match="changed meanwhile"):
        services.adapt_process(
            actor=people["owner"], process_id=scaling.pk, document=document, base_version=1
        )
    document["stages"] = [s for s in document["stages"] if s["key"] != "intake"]
    with pytest.raises(Conflict, match="intake still holds items"):
        services.adapt_process(
            actor=people["owner"], process_id=scaling.pk, document=document, base_version=2
        )
    with pytest.raises(PermissionDenied):
        services.adapt_process(
            actor=people["editor"], process_id=scaling.pk, document=document, base_version=2
        )


def test_the_intake_gate_needs_all_four_aspects_each_with_a_note(people, item):
    three = {k: v for k, v in FOUR.items() if k != "public"}
    with pytest.raises(FieldError, match="criteria.public"):
        _move(people, item, "lab", criteria=three)
    with pytest.raises(FieldError, match="criteria.public"):
        _move(people, item, "lab", criteria=dict(FOUR, public="  "))
    with pytest.raises(FieldError, match="criteria.colour"):
        _move(people, item, "lab", criteria=dict(FOUR, colour="red"))
    with pytest.raises(FieldError, match="reason"):
        _move(people, item, "lab", criteria=FOUR, reason=" ")
    with pytest.raises(FieldError, match="one gate at a time"):
        _move(people, item, "test_ground", criteria=FOUR)
    assert Item.objects.get(pk=item.pk).stage == "intake"
    assert not Transition.objects.exists()

    transition = _move(people, item, "lab", criteria=FOUR)
    item.refresh_from_db()
    assert (item.stage, item.revision) == ("lab", 2)
    assert transition.kind == "advance"
    assert transition.decided_by == people["editor"]
    assert transition.reason == "Decided in the steering group."
    assert transition.criteria == [{"key": k, "note": v} for k, v in FOUR.items()]
    assert AuditEvent.objects.filter(
        action="processes.item_advance", target_id=str(item.pk)
    ).exists()


def test_viewers_do_not_move_items(people, item):
    with pytest.raises(PermissionDenied):
        services.move_item(
            actor=people["viewer"], item_id=item.pk, to_stage="lab", reason="x", revision=1
        )
    with pytest.raises(NotFound):
        services.move_item(
            actor=people["stranger"], item_id=item.pk, to_stage="lab", reason="x", revision=1
        )


def test_moving_back_is_allowed_and_recorded_without_criteria(people, item):
    _move(people, item, "lab", criteria=FOUR)
    _move(people, item, "test_ground", criteria={"test_question": "Does it heat in winter?"})
    back = _move(people, item, "intake", reason="The regulation answer did not hold.")
    item.refresh_from_db()
    assert item.stage == "intake"
    assert (back.kind, back.from_stage, back.to_stage, back.criteria) == (
        "back",
        "test_ground",
        "intake",
        [],
    )
    assert [t.kind for t in item.transitions.all()] == ["advance", "advance", "back"]


def test_closing_keeps_the_lessons(people, scaling, item):
    with pytest.raises(FieldError, match="last stage"):
        services.close_item(
            actor=people["editor"],
            item_id=item.pk,
            outcome="completed",
            reason="Done",
            lessons="Test early.",
            revision=1,
        )
    with pytest.raises(FieldError, match="lessons"):
        services.close_item(
            actor=people["editor"],
            item_id=item.pk,
            outcome="stopped",
            reason="No business model.",
            lessons="",
            revision=1,
        )
    services.close_item(
        actor=people["editor"],
        item_id=item.pk,
        outcome="stopped",
        reason="No business model.",
        lessons="Ask the housing corporations first.",
        revision=1,
    )
    item.refresh_from_db()
    assert (item.outcome, item.lessons) == ("stopped", "Ask the housing corporations first.")
    assert item.closed_at is not None
    with pytest.raises(Conflict, match="closed"):
        _move(people, item, "lab", criteria=FOUR)

    last = services.add_item(actor=people["editor"], process_id=scaling.pk, name="Solar road")
    Item.objects.filter(pk=last.pk).update(stage="roll_out")
    with pytest.raises(FieldError, match="criteria.rolled_out"):
        services.close_item(
            actor=people["editor"],
            item_id=last.pk,
            outcome="completed",
            reason="Rolled out",
            lessons="Find a driver.",
            revision=1,
        )
    services.close_item(
        actor=people["editor"],
        item_id=last.pk,
        outcome="completed",
        reason="Rolled out",
        lessons="Find a driver.",
        revision=1,
        criteria={"rolled_out": "Ten streets."},
    )
    assert Item.objects.get(pk=last.pk).outcome == "completed"


def test_a_move_on_a_stale_revision_is_a_conflict_naming_the_stage(people, item):
    _move(people, item, "lab", criteria=FOUR)
    with pytest.raises(Conflict, match="now in stage lab"):
        services.move_item(
            actor=people["owner"],
            item_id=item.pk,
            to_stage="lab",
            reason="Me too",
            revision=1,
            criteria=FOUR,
        )
    assert Transition.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_people_moving_the_same_card_at_once_one_wins(people, item):
    actors = [people["owner"], people["editor"]]

    def send(index):
        return services.move_item(
            actor=actors[index],
            item_id=item.pk,
            to_stage="lab",
            reason=f"Decision {index}",
            revision=1,
            criteria=FOUR,
        )

    answers = _race(2, send)
    assert sorted(type(a).__name__ for a in answers) == ["Conflict", "Transition"]
    assert Transition.objects.count() == 1
    assert Item.objects.get(pk=item.pk).revision == 2


def test_the_funnel_counts_items_sums_commitments_and_time_per_stage(people, scaling, item):
    owner = people["owner"]
    here = people["collaboration"].pk
    other = make_collaboration(owner)
    CommitmentFactory(partner__collaboration_id=here, quantity=Decimal("240"), unit="hours")
    CommitmentFactory(partner__collaboration_id=here, quantity=Decimal("0.6"), unit="fte")
    CommitmentFactory(partner__collaboration_id=other, quantity=Decimal("5000"), unit="EUR")
    services.add_item(
        actor=people["editor"], process_id=scaling.pk, name="Us", linked_collaboration_id=here
    )
    services.add_item(
        actor=owner, process_id=scaling.pk, name="Side project", linked_collaboration_id=other
    )
    Item.objects.filter(pk=item.pk).update(entered_stage_at=timezone.now() - dt.timedelta(days=3))
    _move(people, item, "lab", criteria=FOUR)

    _, _, stages = services.funnel(actor=owner, process_id=scaling.pk)
    rows = {s.key: s for s in stages}
    assert [s.count for s in stages] == [2, 1, 0, 0, 0]
    assert (rows["intake"].hours, rows["intake"].fte, rows["intake"].euros) == (
        Decimal("240"),
        Decimal("0.6"),
        Decimal("5000"),
    )
    assert rows["intake"].mean_days == Decimal("3.0")
    assert rows["lab"].mean_days is None
    # The viewer is no member of the side project: its euros stay out of the viewer's funnel.
    _, _, seen = services.funnel(actor=people["viewer"], process_id=scaling.pk)
    assert (seen[0].hours, seen[0].euros) == (Decimal("240"), Decimal("0"))


def test_the_board_shows_open_items_per_stage(people, scaling, item):
    services.add_item(actor=people["editor"], process_id=scaling.pk, name="Second")
    _move(people, item, "lab", criteria=FOUR)
    board = services.board(actor=people["viewer"], process_id=scaling.pk)
    assert [(c.key, c.count, [i.name for i in c.items]) for c in board.columns][:2] == [
        ("intake", 1, ["Second"]),
        ("lab", 1, ["Heat pump"]),
    ]
    with pytest.raises(NotFound):
        services.board(actor=people["stranger"], process_id=scaling.pk)


def test_the_board_shows_each_column_oldest_first_page_by_page_and_counts_the_closed(
    people, scaling
):
    now = timezone.now()
    made = {}
    for number, stage in enumerate(["intake", "lab", "intake", "lab", "intake", "intake"]):
        made[number] = services.add_item(
            actor=people["editor"], process_id=scaling.pk, name=f"Item {number}"
        )
        Item.objects.filter(pk=made[number].pk).update(
            stage=stage, entered_stage_at=now - dt.timedelta(days=10 - number)
        )
    Item.objects.filter(pk=made[4].pk).update(closed_at=now, outcome="stopped")
    board = services.board(actor=people["viewer"], process_id=scaling.pk, per_column=2)
    shown = {column.key: ([c.name for c in column.items], column.count) for column in board.columns}
    assert shown["intake"] == (["Item 0", "Item 2"], 3)
    assert shown["lab"] == (["Item 1", "Item 3"], 2)
    assert shown["pilot"] == ([], 0)
    assert board.closed == 1
    second = services.board(
        actor=people["viewer"], process_id=scaling.pk, stage="intake", per_column=2, offset=2
    )
    assert [(c.key, [i.name for i in c.items], c.count) for c in second.columns] == [
        ("intake", ["Item 5"], 3)
    ]
    with pytest.raises(NotFound):
        services.board(actor=people["viewer"], process_id=scaling.pk, stage="nowhere")
