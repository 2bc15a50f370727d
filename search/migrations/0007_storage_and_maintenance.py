"""Smaller, cheaper-to-write full-text structures, and autovacuum for the index table.

SQLite: `search_fts` becomes a contentless FTS5 table (content='') over the
columns title and body. The old table stored every token string a second
time beside its index (most of its size) and a column of whole words that
bm25 weighed 0. Matching, phrases and bm25 read the index alone, so search is
unchanged; deleting a row now gives FTS5 the columns it held, computed again
from the entry (search.indexing._delete_fts). The table is refilled here from
the entries already indexed.

PostgreSQL: `vector`, `title_vector` and `text` are compressed with lz4
instead of pglz (where the server has lz4), several times faster to write and
to read back when building the indexes; existing values keep pglz until they
are written again (`rebuild_search_index` rewrites them all). Autovacuum visits
the table after 2 % of its rows changed (default 20 %): a re-indexed entry
leaves its old version in the RUM and GIN indexes until a vacuum.
"""

from django.db import DatabaseError, migrations, transaction

TABLE = "search_searchentry"
COMPRESSED = ("vector", "title_vector", "text")
AUTOVACUUM = (
    "autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02, "
    "autovacuum_vacuum_insert_scale_factor = 0.02"
)
BATCH = 1000


def _refill(connection, columns: tuple[str, ...]) -> None:
    """Write every entry's token strings into a new, empty search_fts (a column
    after title and body is left empty)."""
    from search.indexing import stored_tokens

    insert = (
        f"INSERT INTO search_fts (rowid, {', '.join(columns)}) VALUES ({', '.join(['%s'] * (len(columns) + 1))})"
    )
    extra = ("",) * (len(columns) - 2)
    with connection.cursor() as reader, connection.cursor() as writer:
        reader.execute(f"SELECT id, title, doc_number, text FROM {TABLE} ORDER BY id")
        while rows := reader.fetchmany(BATCH):
            fields = [(f"{title} {number}".strip(), text) for _, title, number, text in rows]
            values = stored_tokens("sqlite", fields)
            writer.executemany(insert, [(row[0], *value, *extra) for row, value in zip(rows, values, strict=True)])


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TABLE IF EXISTS search_fts")
            cursor.execute("CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='', tokenize='unicode61')")
            _refill(connection, ("title", "body"))
        elif connection.vendor == "postgresql":
            for column in COMPRESSED:
                try:
                    with transaction.atomic(using=connection.alias):
                        cursor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN {column} SET COMPRESSION lz4")
                except DatabaseError:  # a server built without lz4 keeps pglz
                    break
            cursor.execute(f"ALTER TABLE {TABLE} SET ({AUTOVACUUM})")


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TABLE IF EXISTS search_fts")
            cursor.execute("CREATE VIRTUAL TABLE search_fts USING fts5(title, body, words, tokenize='unicode61')")
            _refill(connection, ("title", "body", "words"))
        elif connection.vendor == "postgresql":
            for column in COMPRESSED:
                cursor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN {column} SET COMPRESSION pglz")
            names = [part.split("=")[0].strip() for part in AUTOVACUUM.split(",")]
            cursor.execute(f"ALTER TABLE {TABLE} RESET ({', '.join(names)})")


class Migration(migrations.Migration):
    dependencies = [("search", "0006_loose_index")]

    operations = [migrations.RunPython(forwards, backwards)]
