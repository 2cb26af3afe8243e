# The organisations registry moved out of the partners ledger. Its tables stay where they are
# (``ledger_organisation``, ``ledger_contactperson``, named by ``db_table``), so no row is copied,
# dropped or recreated: this migration only tells Django's state that the models now belong to this
# app (the ledger's 0006 removes them from its own state and points its foreign keys here), and it
# renames their content types, so permissions and admin history follow them.

import django.core.validators
import django.db.models.deletion
import django.db.models.functions.text
from django.conf import settings
from django.db import migrations, models

import grenzeloos.core.inputs

MODELS = ("organisation", "contactperson")


def _rename_content_types(apps, schema_editor, old, new):
    content_type = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MODELS:
        if not content_type.objects.using(db).filter(app_label=new, model=model).exists():
            content_type.objects.using(db).filter(app_label=old, model=model).update(app_label=new)


def forwards(apps, schema_editor):
    _rename_content_types(apps, schema_editor, "ledger", "organisations")


def backwards(apps, schema_editor):
    _rename_content_types(apps, schema_editor, "organisations", "ledger")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
        # The tables were made (and filled) by the ledger's migrations.
        ("ledger", "0004_contribution_kind_labels_of_the_publication"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Organisation",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("name", models.CharField(max_length=200, verbose_name="name")),
                        (
                            "sector",
                            models.CharField(
                                choices=[
                                    ("government", "Government"),
                                    ("business", "Business"),
                                    ("knowledge", "Knowledge institution"),
                                    ("civil_society", "Civil society"),
                                    ("citizens", "Citizens"),
                                ],
                                max_length=20,
                                verbose_name="sector",
                            ),
                        ),
                        (
                            "kvk_number",
                            models.CharField(
                                blank=True,
                                max_length=8,
                                validators=[
                                    django.core.validators.RegexValidator(
                                        "^\\d{8}$",
                                        "A KvK number has exactly 8 digits.",
                                        code="invalid_kvk",
                                    )
                                ],
                                verbose_name="KvK number",
                            ),
                        ),
                        (
                            "size_class",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("small", "Small"),
                                    ("medium", "Medium-sized"),
                                    ("large", "Large"),
                                ],
                                max_length=10,
                                verbose_name="size class",
                            ),
                        ),
                        (
                            "staff",
                            models.DecimalField(
                                blank=True,
                                decimal_places=2,
                                max_digits=14,
                                null=True,
                                verbose_name="staff (annual work units)",
                            ),
                        ),
                        (
                            "turnover_eur",
                            models.DecimalField(
                                blank=True,
                                decimal_places=2,
                                max_digits=14,
                                null=True,
                                verbose_name="annual turnover (EUR)",
                            ),
                        ),
                        (
                            "balance_sheet_eur",
                            models.DecimalField(
                                blank=True,
                                decimal_places=2,
                                max_digits=14,
                                null=True,
                                verbose_name="balance-sheet total (EUR)",
                            ),
                        ),
                        (
                            "size_basis",
                            models.CharField(
                                blank=True, max_length=100, verbose_name="size class basis"
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="created at"),
                        ),
                        (
                            "updated_at",
                            models.DateTimeField(auto_now=True, verbose_name="updated at"),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="created by",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "organisation",
                        "verbose_name_plural": "organisations",
                        "db_table": "ledger_organisation",
                        "ordering": ("name", "id"),
                    },
                    bases=(grenzeloos.core.inputs.ReadsTolerantly, models.Model),
                ),
                migrations.CreateModel(
                    name="ContactPerson",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("name", models.CharField(blank=True, max_length=200, verbose_name="name")),
                        (
                            "email",
                            models.EmailField(blank=True, max_length=254, verbose_name="email"),
                        ),
                        ("role", models.CharField(blank=True, max_length=200, verbose_name="role")),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="created at"),
                        ),
                        (
                            "erased_at",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="personal data erased at"
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="ledger_contacts",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="account",
                            ),
                        ),
                        (
                            "organisation",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="contacts",
                                to="organisations.organisation",
                                verbose_name="organisation",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "contact person",
                        "verbose_name_plural": "contact persons",
                        "db_table": "ledger_contactperson",
                        "ordering": ("organisation", "name", "id"),
                    },
                    bases=(grenzeloos.core.inputs.ReadsTolerantly, models.Model),
                ),
                migrations.AddConstraint(
                    model_name="organisation",
                    constraint=models.UniqueConstraint(
                        django.db.models.functions.text.Lower("name"),
                        name="ledger_unique_organisation_name",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="organisation",
                    constraint=models.UniqueConstraint(
                        condition=models.Q(("kvk_number", ""), _negated=True),
                        fields=("kvk_number",),
                        name="ledger_unique_kvk_number",
                    ),
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
