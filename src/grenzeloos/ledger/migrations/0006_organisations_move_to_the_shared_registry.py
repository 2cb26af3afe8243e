# Organisations and contact persons moved to the shared registry (``grenzeloos.organisations``).
# State only: the tables stay as they are (the registry's models name them with ``db_table``), and
# the foreign keys of partners, refused links and contributions keep pointing at the same rows.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("ledger", "0005_report_header_and_volunteer_hours"),
        ("organisations", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="contribution",
                    name="person",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.RESTRICT,
                        related_name="contributions",
                        to="organisations.contactperson",
                        verbose_name="person",
                    ),
                ),
                migrations.RemoveField(
                    model_name="organisation",
                    name="created_by",
                ),
                migrations.AlterField(
                    model_name="linkrefusal",
                    name="organisation",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="refusals",
                        to="organisations.organisation",
                        verbose_name="organisation",
                    ),
                ),
                migrations.AlterField(
                    model_name="partner",
                    name="organisation",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="partnerships",
                        to="organisations.organisation",
                        verbose_name="organisation",
                    ),
                ),
                migrations.DeleteModel(
                    name="ContactPerson",
                ),
                migrations.DeleteModel(
                    name="Organisation",
                ),
            ],
        ),
    ]
