# The audit log is append-only in the database too. On PostgreSQL a row trigger refuses every
# UPDATE and DELETE of an audit event, from any client (TRUNCATE is no row operation: Django's
# flush uses it to empty every table between transactional tests, so it stays possible). On
# SQLite a trigger refuses UPDATE; DELETE is refused by the model only, because Django's flush
# empties SQLite tables with DELETE. An account that acted can no longer be deleted (PROTECT):
# setting the actor of its events to NULL would change them.
#
# On SQLite a migration that alters this table rebuilds it, which drops the trigger: create it
# again in that migration (tests/audit/test_append_only.py fails otherwise).
#
# A later migration that must rewrite audit events (a model moving app, as collaborations 0002
# did) drops the trigger first and creates it again after; that is why this one runs after it.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

POSTGRESQL_FORWARDS = [
    """
    CREATE FUNCTION audit_auditevent_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'the audit log is append-only: % on audit_auditevent refused', TG_OP
            USING ERRCODE = 'restrict_violation';
    END;
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER audit_auditevent_append_only
        BEFORE UPDATE OR DELETE ON audit_auditevent
        FOR EACH ROW EXECUTE FUNCTION audit_auditevent_append_only()
    """,
]
POSTGRESQL_BACKWARDS = [
    "DROP TRIGGER IF EXISTS audit_auditevent_append_only ON audit_auditevent",
    "DROP FUNCTION IF EXISTS audit_auditevent_append_only()",
]
SQLITE_FORWARDS = [
    """
    CREATE TRIGGER audit_auditevent_append_only BEFORE UPDATE ON audit_auditevent
    BEGIN
        SELECT RAISE(ABORT, 'the audit log is append-only: UPDATE on audit_auditevent refused');
    END
    """,
]
SQLITE_BACKWARDS = ["DROP TRIGGER IF EXISTS audit_auditevent_append_only"]

FORWARDS = {"postgresql": POSTGRESQL_FORWARDS, "sqlite": SQLITE_FORWARDS}
BACKWARDS = {"postgresql": POSTGRESQL_BACKWARDS, "sqlite": SQLITE_BACKWARDS}


def create_trigger(apps, schema_editor):
    for statement in FORWARDS.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement, params=None)


def drop_trigger(apps, schema_editor):
    for statement in BACKWARDS.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        # It rewrites the target type of audit events: it must run before the trigger exists
        # (and, migrating back, after the trigger is gone).
        ("collaborations", "0002_own_tables"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="actor",
            ),
        ),
        migrations.RunPython(create_trigger, drop_trigger),
    ]
