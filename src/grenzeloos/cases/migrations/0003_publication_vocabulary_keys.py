"""Where the money sits uses the publication's one set of keys (``grenzeloos.publication``).

Cases stored before said ``partner_not_government`` and ``distributed``; the canvas, the advice
and the vocabulary say ``partner`` and ``spread`` for the same two forms. Both the derived column
and the stored ``grenzeloos.case/1`` document are rewritten. Reversible: going back restores the
former keys. (The lessons' condition keys of the case format were already today's.)
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

#: Former key -> current key, frozen here as they were when this migration was written.
MONEY = {"partner_not_government": "partner", "distributed": "spread"}


def _rewrite(apps: Any, keys: dict[str, str]) -> None:
    case_model = apps.get_model("cases", "Case")
    for case in case_model.objects.all().order_by("pk").iterator():
        document = dict(case.document or {})
        if document.get("money_location") in keys:
            document["money_location"] = keys[document["money_location"]]
        column = keys.get(case.money_location, case.money_location)
        if document != case.document or column != case.money_location:
            case_model.objects.filter(pk=case.pk).update(document=document, money_location=column)


def forwards(apps: Any, schema_editor: Any) -> None:
    _rewrite(apps, MONEY)


def backwards(apps: Any, schema_editor: Any) -> None:
    _rewrite(apps, {new: old for old, new in MONEY.items()})


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_slug_unique_per_author_and_among_shared")]

    operations = [migrations.RunPython(forwards, backwards)]
