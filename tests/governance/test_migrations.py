"""A store of the previous release (governance 0001: bodies, seats, decisions, votes) upgrades
to this one without loss: every row stays, decisions decide free text, seats are no financier
or sponsor, and nothing is adopted."""

from __future__ import annotations

import pytest
from django.db.migrations.executor import MigrationExecutor

from tests.collaborations.test_migrations import _migrate


@pytest.mark.django_db(transaction=True)
def test_the_previous_releases_governance_upgrades_without_loss():
    from django.db import connection

    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    executor = _migrate([("governance", "0001_initial")])
    old = executor.loader.project_state([("governance", "0001_initial")]).apps
    user = old.get_model("auth", "User").objects.create(username="olga", password="x$y")
    collaboration = old.get_model("collaborations", "Collaboration").objects.create(
        subject="Proeftuin", created_by=user
    )
    body = old.get_model("governance", "Body").objects.create(
        collaboration=collaboration, name="Stuurgroep", kind="steering_group", mandate="Besluit."
    )
    seat = old.get_model("governance", "Seat").objects.create(
        body=body, name="Olga", user=user, weight=2
    )
    decision = old.get_model("governance", "Decision").objects.create(
        body=body, title="Begroting", method="majority", proposed_by=user
    )
    old.get_model("governance", "Vote").objects.create(decision=decision, seat=seat, choice="for")
    _migrate(latest)

    from grenzeloos.governance.models import Body, Decision, Seat, Vote
    from grenzeloos.governance.services import adoptions

    assert list(Body.objects.values_list("name", "mandate")) == [("Stuurgroep", "Besluit.")]
    assert list(Seat.objects.values_list("name", "weight", "financier", "sponsor", "sector")) == [
        ("Olga", 2, False, False, "")
    ]
    assert list(Decision.objects.values_list("title", "subject", "revision", "reference")) == [
        ("Begroting", "text", None, "")
    ]
    assert list(Vote.objects.values_list("choice", flat=True)) == ["for"]
    assert adoptions(collaboration.pk) == []
