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


@pytest.mark.django_db(transaction=True)
def test_the_notices_of_governance_move_to_the_shared_floor_without_loss():
    """A store with governance 0003 (notices of mentions in governance's own table) upgrades:
    every notice is in accounts' table, for the same person, with its moment, whether it was
    read, who wrote the comment and a link to the comment's thread."""
    import datetime as dt

    from django.db import connection

    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    before = [("governance", "0003_pulse"), ("accounts", "0002_profile")]
    executor = _migrate(before)
    old = executor.loader.project_state(before).apps
    users = old.get_model("auth", "User").objects
    olga = users.create(username="olga", password="x$y")
    vera = users.create(username="vera", password="x$y")
    collaboration = old.get_model("collaborations", "Collaboration").objects.create(
        subject="Proeftuin", created_by=olga
    )
    comments = old.get_model("governance", "Comment").objects
    thread = comments.create(collaboration=collaboration, box="financing", text="@vera klopt?")
    thread.author = olga
    thread.save()
    reply = comments.create(
        collaboration=collaboration, parent=thread, box="financing", text="@olga ja", author=vera
    )
    notices = old.get_model("governance", "Notice").objects
    read_at = dt.datetime(2026, 3, 12, 10, 0, tzinfo=dt.UTC)
    first = notices.create(user=vera, comment=thread, read_at=read_at)
    second = notices.create(user=olga, comment=reply)
    _migrate(latest)

    from grenzeloos.accounts.models import Notice

    moved = list(
        Notice.objects.order_by("pk").values_list(
            "recipient__username", "kind", "text", "url", "actor__username", "created_at", "read_at"
        )
    )
    path = f"/governance/c/{collaboration.pk}/comments/#comment-{thread.pk}"
    assert moved == [
        ("vera", "mention", "Proeftuin: @vera klopt?", path, "olga", first.created_at, read_at),
        ("olga", "mention", "Proeftuin: @olga ja", path, "vera", second.created_at, None),
    ]
    from django.urls import reverse

    assert path.startswith(reverse("governance:comments", args=[collaboration.pk]))
