"""Each revision names the fields it changed; the migration fills them in for older stores."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from grenzeloos.canvas import services
from grenzeloos.canvas.models import Revision
from tests.canvas.factories import CanvasFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("grenzeloos.canvas.migrations.0005_revision_changed_fields")


def test_saves_store_what_they_changed_and_the_migration_computes_the_same():
    collaboration = CanvasFactory(partners=2)
    owner = collaboration.revisions.get(number=1).author
    services.update_fields(
        actor=owner, collaboration=collaboration, changes={"dream": "Nieuw"}, base_revision=1
    )
    services.update_fields(
        actor=owner,
        collaboration=collaboration,
        changes={"pitch": "Kort", "agreements_checklist": {"liability": "Elk voor zich"}},
        base_revision=2,
    )
    services.restore(actor=owner, collaboration=collaboration, number=1)
    stored = dict(collaboration.revisions.values_list("number", "changed_fields"))
    assert stored == {
        1: [],
        2: ["dream"],
        3: ["pitch", "agreements_checklist"],
        4: ["dream", "pitch", "agreements_checklist"],
    }
    Revision.objects.update(changed_fields=[])
    migration.fill(apps, None)
    assert dict(collaboration.revisions.values_list("number", "changed_fields")) == stored
