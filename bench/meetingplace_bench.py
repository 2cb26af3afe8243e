"""Matches for one problem statement among 5,000 organisations and 20,000 statements (issue 25).

Run: ``.venv/bin/python bench/meetingplace_bench.py [--organisations 5000] [--statements 20000]``
(a throw-away SQLite data dir, or PostgreSQL when DATABASE_URL is set).

Seeds the rows in bulk (what the services would write, search text included; the search index
follows through its triggers on SQLite and its expression indexes on PostgreSQL): every
organisation has a contact person with an account; statements get 2–4 of 300 themes and text
from a pool of Dutch words; 80 % are open to everyone, 10 % to one sector, 10 % only to two
invited organisations. Then, as the person of one organisation, the matches of 100 statements
are computed through the service (visibility, candidates by themes and words, reasons, past
collaborations). Prints p50, p95 and worst in ms. Goal: p95 under 200 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("GRENZELOOS_DATA_DIR", tempfile.mkdtemp(prefix="grenzeloos-meet-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "grenzeloos.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from grenzeloos import publication  # noqa: E402
from grenzeloos.meetingplace import matching, services  # noqa: E402
from grenzeloos.meetingplace.models import Statement, StatementTerm, Visibility  # noqa: E402
from grenzeloos.organisations.models import ContactPerson, Organisation  # noqa: E402

WORDS = (
    "energiearmoede huishoudens energierekening wijken huurders eenzaamheid ouderen jongeren "
    "schulden schuldhulp armoede wateroverlast hittestress verduurzaming isolatie warmtenet "
    "mobiliteit deelfietsen laadpalen bereikbaarheid zorgkosten mantelzorg wachtlijsten "
    "arbeidsmarkt personeelstekort vakmensen onderwijs laaggeletterdheid digitalisering "
    "cybersecurity gegevensdeling privacy innovatie startups samenwerking gemeenten provincie "
    "bewoners burgers ondernemers kennisinstellingen hogeschool universiteit subsidie "
    "financiering regelgeving vergunningen stikstof landbouw biodiversiteit grondwater "
    "woningbouw betaalbaarheid leefbaarheid veiligheid ondermijning criminaliteit"
).split()


def seed(organisations: int, statements: int) -> None:
    rng = random.Random(25)
    themes = [f"{rng.choice(WORDS)}{index}" for index in range(300)]
    sectors = publication.keys(publication.Sector)
    seats = publication.keys(publication.Seat)
    users = get_user_model().objects
    with transaction.atomic():
        people = users.bulk_create(
            [get_user_model()(username=f"bench{index}") for index in range(organisations)]
        )
        orgs = Organisation.objects.bulk_create(
            [
                Organisation(name=f"Organisatie {index:05d}", sector=sectors[index % len(sectors)])
                for index in range(organisations)
            ]
        )
        ContactPerson.objects.bulk_create(
            [
                ContactPerson(organisation=o, user=u, name=u.username)
                for o, u in zip(orgs, people, strict=True)
            ]
        )
        rows = []
        for index in range(statements):
            chosen = rng.sample(themes, rng.randint(2, 4))
            title = " ".join(rng.sample(WORDS, 4))
            hurts = " ".join(rng.sample(WORDS, 25))
            roll = rng.random()
            visibility = (
                Visibility.EVERYONE
                if roll < 0.8
                else Visibility.SECTOR
                if roll < 0.9
                else Visibility.INVITED
            )
            rows.append(
                Statement(
                    organisation=orgs[index % organisations],
                    author=people[index % organisations],
                    title=title.capitalize(),
                    hurts=hurts,
                    themes=matching.joined(chosen),
                    seeking=matching.joined(rng.sample(seats, 2)),
                    seat=rng.choice(seats),
                    visibility=visibility,
                    audience_sector=rng.choice(sectors) if visibility == Visibility.SECTOR else "",
                    search_text=matching.fold("\n".join([title, hurts, *chosen])),
                )
            )
        created = Statement.objects.bulk_create(rows, batch_size=2000)
        StatementTerm.objects.bulk_create(
            [
                StatementTerm(statement_id=s.pk, term=term)
                for s in created
                for term in matching.terms(s.search_text, matching.split(s.themes))
            ],
            batch_size=10_000,
        )
        through = Statement.invited.through
        through.objects.bulk_create(
            [
                through(statement_id=s.pk, organisation_id=orgs[(s.pk * 7 + k) % organisations].pk)
                for s in created
                if s.visibility == Visibility.INVITED
                for k in (1, 2)
            ],
            batch_size=5000,
        )
    if connection.vendor == "postgresql":  # as autovacuum leaves a store in use
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=5000)
    parser.add_argument("--statements", type=int, default=20000)
    parser.add_argument("--samples", type=int, default=100)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    seed(args.organisations, args.statements)
    print(
        f"database: {connection.vendor}; seeded {args.organisations} organisations and "
        f"{args.statements} statements in {time.perf_counter() - started:.1f} s"
    )
    person = get_user_model().objects.get(username="bench0")
    visible = list(services.visible_statements(person).order_by("pk").values_list("pk", flat=True))
    rng = random.Random(7)
    probes = rng.sample(visible, args.samples)
    services.matches(user=person, statement=Statement(pk=probes[0]))  # warm the caches
    samples, found = [], []
    for pk in probes:
        begin = time.perf_counter()
        result = services.matches(user=person, statement=Statement(pk=pk))
        samples.append((time.perf_counter() - begin) * 1000)
        found.append(len(result.statements))
    samples.sort()
    p95 = samples[int(len(samples) * 0.95) - 1]
    print(
        f"matches of one statement ({len(samples)} statements, {statistics.mean(found):.1f} "
        f"matches each): p50 {statistics.median(samples):.1f} ms  p95 {p95:.1f} ms  "
        f"worst {samples[-1]:.1f} ms"
    )

    publishing(person, rng, args.samples // 5)


def publishing(person, rng: random.Random, count: int) -> None:  # type: ignore[no-untyped-def]
    """Publishing a statement with the themes of a stored one, as the person: the statement,
    its terms and the in-app notice of everyone who follows one of its themes and may see it."""
    from grenzeloos.accounts.models import Notice
    from grenzeloos.organisations.models import Organisation as Registry

    organisation = Registry.objects.get(contacts__user=person)
    stored = list(Statement.objects.order_by("?").values_list("themes", flat=True)[:count])
    samples, told = [], []
    for index, themes in enumerate(stored):
        before = Notice.objects.count()
        begin = time.perf_counter()
        services.publish(
            actor=person,
            organisation=organisation,
            data=services.StatementData(
                title=f"Nieuw probleem {index}",
                hurts=" ".join(rng.sample(WORDS, 25)),
                themes=matching.split(themes),
            ),
        )
        samples.append((time.perf_counter() - begin) * 1000)
        told.append(Notice.objects.count() - before)
    samples.sort()
    p95 = samples[max(0, int(len(samples) * 0.95) - 1)]
    print(
        f"publishing one statement ({len(samples)} statements, {statistics.mean(told):.0f} "
        f"notices each): p50 {statistics.median(samples):.1f} ms  p95 {p95:.1f} ms  "
        f"worst {samples[-1]:.1f} ms"
    )


if __name__ == "__main__":
    main()
