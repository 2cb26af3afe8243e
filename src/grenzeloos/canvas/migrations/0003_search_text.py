# The visible text of each canvas's head revision, folded, kept on the Canvas row so searching
# reads one column instead of every revision's JSON. Existing stores are filled here.

from django.db import migrations, models


def fill_search_text(apps, schema_editor):
    from grenzeloos.canvas.search import visible_text

    canvas_model = apps.get_model("canvas", "Canvas")
    revision_model = apps.get_model("canvas", "Revision")
    batch = []
    for canvas in canvas_model.objects.order_by("pk").iterator(chunk_size=500):
        head = (
            revision_model.objects.filter(
                collaboration_id=canvas.collaboration_id, number=canvas.head_number
            )
            .values_list("document", flat=True)
            .first()
        )
        canvas.search_text = visible_text(head or {})
        batch.append(canvas)
        if len(batch) == 500:
            canvas_model.objects.bulk_update(batch, ["search_text"])
            batch = []
    canvas_model.objects.bulk_update(batch, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [("canvas", "0002_canvas_head")]

    operations = [
        migrations.AddField(
            model_name="canvas",
            name="search_text",
            field=models.TextField(blank=True, default="", verbose_name="search text"),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
    ]
