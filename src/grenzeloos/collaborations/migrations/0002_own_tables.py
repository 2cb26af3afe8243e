# The tables get this app's names (a rename keeps every row), the head revision number has moved
# to the canvas (canvas 0002 copied it before this runs), and a collaboration gets a short
# description and a status. Audit events about collaborations follow the model's new label.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def relabel_audit(apps, schema_editor):
    event = apps.get_model("audit", "AuditEvent")
    event.objects.filter(target_type="canvas.collaboration").update(
        target_type="collaborations.collaboration"
    )


def unlabel_audit(apps, schema_editor):
    event = apps.get_model("audit", "AuditEvent")
    event.objects.filter(target_type="collaborations.collaboration").update(
        target_type="canvas.collaboration"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("collaborations", "0001_initial"),
        ("audit", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelTable(name="collaboration", table=None),
        migrations.AlterModelTable(name="membership", table=None),
        migrations.RemoveField(model_name="collaboration", name="head_number"),
        migrations.AddField(
            model_name="collaboration",
            name="description",
            field=models.CharField(blank=True, max_length=500, verbose_name="description"),
        ),
        migrations.AddField(
            model_name="collaboration",
            name="status",
            field=models.CharField(
                choices=[("forming", "Forming"), ("active", "Active"), ("closed", "Closed")],
                default="forming",
                max_length=20,
                verbose_name="status",
            ),
        ),
        migrations.AlterField(
            model_name="membership",
            name="collaboration",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="memberships",
                to="collaborations.collaboration",
                verbose_name="collaboration",
            ),
        ),
        migrations.AlterField(
            model_name="membership",
            name="user",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="memberships",
                to=settings.AUTH_USER_MODEL,
                verbose_name="account",
            ),
        ),
        migrations.RunPython(relabel_audit, unlabel_audit, elidable=False),
    ]
