"""Four eyes for real: nobody who started an assessment or changed its answers signs it off,
every change of answers is on record with author and time, and the refusal says why."""

from __future__ import annotations

import pytest
from django.test import Client

from grenzeloos.collaborations import services as collaboration_services
from grenzeloos.core.errors import PermissionDenied
from grenzeloos.legal import services
from grenzeloos.legal.models import AnswerChange, Status

pytestmark = pytest.mark.django_db


def _second_editor(people, make_user):
    lawyer = make_user("lara")
    collaboration_services.share(
        actor=people["owner"],
        collaboration=people["collaboration"],
        username="lara",
        role="editor",
    )
    return lawyer


def test_owner_creates_editor_edits_editor_cannot_sign_off(people, answers, make_user):
    """The bypass of the old rule: owner creates, an editor rewrites, that editor signs."""
    assessment = services.create_assessment(
        actor=people["owner"], collaboration=people["collaboration"], answers=answers
    )
    rewritten = {**answers, "on_date": "2026-05-01"}
    services.update_answers(actor=people["editor"], assessment=assessment, answers=rewritten)
    with pytest.raises(PermissionDenied) as refused:
        services.sign_off(
            actor=people["editor"],
            assessment=assessment,
            version=services.answers_version(assessment),
        )
    message = str(refused.value)
    assert "you changed answers of this assessment" in message
    assert "neither started it nor changed its answers" in message
    assessment.refresh_from_db()
    assert assessment.status == Status.DRAFT and assessment.signed_off_by is None
    # A third member who did neither may sign off.
    lawyer = _second_editor(people, make_user)
    signed = services.sign_off(
        actor=lawyer, assessment=assessment, version=services.answers_version(assessment)
    )
    assert signed.status == Status.SIGNED_OFF and signed.signed_off_by == lawyer


def test_the_creator_is_refused_with_the_reason(people, answers):
    assessment = services.create_assessment(
        actor=people["owner"], collaboration=people["collaboration"], answers=answers
    )
    with pytest.raises(PermissionDenied, match="you started this assessment"):
        services.sign_off(
            actor=people["owner"],
            assessment=assessment,
            version=services.answers_version(assessment),
        )


def test_every_change_of_answers_is_recorded_with_author_time_and_paths(people, answers):
    assessment = services.create_assessment(
        actor=people["owner"], collaboration=people["collaboration"], answers=answers
    )
    services.update_answers(
        actor=people["editor"], assessment=assessment, answers={**answers, "on_date": "2026-05-01"}
    )
    # Saving the same answers again is no change and leaves no trace.
    services.update_answers(
        actor=people["owner"], assessment=assessment, answers={**answers, "on_date": "2026-05-01"}
    )
    changes = list(AnswerChange.objects.filter(assessment=assessment).order_by("id"))
    assert [c.author.username for c in changes] == ["olga", "eddy"]
    assert changes[1].paths == ["on_date"]
    assert "on_date" in changes[0].paths and len(changes[0].paths) > 3
    assert changes[0].changed_at <= changes[1].changed_at


def test_changed_paths_names_nested_answers():
    old = {"schema": "x", "aid": {"amount": 5, "kind": "grant"}, "on_date": "2026-01-01"}
    new = {"schema": "x", "aid": {"amount": 6, "kind": "grant"}, "partners": 3}
    assert services.changed_paths(old, new) == ["aid.amount", "on_date", "partners"]


def test_the_page_says_why_and_the_api_lists_the_changes(people, answers):
    assessment = services.create_assessment(
        actor=people["owner"], collaboration=people["collaboration"], answers=answers
    )
    services.update_answers(
        actor=people["editor"], assessment=assessment, answers={**answers, "on_date": "2026-05-01"}
    )
    client = Client()
    client.force_login(people["editor"])
    client.cookies["django_language"] = "en"
    page = client.get(f"/legal/a/{assessment.pk}/").content.decode()
    assert "You changed answers of this assessment" in page
    assert "Sign off this motivation" not in page
    response = client.post(f"/legal/a/{assessment.pk}/sign-off/", {"remark": ""}, follow=True)
    assert "you changed answers of this assessment" in response.content.decode()
    api = client.get(f"/api/v1/assessments/{assessment.pk}", HTTP_ACCEPT_LANGUAGE="en").json()
    assert [c["author"] for c in api["answer_changes"]] == ["olga", "eddy"]
    refused = client.post(
        f"/api/v1/assessments/{assessment.pk}/sign-off",
        {"remark": ""},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert refused.status_code == 403
    assert "you changed answers" in refused.json()["detail"]
