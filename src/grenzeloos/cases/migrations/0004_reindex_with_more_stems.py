"""The stored search index of every case, computed again with today's stems.

A case's ``search_index`` is derived from its document (:func:`grenzeloos.cases.search.index_for`).
The search now also stems Dutch with Snowball's classic algorithm ("schulden" → "schuld"), so
indexes stored before lacked stems a query now looks for ("schuld" did not find "schulden").
Derived data only: going back leaves the richer index, which the former search reads as well.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations


def forwards(apps: Any, schema_editor: Any) -> None:
    from grenzeloos.cases import search

    case_model = apps.get_model("cases", "Case")
    for case in case_model.objects.all().order_by("pk").iterator():
        index = search.serialise(search.index_for(case.document or {}))
        if index != case.search_index:
            case_model.objects.filter(pk=case.pk).update(search_index=index)


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_publication_vocabulary_keys")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
