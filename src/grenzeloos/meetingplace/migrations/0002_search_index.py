# The index for finding statements by their words, built like the canvas's (migration canvas
# 0004): on SQLite an FTS5 table with the trigram tokenizer over meetingplace_statement's
# search_text (external content, rowid = id, kept by triggers); on PostgreSQL pg_trgm's GIN
# index for LIKE and a GIN index on the Dutch tsvector (the expression the matching uses).
#
# Note for later migrations: SQLite's schema editor rebuilds a table to alter it, which drops
# its triggers; a migration that alters meetingplace_statement must create them again.

from django.db import migrations

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE meetingplace_statement_fts USING fts5("
    "search_text, content='meetingplace_statement', content_rowid='id', tokenize='trigram')",
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
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS meetingplace_statement_fts_update",
    "DROP TRIGGER IF EXISTS meetingplace_statement_fts_delete",
    "DROP TRIGGER IF EXISTS meetingplace_statement_fts_insert",
    "DROP TABLE IF EXISTS meetingplace_statement_fts",
]
POSTGRESQL_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX meetingplace_statement_trgm ON meetingplace_statement "
    "USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX meetingplace_statement_dutch ON meetingplace_statement "
    "USING gin (to_tsvector('dutch'::regconfig, COALESCE(search_text, '')))",
]
POSTGRESQL_DROP = [
    "DROP INDEX IF EXISTS meetingplace_statement_dutch",
    "DROP INDEX IF EXISTS meetingplace_statement_trgm",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("meetingplace", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRESQL_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP}),
        ),
    ]
