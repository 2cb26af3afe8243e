"""Benchmark of a process's pages: 2,000 items in one template, each with its moves.

Run: ``.venv/bin/python bench/processes_bench.py`` (a throw-away SQLite data dir), or on
PostgreSQL: ``GRENZELOOS_PG_PORT=55512 scripts/with-postgres.sh .venv/bin/python
bench/processes_bench.py``. ``--items N`` changes the number of items.

The board, the funnel, one item's page and the page of a challenge with 500 scored
submissions (its ranking included) are asked for through the whole Django stack (the
test client, signed in as a viewer) and their 95th percentile is printed. The goal: under
100 ms each on this machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("GRENZELOOS_DATA_DIR", tempfile.mkdtemp(prefix="grenzeloos-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "grenzeloos.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from grenzeloos.collaborations.models import Membership  # noqa: E402
from grenzeloos.ledger.models import Commitment, Partner  # noqa: E402
from grenzeloos.processes import services  # noqa: E402
from grenzeloos.processes.models import Item, Transition  # noqa: E402
from tests.ledger.factories import make_collaboration  # noqa: E402


def build(count: int) -> tuple[int, int, int, object]:
    users = get_user_model().objects
    owner = users.create_user("bench-owner")
    viewer = users.create_user("bench-viewer")
    collaboration_id = make_collaboration(owner)
    Membership.objects.create(collaboration_id=collaboration_id, user=viewer, role="viewer")
    partner = Partner.objects.create(
        collaboration_id=collaboration_id, name="Gemeente", sector="government"
    )
    for quantity, unit in (("240", "hours"), ("0.6", "fte"), ("20000", "EUR")):
        Commitment.objects.create(
            collaboration_id=collaboration_id,
            partner=partner,
            period_start=dt.date(2026, 1, 1),
            period_end=dt.date(2026, 12, 31),
            kind="money" if unit == "EUR" else "people",
            quantity=Decimal(quantity),
            unit=unit,
        )
    process = services.copy_template(
        actor=owner, collaboration_id=collaboration_id, template_key="scaling-hop-step-jump"
    )
    stages = services.template_of(process).stage_keys()
    now = timezone.now()
    with transaction.atomic():
        items = Item.objects.bulk_create(
            Item(
                process=process,
                name=f"Project {number:05d} klimaatadaptieve wijk",
                linked_id=collaboration_id if number % 10 == 0 else None,
                stage=stages[number % len(stages)],
                entered_stage_at=now - dt.timedelta(days=number % 90),
                created_by=owner,
            )
            for number in range(count)
        )
        Transition.objects.bulk_create(
            Transition(
                item=item,
                kind="advance",
                from_stage=stages[max(0, stages.index(item.stage) - 1)],
                to_stage=item.stage,
                criteria=[{"key": "technology", "note": "ok"}],
                reason="Besloten in de stuurgroep.",
                seconds_in_stage=86400 * (index % 30),
                decided_by=owner,
                decided_at=now,
            )
            for index, item in enumerate(items)
            for _ in range(2)
        )
    return collaboration_id, process.pk, items[0].pk, viewer


def build_challenge(collaboration_id: int, submissions: int) -> int:
    """A challenge with ``submissions`` submissions, three assessors who scored them all."""
    from grenzeloos.processes import challenges
    from grenzeloos.processes.models import Assessor, Score, Submission

    users = get_user_model().objects
    owner = users.get(username="bench-owner")
    challenge = challenges.create_challenge(
        actor=owner,
        collaboration_id=collaboration_id,
        title="Volle afvalbakken",
        theme="Schone stad",
        problem="Bakken raken vol.",
        budget=Decimal("25000"),
        deadline=dt.date(2099, 1, 1),
        owner_role="Eigenaar",
        owner_hours=Decimal("80"),
        reserved_budget=Decimal("25000"),
    )
    assessors = [users.create_user(f"bench-assessor-{n}") for n in range(3)]
    for person in assessors:
        Membership.objects.create(collaboration_id=collaboration_id, user=person, role="viewer")
        Assessor.objects.create(challenge=challenge, user=person)
    with transaction.atomic():
        rows = Submission.objects.bulk_create(
            Submission(
                challenge=challenge,
                organisation=f"Start-up {n:03d} bv",
                submitted_by=owner,
                title=f"Idee {n:03d}",
                summary="Een sensor in elke bak.",
            )
            for n in range(submissions)
        )
        Score.objects.bulk_create(
            Score(submission=s, assessor=a, criterion=c, value=1 + (s.pk + a.pk + i) % 5)
            for s in rows
            for a in assessors
            for i, c in enumerate(("innovation", "value", "scalability"))
        )
    return challenge.pk


def p95(client: Client, url: str, repeat: int) -> tuple[float, float, float]:
    """Median and 95th percentile wall-clock time, and the 95th percentile CPU time of this
    process (on SQLite the database work runs here too: CPU time shows the page's cost on a
    machine that others share)."""
    samples, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        samples.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        assert response.status_code == 200, (url, response.status_code)
    samples.sort()
    cpu.sort()
    high = int(len(samples) * 0.95) - 1
    return statistics.median(samples), samples[high], cpu[high]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--submissions", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args()
    call_command("migrate", interactive=False, verbosity=0)
    collaboration_id, process_id, item_id, viewer = build(args.items)
    client = Client(HTTP_ACCEPT_LANGUAGE="nl", HTTP_HOST="127.0.0.1")
    client.force_login(viewer)
    pages = {
        "board": reverse("processes:board", args=[collaboration_id, process_id]),
        "funnel": reverse("processes:funnel", args=[collaboration_id, process_id]),
        "item": reverse("processes:item", args=[collaboration_id, item_id]),
    }
    challenge_id = build_challenge(collaboration_id, args.submissions)
    pages["challenge"] = reverse("processes:challenge", args=[collaboration_id, challenge_id])
    print(
        f"{args.items} items in one process, {2 * args.items} moves; "
        f"{args.submissions} submissions scored by three assessors in one challenge"
    )
    for name, url in pages.items():
        client.get(url)  # warm
        median, high, cpu = p95(client, url, args.repeat)
        print(
            f"{name:<9} median {median * 1000:6.1f} ms, p95 {high * 1000:6.1f} ms wall, "
            f"p95 {cpu * 1000:6.1f} ms CPU"
        )


if __name__ == "__main__":
    main()
