"""``django-admin find_bad_text``: find stored text that the boundary now refuses.

Before the input guard, a NUL or a lone surrogate could reach the store (SQLite keeps both);
such a revision is immutable and is shown with U+FFFD by the readers. This command lists every
such value in every text and JSON column of every model, with the row and the path inside the
JSON, so an administrator knows what was affected. It changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import models

from grenzeloos.core.inputs import printable, text_problem, text_problems

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


class Command(BaseCommand):
    help = "Report stored texts with NUL, lone surrogates or control characters (changes nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--fail", action="store_true", help="exit with status 1 when anything is found"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        found = 0
        rows = 0
        for model in apps.get_models():
            fields = [
                field
                for field in model._meta.concrete_fields
                if isinstance(field, TEXT_FIELDS) and not field.primary_key
            ]
            if not fields:
                continue
            names = [field.name for field in fields]
            queryset = model._default_manager.order_by("pk").values_list("pk", *names)
            for pk, *values in queryset.iterator(chunk_size=500):
                row_found = 0
                for field, value in zip(fields, values, strict=True):
                    for where, message in _problems(field, value):
                        self.stdout.write(
                            f"{model._meta.label} #{pk} {field.name}{where}: {message}"
                        )
                        row_found += 1
                found += row_found
                rows += 1 if row_found else 0
        summary = f"{found} bad value(s) in {rows} row(s)"
        if found and options["fail"]:
            raise CommandError(summary)
        self.stdout.write(summary)


def _problems(field: models.Field, value: Any) -> list[tuple[str, str]]:
    if value is None:
        return []
    if isinstance(field, models.JSONField):
        return [
            (f" {printable(problem.path)}" if problem.path else "", problem.message)
            for problem in text_problems(value)
        ]
    message = text_problem(str(value))
    return [("", message)] if message else []
