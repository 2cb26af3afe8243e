"""Assessments on record: life cycle, four eyes, immutability, reopen, permissions, audit."""

from __future__ import annotations

import pytest

from grenzeloos.audit.services import events_for
from grenzeloos.core.errors import NotFound, PermissionDenied
from grenzeloos.legal import services
from grenzeloos.legal.models import LegalAssessment, Status

pytestmark = pytest.mark.django_db


def create(people, answers=None, who="owner"):
    return services.create_assessment(
        actor=people[who], collaboration=people["collaboration"], answers=answers
    )


def test_create_runs_the_engine_and_records_everything(people, answers):
    assessment = create(people, answers)
    assert assessment.status == Status.DRAFT
    assert assessment.outcome["regime"] == "state_aid"
    assert assessment.outcome["state_aid"]["route"] == "gber"
    assert assessment.on_date.isoformat() == "2026-03-01"
    assert "gber" in " ".join(assessment.rule_set_ids)
    assert assessment.author == people["owner"]
    assert assessment.title.endswith(people["collaboration"].subject)
    assert [e.action for e in events_for(assessment)] == ["legal.assessment_created"]
    assert services.has_assessment(people["collaboration"])
    assert not services.has_assessment(people["collaboration"], signed_off_only=True)


def test_a_draft_may_be_partial_until_it_has_a_date(people):
    assessment = create(people, {"government_role": "funder"})
    assert assessment.outcome is None and assessment.on_date is None
    assert assessment.answers["schema"] == "grenzeloos.legal/1"
    updated = services.update_answers(
        actor=people["editor"],
        assessment=assessment,
        answers={**assessment.answers, "on_date": "2026-03-01"},
    )
    assert updated.outcome["regime"] == "state_aid"
    assert events_for(assessment).first().action == "legal.answers_updated"


def test_invalid_answers_name_every_path(people):
    with pytest.raises(services.InvalidAnswersError) as error:
        create(people, {"aid": {"foo": 1, "amount_eur": "a"}})
    assert {p.path for p in error.value.problems} == {"aid.foo", "aid.amount_eur"}
    assert LegalAssessment.objects.count() == 0


def test_update_answers_reruns_the_engine(people, answers):
    assessment = create(people, answers)
    changed = {**answers, "government_role": "client", "consideration": True}
    updated = services.update_answers(
        actor=people["editor"], assessment=assessment, answers=changed
    )
    assert updated.outcome["regime"] == "procurement"


def test_sign_off_needs_four_eyes(people, answers):
    assessment = create(people, answers)
    with pytest.raises(PermissionDenied):
        services.sign_off(
            actor=people["owner"],
            assessment=assessment,
            version=services.answers_version(assessment),
        )
    with pytest.raises(PermissionDenied):
        services.sign_off(
            actor=people["viewer"],
            assessment=assessment,
            version=services.answers_version(assessment),
        )
    with pytest.raises(NotFound):
        services.sign_off(
            actor=people["stranger"],
            assessment=assessment,
            version=services.answers_version(assessment),
        )
    signed = services.sign_off(
        actor=people["editor"],
        assessment=assessment,
        version=services.answers_version(assessment),
        remark=" Akkoord ",
    )
    assert signed.status == Status.SIGNED_OFF
    assert signed.signed_off_by == people["editor"]
    assert signed.signed_off_at is not None and signed.sign_off_remark == "Akkoord"
    assert services.has_assessment(people["collaboration"], signed_off_only=True)


def test_sign_off_needs_a_complete_draft(people):
    assessment = create(people, {"government_role": "funder"})
    with pytest.raises(services.StatusError):
        services.sign_off(
            actor=people["editor"],
            assessment=assessment,
            version=services.answers_version(assessment),
        )


def test_signed_off_is_immutable(people, answers):
    assessment = create(people, answers)
    services.sign_off(
        actor=people["editor"], assessment=assessment, version=services.answers_version(assessment)
    )
    with pytest.raises(services.StatusError):
        services.update_answers(actor=people["owner"], assessment=assessment, answers=answers)
    with pytest.raises(services.StatusError):
        services.sign_off(
            actor=people["editor"],
            assessment=assessment,
            version=services.answers_version(assessment),
        )
    assessment.refresh_from_db()
    assert assessment.status == Status.SIGNED_OFF and assessment.answers == answers


def test_reopen_makes_a_new_draft_and_keeps_history(people, answers):
    old = create(people, answers)
    services.sign_off(
        actor=people["editor"], assessment=old, version=services.answers_version(old), remark="ok"
    )
    new = services.reopen(actor=people["editor"], assessment=old)
    old.refresh_from_db()
    assert old.status == Status.SUPERSEDED and old.signed_off_by == people["editor"]
    assert new.status == Status.DRAFT and new.pk != old.pk
    assert new.answers == old.answers and new.supersedes == old
    assert new.author == people["editor"] and new.signed_off_by is None
    with pytest.raises(services.StatusError):
        services.reopen(actor=people["editor"], assessment=old)
    with pytest.raises(services.StatusError):
        services.reopen(actor=people["editor"], assessment=new)
    listed = list(
        services.list_assessments(user=people["viewer"], collaboration=people["collaboration"])
    )
    assert {a.pk for a in listed} == {old.pk, new.pk}
    assert events_for(old).first().action == "legal.assessment_superseded"


@pytest.mark.parametrize(
    ("who", "read", "write"),
    [
        ("owner", True, True),
        ("editor", True, True),
        ("viewer", True, PermissionDenied),
        ("stranger", NotFound, NotFound),
    ],
)
def test_permissions(people, answers, who, read, write):
    assessment = create(people, answers)
    user = people[who]
    if read is True:
        assert services.get_assessment(user=user, pk=assessment.pk) == assessment
    else:
        with pytest.raises(read):
            services.get_assessment(user=user, pk=assessment.pk)
    if write is True:
        create(people, answers, who=who)
    else:
        with pytest.raises(write):
            create(people, answers, who=who)


def test_anonymous_and_missing(people, answers):
    from django.contrib.auth.models import AnonymousUser

    assessment = create(people, answers)
    with pytest.raises(NotFound):
        services.get_assessment(user=AnonymousUser(), pk=assessment.pk)
    with pytest.raises(NotFound):
        services.get_assessment(user=people["owner"], pk=999999)
    with pytest.raises(NotFound):
        services.get_assessment(user=people["owner"], pk="x")
