"""A store written by the previous release (collaborations in the canvas app, canvas 0001)
upgrades with every collaboration, membership, revision, legal assessment and audit event."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from grenzeloos.audit.services import events_for
from grenzeloos.canvas.models import Canvas, Revision
from grenzeloos.collaborations.access import role_in
from grenzeloos.collaborations.models import Collaboration, Membership, Status
from grenzeloos.legal.models import AnswerChange, LegalAssessment
from grenzeloos.legal.services import sign_off_refusal

OLD = [
    ("canvas", "0001_initial"),
    ("legal", "0001_initial"),
    ("audit", "0001_initial"),
    ("collaborations", None),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor


@pytest.mark.django_db(transaction=True)
def test_previous_release_store_upgrades_without_losing_data():
    executor = _migrate(OLD)
    old = executor.loader.project_state(
        [("canvas", "0001_initial"), ("legal", "0001_initial"), ("audit", "0001_initial")]
    ).apps
    user_model = old.get_model("auth", "User")
    old_collaboration = old.get_model("canvas", "Collaboration")
    old_membership = old.get_model("canvas", "Membership")
    old_revision = old.get_model("canvas", "Revision")
    old_assessment = old.get_model("legal", "LegalAssessment")
    old_event = old.get_model("audit", "AuditEvent")

    olga = user_model.objects.create(username="olga")
    eddy = user_model.objects.create(username="eddy")
    first = old_collaboration.objects.create(subject="Proeftuin", created_by=olga, head_number=3)
    second = old_collaboration.objects.create(subject="Warmtenet", created_by=eddy, head_number=1)
    old_membership.objects.create(collaboration=first, user=olga, role="owner")
    old_membership.objects.create(collaboration=first, user=eddy, role="editor")
    old_membership.objects.create(collaboration=second, user=eddy, role="owner")
    for number in (1, 2, 3):
        old_revision.objects.create(
            collaboration=first,
            number=number,
            document={"subject": "Proeftuin", "dream": f"droom {number}"},
            author=olga if number != 2 else eddy,
            base_number=number - 1 or None,
        )
    old_revision.objects.create(
        collaboration=second, number=1, document={"subject": "Warmtenet"}, author=eddy
    )
    route = old_assessment.objects.create(collaboration=first, title="Route", author=olga)
    old_event.objects.create(
        actor=eddy,
        action="legal.answers_updated",
        target_type="legal.legalassessment",
        target_id=route.pk,
    )
    old_event.objects.create(
        actor=olga, action="canvas.created", target_type="canvas.collaboration", target_id=first.pk
    )

    _migrate(executor.loader.graph.leaf_nodes())

    upgraded = Collaboration.objects.get(pk=first.pk)
    assert upgraded.subject == "Proeftuin"
    assert upgraded.created_by.username == "olga"
    assert upgraded.status == Status.FORMING and upgraded.description == ""
    assert Canvas.objects.get(pk=first.pk).head_number == 3
    assert Canvas.objects.get(pk=second.pk).head_number == 1
    members = Membership.objects.filter(collaboration=upgraded)
    assert {(m.user.username, m.role) for m in members} == {("olga", "owner"), ("eddy", "editor")}
    assert role_in(Membership.objects.get(role="editor").user, first.pk) == "editor"
    revisions = Revision.objects.filter(collaboration=upgraded).order_by("number")
    assert [r.document["dream"] for r in revisions] == ["droom 1", "droom 2", "droom 3"]
    assert [r.author.username for r in revisions] == ["olga", "eddy", "olga"]
    assert [r.base_number for r in revisions] == [None, 1, 2]
    assert Revision.objects.filter(collaboration_id=second.pk).count() == 1
    assessment = LegalAssessment.objects.get()
    assert assessment.collaboration == upgraded
    # The four-eyes record of the old assessment: started by olga, answers changed by eddy.
    changes = AnswerChange.objects.filter(assessment=assessment).order_by("changed_at", "id")
    assert [c.author.username for c in changes] == ["olga", "eddy"]
    assert "you changed answers" in str(
        sign_off_refusal(assessment, Membership.objects.get(role="editor").user)
    )
    assert [e.action for e in events_for(upgraded)] == ["canvas.created"]
    assert "collaborations_collaboration" in connection.introspection.table_names()
    assert "canvas_collaboration" not in connection.introspection.table_names()
