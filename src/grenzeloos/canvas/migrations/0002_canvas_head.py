# Collaboration and Membership now belong to the collaborations app (their tables and rows are
# kept; see collaborations 0001/0002). What belongs to the canvas itself, the number of the
# latest revision, moves into a Canvas row per collaboration, filled from the old column.

import django.db.models.deletion
from django.db import migrations, models


def fill_canvases(apps, schema_editor):
    collaboration_model = apps.get_model("collaborations", "Collaboration")
    canvas_model = apps.get_model("canvas", "Canvas")
    rows = collaboration_model.objects.order_by("pk").values_list("pk", "head_number")
    batch = []
    for pk, head_number in rows.iterator(chunk_size=1000):
        batch.append(canvas_model(collaboration_id=pk, head_number=head_number))
        if len(batch) == 1000:
            canvas_model.objects.bulk_create(batch)
            batch = []
    canvas_model.objects.bulk_create(batch)


def empty_canvases(apps, schema_editor):
    collaboration_model = apps.get_model("collaborations", "Collaboration")
    canvas_model = apps.get_model("canvas", "Canvas")
    for canvas in canvas_model.objects.all().iterator(chunk_size=1000):
        collaboration_model.objects.filter(pk=canvas.collaboration_id).update(
            head_number=canvas.head_number
        )
    canvas_model.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("canvas", "0001_initial"),
        ("collaborations", "0001_initial"),
    ]
    run_before = [("collaborations", "0002_own_tables")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="revision",
                    name="collaboration",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="revisions",
                        to="collaborations.collaboration",
                    ),
                ),
                migrations.RemoveField(model_name="collaboration", name="members"),
                migrations.DeleteModel(name="Membership"),
                migrations.DeleteModel(name="Collaboration"),
            ],
        ),
        migrations.CreateModel(
            name="Canvas",
            fields=[
                (
                    "collaboration",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="canvas",
                        serialize=False,
                        to="collaborations.collaboration",
                        verbose_name="collaboration",
                    ),
                ),
                (
                    "head_number",
                    models.PositiveIntegerField(default=0, verbose_name="latest revision"),
                ),
            ],
            options={"verbose_name": "canvas", "verbose_name_plural": "canvases"},
        ),
        migrations.RunPython(fill_canvases, empty_canvases, elidable=False),
    ]
