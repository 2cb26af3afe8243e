"""Use cases of the canvas against the database: revisions, merge, restore, roles, audit."""

from __future__ import annotations

import pytest
from django.utils import translation

from grenzeloos.audit.models import AuditEvent
from grenzeloos.canvas import services
from grenzeloos.canvas.document import CanvasValidationError
from grenzeloos.canvas.models import Revision
from grenzeloos.collaborations import services as collaboration_services
from grenzeloos.core.errors import NotFound, PermissionDenied, UserError

pytestmark = pytest.mark.django_db


def test_messages_follow_the_active_language(people):
    with translation.override("nl"), pytest.raises(NotFound, match="heeft geen revisie 9"):
        services.get_revision(people["collaboration"], 9)


def test_every_save_is_a_new_immutable_revision_with_author(people):
    collaboration, editor = people["collaboration"], people["editor"]
    first = services.head(collaboration)
    document = {**first.document, "dream": "Een nieuwe droom"}
    second = services.save_canvas(actor=editor, collaboration=collaboration, document=document)
    assert (first.number, second.number) == (1, 2)
    assert second.author == editor
    assert Revision.objects.get(pk=first.pk).document["dream"] != "Een nieuwe droom"
    collaboration.refresh_from_db()
    assert services.head(collaboration).number == 2


def test_saving_the_same_document_writes_nothing(people):
    collaboration = people["collaboration"]
    head = services.head(collaboration)
    again = services.save_canvas(
        actor=people["owner"], collaboration=collaboration, document=head.document
    )
    assert again.pk == head.pk
    assert collaboration.revisions.count() == 1


def test_two_updates_from_one_base_touching_different_fields_both_survive(people):
    collaboration = people["collaboration"]
    services.update_fields(
        actor=people["owner"], collaboration=collaboration, changes={"dream": "D"}, base_revision=1
    )
    services.update_fields(
        actor=people["editor"], collaboration=collaboration, changes={"pitch": "P"}, base_revision=1
    )
    head = services.head(collaboration)
    assert head.number == 3
    assert (head.document["dream"], head.document["pitch"]) == ("D", "P")


def test_same_field_from_one_base_is_refused_and_stores_nothing(people):
    collaboration = people["collaboration"]
    services.update_fields(
        actor=people["owner"], collaboration=collaboration, changes={"dream": "D1"}, base_revision=1
    )
    events = AuditEvent.objects.count()
    with pytest.raises(services.MergeConflictError) as caught:
        services.update_fields(
            actor=people["editor"],
            collaboration=collaboration,
            changes={"dream": "D2", "pitch": "P2"},
            base_revision=1,
        )
    assert caught.value.fields == ("dream",)
    assert "dream" in str(caught.value)
    assert collaboration.revisions.count() == 2
    assert AuditEvent.objects.count() == events
    assert services.head(collaboration).document["pitch"] != "P2"


def test_invalid_document_stores_nothing(people):
    collaboration = people["collaboration"]
    with pytest.raises(CanvasValidationError):
        services.save_canvas(
            actor=people["owner"],
            collaboration=collaboration,
            document={"schema": "grenzeloos.canvas/1", "subject": "x", "partners": [{"name": "A"}]},
        )
    assert collaboration.revisions.count() == 1


def test_restore_is_a_new_revision(people):
    collaboration, owner = people["collaboration"], people["owner"]
    original = services.head(collaboration).document
    services.update_fields(
        actor=owner, collaboration=collaboration, changes={"dream": "weg"}, base_revision=1
    )
    restored = services.restore(actor=owner, collaboration=collaboration, number=1)
    assert restored.number == 3
    assert restored.restored_from == 1
    assert restored.document == original
    assert [r.number for r in services.history(collaboration)] == [3, 2, 1]


def test_diff_between_revisions(people):
    collaboration = people["collaboration"]
    services.update_fields(
        actor=people["owner"],
        collaboration=collaboration,
        changes={"dream": "In 2030 is één op de vier daken groen."},
        base_revision=1,
    )
    changes = services.diff(collaboration, 1, 2)
    assert [change.field for change in changes] == ["dream"]
    assert any(op.op == "insert" and "vier" in op.text for op in changes[0].words)


def test_unknown_revision_is_not_found(people):
    with pytest.raises(NotFound, match="no revision 9"):
        services.get_revision(people["collaboration"], 9)


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("owner", True), ("editor", True), ("viewer", False), ("stranger", False)],
)
def test_only_editors_and_owners_save(people, who, allowed):
    collaboration = people["collaboration"]
    document = {**services.head(collaboration).document, "pitch": "nieuw"}
    if allowed:
        services.save_canvas(actor=people[who], collaboration=collaboration, document=document)
        assert services.head(collaboration).document["pitch"] == "nieuw"
    else:
        expected = PermissionDenied if who == "viewer" else NotFound
        with pytest.raises(expected):
            services.save_canvas(actor=people[who], collaboration=collaboration, document=document)


def test_strangers_do_not_see_the_collaboration(people):
    assert list(services.collaborations_for(user=people["stranger"])) == []
    with pytest.raises(NotFound):
        services.collaboration_for(
            user=people["stranger"], pk=people["collaboration"].pk, action="canvas.view"
        )
    assert list(services.collaborations_for(user=people["viewer"])) == [people["collaboration"]]


def test_search_finds_words_in_the_canvas(people):
    viewer = people["viewer"]
    assert list(services.collaborations_for(user=viewer, search="Zeeën")) == [
        people["collaboration"]
    ]
    assert list(services.collaborations_for(user=viewer, search="waterberging")) == [
        people["collaboration"]
    ]
    assert list(services.collaborations_for(user=viewer, search="raket")) == []


def test_only_owners_share_and_the_last_owner_stays(people):
    collaboration = people["collaboration"]
    with pytest.raises(PermissionDenied):
        collaboration_services.share(
            actor=people["editor"], collaboration=collaboration, username="sam", role="viewer"
        )
    with pytest.raises(UserError, match="at least one owner"):
        collaboration_services.share(
            actor=people["owner"], collaboration=collaboration, username="olga", role="viewer"
        )
    with pytest.raises(UserError, match="no account named"):
        collaboration_services.share(
            actor=people["owner"], collaboration=collaboration, username="nobody", role="viewer"
        )
    collaboration_services.unshare(
        actor=people["owner"], collaboration=collaboration, username="vera"
    )
    with pytest.raises(NotFound):
        services.collaboration_for(user=people["viewer"], pk=collaboration.pk, action="canvas.view")


def test_every_change_is_audited(people):
    collaboration = people["collaboration"]
    services.update_fields(
        actor=people["editor"], collaboration=collaboration, changes={"pitch": "x"}, base_revision=1
    )
    actions = list(
        AuditEvent.objects.filter(target_id=str(collaboration.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "collaboration.created",
        "canvas.created",
        "collaboration.shared",
        "collaboration.shared",
        "canvas.saved",
    ]
    saved = AuditEvent.objects.filter(action="canvas.saved").get()
    assert saved.actor == people["editor"]
    assert saved.data["fields"] == ["pitch"]
