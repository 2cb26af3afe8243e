"""Simultaneous saves from separate database connections never lose each other's work."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from grenzeloos.canvas import services
from tests.canvas.factories import load_fixture

FIELDS = ("dream", "societal_value", "proposition", "financing", "governance", "pitch")


@pytest.mark.django_db(transaction=True)
def test_parallel_saves_of_different_fields_all_survive(django_user_model):
    owner = django_user_model.objects.create_user("olga")
    collaboration = services.create_collaboration(
        actor=owner, document=load_fixture("canvas-rich.json")
    )
    barrier = threading.Barrier(len(FIELDS))
    errors: list[BaseException] = []

    def save(field: str) -> None:
        try:
            barrier.wait(timeout=10)
            services.update_fields(
                actor=owner,
                collaboration=collaboration,
                changes={field: f"nieuw: {field}"},
                base_revision=1,
            )
        except BaseException as error:  # collected and reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(field,)) for field in FIELDS]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    head = services.head(collaboration)
    assert head.number == 1 + len(FIELDS)
    for field in FIELDS:
        assert head.document[field] == f"nieuw: {field}"
