"""Full-text structures that differ by database.

PostgreSQL: an index over `vector`, RUM where the extension can be installed
(it returns rows in rank order and answers phrase queries from the index),
otherwise GIN. SQLite: the FTS5 table `search_fts` (rowid = SearchEntry.id) with
the default unicode61 tokenizer over the token strings; not the trigram
tokenizer, whose LIKE support returns no rows on SQLite 3.40.
"""

from django.db import DatabaseError, migrations, transaction

INDEX = "search_entry_vector_idx"
TITLE_INDEX = "search_entry_title_vector_idx"


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            try:
                with transaction.atomic(using=connection.alias):
                    cursor.execute("CREATE EXTENSION IF NOT EXISTS rum")
                    cursor.execute(f"CREATE INDEX {INDEX} ON search_searchentry USING rum (vector rum_tsvector_ops)")
            except DatabaseError:
                cursor.execute(f"CREATE INDEX {INDEX} ON search_searchentry USING gin (vector)")
            cursor.execute(f"CREATE INDEX {TITLE_INDEX} ON search_searchentry USING gin (title_vector)")
    elif connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, words, tokenize='unicode61')"
        )


def drop(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
        schema_editor.execute(f"DROP INDEX IF EXISTS {TITLE_INDEX}")
    elif connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
