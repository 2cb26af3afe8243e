"""Data migrations of the legal app keep stored drafts meaning what they meant."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from grenzeloos.legal.models import LegalAssessment, Status
from tests.legal.factories import AssessmentFactory

split = importlib.import_module("grenzeloos.legal.migrations.0004_split_collaboration_answer")


@pytest.mark.django_db
def test_a_no_to_collaboration_or_dissemination_becomes_no_to_both() -> None:
    draft = AssessmentFactory()
    signed = AssessmentFactory()
    for assessment, status in ((draft, Status.DRAFT), (signed, Status.SIGNED_OFF)):
        answers = dict(assessment.answers)
        answers["aid"] = {**answers["aid"], "effective_collaboration": False}
        answers["aid"].pop("wide_dissemination", None)
        LegalAssessment.objects.filter(pk=assessment.pk).update(answers=answers, status=status)
    split.split_the_no(apps, None)
    draft.refresh_from_db()
    signed.refresh_from_db()
    assert draft.answers["aid"]["wide_dissemination"] is False
    assert draft.answers["aid"]["effective_collaboration"] is False
    assert "wide_dissemination" not in signed.answers["aid"]  # a record is never rewritten
