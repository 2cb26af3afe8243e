"""A backup taken while 20 writers save restores to a consistent store: every revision's parent
is there, each canvas's head is its latest revision, and the revisions match the audit log of
the saves up to the backup's moment. And a store written by the previous release upgrades, then
backs up and restores without loss."""

from __future__ import annotations

import json
import threading
import time
import zipfile
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.db.models import Count

from grenzeloos import backup
from grenzeloos.audit.models import AuditEvent
from grenzeloos.canvas import services
from grenzeloos.canvas.models import Canvas, Revision
from tests.canvas.factories import load_fixture

WRITERS = 20


def _consistent() -> dict[int, int]:
    """Check the store; the number of revisions per collaboration."""
    numbers: dict[int, set[int]] = {}
    for collaboration, number in Revision.objects.values_list("collaboration_id", "number"):
        numbers.setdefault(collaboration, set()).add(number)
    for collaboration, base in Revision.objects.values_list("collaboration_id", "base_number"):
        assert base is None or base in numbers[collaboration]
    for canvas in Canvas.objects.all():
        assert numbers[canvas.pk] == set(range(1, canvas.head_number + 1))
    saves = dict(
        AuditEvent.objects.filter(
            target_type="collaborations.collaboration",
            action__in=("canvas.created", "canvas.saved"),
        )
        .values_list("target_id")
        .annotate(count=Count("id"))
    )
    counts = {pk: len(found) for pk, found in numbers.items()}
    assert {int(pk): count for pk, count in saves.items()} == counts
    return counts


@pytest.mark.django_db(transaction=True)
def test_a_backup_taken_while_twenty_writers_save_restores_consistently(
    django_user_model, tmp_path
):
    owner = django_user_model.objects.create_user("olga")
    collaborations = [
        services.create_collaboration(actor=owner, document=load_fixture("canvas-minimal.json"))
        for _ in range(WRITERS)
    ]
    stop = threading.Event()
    errors: list[BaseException] = []
    saved = [0] * WRITERS

    def write(index: int) -> None:
        collaboration = collaborations[index]
        try:
            while not stop.is_set():
                head = Canvas.objects.get(pk=collaboration.pk).head_number
                services.update_fields(
                    actor=owner,
                    collaboration=collaboration,
                    changes={"dream": f"droom {index}.{head}"},
                    base_revision=head,
                )
                saved[index] += 1
        except BaseException as error:  # collected and reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(i,)) for i in range(WRITERS)]
    for thread in threads:
        thread.start()
    try:
        _wait_until(lambda: sum(saved) >= 2 * WRITERS)
        archive = tmp_path / "store.zip"
        backup.write_backup(archive)
        at_backup = sum(saved)
        _wait_until(lambda: sum(saved) >= at_backup + WRITERS)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
    assert errors == []
    final = _consistent()
    assert sum(final.values()) == WRITERS + sum(saved)

    with transaction.atomic():
        backup._delete_everything("default")
    backup.restore_backup(archive)
    restored = _consistent()
    # A moment between the first saves and the last: some saves in, later ones not.
    assert 3 * WRITERS <= sum(restored.values()) < sum(final.values())
    assert set(restored) == set(final)


def _wait_until(condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the writers did not save in time"
        time.sleep(0.02)


OLD = [
    ("canvas", "0001_initial"),
    ("legal", "0001_initial"),
    ("audit", "0001_initial"),
    ("collaborations", None),
]


@pytest.mark.django_db(transaction=True)
def test_a_store_of_the_previous_release_upgrades_then_backs_up_and_restores(tmp_path):
    from tests.collaborations.test_migrations import _migrate

    executor = _migrate(OLD)
    old = executor.loader.project_state(
        [("canvas", "0001_initial"), ("legal", "0001_initial"), ("audit", "0001_initial")]
    ).apps
    olga = old.get_model("auth", "User").objects.create(username="olga", password="x$y")
    collaboration = old.get_model("canvas", "Collaboration").objects.create(
        subject="Proeftuin", created_by=olga, head_number=2
    )
    old.get_model("canvas", "Membership").objects.create(
        collaboration=collaboration, user=olga, role="owner"
    )
    for number in (1, 2):
        old.get_model("canvas", "Revision").objects.create(
            collaboration=collaboration,
            number=number,
            document={"subject": "Proeftuin", "dream": f"droom {number}"},
            author=olga,
            base_number=number - 1 or None,
        )
    old.get_model("legal", "LegalAssessment").objects.create(
        collaboration=collaboration, title="Route", author=olga
    )
    _migrate(executor.loader.graph.leaf_nodes())

    first = tmp_path / "first.zip"
    backup.write_backup(first)
    with transaction.atomic():
        backup._delete_everything("default")
    backup.restore_backup(first)
    second = tmp_path / "second.zip"
    backup.write_backup(second)
    assert _members(second) == _members(first)
    rows = {m[0]: m[1] for m in _members(first)}
    assert rows["canvas.revision"] == 2 and rows["legal.answerchange"] == 1
    assert [r.document["dream"] for r in Revision.objects.order_by("number")] == [
        "droom 1",
        "droom 2",
    ]


def _members(path: Path) -> list[tuple[str, int, str]]:
    with zipfile.ZipFile(path) as opened:
        manifest = json.loads(opened.read("manifest.json"))
    return [(m["model"], m["rows"], m["sha256"]) for m in manifest["members"]]
