# The collaboration model moved from canvas to collaborations; the column and its rows stay.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("legal", "0001_initial"),
        ("collaborations", "0001_initial"),
    ]
    run_before = [("canvas", "0002_canvas_head")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="legalassessment",
                    name="collaboration",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="legal_assessments",
                        to="collaborations.collaboration",
                        verbose_name="collaboration",
                    ),
                ),
            ],
        ),
    ]
