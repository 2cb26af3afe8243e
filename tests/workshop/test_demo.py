"""The demo data's finished workshop: made once, closed, with notes, dots, a cluster and an
adoption that named the workshop in a canvas revision."""

from __future__ import annotations

import pytest
from django.db.models import Count

from grenzeloos.canvas.models import Revision
from grenzeloos.workshop.demo import PITCH, TITLE, load_demo_workshop
from grenzeloos.workshop.models import Note, State, Workshop

pytestmark = pytest.mark.django_db


def test_the_demo_holds_one_finished_workshop_with_notes_dots_and_an_adoption(people):
    collaboration = people["collaboration"]
    assert load_demo_workshop(facilitator=people["owner"], collaboration_id=collaboration.pk)
    assert not load_demo_workshop(facilitator=people["owner"], collaboration_id=collaboration.pk)
    made = Workshop.objects.get(collaboration=collaboration)
    assert (made.title, made.state) == (TITLE, State.CLOSED)
    dots = Note.objects.filter(workshop=made).annotate(n=Count("dots")).order_by("pk")
    assert [note.n for note in dots] == [3, 2, 2, 1]
    assert made.participants.filter(user__isnull=True).count() == 2
    adoption = made.adoptions.get()
    assert (adoption.box, adoption.text) == ("pitch", PITCH)
    revision = Revision.objects.get(collaboration=collaboration, number=adoption.revision)
    assert f"(#{made.pk})" in revision.message
