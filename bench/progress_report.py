"""Benchmark of the progress report: 200 partners, 1,000,000 contribution rows, a year's report.

Run: ``.venv/bin/python bench/progress_report.py`` (a throw-away SQLite data dir), or on
PostgreSQL: ``GRENZELOOS_PG_PORT=55512 scripts/with-postgres.sh .venv/bin/python
bench/progress_report.py``. ``--rows N`` changes the number of log rows.

All rows fall inside the reported year (the worst case: every row is summed). The goal is a
year's report under one second on either database; it is computed by one ``GROUP BY`` query
over a covering index plus a few small queries, whatever the number of rows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
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
from django.db import connection, transaction  # noqa: E402

from grenzeloos.ledger import services  # noqa: E402
from grenzeloos.ledger.models import Commitment, Contribution, Partner  # noqa: E402
from grenzeloos.ledger.report import ReportInfo, render_report  # noqa: E402
from tests.ledger.factories import make_collaboration  # noqa: E402

PARTNERS = 200
SECTORS = ("government", "business", "knowledge", "civil_society", "citizens")
KINDS = (
    ("people", "hours"),
    ("people", "hours"),
    ("people", "hours"),
    ("money", "EUR"),
    ("location", "EUR"),
    ("people", "fte"),
)
YEAR = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def timed(name: str, action: Callable[[], object], repeat: int = 5) -> float:
    """Median wall-clock time, and the median CPU time of this process (on SQLite the database
    work runs in this process, so CPU time shows the cost on a machine that others share)."""
    samples, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        samples.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    median = statistics.median(samples)
    print(
        f"{name:<52} median {median * 1000:8.1f} ms wall, "
        f"{statistics.median(cpu) * 1000:8.1f} ms CPU (n={repeat})"
    )
    return median


def build(rows: int) -> tuple[int, object]:
    user = get_user_model().objects.create_user("bench")
    collaboration_id = make_collaboration(user)
    partners = Partner.objects.bulk_create(
        Partner(
            collaboration_id=collaboration_id,
            name=f"Partner {index:03d}",
            sector=SECTORS[index % len(SECTORS)],
            hourly_rate_eur=60 + index % 40 if index % 3 else None,
        )
        for index in range(PARTNERS)
    )
    Commitment.objects.bulk_create(
        Commitment(
            collaboration_id=collaboration_id,
            partner=partner,
            period_start=YEAR[0],
            period_end=YEAR[1],
            kind="people",
            quantity=240,
            unit="hours",
        )
        for partner in partners
    )
    services.configure(
        actor=user,
        collaboration_id=collaboration_id,
        hourly_rate=Decimal(75),
        target_split=services.THIRDS_EXAMPLE,
    )
    rng = random.Random(12)
    ids = [partner.pk for partner in partners]
    table = Contribution._meta.db_table
    columns = (
        "collaboration_id, partner_id, date, kind, quantity, unit, description, evidence, "
        "created_at"
    )
    now = dt.datetime.now(dt.UTC)
    # Loading a million rows is faster without the report's indexes; they are built after.
    indexes = list(Contribution._meta.indexes)
    with connection.schema_editor() as editor:
        for index in indexes:
            editor.remove_index(Contribution, index)
    started = time.perf_counter()
    chunk = 50_000
    with transaction.atomic(), connection.cursor() as cursor:
        for offset in range(0, rows, chunk):
            batch = []
            for index in range(offset, min(rows, offset + chunk)):
                kind, unit = KINDS[index % len(KINDS)]
                quantity = (
                    f"{rng.randint(1, 8)}.{rng.choice(('00', '25', '50', '75'))}"
                    if unit == "hours"
                    else ("0.01" if unit == "fte" else f"{rng.randint(10, 900)}.00")
                )
                batch.append(
                    (
                        collaboration_id,
                        ids[index % PARTNERS],
                        YEAR[0] + dt.timedelta(days=index % 365),
                        kind,
                        quantity,
                        unit,
                        "",
                        "",
                        now,
                    )
                )
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:  # type: ignore[attr-defined]
                    for record in batch:
                        copy.write_row(record)
            else:
                cursor.executemany(
                    f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",  # noqa: S608
                    batch,
                )
    print(f"loaded {rows:,} contribution rows in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    with connection.schema_editor() as editor:
        for index in indexes:
            editor.add_index(Contribution, index)
    print(f"built the report indexes in {time.perf_counter() - started:.1f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {table}")
    else:
        # No ANALYZE: the app never runs it, so this measures the plan people get. Fold the
        # write-ahead log into the database file as a long-running server would have.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return collaboration_id, user


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    print(
        f"database: {connection.vendor}; load average {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} CPUs"
    )
    collaboration_id, user = build(args.rows)
    assert Contribution.objects.filter(collaboration_id=collaboration_id).count() == args.rows

    def year() -> object:
        return services.progress_report(
            user=user, collaboration_id=collaboration_id, start=YEAR[0], end=YEAR[1]
        )

    def quarter() -> object:
        return services.progress_report(
            user=user,
            collaboration_id=collaboration_id,
            start=dt.date(2026, 1, 1),
            end=dt.date(2026, 3, 31),
        )

    report = year()
    total_hours = sum(row.realised.hours for row in report.partners)  # type: ignore[attr-defined]
    print(f"report: {len(report.partners)} partners, {total_hours:,.2f} realised hours")  # type: ignore[attr-defined]
    seconds = timed(f"progress report, a year ({args.rows:,} rows)", year)
    timed("progress report, a quarter", quarter)
    info = ReportInfo(collaboration="bench")
    for fmt in ("csv", "xlsx", "md", "odt", "pdf"):
        timed(
            f"  + render {fmt} (200 partners)",
            lambda fmt=fmt: render_report(report, info, fmt, "nl"),  # type: ignore[misc]
            repeat=3 if fmt == "pdf" else 5,
        )
    print(f"goal under 1 s for a year's report: {'met' if seconds < 1 else 'NOT met'} (wall)")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
