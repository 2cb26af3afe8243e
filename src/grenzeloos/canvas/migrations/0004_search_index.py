# An index for the search in the canvases' visible text (Canvas.search_text), so a search reads
# the index instead of every canvas's text (issue 8: 10,000 collaborations).
#
# SQLite: an FTS5 table with the trigram tokenizer over canvas_canvas(search_text), external
# content (it keeps no copy of the text), rowid = collaboration_id. Triggers on canvas_canvas
# keep it right for every write, bulk writes included; 'rebuild' fills it for the rows a store
# already has. A word of 3 or more characters is looked up in it (grenzeloos.canvas.search).
#
# PostgreSQL: pg_trgm's GIN index on search_text for LIKE '%word%' (Django's `contains`; the
# text is folded lower-case already), and a GIN index on the Dutch tsvector, with exactly the
# expression the search uses, for inflections ("daken" finds "dak").
#
# Each database gets only its own part; reversing drops what was made.
#
# Note for later migrations: SQLite's schema editor rebuilds a table to alter it, which drops
# its triggers. A migration that alters canvas_canvas must create the triggers again
# (tests/canvas/test_search_index.py checks they exist after all migrations).

from django.db import migrations

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE canvas_canvas_fts USING fts5("
    "search_text, content='canvas_canvas', content_rowid='collaboration_id', tokenize='trigram')",
    "CREATE TRIGGER canvas_canvas_fts_insert AFTER INSERT ON canvas_canvas BEGIN "
    "INSERT INTO canvas_canvas_fts(rowid, search_text) "
    "VALUES (new.collaboration_id, new.search_text); END",
    "CREATE TRIGGER canvas_canvas_fts_delete AFTER DELETE ON canvas_canvas BEGIN "
    "INSERT INTO canvas_canvas_fts(canvas_canvas_fts, rowid, search_text) "
    "VALUES ('delete', old.collaboration_id, old.search_text); END",
    "CREATE TRIGGER canvas_canvas_fts_update AFTER UPDATE OF collaboration_id, search_text "
    "ON canvas_canvas BEGIN "
    "INSERT INTO canvas_canvas_fts(canvas_canvas_fts, rowid, search_text) "
    "VALUES ('delete', old.collaboration_id, old.search_text); "
    "INSERT INTO canvas_canvas_fts(rowid, search_text) "
    "VALUES (new.collaboration_id, new.search_text); END",
    "INSERT INTO canvas_canvas_fts(canvas_canvas_fts) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS canvas_canvas_fts_update",
    "DROP TRIGGER IF EXISTS canvas_canvas_fts_delete",
    "DROP TRIGGER IF EXISTS canvas_canvas_fts_insert",
    "DROP TABLE IF EXISTS canvas_canvas_fts",
]

POSTGRESQL_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX canvas_canvas_search_trgm ON canvas_canvas USING gin (search_text gin_trgm_ops)",
    # The expression Django's SearchVector("search_text", config="dutch") writes.
    "CREATE INDEX canvas_canvas_search_dutch ON canvas_canvas "
    "USING gin (to_tsvector('dutch'::regconfig, COALESCE(search_text, '')))",
]
POSTGRESQL_DROP = [
    "DROP INDEX IF EXISTS canvas_canvas_search_dutch",
    "DROP INDEX IF EXISTS canvas_canvas_search_trgm",
    # The extension stays: other objects may use it by then, and it holds no data.
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("canvas", "0003_search_text")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRESQL_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP}),
        ),
    ]
