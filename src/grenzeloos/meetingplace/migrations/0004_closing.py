# Why and when its owner closed a statement, and an index for the digest (the open statements
# published since a moment).
#
# On SQLite adding a NOT NULL column rebuilds meetingplace_statement, which drops the triggers
# that keep the FTS index of migration 0002 current: they are made again here and the index is
# rebuilt from the table (its rows keep their ids, so the index's rowids still hold).

from django.db import migrations, models

#: The triggers of migration 0002, as they were made there.
SQLITE_TRIGGERS = [
    "DROP TRIGGER IF EXISTS meetingplace_statement_fts_update",
    "DROP TRIGGER IF EXISTS meetingplace_statement_fts_delete",
    "DROP TRIGGER IF EXISTS meetingplace_statement_fts_insert",
    "CREATE TRIGGER meetingplace_statement_fts_insert AFTER INSERT ON meetingplace_statement "
    "BEGIN INSERT INTO meetingplace_statement_fts(rowid, search_text) "
    "VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER meetingplace_statement_fts_delete AFTER DELETE ON meetingplace_statement "
    "BEGIN INSERT INTO meetingplace_statement_fts(meetingplace_statement_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER meetingplace_statement_fts_update AFTER UPDATE OF search_text "
    "ON meetingplace_statement BEGIN "
    "INSERT INTO meetingplace_statement_fts(meetingplace_statement_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO meetingplace_statement_fts(rowid, search_text) "
    "VALUES (new.id, new.search_text); END",
    "INSERT INTO meetingplace_statement_fts(meetingplace_statement_fts) VALUES ('rebuild')",
]


def _triggers_again(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_TRIGGERS:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("meetingplace", "0003_terms")]

    operations = [
        migrations.AddField(
            model_name="statement",
            name="closed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="closed at"),
        ),
        migrations.AddField(
            model_name="statement",
            name="closed_reason",
            field=models.CharField(
                blank=True,
                choices=[("found", "found what it sought"), ("not_relevant", "no longer relevant")],
                max_length=20,
                verbose_name="why it was closed",
            ),
        ),
        migrations.AddIndex(
            model_name="statement",
            index=models.Index(fields=["status", "created_at"], name="meetingplace_open_since"),
        ),
        migrations.RunPython(_triggers_again, migrations.RunPython.noop),
    ]
