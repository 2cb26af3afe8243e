# Each revision names the fields it changed from the revision before it, so the history can
# say which boxes each revision changed without reading two whole documents per row. The
# revisions a store already has are filled in here, from their documents.

from django.db import migrations, models

from grenzeloos.canvas.document import ALL_FIELDS, OPTIONAL_FIELDS

BATCH = 500


def changed(old, new):
    fields = [name for name in ALL_FIELDS if old.get(name) != new.get(name)]
    fields += [name for name in OPTIONAL_FIELDS if (old.get(name) or {}) != (new.get(name) or {})]
    return fields


def fill(apps, schema_editor):
    Revision = apps.get_model("canvas", "Revision")
    pending = []
    previous = (None, None)  # (collaboration id, document)
    rows = Revision.objects.order_by("collaboration_id", "number").only(
        "pk", "collaboration_id", "number", "document"
    )
    for revision in rows.iterator(chunk_size=BATCH):
        collaboration_id, document = previous
        if collaboration_id == revision.collaboration_id and revision.number > 1:
            revision.changed_fields = changed(document or {}, revision.document or {})
            if revision.changed_fields:
                pending.append(revision)
        previous = (revision.collaboration_id, revision.document)
        if len(pending) >= BATCH:
            Revision.objects.bulk_update(pending, ["changed_fields"])
            pending = []
    if pending:
        Revision.objects.bulk_update(pending, ["changed_fields"])


class Migration(migrations.Migration):
    dependencies = [("canvas", "0004_search_index")]

    operations = [
        migrations.AddField(
            model_name="revision",
            name="changed_fields",
            field=models.JSONField(blank=True, default=list, verbose_name="changed fields"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
