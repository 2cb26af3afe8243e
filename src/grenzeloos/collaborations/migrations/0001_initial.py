# The collaboration and its memberships move here from the canvas app. This migration only
# tells Django that these models now belong to "collaborations"; the tables made by
# canvas 0001 (with every row in them) stay as they are. 0002 then renames them.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("canvas", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Collaboration",
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
                        ("subject", models.CharField(max_length=300, verbose_name="subject")),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="created at"),
                        ),
                        (
                            "updated_at",
                            models.DateTimeField(auto_now=True, verbose_name="updated at"),
                        ),
                        (
                            "head_number",
                            models.PositiveIntegerField(default=0, verbose_name="latest revision"),
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
                        "verbose_name": "collaboration",
                        "verbose_name_plural": "collaborations",
                        "ordering": ("-updated_at", "-id"),
                        "db_table": "canvas_collaboration",
                    },
                ),
                migrations.CreateModel(
                    name="Membership",
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
                        (
                            "role",
                            models.CharField(
                                choices=[
                                    ("owner", "Owner"),
                                    ("editor", "Editor"),
                                    ("viewer", "Viewer"),
                                ],
                                max_length=20,
                                verbose_name="role",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="created at"),
                        ),
                        (
                            "collaboration",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="memberships",
                                to="collaborations.collaboration",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="memberships",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "membership",
                        "verbose_name_plural": "memberships",
                        "db_table": "canvas_membership",
                    },
                ),
                migrations.AddField(
                    model_name="collaboration",
                    name="members",
                    field=models.ManyToManyField(
                        related_name="collaborations",
                        through="collaborations.Membership",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                migrations.AddConstraint(
                    model_name="membership",
                    constraint=models.UniqueConstraint(
                        fields=("collaboration", "user"), name="unique_membership"
                    ),
                ),
            ],
        ),
    ]
